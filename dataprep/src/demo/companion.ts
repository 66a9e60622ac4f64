import { parse } from 'csv-parse/sync';
import { parseCalendarDate, toDayNumber, type IsoDate } from '../../../core/src/index';
import { allocate, allocationRows } from './allocations';
import { summariseChild, type ChildSummary, type EpisodeDays } from './cohort';
import { DEMO_COLUMNS } from './columns';
import { csvDocument } from './csv';
import { isAllocated } from './generate';
import { teamRows } from './localities';
import { permanenceRows, WorkflowIds } from './permanence';
import { Rng } from './random';

/** Uniformly drawn 903 codes (as in the fake SSDA903 files) give fewer FCO/PPOC children, so plans are offered more widely. */
const OTHER_PLAN_CHANCE = 0.28;

/**
 * teams, allocations, assessments and predictions for the children of an externally written
 * 903 episodes file, so the job can run on it: every child in care at the as-at date (or
 * with an open episode, or who left in the last year) is allocated; about 30% get plans.
 */
export function companionFiles(episodesCsvText: string, options: { seed: number; asAt: IsoDate }): Map<string, string> {
  const asAt = toDayNumber(options.asAt);
  const root = new Rng(options.seed);
  const [allocRng, planRng] = [1, 2].map((salt) => root.fork(salt));
  const children = childrenOf(episodesCsvText, asAt).filter((c) => isAllocated(c.summary, asAt) || c.hasOpenEpisode);
  const allocations = allocate(allocRng, children.map((c) => c.summary));
  const { predictions, assessments } = permanenceRows(planRng, allocations, asAt, new WorkflowIds(), OTHER_PLAN_CHANCE);
  return new Map([
    ['teams.csv', csvDocument(DEMO_COLUMNS['teams.csv'], teamRows())],
    ['allocations.csv', csvDocument(DEMO_COLUMNS['allocations.csv'], allocationRows(allocRng, allocations))],
    ['assessments.csv', csvDocument(DEMO_COLUMNS['assessments.csv'], assessments)],
    ['predictions.csv', csvDocument(DEMO_COLUMNS['predictions.csv'], predictions)],
  ]);
}

interface ParsedChild {
  summary: ChildSummary;
  /** An episode with DECOM on or before the as-at date and no DEC. */
  hasOpenEpisode: boolean;
}

/** Children in file order; rows whose DECOM is not a date are left to the job's own checks. */
function childrenOf(text: string, asAt: number): ParsedChild[] {
  const records = parse(text, {
    bom: true, columns: (header: string[]) => header.map((h) => h.trim().toUpperCase()),
    skip_empty_lines: true, relax_column_count: true, trim: true,
  }) as Record<string, string | undefined>[];
  const episodes = new Map<string, EpisodeDays[]>();
  for (const r of records) {
    const child = r.CHILD ?? '';
    const decom = parseCalendarDate(r.DECOM);
    if (child === '' || decom === null) continue;
    const dec = parseCalendarDate(r.DEC);
    const list = episodes.get(child) ?? [];
    list.push({ decom: toDayNumber(decom), dec: dec === null ? null : toDayNumber(dec), rec: r.REC ?? '', ls: r.LS ?? '', place: r.PLACE ?? '' });
    episodes.set(child, list);
  }
  const children: ParsedChild[] = [];
  for (const [id, list] of episodes) {
    const summary = summariseChild(id, list, asAt);
    if (summary) children.push({ summary, hasOpenEpisode: list.some((e) => e.dec === null && e.decom <= asAt) });
  }
  return children;
}
