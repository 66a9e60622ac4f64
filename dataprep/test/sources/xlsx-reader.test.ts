/**
 * The workbook reader on workbooks written by hand (test/helpers/xlsx-zip.ts): every kind of
 * cell Excel writes, any part order, stray cells far outside the header, no temp file, and the
 * messages for what is not a workbook it can read.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_INPUT } from '../../../fixtures/paths';
import { ExtractError } from '../../src/model/data-quality';
import type { RawCell } from '../../src/sources/raw-table';
import { DEFAULT_READ_LIMITS } from '../../src/sources/source-file';
import { readXlsx } from '../../src/sources/xlsx-table';
import { EXCEL_ORDER, inExcelOrder, workbookOf, workbookParts, zipOf, type SheetSpec } from '../helpers/xlsx-zip';
import { removeExtracts, writeExtract } from './extract-fixture';

interface Read {
  header: [number, string[]] | null;
  rows: [number, RawCell[]][];
  warnings: [number, string | null, string, string][];
}

function written(bytes: Buffer): string {
  const path = join(writeExtract(), 'predictions.xlsx');
  writeFileSync(path, bytes);
  return path;
}

const read = (bytes: Buffer): Promise<Read> => readPath(written(bytes));

async function readPath(path: string, onRow?: () => void): Promise<Read> {
  const result: Read = { header: null, rows: [], warnings: [] };
  await readXlsx(path, 'predictions.xlsx', {
    header: (names, line) => void (result.header = [line, [...names]]),
    row: (line, cells) => {
      onRow?.();
      result.rows.push([line, [...cells]]);
    },
    warning: (line, _cells, fault) => void result.warnings.push([line, fault.column, fault.rule, fault.message]),
  }, DEFAULT_READ_LIMITS);
  return result;
}

async function failure(bytes: Buffer): Promise<string> {
  try {
    await read(bytes);
  } catch (error) {
    assert.ok(error instanceof ExtractError, String((error as Error).stack));
    return error.message;
  }
  return assert.fail('the read should have failed');
}

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER = `<row r="1">${inline('A1', 'person_id')}${inline('B1', 'type')}${inline('C1', 'on')}${inline('D1', 'note')}</row>`;

/** Styles: 0 plain, 1 built-in date (14), 2 custom date-time, 3 custom number. */
const STYLES = '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="0.0&quot; m&quot;"/></numFmts>'
  + '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>';

const EVERY_KIND: SheetSpec = {
  styles: STYLES,
  sharedStrings: [
    '  SGO ',
    '<r><rPr><b/></rPr><t>Reuni</t></r><r><t xml:space="preserve">fication</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh>',
    'line_x000D_break',
  ],
  rows: HEADER
    + `<row r="2"><c r="A2"><v>100001</v></c><c r="B2" t="s"><v>0</v></c><c r="C2" s="1"><v>44686</v></c><c r="D2" t="b"><v>1</v></c></row>`
    + `<row r="3"><c r="A3" t="str"><f>TEXT(1,"0")</f><v>100002</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" s="2"><f>DATE(2022,1,14)+0.4375</f><v>44575.4375</v></c><c r="D3" t="e"><v>#N/A</v></c></row>`
    + '<row r="4" spans="1:4"><c r="A4" s="3"/><c r="B4"><v></v></c><c r="C4" t="inlineStr"><is><t>   </t></is></c></row>'
    + `<row r="6"><c r="A6" t="inlineStr"><is><r><t>1000</t></r><r><t>06</t></r></is></c><c r="B6" t="s"><v>2</v></c><c r="C6" t="d"><v>2022-05-04T00:00:00</v></c><c r="D6" s="3"><f t="shared" si="0">A1</f><v>2.5</v></c></row>`,
};

