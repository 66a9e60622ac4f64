#!/usr/bin/env node
// The floor a refresh is measured against (issue 9): read every CSV file of the extract folder,
// split lines and fields naively, and insert every input row into one SQLite table with one
// prepared statement in one transaction: nothing a real run can skip. Plain JavaScript, run as
// its own process as `ppoc-prep run` is, through the same binding (node:sqlite). The bench starts it
// with --disable-warning=ExperimentalWarning; `node bench/floor.mjs DIR FILE.sqlite` prints the rows.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const [dir, file] = process.argv.slice(2);
if (!dir || !file) {
  console.error('usage: node bench/floor.mjs EXTRACT_DIR OUT.sqlite');
  process.exit(2);
}
const names = readdirSync(dir).filter((name) => name.endsWith('.csv')).sort();
const lines = Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8').split('\n')]));
const width = Math.max(...names.map((name) => lines[name][0].split(',').length));

for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
const db = new DatabaseSync(file);
const columns = Array.from({ length: width }, (_, i) => `c${i}`);
db.exec(`CREATE TABLE input_row (file TEXT, line INTEGER, ${columns.join(', ')})`);
const insert = db.prepare(`INSERT INTO input_row VALUES (?, ?, ${columns.map(() => '?').join(', ')})`);
const values = new Array(width + 2);
let rows = 0;
db.exec('BEGIN');
for (const name of names) {
  values[0] = name;
  const text = lines[name];
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '') continue;
    const fields = text[i].split(',');
    values[1] = i + 1;
    for (let c = 0; c < width; c++) values[c + 2] = fields[c] ?? null;
    insert.run(...values);
    rows++;
  }
}
db.exec('COMMIT');
db.close();
console.log(rows);
