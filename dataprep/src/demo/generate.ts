import { toDayNumber, type IsoDate } from '../../../core/src/index';
import { exclusionRows, targetRows, userAccessRows } from './admin-files';
import { allocate, allocationRows } from './allocations';
import { FIRST_CHILD_ID, generateChildren } from './children';
import { summariseChild, type ChildSummary } from './cohort';
import { DEMO_COLUMNS, DEMO_FILES, type DemoFileName } from './columns';
import { csvDocument } from './csv';
import { episodeRows, headerRow } from './extract-rows';
import { teamRows } from './localities';
import { permanenceRows, WorkflowIds } from './permanence';
import { injectAssessmentProblems, injectEpisodeProblems, injectPredictionProblems } from './problems';
import { Rng } from './random';

export interface GenerateOptions {
  children: number;
  seed: number;
  asAt: IsoDate;
}

/** Children who left more than this many days ago are no longer allocated. */
export const ALLOCATED_AFTER_LEAVING_DAYS = 365;

/** Every contract file's rows (header excluded), deliberate problems included. */
export function generateRows(options: GenerateOptions): Map<DemoFileName, string[][]> {
  const root = new Rng(options.seed);
  const [childRng, allocRng, planRng, adminRng, problemRng, headerRng] = [1, 2, 3, 4, 5, 6].map((salt) => root.fork(salt));
  const asAt = toDayNumber(options.asAt);
  const children = generateChildren(childRng, options.children, options.asAt);
  const summaries = children
    .map((c) => summariseChild(c.id, c.episodes, asAt))
    .filter((s): s is ChildSummary => s !== null);
  const allocations = allocate(allocRng, summaries.filter((s) => isAllocated(s, asAt)));
  const ids = new WorkflowIds();
  const { plans, predictions, assessments } = permanenceRows(planRng, allocations, asAt, ids);
  const exclusions = exclusionRows(adminRng, plans, options.children, asAt);

  const byId = new Map(summaries.map((s) => [s.id, s]));
  injectEpisodeProblems(problemRng, children, byId);
  const problemInput = {
    rng: problemRng, asAt, summaries, plans, predictions, assessments, ids,
    unusedId: String(FIRST_CHILD_ID + options.children),
  };
  injectPredictionProblems(problemInput);
  injectAssessmentProblems(problemInput);

  return new Map<DemoFileName, string[][]>([
    ['episodes.csv', children.flatMap(episodeRows)],
    ['header.csv', children.map((c) => headerRow(headerRng, c, asAt))],
    ['allocations.csv', allocationRows(allocRng, allocations)],
    ['teams.csv', teamRows()],
    ['assessments.csv', assessments],
    ['predictions.csv', predictions],
    ['exclusions.csv', exclusions],
    ['user_access.csv', userAccessRows()],
    ['targets.csv', targetRows(allocations, options.asAt)],
  ]);
}

export function isAllocated(child: ChildSummary, asAt: number): boolean {
  return child.inCare || (child.leftOn !== null && child.leftOn >= asAt - ALLOCATED_AFTER_LEAVING_DAYS);
}

/** CSV text per file, in contract order. */
export function toCsvFiles(rows: ReadonlyMap<DemoFileName, string[][]>): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of DEMO_FILES) {
    const fileRows = rows.get(file);
    if (fileRows) files.set(file, csvDocument(DEMO_COLUMNS[file], fileRows));
  }
  return files;
}
