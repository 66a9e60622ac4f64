// Everything around the table: header lines, the summary sentence, the legend, manager notes
// and the landing page. All text goes in through textContent. On small tiles the page layout
// collapses the notes, then the sentence to its compact form, then the legend, then the header
// lines (a small ⓘ button keeps them in its tooltip and name); see page-fit.ts.
import type { IsoDate } from '../../../core/src/index';
import type { ViewModel } from '../converter/view-model';
import type { LocaleFormat } from '../locale';
import type { ResolvedSettings } from '../settings/resolved';
import type { Strings } from '../strings';
import type { SentenceWording } from '../wording/sentence';
import type { LegendEntry } from '../wording/status-labels';
import { clear, el, setHidden } from './dom';
import { LegendView } from './legend';
import type { ChromeFit, ChromeHeights } from './page-fit';
import { SummaryView } from './summary';
import { lineHeightFor } from './table-layout';

/** Numbers the notes panel so aria-controls stays unique with several visuals on a page. */
let notesCount = 0;

export interface ChromeInput {
  model: ViewModel;
  settings: ResolvedSettings;
  strings: Strings;
  locale: LocaleFormat;
  /** The sentence, or null while more rows are on their way. */
  sentence: SentenceWording | null;
  legend: readonly LegendEntry[];
  /** The data's as-at date, or null when no row gave one (the line is left out). */
  asAt: IsoDate | null;
}

export class ChromeView {
  readonly header = el('div', 'ppoc-header');
  private readonly info = el('button', 'ppoc-info');
  private readonly fcoLine = el('div', 'ppoc-header-line ppoc-fco');
  private readonly filterLine = el('div', 'ppoc-header-line ppoc-filters');
  private readonly asAtLine = el('div', 'ppoc-header-line ppoc-asat');
  private readonly summaryView = new SummaryView();
  readonly summary = this.summaryView.element;
  readonly loading = el('p', 'ppoc-loading');
  private readonly legendView = new LegendView();
  readonly legend = this.legendView.block;
  readonly notes = el('div', 'ppoc-notes');
  private readonly notesToggle = el('button', 'ppoc-notes-toggle');
  private readonly notesBody = el('div', 'ppoc-notes-body');
  private notesOpen = false;
  private headerFontPt = 10;
  private strings: Strings | null = null;
  /** What the settings show, before any collapsing. */
  private shown = { header: false, headerLines: false, legend: false, notes: false, summary: false };
  /** Set by the app: opening the notes or the definitions changes the page layout. */
  onToggled: (() => void) | null = null;

  constructor(private readonly openLink: (url: string) => void) {
    this.info.type = 'button';
    this.header.append(this.fcoLine, this.filterLine, this.info, this.asAtLine);
    this.loading.setAttribute('role', 'status');
    this.notesToggle.type = 'button';
    this.notesToggle.setAttribute('aria-expanded', 'false');
    this.notesBody.id = `ppoc-notes-${(notesCount += 1)}`;
    // A region a keyboard can scroll when long notes overflow it (axe scrollable-region-focusable).
    this.notesBody.tabIndex = 0;
    this.notesToggle.setAttribute('aria-controls', this.notesBody.id);
    this.notesToggle.addEventListener('click', () => this.toggleNotes());
    this.notes.append(this.notesToggle, this.notesBody);
    this.notesBody.hidden = true;
    this.legendView.onToggled = () => this.onToggled?.();
  }

  render(input: ChromeInput): void {
    const { model, settings, strings } = input;
    this.strings = strings;
    this.renderHeader(input);
    this.summaryView.render(input.sentence, settings.summary.fontSize);
    this.loading.textContent = input.sentence ? '' : strings('Loading_More');
    setHidden(this.loading, input.sentence !== null);
    const items = settings.legend.show && model.hasStatus;
    this.legendView.render(model, input.legend, settings, strings, input.locale, items);
    this.renderNotes(settings, strings);
    this.shown.summary = settings.summary.show && input.sentence !== null;
    this.shown.legend = items || settings.legend.total;
    this.shown.notes = settings.notes.show;
  }

  /** What the user opened: the page keeps it rather than collapse it. */
  get opened(): { notes: boolean; legend: boolean } {
    return { notes: this.notesOpen, legend: this.legendView.isOpen };
  }

