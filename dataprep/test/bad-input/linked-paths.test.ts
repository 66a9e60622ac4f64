/**
 * Property (issue 20): whatever links a careless or hostile setup puts in the job's way (the
 * SQLite file reached through a symbolic link, a hard link or a linked folder; its run lock or
 * SQLite's own -wal, -shm or -journal planted as a link or a second name of someone else's file;
 * extract files that are links to copies or to /dev/zero) and whatever the required files'
 * modification times (hours old, days old, minutes or days in the future), a daily run (no
 * --as-at) exits with exactly the code the rules give, prints no stack trace, never changes,
 * locks or makes a file beside anything outside the folders it was given, and a failed run leaves
 * yesterday's tables as they were. Seeded; re-run a failure with PPOC_FC_SEED=<seed>.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_EXTRACT, snapshotCurated, tempDir } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';

/** PPOC_FC_RUNS=500 for a longer soak. */
const RUNS = Number(process.env.PPOC_FC_RUNS ?? 40);
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
const HOUR = 3_600_000;

/** How the run is given the database: its real name, through a linked folder, or through a link or a second name of it. */
type DatabaseName = 'real' | 'linked folder' | 'symbolic link' | 'dangling link' | 'hard link';
/** What was planted beside the real database, at the names the job and SQLite make there. */
type Plant = 'nothing' | 'lock → victim' | 'lock = victim (hard link)' | 'lock → database' | 'lock → nowhere' | '-wal → victim' | '-shm → victim' | '-journal → victim';
/** How a required extract file is there: itself, a link to a copy elsewhere, or a link to /dev/zero. */
type ExtractFile = 'file' | 'link to a copy' | 'link to /dev/zero';

interface Case {
  database: DatabaseName;
  plant: Plant;
  victimHolds: string;
  /** The required files, each with how it is there and its modification time. */
  files: Record<'episodes.csv' | 'allocations.csv' | 'assessments.csv' | 'predictions.csv', { as: ExtractFile; modifiedHours: number }>;
  allowStale: boolean;
}

/** Modification times, in hours from now: tolerated clock skew (+1 min), recent, stale (over 36 h), in the future. */
const modifiedHours = fc.constantFrom(1 / 60, -1, -20, -40, -200, 1, 48);
const extractFile = fc.record({
  as: fc.oneof({ weight: 6, arbitrary: fc.constant<ExtractFile>('file') }, { weight: 3, arbitrary: fc.constant<ExtractFile>('link to a copy') },
    { weight: 1, arbitrary: fc.constant<ExtractFile>('link to /dev/zero') }),
  modifiedHours,
});
const aCase: fc.Arbitrary<Case> = fc.record({
  database: fc.constantFrom<DatabaseName>('real', 'real', 'linked folder', 'symbolic link', 'dangling link', 'hard link'),
  plant: fc.oneof({ weight: 4, arbitrary: fc.constant<Plant>('nothing') }, { weight: 1, arbitrary: fc.constantFrom<Plant>(
    'lock → victim', 'lock = victim (hard link)', 'lock → database', 'lock → nowhere', '-wal → victim', '-shm → victim', '-journal → victim') }),
  victimHolds: fc.constantFrom('', 'someone else\'s notes'),
  files: fc.record({ 'episodes.csv': extractFile, 'allocations.csv': extractFile, 'assessments.csv': extractFile, 'predictions.csv': extractFile }),
  allowStale: fc.boolean(),
});

