/**
 * planned_assessment rows for the browser suite: the brief's example (the example extract as
 * at 2022-05-31, fixtures/example-extract/README.md), many synthetic rows, hostile text.
 */
import { TABLES } from '../../../../dataprep/src/model/tables';
import { inTransaction, openDatabase } from '../../../../dataprep/src/warehouse/sqlite/database';
import type { PreviewRow } from '../../../preview/planned-assessment-source';

const TEAM = 'CS HPND Children In Care Team';
const LOCALITY = 'High Peak & North Dales';
const AS_AT = '2022-05-31';
const UPCOMING = 'Upcoming - Planned Start in Next 3 Months';

const PLACEMENT: Record<string, string> = {
  U6: 'U6: Foster placement - not FFA',
  K2: 'K2: Childrens Home',
  U3: 'U3: Foster placement - relative - not FFA',
  U4: 'U4: Foster placement - long term',
  P1: 'P1: Placed with parents',
};
const PROVIDER: Record<string, string> = { PR0: 'Parents/Parental responsibility', PR1: 'Own provision', PR4: 'Private provision' };

const STATUS_ORDER: Record<string, number> = { 'Not Yet Started': 1, [UPCOMING]: 2, 'Started Late': 3, 'Started on Time': 4, 'Planned - Later': 5 };

// person, place, provider, type, predicted, actual, status, days late
const EXAMPLE: [string, string, string, string, string, string | null, string, number][] = [
  ['100001', 'U6', 'PR4', 'Reunification', '2022-05-04', '2022-05-12', 'Started Late', 8],
  ['100002', 'K2', 'PR1', 'Reunification', '2022-03-17', '2022-03-17', 'Started on Time', 0],
  ['100003', 'U3', 'PR1', 'Reunification', '2022-03-04', '2022-03-04', 'Started on Time', 0],
  ['100004', 'U6', 'PR4', 'SGO', '2022-05-05', null, 'Not Yet Started', 26],
  ['100005', 'U4', 'PR1', 'SGO', '2022-06-06', null, UPCOMING, 0],
  ['100006', 'K2', 'PR4', 'Reunification', '2022-08-11', null, UPCOMING, 0],
  ['100007', 'P1', 'PR0', 'Reunification', '2022-08-11', null, UPCOMING, 0],
  ['100008', 'U6', 'PR4', 'Reunification', '2022-08-11', null, UPCOMING, 0],
  ['100009', 'U4', 'PR1', 'SGO', '2022-07-20', null, UPCOMING, 0],
];

export const EXAMPLE_SENTENCE =
  'In the LAST 3 months 2 assessments started on time, 1 started late and 1 prediction is yet to start. In the NEXT 3 months 5 assessments are planned to start.';

export const COLUMN_TITLES = [
  'Person ID', 'Child', 'Social Worker', 'Team', 'Locality', 'Placement Type', 'Provider',
  'Assessment Type', 'Predicted Start Date', 'Actual Start Date', 'Status',
];

function ukDate(iso: string | null): string {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
}

export function row(values: PreviewRow & { person_id: string }): PreviewRow {
  const base: PreviewRow = {
    child_name: `Child ${values.person_id}`, social_worker: 'SW 01', team: TEAM, locality: LOCALITY,
    placement_type: PLACEMENT.U6, placement_provider: PROVIDER.PR4, legal_status: 'C2', full_care_order: 'Yes',
    assessment_type: 'SGO', predicted_start_date: '2022-06-06', first_predicted_start_date: '2022-06-06',
    prediction_revisions: 0, actual_start_date: null, status: UPCOMING, status_order: 2, days_late: 0, in_care: 'Yes',
    ceased_date: null, ceased_reason: null, in_last_window: 'No', in_next_window: 'Yes', as_at_date: AS_AT,
  };
  return { ...base, ...values };
}

