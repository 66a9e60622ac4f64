// Everything around the table: header lines, the summary sentence, the legend, manager notes
// and the landing page. All text goes in through textContent.
import { STATUS_KEYS, formatUkDate, statusText } from '../../../core/src/index';
import type { ViewModel } from '../converter/view-model';
import type { ResolvedSettings } from '../settings/resolved';
import type { Strings } from '../strings';
import { textColorFor } from './colors';
import { clear, el, setHidden } from './dom';

const LEGEND_LABELS: Record<(typeof STATUS_KEYS)[number], string> = {
  upcoming: 'Upcoming',
  notYetStarted: 'Not Yet Started',
  late: 'Started Late',
  onTime: 'Started On Time',
  plannedLater: 'Planned later',
};
const LEGEND_ORDER = ['upcoming', 'notYetStarted', 'late', 'onTime', 'plannedLater'] as const;
/** Numbers the notes panel so aria-controls stays unique with several visuals on a page. */
let notesCount = 0;

export class ChromeView {
  readonly header = el('div', 'ppoc-header');
  private readonly fcoLine = el('div', 'ppoc-header-line ppoc-fco');
  private readonly filterLine = el('div', 'ppoc-header-line ppoc-filters');
  private readonly asAtLine = el('div', 'ppoc-header-line ppoc-asat');
  readonly summary = el('p', 'ppoc-summary');
  readonly loading = el('p', 'ppoc-loading');
  readonly legend = el('ul', 'ppoc-legend');
  readonly notes = el('div', 'ppoc-notes');
  private readonly notesToggle = el('button', 'ppoc-notes-toggle');
  private readonly notesBody = el('div', 'ppoc-notes-body');
  private notesOpen = false;
  private strings: Strings | null = null;

  constructor(private readonly openLink: (url: string) => void) {
    this.header.append(this.fcoLine, this.filterLine, this.asAtLine);
    this.summary.setAttribute('aria-live', 'polite');
    this.loading.setAttribute('role', 'status');
    this.notesToggle.type = 'button';
    this.notesToggle.setAttribute('aria-expanded', 'false');
    this.notesBody.id = `ppoc-notes-${(notesCount += 1)}`;
    this.notesToggle.setAttribute('aria-controls', this.notesBody.id);
    this.notesToggle.addEventListener('click', () => this.toggleNotes());
    this.notes.append(this.notesToggle, this.notesBody);
    this.notesBody.hidden = true;
  }

  render(model: ViewModel, settings: ResolvedSettings, strings: Strings, sentenceReady: boolean): void {
    this.strings = strings;
    this.renderHeader(model, settings, strings);
    const showSentence = settings.summary.show && sentenceReady;
    this.summary.textContent = showSentence ? model.sentence : '';
    this.summary.style.fontSize = `${settings.summary.fontSize}pt`;
    setHidden(this.summary, !showSentence);
    this.loading.textContent = sentenceReady ? '' : strings('Loading_More');
    setHidden(this.loading, sentenceReady);
    this.renderLegend(settings, strings);
    this.renderNotes(settings, strings);
  }

  private renderHeader(model: ViewModel, settings: ResolvedSettings, strings: Strings): void {
    const h = settings.header;
    this.header.style.fontSize = `${h.fontSize}pt`;
    setHidden(this.header, !h.show);
    const fco = model.header.fullCareOrder;
    this.fcoLine.textContent = fco ? `${strings('Header_FullCareOrder')}: ${fco}` : '';
    setHidden(this.fcoLine, !(h.fullCareOrder && fco));
    this.filterLine.textContent = [
      `${strings('Header_LocalityTeam')}: ${model.header.localityTeam}`,
      `${strings('Header_AssessmentType')}: ${model.header.assessmentType}`,
      `${strings('Header_Status')}: ${model.header.status}`,
      `${strings('Header_PlacementType')}: ${model.header.placementType}`,
    ].join(' | ');
    setHidden(this.filterLine, !h.filters);
    this.asAtLine.textContent = `${strings('AsAt_Prefix')} ${formatUkDate(model.asAt)}`;
    setHidden(this.asAtLine, !h.asAt);
  }

  private renderLegend(settings: ResolvedSettings, strings: Strings): void {
    clear(this.legend);
    this.legend.setAttribute('aria-label', strings('Legend_Label'));
    setHidden(this.legend, !settings.legend);
    for (const key of LEGEND_ORDER) {
      const item = el('li', `ppoc-legend-item ppoc-status--${key}`);
      const swatch = el('span', 'ppoc-swatch');
      swatch.setAttribute('aria-hidden', 'true');
      const hc = settings.highContrast;
      const fill = hc ? hc.background : settings.statusColors[key];
      swatch.style.backgroundColor = fill;
      swatch.style.borderColor = hc ? hc.foreground : textColorFor(fill) === '#000000' ? fill : 'transparent';
      item.title = statusText(key, settings.windowMonths);
      item.append(swatch, el('span', 'ppoc-legend-text', LEGEND_LABELS[key]));
      this.legend.appendChild(item);
    }
  }

  private renderNotes(settings: ResolvedSettings, strings: Strings): void {
    setHidden(this.notes, !settings.notes.show);
    this.notesToggle.textContent = strings(this.notesOpen ? 'Notes_Hide' : 'Notes_Show');
    clear(this.notesBody);
    const text = settings.notes.text.trim();
    for (const paragraph of (text || strings('Notes_Empty')).split(/\n+/)) {
      this.notesBody.appendChild(el('p', 'ppoc-notes-text', paragraph));
    }
    const link = settings.notes.link;
    if (link) {
      const button = el('button', 'ppoc-notes-link', strings('Notes_Link'));
      button.type = 'button';
      button.title = link;
      button.addEventListener('click', () => this.openLink(link));
      this.notesBody.appendChild(button);
    }
  }

  private toggleNotes(): void {
    this.notesOpen = !this.notesOpen;
    this.notesBody.hidden = !this.notesOpen;
    this.notesToggle.setAttribute('aria-expanded', String(this.notesOpen));
    if (this.strings) this.notesToggle.textContent = this.strings(this.notesOpen ? 'Notes_Hide' : 'Notes_Show');
  }
}

export function renderLanding(container: HTMLElement, strings: Strings): void {
  clear(container);
  container.append(el('h2', 'ppoc-landing-title', strings('Landing_Title')), el('p', 'ppoc-landing-body', strings('Landing_Body')));
}
