// The status legend: the brief's labels and order, each status's row count, and each item's
// definition (the brief's wording) as its tooltip and accessible description.
import type { StatusKey } from '../../../core/src/index';
import type { ViewModel } from '../converter/view-model';
import type { ResolvedSettings } from '../settings/resolved';
import { fill, type StringKey, type Strings } from '../strings';
import { outlineFor } from './colors';
import { clear, el } from './dom';

const LEGEND: readonly { key: StatusKey; label: StringKey; definition: StringKey }[] = [
  { key: 'upcoming', label: 'Status_Upcoming', definition: 'Legend_Def_Upcoming' },
  { key: 'notYetStarted', label: 'Status_NotYetStarted', definition: 'Legend_Def_NotYetStarted' },
  { key: 'late', label: 'Status_Late', definition: 'Legend_Def_Late' },
  { key: 'onTime', label: 'Status_OnTime', definition: 'Legend_Def_OnTime' },
  { key: 'plannedLater', label: 'Status_PlannedLater', definition: 'Legend_Def_PlannedLater' },
];
/** Numbers the description elements so ids stay unique with several visuals on a page. */
let legendCount = 0;

export class LegendView {
  readonly list = el('ul', 'ppoc-legend');
  /** Hidden holders of the definitions, referenced by aria-describedby. */
  readonly descriptions = el('div', 'ppoc-legend-descriptions');
  private readonly idPrefix = `ppoc-legend-${(legendCount += 1)}`;

  constructor() {
    this.descriptions.hidden = true;
  }

  render(model: ViewModel, settings: ResolvedSettings, strings: Strings): void {
    clear(this.list);
    clear(this.descriptions);
    this.list.setAttribute('aria-label', strings('Legend_Label'));
    const hc = settings.highContrast;
    for (const { key, label, definition } of LEGEND) {
      const item = el('li', `ppoc-legend-item ppoc-status--${key}`);
      const swatch = el('span', 'ppoc-swatch');
      swatch.setAttribute('aria-hidden', 'true');
      const colour = hc ? hc.background : settings.statusColors[key];
      swatch.style.backgroundColor = colour;
      // WCAG 1.4.11: the swatch's edge reaches 3:1 against the background, yellow and grey too.
      swatch.style.borderColor = hc ? hc.foreground : outlineFor(colour, '#FFFFFF');
      const text = fill(strings(definition), model.windowMonths);
      const description = el('span', undefined, text);
      description.id = `${this.idPrefix}-${key}`;
      this.descriptions.appendChild(description);
      item.title = text;
      item.setAttribute('aria-describedby', description.id);
      item.append(swatch, el('span', 'ppoc-legend-text', strings(label)), ' ', el('span', 'ppoc-legend-count', String(model.statusCounts[key])));
      this.list.appendChild(item);
    }
  }
}
