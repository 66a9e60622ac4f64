import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository folder (holding `sql/` and `dataprep/`), found from this module's own file:
 * `dataprep/src/files/` when run from source (tests, tsx), `dist-node/chunks/` when compiled.
 * Migrations, the default SQLite file and the demo extract are found from it, wherever the
 * command is started.
 */
export function repoRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'sql')) && existsSync(join(dir, 'dataprep'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the repository folder (with sql/ and dataprep/) above ${start}`);
  }
}