describe('the workbook reader', () => {
  after(removeExtracts);

  it('reads every kind of cell: shared, rich and inline text, numbers, dates, booleans, errors, formula results', async () => {
    const { header, rows, warnings } = await read(workbookOf(EVERY_KIND));
    assert.deepEqual(header, [1, ['person_id', 'type', 'on', 'note']]);
    assert.deepEqual(rows, [
      [2, ['100001', 'SGO', utc(2022, 5, 5), 'true']],
      [3, ['100002', 'Reunification', utc(2022, 1, 14, 10, 30), '#N/A']],
      [6, ['100006', 'line\rbreak', utc(2022, 5, 4), '2.5']],
    ]);
    assert.deepEqual(warnings, []);
  });

  it('reads the same rows whatever order the parts have in the zip', async () => {
    const parts = workbookParts(EVERY_KIND);
    const expected = await read(zipOf(parts));
    for (const order of [EXCEL_ORDER, [...parts].reverse().map((p) => p.name)]) {
      assert.deepEqual(await read(workbookOf(EVERY_KIND, order)), expected, order.join(', '));
    }
  });

  it('reads the 1904 date system, prefixed element names and cells without references', async () => {
    const rows = HEADER.replace(/<(\/?)(row|c|is|t)\b/g, '<$1x:$2')
      + '<x:row><x:c><x:v>7</x:v></x:c><x:c t="inlineStr"><x:is><x:t>SGO</x:t></x:is></x:c><x:c s="1"><x:v>43224</x:v></x:c></x:row>';
    const book = workbookParts({ rows, date1904: true, styles: STYLES }).map((part) => (part.name.startsWith('xl/worksheets/')
      ? { ...part, data: String(part.data).replace('<worksheet xmlns=', '<x:worksheet xmlns:x=').replace('</worksheet>', '</x:worksheet>').replace(/<(\/?)(sheetData|dimension)\b/g, '<$1x:$2') }
      : part));
    assert.deepEqual((await read(zipOf(book))).rows, [[2, ['7', 'SGO', utc(2022, 5, 5), null]]]);
  });

  it('reads the first worksheet of the tab order, wherever it is in the zip', async () => {
    const parts = workbookParts({ rows: HEADER, laterSheets: 1 });
    const sheet2First = [...parts].sort((a, b) => Number(b.name.endsWith('sheet2.xml')) - Number(a.name.endsWith('sheet2.xml')));
    assert.deepEqual((await read(zipOf(sheet2First))).header, [1, ['person_id', 'type', 'on', 'note']]);
  });

  it('takes the used range from cells with values: a stray cell is a warning naming it, and widens nothing', async () => {
    const { header, rows, warnings } = await read(workbookOf({
      rows: `<row r="1">${inline('A1', 'person_id')}${inline('B1', 'type')}${inline('XFD1', 'stray')}<c r="XFC1" s="0"/></row>`
        + `<row r="2"><c r="A2"><v>1</v></c>${inline('B2', 'SGO')}${inline('G2', 'x')}${inline('XFD2', 'y')}</row>`
        + `<row r="3"><c r="A3"><v>2</v></c><c r="XFD3" s="0"/></row>`
        + `<row r="4">${inline('ZZ4', 'Jane Doe')}</row>`,
    }));
    assert.deepEqual(header, [1, ['person_id', 'type']]);
    assert.deepEqual(rows, [[2, ['1', 'SGO']], [3, ['2', null]]]);
    assert.deepEqual(warnings, [
      [1, 'XFD', 'cell_outside_header', 'cell XFD1 holds a value beyond column GR, the last a header may use (PPOC_MAX_COLUMNS); it is ignored'],
      [2, 'G', 'cell_outside_header', "cell G2 holds a value outside the header's columns (A to B) (and 1 more cell in the row); it is ignored"],
      [4, 'ZZ', 'cell_outside_header', "cell ZZ4 holds a value outside the header's columns (A to B); it is ignored"],
    ]);
  });

  it('finds the header below rows that hold only styling or a stray cell', async () => {
    const { header, rows, warnings } = await read(workbookOf({
      rows: `<row r="1"><c r="A1" s="0"/>${inline('XFD1', 'stray')}</row><row r="3">${inline('B3', 'person_id')}</row><row r="4"><c r="B4"><v>5</v></c></row>`,
    }));
    assert.deepEqual([header, rows, warnings.map((w) => w.slice(0, 2))], [[3, ['', 'person_id']], [[4, [null, '5']]], [[1, 'XFD']]]);
  });

  it('writes no temp file, even for a workbook whose sheet comes before its shared strings', async () => {
    const path = written(await inExcelOrder(readFileSync(join(BAD_INPUT, 'predictions-xlsx-valid', 'predictions.xlsx'))));
    const folder = mkdtempSync(join(tmpdir(), 'ppoc-tmpdir-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = folder;
    try {
      const seen: string[][] = [];
      const { rows } = await readPath(path, () => seen.push(readdirSync(folder)));
      assert.equal(rows.length, 9);
      assert.deepEqual([...new Set(seen.flat())], [], 'nothing in TMPDIR while the sheet was read');
      assert.deepEqual(readdirSync(folder), []);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says plainly what it cannot read', async () => {
    const notReadable = 'predictions.xlsx: the file is not a readable Excel workbook (.xlsx)';
    const without = (name: string) => zipOf(workbookParts({ rows: HEADER }).filter((p) => p.name !== name));
    const changed = (name: string, data: string) => zipOf(workbookParts({ rows: HEADER }).map((p) => (p.name === name ? { ...p, data } : p)));
    assert.equal(await failure(without('xl/_rels/workbook.xml.rels')), notReadable);
    assert.equal(await failure(without('xl/sharedStrings.xml')), notReadable, 'a part the workbook names is missing');
    assert.equal(await failure(changed('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row>')), notReadable);
    assert.equal(await failure(workbookOf({ rows: '<row r="1"><c r="A1" t="s"><v>3</v></c></row>' })), notReadable, 'no shared string 3');
    assert.equal(await failure(workbookOf({ rows: `<row r="1">${inline('XFE1', 'x')}</row>` })), notReadable, 'a column Excel does not have');
    assert.equal(await failure(workbookOf({ rows: `<row r="1">${'<c><v>1</v></c>'.repeat(16_385)}</row>` })), notReadable, 'more cells than a row has');
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
      + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>';
    assert.equal(await failure(changed('xl/sharedStrings.xml', laughs)), notReadable, 'entities are never expanded');
    assert.equal(await failure(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)])),
      `${notReadable}: it is an Excel 97-2003 (.xls) or password-protected workbook; save it as an Excel Workbook (.xlsx) without a password`);
    assert.equal(await failure(changed('xl/workbook.xml', '<workbook><sheets/></workbook>')), 'predictions.xlsx: the workbook has no worksheet');
    assert.equal(await failure(workbookOf({ rows: '<row r="1"><c r="A1" s="0"/></row>' })), 'predictions.xlsx: the first worksheet is empty (no header row)');
  });
});
