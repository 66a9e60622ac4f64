import type { IsoDate } from '../../../core/src/index';
import type { RefreshSet, TransformOptions } from '../../src/model/refresh-set';
import type {
  AllocationRecord,
  AssessmentRecord,
  AssessmentType,
  EpisodeRecord,
  ExclusionRecord,
  PredictionRecord,
  SourceData,
  TargetMeasure,
  TargetRecord,
  TeamRecord,
} from '../../src/model/source-records';
import { buildRefreshSet } from '../../src/transform/index';

/** Small record builders: every record gets the next line of its file unless told. */

export const d = (text: string): IsoDate => text as IsoDate;

const lines = new Map<string, number>();
function nextLine(file: string): number {
  const line = (lines.get(file) ?? 1) + 1;
  lines.set(file, line);
  return line;
}

type EpisodeFields = Partial<Omit<EpisodeRecord, 'child' | 'decom' | 'dec'>> & { dec?: string | null };

export function episode(child: string, decom: string, fields: EpisodeFields = {}): EpisodeRecord {
  return {
    sourceFile: 'episodes.csv',
    line: fields.line ?? nextLine('episodes.csv'),
    child,
    decom: d(decom),
    ls: 'C2',
    place: 'U6',
    placeProvider: 'PR4',
    rec: null,
    ...fields,
    dec: fields.dec == null ? null : d(fields.dec),
  };
}

export function allocation(personId: string, fields: Partial<Omit<AllocationRecord, 'personId'>> = {}): AllocationRecord {
  return {
    sourceFile: 'allocations.csv',
    line: fields.line ?? nextLine('allocations.csv'),
    personId,
    childName: `Child ${personId}`,
    socialWorker: 'SW 01',
    team: 'Team A',
    locality: 'Locality A',
    ...fields,
  };
}

export function team(name: string, locality: string): TeamRecord {
  return { sourceFile: 'teams.csv', line: nextLine('teams.csv'), team: name, locality };
}

export function prediction(
  personId: string,
  type: AssessmentType,
  predicted: string,
  submitted: string,
  fields: Partial<PredictionRecord> = {},
): PredictionRecord {
  const submittedAt = submitted.length === 10 ? `${submitted}T00:00:00` : submitted;
  return {
    sourceFile: 'predictions.csv',
    line: fields.line ?? nextLine('predictions.csv'),
    personId,
    assessmentType: type,
    predictedStartDate: d(predicted),
    submittedAt,
    submittedOn: d(submittedAt.slice(0, 10)),
    submittedBy: null,
    ...fields,
  };
}

/** A qualifying start: SGO workflow, or SINGLE for reunification. */
export function start(personId: string, type: AssessmentType, startDate: string | null, fields: Partial<AssessmentRecord> = {}): AssessmentRecord {
  const line = fields.line ?? nextLine('assessments.csv');
  return {
    sourceFile: 'assessments.csv',
    line,
    personId,
    workflowId: `W${line}`,
    workflowType: type === 'SGO' ? 'SGO' : 'SINGLE',
    startDate: startDate == null ? null : d(startDate),
    forReunification: type === 'Reunification' ? true : null,
    ...fields,
  };
}

export function exclusion(personId: string, excludedOn: string | null): ExclusionRecord {
  return {
    sourceFile: 'exclusions.csv',
    line: nextLine('exclusions.csv'),
    personId,
    reason: 'free text that must never be shown',
    excludedOn: excludedOn == null ? null : d(excludedOn),
  };
}

export function target(locality: string, measure: TargetMeasure, from: string, to: string, value = 10): TargetRecord {
  return { sourceFile: 'targets.csv', line: nextLine('targets.csv'), locality, measure, periodStart: d(from), periodEnd: d(to), target: value };
}

export function sourceData(parts: Partial<SourceData> = {}): SourceData {
  return {
    episodes: [],
    header: [],
    allocations: [],
    teams: [],
    assessments: [],
    predictions: [],
    exclusions: [],
    userAccess: [],
    targets: null,
    ...parts,
  };
}

export function options(asAt: string, overrides: Partial<TransformOptions> = {}): TransformOptions {
  return { asAt: d(asAt), windowMonths: 3, lookbackDays: 90, runId: 'test-run', historyDays: null, ...overrides };
}

export function run(parts: Partial<SourceData>, asAt: string, overrides: Partial<TransformOptions> = {}): RefreshSet {
  return buildRefreshSet(sourceData(parts), options(asAt, overrides));
}

/**
 * One child in care since 2020-06-01 with an allocation and one prediction submitted on
 * `submitted`: the usual fixture for status tests.
 */
export function childWithPlan(
  personId: string,
  type: AssessmentType,
  predicted: string,
  opts: { submitted?: string; actual?: string | null } = {},
): Partial<SourceData> {
  return {
    episodes: [episode(personId, '2020-06-01')],
    allocations: [allocation(personId)],
    predictions: [prediction(personId, type, predicted, opts.submitted ?? '2022-01-14')],
    assessments: opts.actual ? [start(personId, type, opts.actual)] : [],
  };
}

/** Concatenates fixtures. */
export function merge(...parts: Partial<SourceData>[]): Partial<SourceData> {
  const merged: Partial<SourceData> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part) as [keyof SourceData, unknown[] | null][]) {
      if (value == null) continue;
      const existing = (merged[key] as unknown[] | undefined) ?? [];
      (merged as Record<string, unknown[]>)[key] = [...existing, ...value];
    }
  }
  return merged;
}

export function rulesOf(set: RefreshSet): string[] {
  return set.issues.map((issue) => issue.rule);
}
