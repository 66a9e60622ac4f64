// The status legend: the brief's labels and order, each with its shape glyph on its colour and
// (format pane: on by default) its row count in the locale's digit grouping. Each item's
// definition (the brief's wording) is its tooltip and accessible description, and a button
// opens all five definitions, so a keyboard or touch user can read them too, not only by
// hovering. The total line ("38 plans", format pane) closes the block, with or without items.
import type { ViewModel } from '../converter/view-model';
import type { LocaleFormat } from '../locale';
import type { ResolvedSettings } from '../settings/resolved';
import { countText, type Strings } from '../strings';
import type { LegendEntry } from '../wording/status-labels';
import { outlineFor, textColorFor } from './colors';
import { clear, el, setHidden } from './dom';
import { glyph } from './table-rows';

/** Numbers the ids so they stay unique with several visuals on a page. */
let legendCount = 0;

export class LegendView {
  readonly block = el('div', 'ppoc-legend-block');
  private readonly list = el('ul', 'ppoc-legend');
  private readonly toggle = el('button', 'ppoc-definitions-toggle');
  private readonly definitions = el('div', 'ppoc-definitions');
  private readonly total = el('p', 'ppoc-legend-total');
  private readonly idPrefix = `ppoc-legend-${(legendCount += 1)}`;
  private open = false;
  /** Set by the chrome: opening the definitions changes the page layout. */
  onToggled: (() => void) | null = null;

  constructor() {
    this.toggle.type = 'button';
    this.definitions.id = `${this.idPrefix}-definitions`;
    this.toggle.setAttribute('aria-controls', this.definitions.id);
    this.toggle.addEventListener('click', () => this.setOpen(!this.open));
    this.block.append(this.list, this.toggle, this.total, this.definitions);
    this.setOpen(false);
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** `items`: the statuses (off when the legend is switched off or no status can be shown). */
  render(model: ViewModel, entries: readonly LegendEntry[], settings: ResolvedSettings, strings: Strings, locale: LocaleFormat, items: boolean): void {
    clear(this.list);
    clear(this.definitions);
    setHidden(this.list, !items);
    setHidden(this.toggle, !items);
    if (!items && this.open) this.setOpen(false);
    this.total.textContent = countText(strings, locale, 'Legend_Total', model.rows.length);
    setHidden(this.total, !settings.legend.total);
    this.list.setAttribute('aria-label', strings('Legend_Label'));
    this.toggle.textContent = strings('Legend_Definitions');
    for (const { key, label, definition } of entries) {
      const description = el('p', 'ppoc-definition', definition);
      description.id = `${this.idPrefix}-${key}`;
      this.definitions.appendChild(description);
      const item = el('li', `ppoc-legend-item ppoc-status--${key}`);
      item.title = definition;
      item.setAttribute('aria-describedby', description.id);
      item.append(this.swatch(key, settings), el('span', 'ppoc-legend-text', label));
      if (settings.legend.counts) item.append(' ', el('span', 'ppoc-legend-count', locale.formatCount(model.statusCounts[key])));
      this.list.appendChild(item);
    }
  }

  /** The status's colour with its glyph on it; in high contrast the glyph alone, in the host's colours. */
  private swatch(key: LegendEntry['key'], settings: ResolvedSettings): HTMLElement {
    const swatch = el('span', 'ppoc-swatch');
    swatch.setAttribute('aria-hidden', 'true');
    const mark = swatch.appendChild(glyph(key));
    const hc = settings.highContrast;
    const fill = hc ? hc.background : settings.statusColors[key];
    swatch.style.backgroundColor = fill;
    // WCAG 1.4.11: the swatch's edge reaches 3:1 against the background, yellow and grey too.
    swatch.style.borderColor = hc ? hc.foreground : outlineFor(fill, '#FFFFFF');
    mark.style.color = hc ? hc.foreground : textColorFor(fill);
    return swatch;
  }

  private setOpen(open: boolean): void {
    const changed = open !== this.open;
    this.open = open;
    this.definitions.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (changed) this.onToggled?.();
  }
}
