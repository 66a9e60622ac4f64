/**
 * docs/source-contract.md stays true to the readers: each file's columns and whether the header
 * must have them, every data-quality rule the job can record, and the CLI's exit codes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../../dataprep/src/cli/main';
import { DATA_QUALITY_RULES } from '../../dataprep/src/model/data-quality-rules';
import type { SourceFileName } from '../../dataprep/src/model/source-records';
import { allocationsFile } from '../../dataprep/src/sources/readers/allocations';
import { assessmentsFile } from '../../dataprep/src/sources/readers/assessments';
import { episodesFile } from '../../dataprep/src/sources/readers/episodes';
import { exclusionsFile } from '../../dataprep/src/sources/readers/exclusions';
import { headerFile } from '../../dataprep/src/sources/readers/header';
import { predictionsFile } from '../../dataprep/src/sources/readers/predictions';
import { targetsFile } from '../../dataprep/src/sources/readers/targets';
import { teamsFile } from '../../dataprep/src/sources/readers/teams';
import { userAccessFile } from '../../dataprep/src/sources/readers/user-access';
import type { ColumnSpec } from '../../dataprep/src/sources/raw-table';
import { codeSpan, codeSpans, readDoc, sections, tables, tableWithHeader } from './markdown';

const doc = readDoc('source-contract.md');

/** Each contract file's reader columns, by the file its section is headed with. */
const READERS: Readonly<Record<string, readonly ColumnSpec[]>> = {
  'episodes.csv': episodesFile().columns,
  'header.csv': headerFile().columns,
  'allocations.csv': allocationsFile().columns,
  'teams.csv': teamsFile().columns,
  'assessments.csv': assessmentsFile().columns,
  'predictions.csv': predictionsFile().columns,
  'exclusions.csv': exclusionsFile().columns,
  'user_access.csv': userAccessFile().columns,
  'targets.csv': targetsFile().columns,
} satisfies Partial<Record<SourceFileName, readonly ColumnSpec[]>>;

const SRC = fileURLToPath(new URL('../../dataprep/src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Rule names written as literals where an issue is made (`rule: '…'`, `requiredRule: '…'`,
 * `log.warn('…'`, `fail(ctx, cell, '…'`): a backstop for issues built outside the typed helpers.
 */
const RULE_LITERALS = [
  /\b\w*[rR]ule:\s*'([^']+)'/g,
  /\blog\.(?:warn|error)\(\s*'([^']+)'/g,
  /\bfail\(\s*ctx,\s*[^,]+,\s*'([^']+)'/g,
];

function ruleLiterals(): { file: string; rule: string }[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return RULE_LITERALS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => ({ file: file.slice(SRC.length), rule: m[1] })));
  });
}

describe('docs/source-contract.md', () => {
  const files = new Map<string, string>();
  for (const [heading, body] of sections(doc, 3)) {
    const name = codeSpans(heading)[0];
    if (name) files.set(name, body);
  }

  it('lists every contract file in the folder table', () => {
    const listed = tableWithHeader(doc, ['file', 'required', 'one row per']).rows.flatMap((row) => codeSpans(row[0]));
    assert.deepEqual(listed.sort(), [...Object.keys(READERS), 'predictions.xlsx'].sort());
  });

  for (const [file, columns] of Object.entries(READERS)) {
    it(`${file}: exactly the reader's columns, each required or optional in the header as the reader has it`, () => {
      const section = files.get(file);
      assert.ok(section !== undefined, `no "### \`${file}\`" section`);
      const rows = tableWithHeader(section, ['column', 'header', 'value', 'used for']).rows;
      assert.deepEqual(rows.map((row) => codeSpan(row[0])), columns.map((c) => c.name), `${file}: columns`);
      rows.forEach((row, i) => {
        assert.equal(row[1], columns[i].required ? 'required' : 'optional', `${file} ${columns[i].name}: header`);
        assert.ok(row[2].length > 3 && row[3].length > 3, `${file} ${columns[i].name}: value and use`);
      });
    });
  }

  it('explains every data-quality rule the job can record, and no other', () => {
    const section = sections(doc, 2).get('Data-quality rules');
    assert.ok(section !== undefined, 'no "## Data-quality rules" section');
    const rows = tables(section).filter((t) => t.header[0] === 'rule').flatMap((t) => t.rows);
    const documented = rows.map((row) => codeSpan(row[0]));
    const missing = DATA_QUALITY_RULES.filter((rule) => !documented.includes(rule));
    assert.deepEqual(missing, [], 'rules in dataprep/src/model/data-quality-rules.ts not explained in docs/source-contract.md');
    assert.deepEqual(documented.filter((rule) => !(DATA_QUALITY_RULES as readonly (string | null)[]).includes(rule)), []);
    assert.equal(new Set(documented).size, documented.length, 'a rule is explained twice');
    for (const row of rows) assert.match(row[1], /^(error|warning)$/, `${row[0]}: severity`);
  });

  it('has every rule written in the source as a literal in the list (so none escapes the docs)', () => {
    const found = ruleLiterals();
    assert.ok(found.length >= 20, `expected the rule literals of sources and transform, found ${found.length}`);
    const unlisted = found.filter((f) => !(DATA_QUALITY_RULES as readonly string[]).includes(f.rule));
    assert.deepEqual(unlisted, [], 'add these to dataprep/src/model/data-quality-rules.ts and docs/source-contract.md');
  });

  it('gives the exit codes the CLI uses', () => {
    const codes = tableWithHeader(doc, ['code', 'meaning']).rows.map((row) => Number(row[0]));
    assert.deepEqual(codes, Object.values(EXIT).sort((a, b) => a - b));
  });
});
