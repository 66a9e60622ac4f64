/**
 * `npm run bench`'s figures as Markdown: printed, and written to bench/results.md and, quoted,
 * into the README (between the README_QUOTE markers), both from the figures in
 * bench/results.json, so test/docs/bench-figures.test.ts can tell a hand-edited figure.
 * Machine, Node, date and load first, so a figure is never read without them.
 */
import { cpus, loadavg, platform, release } from 'node:os';
import type { RenderBenchResult } from '../visual/bench/render.bench';
import type { PrepFigures, SizeFigures } from './prep.bench';

const number = (value: number) => value.toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : 'n/a');
const times = (ratio: number) => `${ratio.toFixed(1)}×`;

export function machineLine(command: string, date = new Date()): string {
  const cpu = cpus();
  return `\`${command}\` on ${date.toISOString().slice(0, 10)}: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ` +
    `Node ${process.versions.node}, ${platform()} ${release()}, load average ${loadavg()[0].toFixed(1)} at the start.`;
}

function sizeRow(size: SizeFigures): string {
  const s = size.stages;
  return `| ${number(size.children)} | ${number(size.sourceRows)} | ${seconds(size.runMs)} | ${s.max_rss_mb} MiB | ${seconds(size.floorMs)} | ` +
    `${times(size.runMs / size.floorMs)} | ${millis(s.read)} | ${millis(s.history + s.transform)} | ${millis(s.data_tests)} | ` +
    `${millis(s.shrink_guard + s.publish)} |`;
}

export function prepTable(prep: PrepFigures): string[] {
  return [
    `Whole processes, median of ${prep.repeat}, each \`run\` into a fresh SQLite file (\`PPOC_LOG_LEVEL=debug\` gives its stages); ` +
      'the floor (bench/floor.mjs) reads every CSV file of the same extract, splits lines and fields naively and inserts every ' +
      'row into one SQLite table with one prepared statement in one transaction.',
    '',
    '| children | source rows | `ppoc-prep run` | peak RSS | floor | run ÷ floor | read + validate | transform¹ | data tests | publish² |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...prep.sizes.map(sizeRow),
    '',
    '¹ with reading the earlier history from the warehouse. ² with the shrink guards (one read of the figures earlier runs stored); the rest of a run is Node start-up and loading.',
  ];
}

function bySize(prep: PrepFigures, children: number): SizeFigures | undefined {
  return prep.sizes.find((s) => s.children === children);
}

/** Issue 9's targets, each with what was measured and whether it is met. */
export function targetRows(prep: PrepFigures): string[] {
  const small = bySize(prep, 1000);
  const mid = bySize(prep, 10_000);
  const large = bySize(prep, 100_000);
  const row = (target: string, measured: string | null, met: boolean | null) =>
    `| ${target} | ${measured ?? 'not measured (size not run)'} | ${met === null ? '–' : met ? 'met' : '**not met**'} |`;
  const refused = typeof prep.refusedMs === 'number' ? prep.refusedMs : null;
  return [
    '| target (issue 9) | measured | |',
    '|---|---:|---|',
    row('`ppoc-prep --help` ≤ 0.25 s', `${seconds(prep.helpMs)} (\`node -e 0\`: ${seconds(prep.nodeMs)})`, prep.helpMs <= 250),
    row('1,000-child run ≤ 0.5 s', small ? seconds(small.runMs) : null, small ? small.runMs <= 500 : null),
    row('100,000-child run ≤ 2.0× the floor', large ? times(large.runMs / large.floorMs) : null, large ? large.runMs <= 2 * large.floorMs : null),
    row('peak RSS at 100,000 children ≤ 400 MiB', large ? `${large.stages.max_rss_mb} MiB` : null, large ? large.stages.max_rss_mb <= 400 : null),
    row('growth 100k/10k ≤ 11', large && mid ? times(large.runMs / mid.runMs) : null, large && mid ? large.runMs / mid.runMs <= 11 : null),
    row('a second concurrent `run` refused in < 1 s', refused !== null ? seconds(refused) : String(prep.refusedMs), refused !== null ? refused < 1000 : null),
  ];
}