export const EXAMPLE_ROWS: PreviewRow[] = EXAMPLE.map(([id, place, provider, type, predicted, actual, status, late], i) =>
  row({
    person_id: id, social_worker: `SW 0${i + 1}`, placement_type: PLACEMENT[place], placement_provider: PROVIDER[provider],
    assessment_type: type, predicted_start_date: predicted, first_predicted_start_date: predicted, actual_start_date: actual,
    status, status_order: STATUS_ORDER[status], days_late: late,
    in_last_window: status === UPCOMING ? 'No' : 'Yes', in_next_window: status === UPCOMING ? 'Yes' : 'No',
  }),
);

/** The status text a cell shows on a tile too narrow for the full one (format pane `auto`). */
export function shortStatus(status: string): string {
  return status === UPCOMING ? 'Upcoming' : status;
}

/** What the table must show for each example row, in column-title order (statuses short, as on a 1100 px tile). */
export const EXAMPLE_CELLS: string[][] = EXAMPLE_ROWS.map((r) => [
  String(r.person_id), String(r.child_name), String(r.social_worker), TEAM, LOCALITY, String(r.placement_type),
  String(r.placement_provider), String(r.assessment_type), ukDate(r.predicted_start_date as string),
  ukDate(r.actual_start_date as string | null), shortStatus(String(r.status)),
]);

const LOCALITIES = ['High Peak & North Dales', 'Chesterfield', 'Amber Valley', 'Erewash'];
const STATUSES = ['Not Yet Started', UPCOMING, 'Started Late', 'Started on Time', 'Planned - Later'];

/** `count` distinct rows with IDs P00001…, spread over localities, types and statuses. */
export function manyRows(count: number): PreviewRow[] {
  const rows: PreviewRow[] = [];
  for (let i = 1; i <= count; i++) {
    const status = STATUSES[i % STATUSES.length];
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const started = status.startsWith('Started');
    rows.push(row({
      person_id: `P${String(i).padStart(5, '0')}`, child_name: `Child ${i}`, social_worker: `SW ${i % 97}`,
      team: `Team ${i % 13}`, locality: LOCALITIES[i % LOCALITIES.length], assessment_type: i % 2 ? 'SGO' : 'Reunification',
      predicted_start_date: `2022-${month}-${day}`, actual_start_date: started ? `2022-${month}-${day}` : null,
      status, status_order: STATUS_ORDER[status], full_care_order: i % 3 ? 'Yes' : 'No',
    }));
  }
  return rows;
}

export const XSS_IMG = '<img src=x onerror=window.__xss=1>';
export const XSS_SCRIPT = '<script>window.__xss=1</script>';

export const XSS_ROWS: PreviewRow[] = [
  row({ person_id: '900001', child_name: XSS_IMG, social_worker: XSS_SCRIPT, team: XSS_IMG, locality: XSS_SCRIPT }),
  row({ person_id: '900002', child_name: XSS_SCRIPT, placement_provider: '"><svg onload=window.__xss=1>', status: 'Started Late', actual_start_date: '2022-06-10' }),
];

function sqlType(type: string): string {
  return type === 'int' ? 'INTEGER' : 'TEXT';
}

/** A SQLite file shaped like the prep's output: planned_assessment (catalog columns) and refresh_log. */
export function writeFixtureSqlite(path: string, rows: PreviewRow[], options: { withTable?: boolean } = {}): void {
  const db = openDatabase(path);
  try {
    const log = TABLES.refresh_log.columns;
    db.exec(`CREATE TABLE refresh_log (${log.map((c) => `"${c.name}" ${sqlType(c.type)}`).join(', ')})`);
    db.prepare("INSERT INTO refresh_log (run_id, started_at_utc, finished_at_utc, status, as_at_date) VALUES ('r1', ?, ?, 'succeeded', ?)")
      .run('2022-05-31T05:00:00.000Z', '2022-05-31T05:00:07.000Z', AS_AT);
    if (options.withTable === false) return;
    const columns = TABLES.planned_assessment.columns;
    db.exec(`CREATE TABLE planned_assessment (${columns.map((c) => `"${c.name}" ${sqlType(c.type)}`).join(', ')})`);
    const insert = db.prepare(
      `INSERT INTO planned_assessment (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map((c) => `@${c.name}`).join(', ')})`,
    );
    inTransaction(db, () => rows.forEach((r) => insert.run(r)));
  } finally {
    db.close();
  }
}