  /** Shows everything the settings ask for, at full height, ready to be measured. */
  expand(): void {
    setHidden(this.header, !this.shown.header);
    this.header.classList.remove('ppoc-collapsed');
    setHidden(this.info, true);
    setHidden(this.summary, !this.shown.summary);
    this.summaryView.expand();
    setHidden(this.legend, !this.shown.legend);
    setHidden(this.notes, !this.shown.notes);
  }

  /** Natural heights of the blocks (after expand(); reading them lays the page out once). */
  measure(): ChromeHeights {
    const header = this.shown.header ? this.header.offsetHeight : 0;
    const asAt = this.asAtLine.hidden ? 0 : this.asAtLine.offsetHeight;
    const summary = this.shown.summary ? this.summaryView.measure() : { full: 0, compact: 0 };
    return {
      header,
      // Collapsed, the header is one line: the ⓘ button beside the as-at line (2px: its margin).
      headerCollapsed: this.shown.header && this.shown.headerLines ? Math.min(header, Math.max(lineHeightFor(this.headerFontPt) + 2, asAt)) : header,
      summary: summary.full,
      summaryCompact: summary.compact,
      loading: this.loading.hidden ? 0 : this.loading.offsetHeight,
      legend: this.shown.legend ? this.legend.offsetHeight : 0,
      notes: this.shown.notes ? this.notes.offsetHeight : 0,
    };
  }

  apply(fit: ChromeFit): void {
    setHidden(this.notes, !(this.shown.notes && fit.notes));
    setHidden(this.legend, !(this.shown.legend && fit.legend));
    const collapse = this.shown.header && this.shown.headerLines && fit.headerCollapsed;
    this.header.classList.toggle('ppoc-collapsed', collapse);
    setHidden(this.info, !collapse);
    this.summaryView.apply(fit.compact);
  }

  private renderHeader({ model, settings, strings, locale, asAt }: ChromeInput): void {
    const h = settings.header;
    this.headerFontPt = h.fontSize;
    this.header.style.fontSize = `${h.fontSize}pt`;
    const fco = model.header.fullCareOrder;
    const fcoText = fco ? `${strings('Header_FullCareOrder')}: ${fco}` : '';
    this.fcoLine.textContent = fcoText;
    setHidden(this.fcoLine, !(h.fullCareOrder && fco));
    const lines = model.header;
    const filters = [
      [strings('Header_LocalityTeam'), lines.localityTeam],
      [strings('Header_AssessmentType'), lines.assessmentType],
      [strings('Header_Status'), lines.status],
      [strings('Header_PlacementType'), lines.placementType],
    ].flatMap(([label, value]) => (value === null ? [] : [`${label}: ${value}`]));
    // One phrase per filter: a narrow tile breaks the line between them, never inside one.
    clear(this.filterLine);
    filters.forEach((phrase, i) => {
      if (i > 0) this.filterLine.append(' ');
      this.filterLine.append(el('span', 'ppoc-phrase', i < filters.length - 1 ? `${phrase} |` : phrase));
    });
    setHidden(this.filterLine, !h.filters || filters.length === 0);
    this.asAtLine.textContent = asAt ? `${strings('AsAt_Prefix')} ${locale.formatDate(asAt)}` : '';
    setHidden(this.asAtLine, !h.asAt || asAt === null);
    const shownLines = [!this.fcoLine.hidden ? fcoText : '', !this.filterLine.hidden ? filters.join(' | ') : ''].filter((line) => line !== '');
    this.info.title = shownLines.join('\n');
    this.info.setAttribute('aria-label', `${strings('Header_Info_Label')}: ${shownLines.join('; ')}`);
    this.shown.headerLines = shownLines.length > 0;
    this.shown.header = h.show && (shownLines.length > 0 || !this.asAtLine.hidden);
  }

  private renderNotes(settings: ResolvedSettings, strings: Strings): void {
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
    this.onToggled?.();
  }
}

export function renderLanding(container: HTMLElement, strings: Strings): void {
  clear(container);
  container.append(el('h2', 'ppoc-landing-title', strings('Landing_Title')), el('p', 'ppoc-landing-body', strings('Landing_Body')));
}
