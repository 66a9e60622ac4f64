// Rows in segments and the host's warning icon: the visual asks for the next segment once per
// DataView, and raises one warning icon per update for whatever needs the author's attention
// (Power BI's row limit reached, a date field that holds numbers or text that is not a date).
import powerbi from 'powerbi-visuals-api';
import { safe } from './interaction/selection';
import { problemName } from './converter/date-problems';
import type { DateProblems } from './converter/view-model';
import { fill, type Strings } from './strings';

type IVisualHost = powerbi.extensibility.visual.IVisualHost;

export interface FetchState {
  /** The DataView more rows were last asked for. */
  for: powerbi.DataView | undefined;
  ready: boolean;
}

/**
 * Asks for the next segment, once per DataView (a style-only update re-renders the same one).
 * `ready` is false while more rows are on their way; `truncated` when the host has no more to
 * give although the DataView says there are more rows.
 */
export function requestMoreData(host: IVisualHost | undefined, dataView: powerbi.DataView | undefined, state: FetchState): { ready: boolean; truncated: boolean } {
  if (!dataView?.metadata?.segment) return { ready: true, truncated: false };
  if (dataView === state.for) return { ready: state.ready, truncated: false };
  state.for = dataView;
  const requested = typeof host?.fetchMoreData === 'function' ? safe(() => host.fetchMoreData(true)) : false;
  state.ready = requested !== true;
  return { ready: state.ready, truncated: requested !== true };
}

/** One warning icon per update, for everything that needs the author's attention. */
export function showWarnings(host: IVisualHost | undefined, strings: Strings, found: { truncated: boolean; dateProblems: DateProblems }): void {
  const warnings: [string, string][] = [];
  if (found.truncated) warnings.push([strings('Warning_Truncated_Title'), strings('Warning_Truncated_Detail')]);
  const dates = dateWarning(found.dateProblems, strings);
  if (dates) warnings.push([strings('Warning_Dates_Title'), dates]);
  if (warnings.length === 0) return;
  const title = warnings.map(([t]) => t).join(' · ');
  const detail = warnings.map(([, d]) => d).join('\n\n');
  safe(() => host?.displayWarningIcon?.(title, detail));
}

/** Names each date field that received something else, and what: "Predicted Start Date received numbers …". */
export function dateWarning(problems: DateProblems, strings: Strings): string | null {
  const lines = Object.values(problems).map((problem) =>
    fill(strings('Warning_Dates_Role'), problemName(problem), strings(problem.numbers >= problem.texts ? 'Warning_Dates_Numbers' : 'Warning_Dates_Text')),
  );
  return lines.length === 0 ? null : [...lines, strings('Warning_Dates_Advice')].join(' ');
}