// Derbyshire-length texts, as a report author's page shows them: long team, locality,
// placement and provider names, and every status including the long Upcoming text.
const LONG_TEAMS: [string, string][] = [
  ['CS HPND Children In Care Team (Buxton & Glossop)', 'High Peak & North Dales'],
  ['Chesterfield & North East Derbyshire Children in Care Team 2', 'Chesterfield'],
  ['CS Chesterfield Children In Care and Permanence Team', 'Chesterfield'],
  ['CS Amber Valley Children In Care Team (Ripley & Alfreton)', 'Amber Valley'],
  ['CS Bolsover & North East Derbyshire Children In Care Team', 'Bolsover & North East Derbyshire'],
  ['CS South Derbyshire & Erewash Children In Care Team', 'South Derbyshire & Erewash'],
];
const LONG_PLACEMENTS = [
  'U3: Foster placement with relative or friend - long term fostering',
  'U6: Placement with other foster carer - not long term or FFA/concurrent planning',
  'K2: Children\'s Homes subject to Children\'s Homes Regulations',
  'P1: Placed with own parent(s) or other person(s) with parental responsibility',
];
const LONG_PROVIDERS = ['Other local authority provision', 'Voluntary/third sector provision', 'Parents/Parental responsibility', 'Private provision'];
const LONG_NAMES = ['Charlotte Ashbourne-Whitworth', 'Oliver Fitzherbert-Cavendish', 'Amelia Wirksworth', 'Harrison Matlock-Bonsall'];
const LONG_WORKERS = ['Alexandra Montgomery-Fitzwilliam', 'Bartholomew Okonkwo-Hargreaves', 'Siobhan Featherstonehaugh'];
const LONG_STATUSES: [string, string | null, string][] = [
  ['2022-06-20', null, UPCOMING],
  ['2022-04-10', null, 'Not Yet Started'],
  ['2022-03-01', '2022-03-20', 'Started Late'],
  ['2022-04-02', '2022-04-02', 'Started on Time'],
  ['2022-11-30', null, 'Planned - Later'],
];

/** A distinct short name part for every number, letters only (real names have no digits). */
function letters(n: number): string {
  let text = '';
  for (let rest = n; text === '' || rest > 0; rest = Math.floor(rest / 26)) text = String.fromCharCode(97 + (rest % 26)) + text;
  return text[0].toUpperCase() + text.slice(1);
}

/** `count` rows with long realistic texts, a distinct child name each, and seven-digit Person IDs (1000001…). */
export function derbyshireRows(count: number, overrides: (i: number) => PreviewRow = () => ({})): PreviewRow[] {
  return Array.from({ length: count }, (_, i) => {
    const [team, locality] = LONG_TEAMS[i % LONG_TEAMS.length];
    const [predicted, actual, status] = LONG_STATUSES[i % LONG_STATUSES.length];
    return row({
      person_id: String(1000001 + i), child_name: `${LONG_NAMES[i % LONG_NAMES.length]}-${letters(i)}`, social_worker: LONG_WORKERS[i % LONG_WORKERS.length],
      team, locality, placement_type: LONG_PLACEMENTS[i % LONG_PLACEMENTS.length], placement_provider: LONG_PROVIDERS[i % LONG_PROVIDERS.length],
      assessment_type: i % 3 ? 'SGO' : 'Reunification', predicted_start_date: predicted, first_predicted_start_date: predicted,
      actual_start_date: actual, status, status_order: STATUS_ORDER[status], days_late: status === 'Not Yet Started' ? 51 : 0,
      prediction_revisions: i % 4, full_care_order: 'Yes', ...overrides(i),
    });
  });
}
