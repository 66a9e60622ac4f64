import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURATED_TABLES, TABLES, type ColumnDef } from '../../../src/model/tables';
import { JOB_PERMISSIONS } from '../../../src/warehouse/sqlserver/doctor/queries';
import { DEFAULT_MIGRATIONS_DIR, loadMigrations } from '../../../src/warehouse/sqlserver/migrations';
import { readMigrations, type TsqlModel } from './tsql-model';

const EXPECTED_TYPE: Record<ColumnDef['type'], (c: ColumnDef) => string> = {
  text: (c) => `NVARCHAR(${c.maxLength})`,
  date: () => 'DATE',
  int: () => 'INT',
  yesno: () => 'BIT',
  timestamp: () => 'DATETIME2(3)',
  decimal: (c) => `DECIMAL(${c.precision},${c.scale})`,
};

/** Staged by every refresh: the swapped curated tables, the issues and the run's history rows. */
const STAGED = [...CURATED_TABLES, 'data_quality_issue', 'plan_status_history'] as const;
/** Issue 10's migration, found by name: its number depends on what lands before it. */
const RELEASE_2 = loadMigrations().find((m) => m.name.endsWith('_trends_and_report_data'))?.name ?? 'missing _trends_and_report_data';

const expectedColumns = (name: keyof typeof TABLES) =>
  TABLES[name].columns.map((c) => ({ name: c.name, type: EXPECTED_TYPE[c.type](c), nullable: c.nullable }));

const indexesOf = (model: TsqlModel, table: string) =>
  model.indexes.filter((i) => i.table === table).map(({ name, clustered, columns }) => ({ name, clustered, columns }));

