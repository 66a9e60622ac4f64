import type { LogFields } from './logger';

/**
 * The wall time of each step of a refresh and the process's peak memory, for one debug log
 * line (`PPOC_LOG_LEVEL=debug`): what `npm run bench` reads to split a run into its stages.
 */
export class StageClock {
  private readonly laps: [string, number][] = [];
  private last = performance.now();

  /** Ends the step under way, under this name. */
  lap(step: string): void {
    const now = performance.now();
    this.laps.push([step, now - this.last]);
    this.last = now;
  }

  /** `<step>_ms` for each step, and `max_rss_mb`: the resident memory high-water mark so far. */
  fields(): LogFields {
    const fields: LogFields = {};
    for (const [step, ms] of this.laps) fields[`${step}_ms`] = Math.round(ms);
    fields.max_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
    return fields;
  }
}
