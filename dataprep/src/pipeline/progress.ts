/**
 * What a long refresh is doing: once it has run for PPOC_PROGRESS_AFTER_SECONDS (5), one log
 * line as each stage starts (read, rules, data tests, publish, the publish with its tables
 * done/total) and, when stderr is a terminal, a bar kept on the last line. A quick refresh
 * prints none of it. Counts only: never a name or a value from the files.
 */
import { createLogger, type Logger, type LogLevel } from './logger';

export const DEFAULT_PROGRESS_AFTER_SECONDS = 5;

export const REFRESH_STAGES = ['read', 'rules', 'data tests', 'publish'] as const;
export type RefreshStage = (typeof REFRESH_STAGES)[number];

export interface RefreshProgress {
  /** The refresh starts this stage. */
  stage(stage: RefreshStage): void;
  /** The publish has written `done` of its `total` tables. */
  tables(done: number, total: number): void;
  /** The refresh is over (succeeded or failed): the bar goes. */
  end(): void;
}

export const NO_PROGRESS: RefreshProgress = { stage() {}, tables() {}, end() {} };

/** The last line of a terminal, redrawn in place; whole lines are written above it. */
export class StatusBar {
  private shown = '';

  constructor(private readonly stream: { write(text: string): unknown; columns?: number }) {}

  draw(text: string): void {
    this.shown = text.slice(0, Math.max(20, (this.stream.columns ?? 80) - 1));
    this.stream.write(`\r\x1b[K${this.shown}`);
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = '';
  }

  /** A log line: printed above the bar, which is drawn again under it. */
  line(text: string): void {
    const bar = this.shown;
    this.clear();
    this.stream.write(`${text}\n`);
    if (bar) this.draw(bar);
  }
}

const BAR_WIDTH = 24;
/** At most one publish line a second (a table can take well under that). */
const TABLE_LINE_MS = 1000;

export function barText(stage: RefreshStage, fraction: number, detail: string, seconds: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${stage}${detail ? ` ${detail}` : ''} (${seconds.toFixed(1)} s)`;
}

export function createProgress(options: { afterMs: number; logger: Logger; bar?: StatusBar | null; now?: () => number }): RefreshProgress {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let stage: RefreshStage | null = null;
  let tables: { done: number; total: number } | null = null;
  let lastLine = Number.NEGATIVE_INFINITY;

  const show = (line: boolean): void => {
    const at = now();
    if (stage === null || at - started < options.afterMs) return;
    const index = REFRESH_STAGES.indexOf(stage);
    const done = tables ? `${tables.done}/${tables.total}` : undefined;
    if (line) {
      lastLine = at;
      options.logger.info('refresh progress', {
        stage, step: `${index + 1}/${REFRESH_STAGES.length}`, tables: done, elapsed_s: Math.round((at - started) / 100) / 10,
      });
    }
    const fraction = (index + (tables && tables.total ? tables.done / tables.total : 0)) / REFRESH_STAGES.length;
    options.bar?.draw(barText(stage, fraction, done ? `${done} tables` : '', (at - started) / 1000));
  };

  return {
    stage(next) {
      stage = next;
      tables = null;
      show(true);
    },
    tables(done, total) {
      tables = { done, total };
      show(done === total || now() - lastLine >= TABLE_LINE_MS);
    },
    end() {
      options.bar?.clear();
    },
  };
}

/**
 * The job's log on stderr, and the progress of each refresh started with `progress()`: lines
 * after `afterSeconds`, and a bar under them when stderr is a terminal (log lines are then
 * written above the bar).
 */
export function refreshLog(level: LogLevel, afterSeconds: number, stream: NodeJS.WriteStream = process.stderr): { logger: Logger; progress: () => RefreshProgress } {
  const bar = stream.isTTY ? new StatusBar(stream) : null;
  const logger = createLogger(level, bar ? (line) => bar.line(line) : (line) => stream.write(`${line}\n`));
  return { logger, progress: () => createProgress({ afterMs: afterSeconds * 1000, logger, bar }) };
}
