import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { countSentence, formatSentence, parseCalendarDate, parseStatusText, type IsoDate } from '../../../core/src/index';
import type { PlannedAssessmentRow, RefreshSet } from '../../src/model/refresh-set';
import type { AssessmentType, SourceData, TargetMeasure, WorkflowType } from '../../src/model/source-records';
import { buildRefreshSet } from '../../src/transform/index';
import { options } from './builders';
import { EXAMPLE_EXTRACT } from '../../../fixtures/paths';

/** A deliberately tiny reader of the example extract, independent of the sources module. */
const FOLDER = EXAMPLE_EXTRACT;

function rows(file: string): { line: number; cells: Record<string, string> }[] {
  const records: Record<string, string>[] = parse(readFileSync(join(FOLDER, file), 'utf8'), { columns: true, bom: true });
  return records.map((cells, index) => ({ line: index + 2, cells }));
}

function date(text: string): IsoDate {
  const value = parseCalendarDate(text);
  if (value == null) throw new Error(`bad date in the example extract: ${text}`);
  return value;
}

const optionalDate = (text: string): IsoDate | null => (text.trim() === '' ? null : date(text));
const blank = (text: string | undefined): string | null => (text == null || text.trim() === '' ? null : text.trim());

function readExampleExtract(): SourceData {
  const ref = (file: string, line: number) => ({ sourceFile: file, line });
  return {
    episodes: rows('episodes.csv').map(({ line, cells: c }) => ({
      ...ref('episodes.csv', line),
      child: c.CHILD,
      decom: date(c.DECOM),
      ls: c.LS,
      place: c.PLACE,
      placeProvider: c.PLACE_PROVIDER,
      dec: optionalDate(c.DEC),
      rec: blank(c.REC),
    })),
    header: [],
    allocations: rows('allocations.csv').map(({ line, cells: c }) => ({
      ...ref('allocations.csv', line),
      personId: c.person_id,
      childName: blank(c.child_name),
      socialWorker: blank(c.social_worker),
      team: blank(c.team),
      locality: blank(c.locality),
    })),
    teams: rows('teams.csv').map(({ line, cells: c }) => ({ ...ref('teams.csv', line), team: c.team, locality: c.locality })),
    assessments: rows('assessments.csv').map(({ line, cells: c }) => ({
      ...ref('assessments.csv', line),
      personId: c.person_id,
      workflowId: c.workflow_id,
      workflowType: c.workflow_type as WorkflowType,
      startDate: optionalDate(c.start_date),
      forReunification: c.for_reunification === 'Y' ? true : c.for_reunification === 'N' ? false : null,
    })),
    predictions: rows('predictions.csv').map(({ line, cells: c }) => ({
      ...ref('predictions.csv', line),
      personId: c.person_id,
      assessmentType: c.assessment_type as AssessmentType,
      predictedStartDate: date(c.predicted_start_date),
      submittedAt: `${date(c.submitted_at)}T00:00:00`,
      submittedOn: date(c.submitted_at),
      submittedBy: blank(c.submitted_by),
    })),
    exclusions: rows('exclusions.csv').map(({ line, cells: c }) => ({
      ...ref('exclusions.csv', line),
      personId: c.person_id,
      reason: blank(c.reason),
      excludedOn: optionalDate(c.excluded_on),
    })),
    userAccess: rows('user_access.csv').map(({ line, cells: c }) => ({
      ...ref('user_access.csv', line),
      userPrincipalName: c.user_principal_name,
      locality: c.locality,
      team: blank(c.team),
    })),
    targets: rows('targets.csv').map(({ line, cells: c }) => ({
      ...ref('targets.csv', line),
      locality: c.locality,
      measure: c.measure as TargetMeasure,
      periodStart: date(c.period_start),
      periodEnd: date(c.period_end),
      target: Number(c.target),
    })),
  };
}

