// Everything around the table: header lines, the summary sentence, the legend, manager notes
// and the landing page. All text goes in through textContent. On small tiles the page layout
// collapses the notes, then the legend, then the header lines (a small ⓘ button keeps them
// in its tooltip); see page-fit.ts.
import { formatUkDate } from '../../../core/src/index';
import type { ViewModel } from '../converter/view-model';
import type { ResolvedSettings } from '../settings/resolved';
import type { Strings } from '../strings';
import { clear, el, setHidden } from './dom';
import { LegendView } from './legend';
import type { ChromeFit, ChromeHeights } from './page-fit';

/** Numbers the notes panel so aria-controls stays unique with several visuals on a page. */
let notesCount = 0;

export class ChromeView {
  readonly header = el('div', 'ppoc-header');
  private readonly info = el('button', 'ppoc-info');
  private readonly fcoLine = el('div', 'ppoc-header-line ppoc-fco');
  private readonly filterLine = el('div', 'ppoc-header-line ppoc-filters');
  private readonly asAtLine = el('div', 'ppoc-header-line ppoc-asat');
  readonly summary = el('p', 'ppoc-summary');
  readonly loading = el('p', 'ppoc-loading');
  private readonly legendView = new LegendView();
  readonly legend = this.legendView.list;
  readonly descriptions = this.legendView.descriptions;
  readonly notes = el('div', 'ppoc-notes');
  private readonly notesToggle = el('button', 'ppoc-notes-toggle');
  private readonly notesBody = el('div', 'ppoc-notes-body');
  private notesOpen = false;
  private headerFontPt = 10;
  private strings: Strings | null = null;
  /** What the settings show, before any collapsing. */
  private shown = { header: false, headerLines: false, asAt: false, legend: false, notes: false, summary: false };

  constructor(private readonly openLink: (url: string) => void) {
    this.info.type = 'button';
    this.header.append(this.fcoLine, this.filterLine, this.info, this.asAtLine);
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
    this.loading.textContent = sentenceReady ? '' : strings('Loading_More');
    setHidden(this.loading, sentenceReady);
    this.legendView.render(model, settings, strings);
    this.renderNotes(settings, strings);
    this.shown.summary = showSentence;
    this.shown.legend = settings.legend && model.hasStatus;
    this.shown.notes = settings.notes.show;
  }

  /** Shows everything the settings ask for, at full height, ready to be measured. */
  expand(): void {
    setHidden(this.header, !this.shown.header);
    this.header.classList.remove('ppoc-collapsed');
    setHidden(this.info, true);
    setHidden(this.summary, !this.shown.summary);
    this.summary.style.maxHeight = '';
    setHidden(this.legend, !this.shown.legend);
    setHidden(this.notes, !this.shown.notes);
  }

  /** Natural heights of the blocks (after expand(); reading them lays the page out once). */
  measure(): ChromeHeights {
    const header = this.shown.header ? this.header.offsetHeight : 0;
    // Collapsed, the header is one line: the ⓘ button beside the as-at line (2px: its margin).
    const line = Math.max(Math.ceil(this.headerFontPt * (4 / 3) * 1.35) + 2, this.asAtLine.hidden ? 0 : this.asAtLine.offsetHeight);
    return {
      header,
      headerCollapsed: this.shown.header && this.shown.headerLines ? Math.min(header, line) : header,
      summary: this.shown.summary ? this.summary.scrollHeight : 0,
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
    this.summary.style.maxHeight = fit.summaryMax === null ? '' : `${fit.summaryMax}px`;
  }

  private renderHeader(model: ViewModel, settings: ResolvedSettings, strings: Strings): void {
    const h = settings.header;
    this.headerFontPt = h.fontSize;
    this.header.style.fontSize = `${h.fontSize}pt`;
    const fco = model.header.fullCareOrder;
    const fcoText = fco ? `${strings('Header_FullCareOrder')}: ${fco}` : '';
    this.fcoLine.textContent = fcoText;
    setHidden(this.fcoLine, !(h.fullCareOrder && fco));
    const filters = [
      `${strings('Header_LocalityTeam')}: ${model.header.localityTeam}`,
      `${strings('Header_AssessmentType')}: ${model.header.assessmentType}`,
      `${strings('Header_Status')}: ${model.header.status}`,
      `${strings('Header_PlacementType')}: ${model.header.placementType}`,
    ].join(' | ');
    this.filterLine.textContent = filters;
    setHidden(this.filterLine, !h.filters);
    this.asAtLine.textContent = `${strings('AsAt_Prefix')} ${formatUkDate(model.asAt)}`;
    setHidden(this.asAtLine, !h.asAt);
    const lines = [!this.fcoLine.hidden ? fcoText : '', !this.filterLine.hidden ? filters : ''].filter((line) => line !== '');
    this.info.title = lines.join('\n');
    this.info.setAttribute('aria-label', `${strings('Header_Info_Label')}: ${lines.join('; ')}`);
    this.shown.headerLines = lines.length > 0;
    this.shown.header = h.show && (lines.length > 0 || h.asAt);
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
    this.onNotesToggled?.();
  }

  /** Set by the app: opening the notes changes the page layout. */
  onNotesToggled: (() => void) | null = null;
}

export function renderLanding(container: HTMLElement, strings: Strings): void {
  clear(container);
  container.append(el('h2', 'ppoc-landing-title', strings('Landing_Title')), el('p', 'ppoc-landing-body', strings('Landing_Body')));
}
