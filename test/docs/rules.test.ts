/**
 * docs/rules.md stays true: its worked examples and code lists are run through core/, the
 * code both the prep job and the visual use.
 */
import assert from 'node:assert/strict';
import {
  addDays, addMonths, daysLate, deriveStatus, formatSentence, LEGAL_STATUS, legalStatusLabel, PLACEMENT_PROVIDER,
  PLACEMENT_TYPE, placementProviderLabel, placementTypeLabel, ppocGroup, REASON_GROUPS, reasonGroup, STATUS_KEYS,
  STATUS_ORDER, statusText, windowsFor, type IsoDate,
} from '../../core/src/index';
import { codeSpan, codeSpans, readDoc, tableWithHeader, type MarkdownTable } from './markdown';

const doc = readDoc('rules.md');

/** Rows whose first cell is a code span, as [codes, other cells...]. */
function codeRows(table: MarkdownTable): { codes: string[]; cells: string[] }[] {
  return table.rows.filter((r) => codeSpans(r[0]).length > 0).map((r) => ({ codes: codeSpans(r[0]), cells: r.slice(1) }));
}

const date = (cell: string): IsoDate | null => (cell === '' ? null : (cell as IsoDate));

describe('docs/rules.md', () => {
  it('date arithmetic examples are what core computes', () => {
    const table = tableWithHeader(doc, ['date', 'change', 'result']);
    assert.ok(table.rows.length >= 10);
    for (const [from, change, expected] of table.rows) {
      const match = /^([+−])(\d+) (month|day)s?$/.exec(change);
      assert.ok(match, `unreadable change "${change}"`);
      const n = Number(match[2]) * (match[1] === '−' ? -1 : 1);
      const got = match[3] === 'month' ? addMonths(from as IsoDate, n) : addDays(from as IsoDate, n);
      assert.equal(got, expected, `${from} ${change}`);
    }
  });

  it('window examples are what core computes', () => {
    const table = tableWithHeader(doc, ['A', 'W', 'last window', 'next window']);
    assert.ok(table.rows.length >= 4);
    for (const [asAt, w, last, next] of table.rows) {
      const windows = windowsFor(asAt as IsoDate, Number(w));
      assert.equal(`${windows.last.from} to ${windows.last.to}`, last, `last window of ${asAt}, W ${w}`);
      assert.equal(`${windows.next.from} to ${windows.next.to}`, next, `next window of ${asAt}, W ${w}`);
    }
  });

  it('lists every status with its exact text and sort order', () => {
    const table = tableWithHeader(doc, ['status (exact text)', 'when', 'status_order']);
    const documented = table.rows.map((r) => [codeSpan(r[0]), Number(r[2])]);
    const expected = STATUS_KEYS.map((key) => [statusText(key), STATUS_ORDER[key]]).sort((a, b) => Number(a[1]) - Number(b[1]));
    assert.deepEqual(documented, expected);
  });

  it('status and days_late examples are what core computes', () => {
    const table = tableWithHeader(doc, ['A', 'W', 'P', 'S', 'status', 'days_late']);
    assert.ok(table.rows.length >= 10);
    for (const [asAt, w, predicted, actual, status, late] of table.rows) {
      const plan = { predicted: date(predicted), actual: date(actual) };
      const key = deriveStatus(plan, asAt as IsoDate, Number(w));
      assert.ok(key, `no status for ${predicted}`);
      const where = `A ${asAt}, P ${predicted}, S ${actual || 'none'}`;
      assert.equal(statusText(key, Number(w)), status, where);
      assert.equal(daysLate(key, plan, asAt as IsoDate), Number(late), where);
    }
  });

  it('sentence examples are exactly what core writes', () => {
    const table = tableWithHeader(doc, ['W', 'onTime', 'late', 'yetToStart', 'planned', 'sentence']);
    assert.ok(table.rows.length >= 4);
    for (const [w, onTime, late, yetToStart, planned, sentence] of table.rows) {
      const counts = { onTime: Number(onTime), late: Number(late), yetToStart: Number(yetToStart), planned: Number(planned) };
      assert.equal(formatSentence(counts, Number(w)), sentence);
    }
  });

  it('lists every legal status, placement type and provider with what the report shows', () => {
    const lists = [
      { header: ['LS', 'description'], codes: LEGAL_STATUS, label: legalStatusLabel },
      { header: ['PLACE', 'shown as'], codes: PLACEMENT_TYPE, label: placementTypeLabel },
      { header: ['PLACE_PROVIDER', 'shown as'], codes: PLACEMENT_PROVIDER, label: placementProviderLabel },
    ];
    for (const list of lists) {
      const rows = codeRows(tableWithHeader(doc, list.header));
      assert.deepEqual(rows.flatMap((r) => r.codes).sort(), Object.keys(list.codes).sort(), `${list.header[0]} codes`);
      for (const row of rows) assert.equal(list.label(row.codes[0]).label, row.cells[0], `${list.header[0]} ${row.codes[0]}`);
    }
  });

  it('lists every leaving-care reason group and the PPOC groups', () => {
    const reasons = codeRows(tableWithHeader(doc, ['REC', 'reason_group']));
    assert.deepEqual(reasons.flatMap((r) => r.codes).sort(), Object.keys(REASON_GROUPS).sort());
    for (const row of reasons) for (const code of row.codes) assert.equal(reasonGroup(code), row.cells[0], code);
    const groups = codeRows(tableWithHeader(doc, ['PLACE', 'ppoc_group']));
    assert.ok(groups.length >= 2);
    for (const row of groups) for (const code of row.codes) assert.equal(ppocGroup(code), row.cells[0], code);
    assert.match(doc, /Any other placement is `Other`/);
    assert.equal(ppocGroup('U4'), 'Other');
  });
});