export function visualTable(visual: RenderBenchResult | string): string[] {
  if (typeof visual === 'string') return [visual];
  const ms = (value: number | null) => (value !== null && Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–');
  return [
    `Headless Chromium, the packaged visual (${visual.pbivizKb} KB) on an 1100×600 tile, medians (visual/bench/render.bench.ts).`,
    '',
    '| rows | first update → finished → 2 frames | later update | first sort → next frame (worst column) | later sort | `<tr>` in the page |',
    '|---:|---:|---:|---:|---:|---:|',
    ...visual.figures.map((f) => `| ${number(f.rows)} | ${ms(f.firstUpdateMs)} | ${ms(f.laterUpdateMs)} | ` +
      `${ms(f.firstSortMs)} (${ms(f.firstSortWorstMs)}) | ${ms(f.laterSortMs)} | ${f.renderedRows} |`),
  ];
}

export interface Results {
  command: string;
  /** machineLine() as the run began. */
  machine: string;
  prep: PrepFigures;
  trends: string[] | null;
  visual: RenderBenchResult | string | null;
}

export function resultsMarkdown(results: Results): string {
  const lines = [
    '# Benchmark results',
    '',
    results.machine,
    '',
    '## Prep: `ppoc-prep run` against the floor',
    '',
    ...prepTable(results.prep),
    '',
    ...targetRows(results.prep),
  ];
  if (results.trends) lines.push('', '## Trends', '', '```', ...results.trends, '```');
  if (results.visual) lines.push('', '## Visual', '', ...visualTable(results.visual));
  return `${lines.join('\n')}\n`;
}

export const README_QUOTE = {
  start: '<!-- bench figures: written by `npm run bench` from bench/results.json; do not edit by hand -->',
  end: '<!-- end of bench figures -->',
};

/** What the README quotes of a full run: when and where, the prep table, the targets in a sentence, the visual. */
export function readmeQuote(results: Results): string[] {
  const { prep } = results;
  const large = bySize(prep, 100_000);
  const mid = bySize(prep, 10_000);
  const sentence = [
    `\`ppoc-prep --help\` ${seconds(prep.helpMs)} (\`node -e 0\`: ${seconds(prep.nodeMs)})`,
    large && mid ? `growth 100k/10k ${times(large.runMs / mid.runMs)}` : null,
    typeof prep.refusedMs === 'number' ? `a second concurrent \`run\` refused in ${seconds(prep.refusedMs)}` : null,
    large ? `the 100,000-child run is ${times(large.runMs / large.floorMs)} its floor (aimed for: 2.0×)` : null,
  ].filter(Boolean).join('; ');
  const table = prepTable(prep);
  return [
    README_QUOTE.start,
    `Latest figures: ${results.machine.replace(/^`[^`]*` on /, '')}`,
    '',
    ...table.slice(2),
    '',
    `${sentence}.`,
    ...(results.visual && typeof results.visual !== 'string' ? ['', ...visualTable(results.visual)] : []),
    README_QUOTE.end,
  ];
}

/**
 * The package size a doc states ("about 40 KB" in the README's package command, "The package is
 * about 40 KB" in docs/visual.md), set to what the bench measured; the text is returned as it
 * was when the bench did not measure the visual.
 */
export const PACKAGE_SIZE_SENTENCES: readonly RegExp[] = [/(npm run package +# dist\/\S+ \(offline, about )\d+( KB\))/, /(The package is about )\d+( KB)/];

export function withPackageSize(text: string, results: Results): string {
  if (!results.visual || typeof results.visual === 'string') return text;
  const kb = Math.round(results.visual.pbivizKb);
  return PACKAGE_SIZE_SENTENCES.reduce((out, sentence) => out.replace(sentence, `$1${kb}$2`), text);
}

/** The README with its quote of the bench replaced (the markers must be there once each). */
export function withReadmeQuote(readme: string, quote: readonly string[]): string {
  const start = readme.indexOf(README_QUOTE.start);
  const end = readme.indexOf(README_QUOTE.end);
  if (start < 0 || end < start) throw new Error('README.md has no bench-figures markers to write between');
  return `${readme.slice(0, start)}${quote.join('\n')}${readme.slice(end + README_QUOTE.end.length)}`;
}
