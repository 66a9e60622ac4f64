import { addMonths, type IsoDate } from '../../../core/src/index';
import type { RefreshSet } from './refresh-set';
import { isRequiredFile, REQUIRED_FILES, type FileReadStats, type SourceFileName } from './source-records';

/**
 * The figures of a run that the shrink guards compare with earlier runs (pipeline/shrink-guard.ts). Each
 * run stores its own (`run_figure`), so a guard reads what earlier runs had, never the live
 * tables (which a backfill may have rewound, and which the job's SQL Server login cannot count).
 * Whole numbers only: the share of plans with a worker or team is kept as its two counts.
 */
export type Figures = Readonly<Record<string, number>>;

/** A run's figures as stored with it: the values, and those whose fall --allow-shrink accepted. */
export interface RunFigures {
  values: Figures;
  accepted: ReadonlySet<string>;
}

/** An earlier successful run as the guards see it (newest first when listed). */
export interface PastRun extends RunFigures {
  runId: string;
  asAtDate: IsoDate;
}

export const FIGURE = {
  /** Rows of the two tables the dashboard's pages list. */
  plannedAssessmentRows: 'table_rows:planned_assessment',
  cicCohortRows: 'table_rows:cic_cohort',
  /** Listed plans whose child has a social worker or a team (allocations.csv). */
  plansWithWorkerOrTeam: 'plans_with_worker_or_team',
  /** Qualifying assessment starts (docs/rules.md "Actual starts") dated in [A − 12 months, A]. */
  actualStarts12Months: 'actual_starts_12_months',
} as const;

/** `file_rows:allocations`: data rows of a required file (predictions.csv and predictions.xlsx are one). */
export function fileFigure(file: SourceFileName): string {
  return `file_rows:${file.slice(0, file.indexOf('.'))}`;
}

/** The required files' figures, one each, in contract order. */
export const FILE_FIGURES: readonly string[] = [...new Set(REQUIRED_FILES.map(fileFigure))];

/** The first day of the 12 months the actual-starts figure counts (both ends included). */
export function startsFrom(asAt: IsoDate): IsoDate {
  return addMonths(asAt, -12);
}

export function runFigures(set: RefreshSet, files: readonly FileReadStats[]): Record<string, number> {
  const plans = set.tables.planned_assessment;
  const from = startsFrom(set.asAtDate);
  const figures: Record<string, number> = {
    [FIGURE.plannedAssessmentRows]: plans.length,
    [FIGURE.cicCohortRows]: set.tables.cic_cohort.length,
    [FIGURE.plansWithWorkerOrTeam]: plans.filter((p) => p.social_worker !== null || p.team !== null).length,
    [FIGURE.actualStarts12Months]: set.tables.assessment_workflow.filter(
      (w) => w.qualifies === 'Yes' && w.start_date !== null && w.start_date >= from && w.start_date <= set.asAtDate,
    ).length,
  };
  for (const f of files) if (isRequiredFile(f.file)) figures[fileFigure(f.file)] = f.rowsRead;
  return figures;
}
