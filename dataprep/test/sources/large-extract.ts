import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADERS } from './extract-fixture';

/**
 * Writes a synthetic extract for `children` children: two episodes each (one closed, one open),
 * a header row, an allocation, an assessment and a prediction. Returns the folder.
 */
export function writeLargeExtract(children: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ppoc-large-'));
  const ukDate = (i: number, year: number) =>
    `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${year}`;
  const files: Record<string, string[]> = {
    'episodes.csv': [HEADERS.episodes],
    'header.csv': [HEADERS.header],
    'allocations.csv': [HEADERS.allocations],
    'assessments.csv': [HEADERS.assessments],
    'predictions.csv': [HEADERS.predictions],
  };
  for (let i = 0; i < children; i++) {
    const id = String(100000 + i).padStart(7, '0');
    files['episodes.csv'].push(`${id},${ukDate(i, 2015)},S,C2,N1,U6,PR4,${ukDate(i, 2018)},E11,,,,`);
    files['episodes.csv'].push(`${id},${ukDate(i, 2019)},P,C2,N1,K2,PR1,,,,,,`);
    files['header.csv'].push(`${id},1,${ukDate(i, 2010)},WBRI,A${id},,`);
    files['allocations.csv'].push(`${id},"Child ${id}",SW ${i % 50},Team ${i % 20},Locality ${i % 5}`);
    files['assessments.csv'].push(`${id},W${i},${i % 2 ? 'SGO' : 'SINGLE'},${i % 3 ? ukDate(i, 2022) : ''},${i % 2 ? '' : 'Y'}`);
    files['predictions.csv'].push(`${id},${i % 2 ? 'SGO' : 'Reunification'},${ukDate(i + 1, 2022)},2022-01-14T10:3${i % 10}:00,TC`);
  }
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join('\r\n')}\r\n`);
  return dir;
}
