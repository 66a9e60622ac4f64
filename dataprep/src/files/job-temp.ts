/**
 * The job's own temporary folder. SQLite writes temporary files (a large sort, a temporary index)
 * to $SQLITE_TMPDIR or $TMPDIR, else /var/tmp, and so does any library that asks os.tmpdir():
 * such files hold rows of children's data. So each command runs with a folder of its own,
 * `ppoc-prep-<pid>-<8 hex>` (0700) in the system's temporary folder, named by all of those
 * variables; it is removed when the command ends, and a folder that a killed command left
 * behind is removed when the next one starts: only folders named so, owned by this account,
 * whose process has ended.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderError, PRIVATE_FOLDER_MODE } from './owner-only';
import { removeLeftovers } from './leftovers';
import { processRunning } from './processes';
import { ownedByThisAccount } from './real-names';

const NAME = /^ppoc-prep-(\d+)-[0-9a-f]{8}$/;
/** Read by SQLite (SQLITE_TMPDIR, TMPDIR), Node's os.tmpdir() (TMPDIR; TEMP and TMP on Windows). */
const VARIABLES = ['SQLITE_TMPDIR', 'TMPDIR', 'TEMP', 'TMP'] as const;

/**
 * Removes what killed commands left in `parent`: folders named as the job names its own, owned
 * by this account, not links, whose process has ended (this process's ID is another, earlier
 * process's: a container's job is often PID 1 every time).
 */
export function removeAbandonedTempFolders(parent: string): void {
  try {
    removeLeftovers(parent, {
      named: (name) => {
        const match = NAME.exec(name);
        return match !== null && (Number(match[1]) === process.pid || !processRunning(Number(match[1])));
      },
      ours: (stats) => stats.isDirectory() && ownedByThisAccount(stats),
    });
  } catch {
    // an unreadable temporary folder: nothing to tidy, the mkdir below says what is wrong
  }
}

/** Runs `work` with the job's own temporary folder in place; the folder and the variables are put back after. */
export async function withJobTempFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const parent = tmpdir();
  removeAbandonedTempFolders(parent);
  const folder = join(parent, `ppoc-prep-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(folder, { mode: PRIVATE_FOLDER_MODE });
    chmodSync(folder, PRIVATE_FOLDER_MODE); // the umask may have taken bits away
  } catch (error) {
    throw new FolderError(folder, (error as NodeJS.ErrnoException).code ?? 'unknown error');
  }
  const saved = VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of VARIABLES) process.env[name] = folder;
  const remove = () => rmSync(folder, { recursive: true, force: true });
  process.once('exit', remove); // process.exit() (e.g. stdout closed by `| head`) skips the finally below
  try {
    return await work(folder);
  } finally {
    process.off('exit', remove);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    try {
      remove();
    } catch {
      // left for the next start to remove
    }
  }
}
