// Times readExtract on a synthetic 100,000-child extract (200,000 episode rows):
//   npx tsx dataprep/test/sources/bench-read-extract.ts [children]
import { rmSync } from 'node:fs';
import { readExtract } from '../../src/sources/index';
import { writeLargeExtract } from './large-extract';

const children = Number(process.argv[2] ?? 100_000);
const dir = writeLargeExtract(children);
try {
  for (let run = 1; run <= 3; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { files, issues } = await readExtract(dir);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const rows = files.reduce((sum, f) => sum + f.rowsRead, 0);
    process.stdout.write(
      `run ${run}: ${rows} rows, ${issues.length} issues, wall ${wall.toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
