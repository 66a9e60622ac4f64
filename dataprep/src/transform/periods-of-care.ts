import { NOT_LEAVING_CARE_REC, normaliseCode, type IsoDate } from '../../../core/src/index';
import type { EpisodeRecord } from '../model/source-records';
import { groupBy, sortGroup } from './grouping';
import { IssueLog } from './issues';

/** A period of care that ended (on or before A) with a leaving-care reason. */
export interface CareExit {
  personId: string;
  periodStart: IsoDate;
  ceasedDate: IsoDate;
  /** REC as given (trimmed); null when the file left it empty. */
  reasonCode: string | null;
  /** The episode that ended the period. */
  episode: EpisodeRecord;
}

/** A child's care at the as-at date, from the episodes starting on or before it. */
export interface ChildCare {
  personId: string;
  inCare: boolean;
  /** In care: the current open episode. Otherwise: the last episode. */
  currentEpisode: EpisodeRecord;
  /** In care: the start of the current period of care; otherwise null. */
  periodStart: IsoDate | null;
  /** Not in care and the last period ended with an exit: that exit; otherwise null. */
  leftCare: CareExit | null;
  /** Every period that ended with an exit, in order. */
  exits: CareExit[];
}


function isX1(rec: string | null): boolean {
  return rec != null && normaliseCode(rec) === NOT_LEAVING_CARE_REC;
}

function isOpenAt(episode: EpisodeRecord, asAt: IsoDate): boolean {
  return episode.dec == null || episode.dec > asAt;
}

function byStart(a: EpisodeRecord, b: EpisodeRecord): number {
  return a.decom < b.decom ? -1 : a.decom > b.decom ? 1 : a.line - b.line;
}

/** One child's episodes (DECOM ≤ A, sorted) → care state; warnings go to the log. */
class ChildPeriods {
  private readonly exits: CareExit[] = [];
  private periodStart: IsoDate;
  /** The open episodes seen so far (DEC blank or after A): their count and the latest. */
  private openCount = 0;
  private latestOpen: EpisodeRecord | null = null;
  /** Whether the latest closed period ended with an exit (false: dangling X1). */
  private lastClosedWithExit = false;

  constructor(
    private readonly episodes: readonly EpisodeRecord[],
    private readonly asAt: IsoDate,
    private readonly log: IssueLog,
  ) {
    this.periodStart = episodes[0].decom;
  }

  build(): ChildCare {
    const episodes = this.episodes;
    for (let index = 0; index < episodes.length; index++) {
      if (index > 0) this.startOrContinue(episodes[index - 1], episodes[index]);
      if (isOpenAt(episodes[index], this.asAt)) {
        this.openCount++;
        this.latestOpen = episodes[index];
      }
    }
    const last = this.episodes[this.episodes.length - 1];
    if (this.latestOpen === null) this.close(last, null);
    return this.result(last);
  }

  private startOrContinue(previous: EpisodeRecord, episode: EpisodeRecord): void {
    const chained = isX1(previous.rec) && previous.dec != null && episode.decom <= previous.dec;
    if (this.latestOpen !== null || chained) return;
    this.close(previous, episode);
    this.periodStart = episode.decom;
  }

  /** Ends the period at `episode` (DEC ≤ A): an exit, or a dangling X1 (no exit). */
  private close(episode: EpisodeRecord, next: EpisodeRecord | null): void {
    const rec = episode.rec?.trim() ? episode.rec.trim() : null;
    if (isX1(rec)) {
      const why = next == null ? 'no following episode' : 'the next episode starts after it ended';
      this.log.warn('x1_without_next_episode', `Episode ended with X1 (not leaving care) but ${why}; no care exit recorded`, {
        ref: episode,
        column: 'REC',
        personId: episode.child,
      });
      this.lastClosedWithExit = false;
      return;
    }
    if (rec == null) {
      this.log.warn('missing_reason_ceased', 'Episode has a DEC but no REC; treated as leaving care for reason Other', {
        ref: episode,
        column: 'REC',
        personId: episode.child,
      });
    }
    const ceasedDate = episode.dec as IsoDate;
    this.exits.push({ personId: episode.child, periodStart: this.periodStart, ceasedDate, reasonCode: rec, episode });
    this.lastClosedWithExit = true;
  }

  private result(last: EpisodeRecord): ChildCare {
    const { openCount, latestOpen } = this;
    if (latestOpen !== null && openCount > 1) {
      this.log.warn('multiple_open_episodes', `Child has ${openCount} episodes open at the as-at date; the latest is used`, {
        ref: latestOpen,
        column: 'DEC',
        personId: latestOpen.child,
      });
    }
    const inCare = latestOpen !== null;
    return {
      personId: last.child,
      inCare,
      currentEpisode: latestOpen ?? last,
      periodStart: inCare ? this.periodStart : null,
      leftCare: !inCare && this.lastClosedWithExit ? this.exits[this.exits.length - 1] : null,
      exits: this.exits,
    };
  }
}

/**
 * Periods of care for every child with an episode starting on or before A (episodes starting
 * later are ignored). An episode continues the period when the previous one ended with X1 on
 * or after its start, or while an earlier episode of the period is still open.
 */
export function buildChildCare(episodes: readonly EpisodeRecord[], asAt: IsoDate, log: IssueLog): Map<string, ChildCare> {
  warnOpenAfterAsAt(episodes, asAt, log);
  const started = episodes.filter((episode) => episode.decom <= asAt);
  const care = new Map<string, ChildCare>();
  groupBy(started, (episode) => episode.child).forEach((own, personId) => {
    care.set(personId, new ChildPeriods(sortGroup(own, byStart), asAt, log).build());
  });
  return care;
}

/**
 * An open episode that starts after A is not counted, so unless an earlier episode keeps the
 * child in care, the child is not in cic_cohort: usually an as-at date older than the
 * extract, or a mistyped DECOM. Either way MI should see it.
 */
function warnOpenAfterAsAt(episodes: readonly EpisodeRecord[], asAt: IsoDate, log: IssueLog): void {
  for (let i = 0; i < episodes.length; i++) {
    const episode = episodes[i];
    if (episode.decom <= asAt || episode.dec != null) continue;
    log.warn('episode_starts_after_as_at', `Open episode starts on ${episode.decom}, after the as-at date ${asAt}; it is not counted`, {
      ref: episode,
      column: 'DECOM',
      personId: episode.child,
    });
  }
}