describe('sql/ migrations (static checks)', () => {
  const migrations = loadMigrations();
  let model: TsqlModel;
  before(() => {
    model = readMigrations(migrations); // throws on any batch it cannot place
  });

  it('are numbered 001… without gaps, split into GO batches, and each records itself in ppoc.schema_version', () => {
    assert.deepEqual(migrations.map((m) => m.name), [
      '001_schema', '002_tables', '003_staging_and_swap', '004_views', '005_roles', '006_operations', '007_lock_owner_checks', RELEASE_2,
    ]);
    for (const m of migrations) {
      assert.ok(m.batches.length > 1, m.name);
      assert.deepEqual(model.registrations.get(m.name), { version: m.version, name: m.name });
      assert.match(m.batches.at(-1) ?? '', /INSERT INTO ppoc\.schema_version[^\n]+\);$/, `${m.name}: registration ends the last batch`);
    }
    const total = migrations.reduce((n, m) => n + m.batches.length, 0);
    assert.equal(model.parsedBatches + model.structuralBatches + model.verifyBatches, total);
    assert.equal(model.verifyBatches, migrations.length);
    // By shape alone: the procedure definitions (2 + 2 + 2 + 2), GRANT batches (3 + 1 + 2) and issue 10's
    // four primary-key rebuilds.
    assert.equal(model.structuralBatches, 8 + 6 + 4);
  });

  it('verify, in each file\'s last batch, that every object the file creates or alters exists before recording it', () => {
    for (const m of migrations) {
      const created = [...(model.created.get(m.name) ?? [])].sort();
      const verified = model.verified.get(m.name) ?? new Set<string>();
      assert.ok(created.length > 0, m.name);
      assert.deepEqual(created.filter((key) => !verified.has(key)), [], `${m.name}: created but not checked before recording`);
    }
    assert.deepEqual([...(model.verified.get('002_tables') ?? [])].sort(), [...(model.created.get('002_tables') ?? [])].sort());
    assert.ok(model.verified.get('005_roles')?.has('grant:ppoc_writer:ppoc_staging.swap_into_live:EXECUTE'));
    assert.ok(model.verified.get('007_lock_owner_checks')?.has('procedure:ppoc_staging.swap_into_live'));
    for (const key of ['column:ppoc.locality_summary.full_care_order', 'key:ppoc_staging.target_progress.full_care_order',
      'table:ppoc.plan_status_history', 'grant:ppoc_writer:ppoc.plan_status_history:DELETE']) {
      assert.ok(model.verified.get(RELEASE_2)?.has(key), key);
    }
  });

  it('are re-runnable: every CREATE is guarded or CREATE OR ALTER, nothing is dropped', () => {
    for (const file of readdirSync(DEFAULT_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'))) {
      const text = readFileSync(join(DEFAULT_MIGRATIONS_DIR, file), 'utf8');
      const code = text.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n');
      // The one drop allowed: a primary key re-added at once with a new column (checked in the model).
      const rebuilt = /ALTER TABLE ([\w.]+) DROP CONSTRAINT (PK_\w+);\n\s+ALTER TABLE \1 ADD CONSTRAINT \2 PRIMARY KEY/g;
      assert.doesNotMatch(code.replace(rebuilt, ''), /\bDROP\s/i, file);
      for (const line of code.split('\n').filter((l) => /^\s*CREATE\b/.test(l))) {
        assert.match(line, /^\s*CREATE OR ALTER (VIEW|PROCEDURE)|^\s{4}CREATE (TABLE|(NON)?CLUSTERED INDEX) /, `${file}: ${line}`);
      }
    }
  });

  it('create schemas ppoc and ppoc_staging', () => {
    assert.deepEqual([...model.schemas].sort(), ['ppoc', 'ppoc_staging']);
  });

  for (const name of Object.keys(TABLES) as (keyof typeof TABLES)[]) {
    it(`create ppoc.${name} with the catalog's columns, types, lengths, nullability, key and indexes`, () => {
      const table = model.tables.get(`ppoc.${name}`);
      assert.ok(table, `ppoc.${name} missing`);
      assert.deepEqual(table.columns, expectedColumns(name));
      assert.deepEqual(table.primaryKey, [...TABLES[name].primaryKey]);
      const expectedIndexes = TABLES[name].indexes.map((cols, i) => ({
        name: `IX_${name}_${cols.join('_')}`, clustered: TABLES[name].primaryKey.length === 0 && i === 0, columns: [...cols],
      }));
      assert.deepEqual(indexesOf(model, `ppoc.${name}`), expectedIndexes);
    });

    it(`create the view ppoc.vw_${name} over it with the same column names, Yes/No flags as text`, () => {
      const view = model.views.get(`ppoc.vw_${name}`);
      assert.ok(view, `ppoc.vw_${name} missing`);
      assert.equal(view.from, `ppoc.${name}`);
      assert.deepEqual(view.columns.map((c) => c.name), TABLES[name].columns.map((c) => c.name));
      for (const [i, c] of TABLES[name].columns.entries()) {
        assert.ok(c.type === 'yesno' ? view.columns[i].yesNo : view.columns[i].plain, `${name}.${c.name}`);
      }
    });
  }

  it('type every *_utc column DATETIME2(3) and every *_date column DATE', () => {
    for (const [key, table] of model.tables) {
      for (const c of table.columns) {
        if (c.name.endsWith('_utc')) assert.equal(c.type, 'DATETIME2(3)', `${key}.${c.name}`);
        if (c.name.endsWith('_date')) assert.equal(c.type, 'DATE', `${key}.${c.name}`);
      }
    }
  });

  it('give each staging table exactly its live twin\'s columns, key and indexes (ALTER TABLE … SWITCH requires it)', () => {
    for (const name of STAGED) {
      const live = model.tables.get(`ppoc.${name}`);
      const staging = model.tables.get(`ppoc_staging.${name}`);
      assert.ok(live && staging, name);
      assert.deepEqual(staging.columns, live.columns, name);
      assert.deepEqual(staging.primaryKey, live.primaryKey, name);
      assert.deepEqual(indexesOf(model, `ppoc_staging.${name}`), indexesOf(model, `ppoc.${name}`), name);
      assert.deepEqual(staging.defaults, live.defaults, name);
      if (name !== 'data_quality_issue') assert.equal(live.checks, 0, `${name}: a CHECK on a switched table needs a trusted twin`);
    }
    const stagingTables = [...model.tables.keys()].filter((k) => k.startsWith('ppoc_staging.')).sort();
    assert.deepEqual(stagingTables, STAGED.map((n) => `ppoc_staging.${n}`).sort());
  });

  it('add full_care_order to the page-2 tables with yesterday\'s rows as the All rows, and into their keys', () => {
    for (const name of ['locality_summary', 'target_progress'] as const) {
      for (const schema of ['ppoc', 'ppoc_staging']) {
        const table = model.tables.get(`${schema}.${name}`);
        assert.deepEqual(table?.defaults, new Map([['full_care_order', TABLES[name].columns.find((c) => c.name === 'full_care_order')?.addedWith]]));
        assert.ok(table?.primaryKey.includes('full_care_order'), `${schema}.${name}`);
      }
    }
  });

  it('swap every curated table, and only those, inside the caller\'s transaction holding the lock, as owner', () => {
    const swap = model.procedures.get('ppoc_staging.swap_into_live');
    assert.ok(swap?.executeAsOwner);
    assert.notEqual(swap.file, '003_staging_and_swap', 'the latest definition wins');
    const lockCheck = (name: string, what: string) => [
      "IF ISNULL(APPLOCK_MODE(N'public', N'ppoc-refresh', N'Transaction'), N'NoLock') <> N'Exclusive'",
      `THROW 50002, N'ppoc_staging.${name}: the calling transaction does not hold the ppoc-refresh lock; nothing was ${what}', 1;`,
    ];
    assert.deepEqual(swap.body.slice(0, 6), [
      'SET NOCOUNT ON;', 'SET XACT_ABORT ON;', 'IF @@TRANCOUNT = 0',
      "THROW 50001, N'ppoc_staging.swap_into_live must run inside the refresh transaction', 1;",
      ...lockCheck('swap_into_live', 'swapped'),
    ]);
    assert.deepEqual(swap.body.slice(6), CURATED_TABLES.flatMap((n) => [
      `TRUNCATE TABLE ppoc.${n};`, `ALTER TABLE ppoc_staging.${n} SWITCH TO ppoc.${n};`,
    ]));
    const clear = model.procedures.get('ppoc_staging.clear_staging');
    assert.ok(clear?.executeAsOwner);
    assert.deepEqual(clear.body.slice(0, 4), ['SET NOCOUNT ON;', 'SET XACT_ABORT ON;', ...lockCheck('clear_staging', 'cleared')]);
    assert.deepEqual(clear.body.slice(4), STAGED.map((n) => `TRUNCATE TABLE ppoc_staging.${n};`));
  });

  it('grant ppoc_reader SELECT on the views and nothing else', () => {
    const reader = model.grants.filter((g) => g.role === 'ppoc_reader');
    assert.deepEqual(reader.map((g) => g.permissions), reader.map(() => ['SELECT']));
    assert.deepEqual(reader.map((g) => g.object).sort(), Object.keys(TABLES).map((n) => `ppoc.vw_${n}`).sort());
    assert.deepEqual([...model.roles].sort(), ['ppoc_reader', 'ppoc_writer']);
  });

  it('grant ppoc_writer only loading and swapping: no ALTER, no DDL, no write on live curated tables', () => {
    const writer = model.grants.filter((g) => g.role === 'ppoc_writer');
    const on = (object: string) => writer.filter((g) => g.object === object).flatMap((g) => g.permissions).sort();
    for (const g of writer) assert.ok(g.permissions.every((p) => ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'EXECUTE'].includes(p)), g.object);
    for (const name of STAGED) assert.deepEqual(on(`ppoc_staging.${name}`), ['INSERT', 'SELECT']);
    for (const name of CURATED_TABLES) assert.deepEqual(on(`ppoc.${name}`), [], `no direct grant on ppoc.${name}`);
    assert.deepEqual(on('ppoc.plan_status_history'), ['DELETE', 'INSERT', 'SELECT'], 'the kept history is written directly');
    assert.deepEqual(on('ppoc_staging.swap_into_live'), ['EXECUTE']);
    assert.deepEqual(on('ppoc_staging.clear_staging'), ['EXECUTE']);
    assert.deepEqual(on('ppoc.refresh_log'), ['INSERT', 'SELECT', 'UPDATE']);
    assert.deepEqual(on('ppoc.data_quality_issue'), ['DELETE', 'INSERT', 'SELECT']);
    assert.deepEqual(on('ppoc.source_file'), ['INSERT', 'SELECT'], 'a log like refresh_log: written, never updated or deleted');
    for (const name of Object.keys(TABLES)) assert.deepEqual(on(`ppoc.vw_${name}`), ['SELECT']);
  });

  it('grant ppoc_writer exactly what doctor checks the job\'s login for (JOB_PERMISSIONS)', () => {
    const granted = model.grants.filter((g) => g.role === 'ppoc_writer').flatMap((g) => g.permissions.map((p) => `${p} ${g.object}`)).sort();
    assert.deepEqual(JOB_PERMISSIONS.map((p) => `${p.permission} ${p.object}`).sort(), granted);
  });

  it('bracket the reserved word `rule` wherever it names a column', () => {
    for (const m of migrations) {
      for (const batch of m.batches) {
        const code = batch.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n');
        assert.doesNotMatch(code, /(?<!\[)\brule\b(?!\])/, m.name);
      }
    }
  });
});