/** What the rules say a daily run of this case ends with, and what its message says. */
function expected(c: Case): { code: number; says: RegExp } {
  if (['symbolic link', 'dangling link'].includes(c.database)) return { code: 2, says: /is a symbolic link .*: the job writes only through a file's real path/ };
  if (c.database === 'hard link' || c.plant === 'lock = victim (hard link)') return { code: 2, says: /has 2 names \(hard links\)/ };
  if (c.plant !== 'nothing') return { code: 2, says: /is a symbolic link/ };
  const files = Object.values(c.files);
  if (files.some((f) => f.as === 'link to /dev/zero')) return { code: 1, says: /not a regular file \(a device\)|the extract is stale|modified in the future/ };
  if (c.allowStale) return { code: 0, says: /SUCCEEDED/ };
  if (files.some((f) => f.modifiedHours * HOUR > 5 * 60_000)) return { code: 1, says: /the extract's age cannot be trusted: \S+ was modified in the future/ };
  if (Math.max(...files.map((f) => f.modifiedHours)) < -36) return { code: 1, says: /the extract is stale/ };
  return { code: 0, says: /SUCCEEDED/ };
}

/** A folder's names, sorted. */
const listing = (dir: string) => readdirSync(dir).sort();
const mode = (path: string) => statSync(path).mode & 0o777;

/** The case's folders and files, laid out from the template database and the example extract. */
function layOut(root: string, template: string, c: Case) {
  const data = join(root, 'data');
  const other = join(root, 'other');
  const victimDir = join(root, 'victim');
  const elsewhere = join(root, 'elsewhere');
  const extract = join(root, 'extract');
  for (const dir of [data, other, victimDir, elsewhere]) mkdirSync(dir);
  const db = join(data, 'ppoc.sqlite');
  copyFileSync(template, db);
  const victim = join(victimDir, 'file');
  writeFileSync(victim, c.victimHolds, { mode: 0o644 });

  const given = {
    real: db,
    'linked folder': join(root, 'alias', 'ppoc.sqlite'),
    'symbolic link': join(other, 'ppoc.sqlite'),
    'dangling link': join(other, 'ppoc.sqlite'),
    'hard link': join(other, 'ppoc.sqlite'),
  }[c.database];
  if (c.database === 'linked folder') symlinkSync(data, join(root, 'alias'));
  if (c.database === 'symbolic link') symlinkSync(db, given);
  if (c.database === 'dangling link') symlinkSync(join(root, 'nowhere', 'ppoc.sqlite'), given);
  if (c.database === 'hard link') linkSync(db, given);

  const plantAt: Record<Exclude<Plant, 'nothing'>, [string, (target: string, at: string) => void, string]> = {
    'lock → victim': ['.run-lock', symlinkSync, victim],
    'lock = victim (hard link)': ['.run-lock', linkSync, victim],
    'lock → database': ['.run-lock', symlinkSync, db],
    'lock → nowhere': ['.run-lock', symlinkSync, join(root, 'nowhere', 'lock')],
    '-wal → victim': ['-wal', symlinkSync, victim],
    '-shm → victim': ['-shm', symlinkSync, victim],
    '-journal → victim': ['-journal', symlinkSync, victim],
  };
  let planted: string | null = null;
  if (c.plant !== 'nothing') {
    const [suffix, link, target] = plantAt[c.plant];
    planted = `${db}${suffix}`;
    link(target, planted);
  }

  cpSync(EXAMPLE_EXTRACT, extract, { recursive: true });
  for (const [file, { as, modifiedHours: hours }] of Object.entries(c.files)) {
    const path = join(extract, file);
    if (as !== 'file') {
      const target = as === 'link to /dev/zero' ? '/dev/zero' : join(elsewhere, file);
      if (as === 'link to a copy') copyFileSync(path, target);
      rmSync(path);
      symlinkSync(target, path);
    }
    if (as === 'link to /dev/zero') continue; // the device's time is the system's: not set
    const when = new Date(Date.now() + hours * HOUR);
    utimesSync(path, when, when); // through a link: the time the job reads
  }
  return { db, given, planted, victim, victimDir, data, other, extract, nowhere: join(root, 'nowhere') };
}

describe('property: linked paths and file times never touch what is not the job\'s, and give the run the rules\' outcome', function () {
  this.timeout(180_000);

  it(`${RUNS} random layouts of links and modification times (fast-check)`, async () => {
    const root = tempDir('linked');
    const template = join(root, 'template.sqlite');
    const first = await runInProcess(['run', '--source', EXAMPLE_EXTRACT, '--sqlite', template, '--allow-stale']);
    assert.equal(first.code, 0, first.stderr);
    const yesterday = snapshotCurated(template);
    const seed = process.env.PPOC_FC_SEED ? Number(process.env.PPOC_FC_SEED) : Date.now() % 2 ** 31;
    let attempt = 0;
    await fc.assert(
      fc.asyncProperty(aCase, async (c) => {
        const caseRoot = join(root, `case-${attempt++}`);
        mkdirSync(caseRoot);
        const at = layOut(caseRoot, template, c);
        const before = { data: listing(at.data), other: listing(at.other), victim: readFileSync(at.victim, 'utf8') };
        const result = await runInProcess(['run', '--source', at.extract, '--sqlite', at.given, ...(c.allowStale ? ['--allow-stale'] : [])]);
        const output = `${result.stdout}\n${result.stderr}`;
        const want = expected(c);

        assert.doesNotMatch(output, STACK_FRAME, 'a stack trace was printed');
        assert.equal(result.code, want.code, output);
        assert.match(output, want.says);
        assert.equal(readFileSync(at.victim, 'utf8'), before.victim, 'someone else\'s file was written');
        assert.equal(mode(at.victim), 0o644, 'someone else\'s file was chmodded');
        assert.deepEqual(listing(at.victimDir), ['file'], 'a file was made beside someone else\'s');
        assert.equal(existsSync(at.nowhere), false, 'a dangling link was followed');
        assert.deepEqual(listing(at.other), before.other, 'a file was made beside a link');
        if (want.code === 2) assert.deepEqual(listing(at.data).filter((f) => !before.data.includes(f)).filter((f) => f !== 'ppoc.sqlite.run-lock'), []);
        if (at.planted) rmSync(at.planted); // a -journal there would be a hot journal to this test's own read
        assert.deepEqual(snapshotCurated(at.db), yesterday, result.code === 0 ? 'the same extract, read through links, gave other tables' : 'a failed run changed yesterday\'s tables');
      }),
      { numRuns: RUNS, seed },
    );
  });
});
