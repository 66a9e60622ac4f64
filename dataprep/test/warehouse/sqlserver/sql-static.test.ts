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
/** Issue 17: the text columns of the curated tables, the history and their twins compare as the job does. */
const KEY_COLLATION = 'Latin1_General_100_CI_AS';
const COLLATED = new Set<string>(STAGED.filter((n) => n !== 'data_quality_issue'));
/** View columns beside the catalog's: the run log's times in UK local time (010). */
const VIEW_EXTRAS: Partial<Record<keyof typeof TABLES, string[]>> = { refresh_log: ['started_at_uk', 'finished_at_uk'] };

const expectedColumns = (name: keyof typeof TABLES) =>
  TABLES[name].columns.map((c) => ({
    name: c.name, type: EXPECTED_TYPE[c.type](c), nullable: c.nullable,
    ...(c.type === 'text' && COLLATED.has(name) ? { collation: KEY_COLLATION } : {}),
  }));

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
      '009_low_priority_swap', '010_keys_collation_and_places', '011_run_figures',
    ]);
    for (const m of migrations) {
      assert.ok(m.batches.length > 1, m.name);
      assert.deepEqual(model.registrations.get(m.name), { version: m.version, name: m.name });
      assert.match(m.batches.at(-1) ?? '', /INSERT INTO ppoc\.schema_version[^\n]+\);$/, `${m.name}: registration ends the last batch`);
    }
    const total = migrations.reduce((n, m) => n + m.batches.length, 0);
    assert.equal(model.parsedBatches + model.structuralBatches + model.verifyBatches, total);
    assert.equal(model.verifyBatches, migrations.length);
    // By shape alone: the procedure definitions (2 + 2 + 2 + 2 + 4), GRANT/REVOKE batches (3 + 1 + 2 + 2 + 1),
    // issue 10's four primary-key rebuilds, issue 17's statistics drop, 32 collation rebuilds (10
    // curated tables × live, staging and retired, the history × live and staging) and 6 named
    // defaults, and issue 20's seed of the live run's figures.
    assert.equal(model.structuralBatches, 12 + 9 + 4 + 1 + 32 + 6 + 1);
    assert.deepEqual(model.seeds, [{ file: '011_run_figures', table: 'ppoc.run_figure' }]);
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
      // The drops allowed: a primary key re-added at once with a new column, and the batches that
      // change collations (statistics, and a table's default, key and indexes put back at once) or
      // name a default; the model checks each puts back what it took away.
      const rebuilt = /ALTER TABLE ([\w.]+) DROP CONSTRAINT (PK_\w+);\n\s+ALTER TABLE \1 ADD CONSTRAINT \2 PRIMARY KEY/g;
      const rebuilds = code.split(/\nGO\n/).filter((b) => !/^(\s*DECLARE @drop_statistics |\s*IF EXISTS \(SELECT 1 FROM sys\.columns WHERE object_id = |\s*IF OBJECT_ID\(N'[\w.]+', N'D'\) IS NULL)/.test(b));
      assert.doesNotMatch(rebuilds.join('\nGO\n').replace(rebuilt, ''), /\bDROP\s/i, file);
      for (const line of code.split('\n').filter((l) => /^\s*CREATE\b/.test(l))) {
        assert.match(line, /^\s*CREATE OR ALTER (VIEW|PROCEDURE)|^\s{4}CREATE (TABLE|(NON)?CLUSTERED INDEX) /, `${file}: ${line}`);
      }
    }
  });

  it('create schemas ppoc, ppoc_staging and ppoc_retired', () => {
    assert.deepEqual([...model.schemas].sort(), ['ppoc', 'ppoc_retired', 'ppoc_staging']);
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
      assert.deepEqual(view.columns.map((c) => c.name), [...TABLES[name].columns.map((c) => c.name), ...(VIEW_EXTRAS[name] ?? [])]);
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

  /** `schema`'s twin of every table in `names` is the live table's exact copy, and the schema holds nothing else. */
  function assertTwins(schema: string, names: readonly string[]): void {
    for (const name of names) {
      const live = model.tables.get(`ppoc.${name}`);
      const twin = model.tables.get(`${schema}.${name}`);
      assert.ok(live && twin, `${schema}.${name}`);
      assert.deepEqual([twin.columns, twin.primaryKey, twin.defaults, twin.defaultNames], [live.columns, live.primaryKey, live.defaults, live.defaultNames], name);
      assert.deepEqual(indexesOf(model, `${schema}.${name}`), indexesOf(model, `ppoc.${name}`), name);
      if (name !== 'data_quality_issue') assert.equal(live.checks, 0, `${name}: a CHECK on a switched table needs a trusted twin`);
    }
    assert.deepEqual([...model.tables.keys()].filter((k) => k.startsWith(`${schema}.`)).sort(), names.map((n) => `${schema}.${n}`).sort());
  }

  it('give each staging table exactly its live twin\'s columns, collations, key, indexes and defaults (ALTER TABLE … SWITCH requires it)', () => {
    assertTwins('ppoc_staging', STAGED);
  });

  it('give each curated table a retired twin with exactly its columns, collations, key, indexes and named defaults (the swap switches live out to it)', () => {
    assertTwins('ppoc_retired', CURATED_TABLES);
  });

  it('give every text column of the curated tables, the history and their twins the collation the job compares with, and name every default', () => {
    for (const [key, table] of model.tables) {
      const [schema, name] = key.split('.');
      for (const c of table.columns.filter((x) => x.type.startsWith('NVARCHAR'))) {
        assert.equal(c.collation, COLLATED.has(name) ? KEY_COLLATION : undefined, `${key}.${c.name} (${schema})`);
      }
      for (const column of table.defaults.keys()) assert.equal(table.defaultNames.get(column), `DF_${name}_${column}`, `${key}.${column}`);
    }
  });

  it('add full_care_order to the page-2 tables with yesterday\'s rows as the All rows, and into their keys', () => {
    for (const name of ['locality_summary', 'target_progress'] as const) {
      for (const schema of ['ppoc', 'ppoc_staging', 'ppoc_retired']) {
        const table = model.tables.get(`${schema}.${name}`);
        assert.deepEqual(table?.defaults, new Map([['full_care_order', TABLES[name].columns.find((c) => c.name === 'full_care_order')?.addedWith]]));
        assert.ok(table?.primaryKey.includes('full_care_order'), `${schema}.${name}`);
      }
    }
  });

  it('swap every curated table, and only those, out to its retired twin and staging in at low priority, holding the lock, as owner', () => {
    const lockCheck = (name: string, what: string) => [
      "IF ISNULL(APPLOCK_MODE(N'ppoc_writer', N'ppoc-refresh', N'Transaction'), N'NoLock') <> N'Exclusive'",
      `THROW 50002, N'ppoc_staging.${name}: the calling transaction does not hold the ppoc-refresh lock; nothing was ${what}', 1;`,
    ];
    const swap = model.procedures.get('ppoc_staging.swap_into_live');
    assert.ok(swap?.executeAsOwner);
    assert.equal(swap.file, '009_low_priority_swap', 'the latest definition wins');
    assert.deepEqual(swap.parameters, ['@wait_seconds INT']);
    assert.deepEqual(swap.body.slice(0, 8), [
      'SET NOCOUNT ON;', 'SET XACT_ABORT ON;', 'SET DEADLOCK_PRIORITY HIGH;', 'IF @@TRANCOUNT = 0',
      "THROW 50001, N'ppoc_staging.swap_into_live must run inside the refresh transaction', 1;",
      ...lockCheck('swap_into_live', 'swapped'), 'IF @wait_seconds IS NULL OR @wait_seconds < 0 OR @wait_seconds > 3600',
    ]);
    assert.ok(swap.body.includes(
      "SET @wait = N' WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = ' + CAST((@wait_seconds + 59) / 60 AS NVARCHAR(10)) + N' MINUTES, ABORT_AFTER_WAIT = SELF))';",
    ), 'MAX_DURATION: PPOC_SWAP_WAIT_SECONDS rounded up to minutes');
    assert.ok(swap.body.includes('SET LOCK_TIMEOUT 0;'), 'no wait at all for 0 (SELF needs a MAX_DURATION above 0)');
    const switches = swap.body.filter((l) => /SWITCH TO/.test(l)).map((l) => l.replace(/^(DECLARE @sql NVARCHAR\(MAX\) = )?N?'?/, '').replace(/' \+ @wait \+ N';'?;?$/, ''));
    assert.deepEqual(switches, CURATED_TABLES.flatMap((n) => [
      `ALTER TABLE ppoc.${n} SWITCH TO ppoc_retired.${n}`, `ALTER TABLE ppoc_staging.${n} SWITCH TO ppoc.${n}`,
    ]));
    assert.equal(swap.body.at(-1), 'EXEC sys.sp_executesql @sql;');
    assert.ok(!swap.body.some((l) => l.startsWith('TRUNCATE')), 'a TRUNCATE of a live table could not wait at low priority');
    const clear = model.procedures.get('ppoc_staging.clear_staging');
    assert.ok(clear?.executeAsOwner);
    assert.deepEqual(clear.body.slice(0, 4), ['SET NOCOUNT ON;', 'SET XACT_ABORT ON;', ...lockCheck('clear_staging', 'cleared')]);
    assert.deepEqual(clear.body.slice(4), [
      ...STAGED.map((n) => `TRUNCATE TABLE ppoc_staging.${n};`), ...CURATED_TABLES.map((n) => `TRUNCATE TABLE ppoc_retired.${n};`),
    ]);
    const retired = model.procedures.get('ppoc_staging.clear_retired');
    assert.ok(retired?.executeAsOwner);
    assert.deepEqual(retired.body, [
      'SET NOCOUNT ON;', 'SET XACT_ABORT ON;', ...lockCheck('clear_retired', 'cleared'), ...CURATED_TABLES.map((n) => `TRUNCATE TABLE ppoc_retired.${n};`),
    ]);
    const statistics = model.procedures.get('ppoc_staging.update_live_statistics');
    assert.ok(statistics?.executeAsOwner);
    assert.deepEqual(statistics.body, ['SET NOCOUNT ON;', ...CURATED_TABLES.map((n) => `UPDATE STATISTICS ppoc.${n};`)]);
  });

  it('grant ppoc_reader SELECT on the views the report reads, and nothing else (not the issues, not who sees what)', () => {
    const reader = model.grants.filter((g) => g.role === 'ppoc_reader');
    assert.deepEqual(reader.map((g) => g.permissions), reader.map(() => ['SELECT']));
    const hidden = ['data_quality_issue', 'user_access'];
    assert.deepEqual(reader.map((g) => g.object).sort(), Object.keys(TABLES).filter((n) => !hidden.includes(n)).map((n) => `ppoc.vw_${n}`).sort());
    assert.deepEqual([...model.roles].sort(), ['ppoc_reader', 'ppoc_writer']);
  });

  it('grant ppoc_writer only loading and swapping: no ALTER, no DDL, no write on live curated tables, nothing on the retired twins', () => {
    const writer = model.grants.filter((g) => g.role === 'ppoc_writer');
    const on = (object: string) => writer.filter((g) => g.object === object).flatMap((g) => g.permissions).sort();
    for (const g of writer) assert.ok(g.permissions.every((p) => ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'EXECUTE'].includes(p)), g.object);
    for (const name of STAGED) assert.deepEqual(on(`ppoc_staging.${name}`), ['INSERT', 'SELECT']);
    for (const name of CURATED_TABLES) assert.deepEqual([on(`ppoc.${name}`), on(`ppoc_retired.${name}`)], [[], []], `no direct grant on ${name}`);
    assert.deepEqual(on('ppoc.plan_status_history'), ['DELETE', 'INSERT', 'SELECT'], 'the kept history is written directly');
    for (const procedure of ['swap_into_live', 'clear_staging', 'clear_retired', 'update_live_statistics']) {
      assert.deepEqual(on(`ppoc_staging.${procedure}`), ['EXECUTE'], procedure);
    }
    assert.deepEqual(on('ppoc.refresh_log'), ['INSERT', 'SELECT', 'UPDATE']);
    assert.deepEqual(on('ppoc.data_quality_issue'), ['DELETE', 'INSERT', 'SELECT']);
    assert.deepEqual(on('ppoc.source_file'), ['INSERT', 'SELECT'], 'a log like refresh_log: written, never updated or deleted');
    assert.deepEqual(on('ppoc.run_figure'), ['INSERT', 'SELECT'], 'a log like source_file');
    for (const name of Object.keys(TABLES)) assert.deepEqual(on(`ppoc.vw_${name}`), ['SELECT']);
    assert.equal(model.permissionStatements.filter((p) => p.action === 'DENY' || p.securable.class === 'SCHEMA').length, 0, 'object grants only');
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
