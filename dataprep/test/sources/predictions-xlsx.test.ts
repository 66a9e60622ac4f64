import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ExtractError } from '../../src/model/data-quality';
import { readExtract } from '../../src/sources/index';
import { countsOf, csv, HEADERS, removeExtracts, where, writeExtract } from './extract-fixture';

type Cell = ExcelJS.CellValue;

/** A wall-clock date (and time) as exceljs writes and reads Excel date cells: UTC parts. */
const excelDate = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(Date.UTC(y, m - 1, d, h, min, s));

async function extractWithWorkbook(rows: Cell[][], header = HEADERS.predictions.split(',')): Promise<string> {
  const dir = writeExtract({ 'predictions.csv': null });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Form responses');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  workbook.addWorksheet('Notes').addRow(['ignored: only the first sheet is read']);
  // writeBuffer, not writeFile: exceljs's writeFile can end the file stream before the zip's last
  // bytes are piped in (the likely cause of one unreadable workbook seen under load).
  writeFileSync(join(dir, 'predictions.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
  return dir;
}

/** Runs `body` with the process time zone set, so a local-time bug would show. */
async function inTimeZone<T>(zone: string, body: () => Promise<T>): Promise<T> {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await body();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

describe('readExtract: predictions.xlsx', () => {
  after(removeExtracts);

  it('reads date cells, text dates, numeric IDs, date-time cells, rich text and formula results', async () => {
    const dir = await extractWithWorkbook([
      [100001, 'Reunification', excelDate(2022, 5, 4), excelDate(2022, 1, 14, 10, 30), 'TC'],
      ['100002', 'sgo', '17/03/2022', '2022-01-14 09:05', null],
      [1e5, 'SGO', '2022-03-04', excelDate(2022, 1, 14)],
      [{ richText: [{ text: '1000' }, { text: '04' }] }, { formula: 'UPPER("sgo")', result: 'SGO' }, { formula: 'DATE(2022,5,5)', result: excelDate(2022, 5, 5) }, '14/01/2022'],
    ]);
    const { data, issues, files } = await readExtract(dir);
    assert.deepEqual(issues, []);
    assert.deepEqual(countsOf(files.find((f) => f.file === 'predictions.xlsx')), { file: 'predictions.xlsx', rowsRead: 4, rowsRejected: 0 });
    assert.deepEqual(data.predictions.map((p) => [p.personId, p.assessmentType, p.predictedStartDate, p.submittedAt, p.submittedOn, p.submittedBy, p.sourceFile, p.line]), [
      ['100001', 'Reunification', '2022-05-04', '2022-01-14T10:30:00', '2022-01-14', 'TC', 'predictions.xlsx', 2],
      ['100002', 'SGO', '2022-03-17', '2022-01-14T09:05:00', '2022-01-14', null, 'predictions.xlsx', 3],
      ['100000', 'SGO', '2022-03-04', '2022-01-14T00:00:00', '2022-01-14', null, 'predictions.xlsx', 4],
      ['100004', 'SGO', '2022-05-05', '2022-01-14T00:00:00', '2022-01-14', null, 'predictions.xlsx', 5],
    ]);
  });

  for (const zone of ['Europe/London', 'America/New_York', 'Pacific/Auckland']) {
    it(`never shifts a summer-time date or a late-evening time (TZ=${zone})`, async () => {
      const dir = await extractWithWorkbook([
        ['1', 'SGO', excelDate(2022, 6, 15), excelDate(2022, 6, 15, 23, 30, 5)],
        ['2', 'SGO', excelDate(2022, 3, 27), excelDate(2022, 10, 30, 0, 15)],
      ]);
      const { data, issues } = await inTimeZone(zone, () => readExtract(dir));
      assert.deepEqual(issues, []);
      assert.deepEqual(data.predictions.map((p) => [p.predictedStartDate, p.submittedAt, p.submittedOn]), [
        ['2022-06-15', '2022-06-15T23:30:05', '2022-06-15'],
        ['2022-03-27', '2022-10-30T00:15:00', '2022-10-30'],
      ]);
    });
  }

  it('reports bad rows with the Excel row number and the contract column', async () => {
    const dir = await extractWithWorkbook([
      ['1', 'SGO', excelDate(2022, 5, 4), excelDate(2022, 1, 14)],
      [],
      ['2', 'Adoption', excelDate(2022, 5, 4), excelDate(2022, 1, 14)],
      ['3', 'SGO', 44686, excelDate(2022, 1, 14)],
      ['4', 'SGO', '29/02/2023', excelDate(2022, 1, 14)],
      ['5', 'SGO', excelDate(2022, 5, 4), '2022-01-14'],
      ['6', 'SGO', excelDate(2022, 5, 4), excelDate(2022, 1, 14)],
      ['7', 'SGO', excelDate(2022, 5, 4), excelDate(2022, 1, 14)],
    ]);
    const { data, issues } = await readExtract(dir);
    assert.deepEqual(where(issues), [
      { severity: 'error', sourceFile: 'predictions.xlsx', line: 4, column: 'assessment_type', personId: '2', rule: 'unknown_assessment_type' },
      { severity: 'error', sourceFile: 'predictions.xlsx', line: 5, column: 'predicted_start_date', personId: '3', rule: 'invalid_date' },
      { severity: 'error', sourceFile: 'predictions.xlsx', line: 6, column: 'predicted_start_date', personId: '4', rule: 'invalid_date' },
    ]);
    assert.deepEqual(data.predictions.map((p) => p.line), [2, 7, 8, 9]);
  });

  it('matches the header row case-insensitively and needs its required columns', async () => {
    const ok = await extractWithWorkbook([['1', 'SGO', '01/06/2022', '14/01/2022']], [' PERSON_ID', 'Assessment_Type', 'predicted_start_date', 'Submitted_At']);
    assert.equal((await readExtract(ok)).data.predictions.length, 1);
    const missing = await extractWithWorkbook([['1', 'SGO', '01/06/2022']], ['person_id', 'assessment_type', 'predicted_start_date']);
    await assert.rejects(readExtract(missing), (error: unknown) =>
      error instanceof ExtractError && error.sourceFile === 'predictions.xlsx' && error.column === 'submitted_at' && /submitted_at/.test(error.message));
  });

  it('refuses an extract with both predictions.csv and predictions.xlsx', async () => {
    const dir = await extractWithWorkbook([['1', 'SGO', '01/06/2022', '14/01/2022']]);
    const both = writeExtract({ 'predictions.csv': csv(HEADERS.predictions) });
    const { copyFileSync } = await import('node:fs');
    copyFileSync(join(dir, 'predictions.xlsx'), join(both, 'predictions.xlsx'));
    await assert.rejects(readExtract(both), (error: unknown) =>
      error instanceof ExtractError && /predictions\.csv.*predictions\.xlsx.*keep only one/.test(error.message));
  });

  it('fails a file that is not a workbook', async () => {
    const dir = writeExtract({ 'predictions.csv': null, 'predictions.xlsx': 'person_id,assessment_type\n' });
    await assert.rejects(readExtract(dir), (error: unknown) =>
      error instanceof ExtractError && error.sourceFile === 'predictions.xlsx' && /not a readable Excel workbook/.test(error.message));
  });
});
