/**
 * `npm run bench`: the prep's speed as whole processes (bench/prep.bench.ts: `ppoc-prep run` on
 * synthetic demo extracts of 1,000 / 10,000 / 100,000 children against the floor of
 * bench/floor.mjs, the stage split, peak memory, `--help` start-up, a refused second run), then
 * the trend figures (bench/trends.bench.ts) and the visual's render figures
 * (visual/bench/render.bench.ts). Prints the tables and writes them to bench/results.json, bench/results.md
 * and the README's quote of them.
 * Figures only; never a test. Scratch files go to .tmp/bench/.
 *
 *   npm run bench -- --sizes 1000,10000 --repeat 3 --skip-visual --skip-trends
 *
 * A quick run (fewer sizes or repeats, a skipped part) prints its tables but leaves
 * bench/results.md alone unless --write is given: the committed figures stay the full ones.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RenderBenchResult } from '../visual/bench/render.bench';
import { PrepBench } from './prep.bench';
import { machineLine, prepTable, readmeQuote, resultsMarkdown, targetRows, visualTable, withPackageSize, withReadmeQuote, type Results } from './results';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRATCH = join(ROOT, '.tmp', 'bench');
const RESULTS = join(ROOT, 'bench', 'results.md');
const FIGURES = join(ROOT, 'bench', 'results.json');
const README = join(ROOT, 'README.md');
const VISUAL_DOC = join(ROOT, 'docs', 'visual.md');
const VISUAL_BENCH = join(ROOT, 'visual', 'bench', 'render.bench.ts');
const FULL_SIZES = [1000, 10_000, 100_000];
const FULL_REPEAT = 5;

async function visualBench(): Promise<RenderBenchResult | string> {
  if (!existsSync(VISUAL_BENCH)) return 'Visual render benchmark: n/a (visual/bench/render.bench.ts missing)';
  try {
    const bench = (await import(pathToFileURL(VISUAL_BENCH).href)) as { default?: () => Promise<RenderBenchResult> };
    if (typeof bench.default !== 'function') throw new Error('no default export');
    return await bench.default(); // prints its own table
  } catch (error) {
    const reason = `Visual render benchmark: not run (${(error as Error).message})`;
    console.log(`\n${reason}`);
    return reason;
  }
}

function options(): { sizes: number[]; repeat: number; skipVisual: boolean; skipTrends: boolean; write: boolean } {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' }, repeat: { type: 'string' }, 'skip-visual': { type: 'boolean' }, 'skip-trends': { type: 'boolean' },
      write: { type: 'boolean' },
    },
  });
  const sizes = values.sizes ? values.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : FULL_SIZES;
  const repeat = values.repeat ? Number(values.repeat) : FULL_REPEAT;
  if (sizes.length === 0 || !Number.isInteger(repeat) || repeat < 1) throw new Error('--sizes takes whole numbers (1000,10000), --repeat a whole number ≥ 1');
  const full = sizes.join() === FULL_SIZES.join() && repeat >= FULL_REPEAT && !values['skip-visual'] && !values['skip-trends'];
  return { sizes, repeat, skipVisual: values['skip-visual'] ?? false, skipTrends: values['skip-trends'] ?? false, write: full || (values.write ?? false) };
}

async function main(): Promise<void> {
  const settings = options();
  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  mkdirSync(SCRATCH, { recursive: true });
  const machine = machineLine(command);
  console.log(machine);
  const prep = await new PrepBench(ROOT, SCRATCH, settings.repeat).measure(settings.sizes);
  console.log(['', ...prepTable(prep), '', ...targetRows(prep)].join('\n'));
  const trends = settings.skipTrends ? null : await (await import('./trends.bench')).default(ROOT, SCRATCH);
  const visual = settings.skipVisual ? null : await visualBench();
  if (visual && typeof visual !== 'string') console.log(['', ...visualTable(visual)].join('\n'));
  if (settings.write) {
    const results: Results = { command, machine, prep, trends, visual };
    writeFileSync(FIGURES, `${JSON.stringify(results, null, 1)}\n`);
    writeFileSync(RESULTS, resultsMarkdown(results));
    writeFileSync(README, withPackageSize(withReadmeQuote(readFileSync(README, 'utf8'), readmeQuote(results)), results));
    writeFileSync(VISUAL_DOC, withPackageSize(readFileSync(VISUAL_DOC, 'utf8'), results));
    console.log(`\nWritten to ${FIGURES}, ${RESULTS}, the README's quote of them and the package size in the README and docs/visual.md.`);
  } else {
    console.log('\nA partial run: bench/results.md is left as it was (--write writes it anyway).');
  }
}

await main();
