// Rows in segments and the host's warning icon: the visual asks for the next segment once per
// DataView, and raises one warning icon per update for whatever needs the author's attention
// (Power BI's row limit reached, date texts it could not read).
import powerbi from 'powerbi-visuals-api';
import { safe } from './interaction/selection';
import type { Strings } from './strings';

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

export function showWarnings(host: IVisualHost | undefined, strings: Strings, found: { truncated: boolean; unreadableDates: boolean }): void {
  const warnings: [string, string][] = [];
  if (found.truncated) warnings.push([strings('Warning_Truncated_Title'), strings('Warning_Truncated_Detail')]);
  if (found.unreadableDates) warnings.push([strings('Warning_Dates_Title'), strings('Warning_Dates_Detail')]);
  if (warnings.length === 0) return;
  const title = warnings.map(([t]) => t).join(' · ');
  const detail = warnings.map(([, d]) => d).join('\n\n');
  safe(() => host?.displayWarningIcon?.(title, detail));
}