describe('transform: the example extract as at 2022-05-31', () => {
  let set: RefreshSet;
  let planned: PlannedAssessmentRow[];
  before(() => {
    set = buildRefreshSet(readExampleExtract(), options('2022-05-31'));
    planned = set.tables.planned_assessment;
  });

  it('gives exactly the nine statuses of its README', () => {
    const byPerson = Object.fromEntries(planned.map((r) => [r.person_id, [r.assessment_type, r.predicted_start_date, r.actual_start_date, r.status]]));
    const upcoming = 'Upcoming - Planned Start in Next 3 Months';
    assert.deepEqual(byPerson, {
      '100001': ['Reunification', '2022-05-04', '2022-05-12', 'Started Late'],
      '100002': ['Reunification', '2022-03-17', '2022-03-17', 'Started on Time'],
      '100003': ['Reunification', '2022-03-04', '2022-03-04', 'Started on Time'],
      '100004': ['SGO', '2022-05-05', null, 'Not Yet Started'],
      '100005': ['SGO', '2022-06-06', null, upcoming],
      '100006': ['Reunification', '2022-08-11', null, upcoming],
      '100007': ['Reunification', '2022-08-11', null, upcoming],
      '100008': ['Reunification', '2022-08-11', null, upcoming],
      '100009': ['SGO', '2022-07-20', null, upcoming],
    });
    assert.equal(planned.length, 9);
  });

  it('reproduces the README sentence from the rows', () => {
    const counts = countSentence(
      planned.map((r) => ({ status: parseStatusText(r.status), predicted: r.predicted_start_date, actual: r.actual_start_date })),
      set.asAtDate,
      set.windowMonths,
    );
    assert.equal(
      formatSentence(counts, set.windowMonths),
      'In the LAST 3 months 2 assessments started on time, 1 started late and 1 prediction is yet to start. ' +
        'In the NEXT 3 months 5 assessments are planned to start.',
    );
    const lastWindow = planned.filter((r) => r.in_last_window === 'Yes').length;
    const nextWindow = planned.filter((r) => r.in_next_window === 'Yes').length;
    assert.deepEqual([lastWindow, nextWindow], [4, 5]);
  });

  it('shows the brief example columns for the first child', () => {
    const row = planned.find((r) => r.person_id === '100001')!;
    assert.deepEqual(
      [row.child_name, row.team, row.locality, row.placement_type, row.placement_provider, row.full_care_order, row.days_late],
      ['Child 100001', 'CS HPND Children In Care Team', 'High Peak & North Dales', 'U6: Foster placement - not FFA', 'Private provision', 'Yes', 8],
    );
  });

  it('warns only about the exclusion for an unknown child', () => {
    assert.deepEqual(
      set.issues.map((i) => [i.rule, i.sourceFile, i.line, i.personId]),
      [['exclusion_for_unknown_child', 'exclusions.csv', 2, '100099']],
    );
  });

  it('builds the other tables', () => {
    assert.equal(set.tables.cic_cohort.length, 9);
    assert.equal(set.tables.care_exit.length, 0);
    assert.equal(set.tables.plan_explanation.length, 9);
    assert.ok(set.tables.plan_explanation.every((r) => r.listed === 'Yes'));
    const all = set.tables.locality_summary[0];
    assert.deepEqual(
      [all.locality, all.team, all.full_care_order, all.children_in_care, all.fco_children, all.plans, all.started_on_time_last_window,
        all.started_late_last_window, all.not_yet_started, all.upcoming_next_window],
      ['All', 'All', 'All', 9, 9, 9, 2, 1, 1, 5],
    );
    assert.deepEqual(
      set.tables.target_progress.map((r) => [r.locality, r.measure, r.full_care_order, r.actual]),
      [
        ['All', 'assessments_started', 'All', 1],
        ['All', 'assessments_started', 'Yes', 1],
        ['All', 'assessments_started', 'No', 0],
        ['High Peak & North Dales', 'sgo_exits', 'All', 0],
        ['High Peak & North Dales', 'sgo_exits', 'Yes', 0],
        ['High Peak & North Dales', 'sgo_exits', 'No', 0],
      ],
    );
    assert.equal(set.tables.user_access.length, 3);
  });

  it('builds timeliness_by_month: in the All rows, 2022-03 with 2 started on time and 2022-05 with 1 started late', () => {
    const allRows = set.tables.timeliness_by_month.filter((r) => r.locality === 'All' && r.team === 'All' && r.assessment_type === 'All');
    assert.deepEqual(
      allRows.map((r) => [r.month, r.started, r.started_on_time, r.started_late, r.pct_on_time, r.median_days_late, r.not_yet_started_at_month_end]),
      [
        ['2022-03', 2, 2, 0, 100, null, null], // no history in March: nothing to count at month end
        ['2022-05', 1, 0, 1, 0, 8, 1], // today's listing is May's last as-at date: 100004 not yet started
      ],
    );
    assert.ok(set.tables.timeliness_by_month.every((r) => r.target_pct_on_time === null), 'targets.csv has no on-time target');
  });

  it('lists the one place in locality_team and records every listed plan in the history for the as-at date', () => {
    assert.deepEqual(set.tables.locality_team, [{ locality: 'High Peak & North Dales', team: 'CS HPND Children In Care Team', sort_order: 1 }]);
    assert.equal(set.history.rows.length, 9);
    assert.deepEqual(set.history.keepFrom, null);
    const late = set.history.rows.find((r) => r.person_id === '100001');
    assert.deepEqual(late, {
      as_at_date: '2022-05-31', person_id: '100001', assessment_type: 'Reunification', status: 'Started Late', status_order: 3,
      predicted_start_date: '2022-05-04', actual_start_date: '2022-05-12', days_late: 8, locality: 'High Peak & North Dales',
      team: 'CS HPND Children In Care Team', full_care_order: 'Yes', run_id: 'test-run',
    });
  });
});
