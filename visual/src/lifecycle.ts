// Exactly one renderingStarted and exactly one of renderingFinished / renderingFailed per
// update, whatever the input; an update arriving while one runs (a host calling back from
// fetchMoreData) is queued and gets its own pair afterwards.
import powerbi from 'powerbi-visuals-api';
import { safe } from './interaction/selection';

type Options = powerbi.extensibility.visual.VisualUpdateOptions;

export class RenderingCoordinator {
  private running = false;
  private queued: Options[] = [];

  constructor(private readonly eventService: () => powerbi.extensibility.IVisualEventService | undefined) {}

  run(options: Options, work: (options: Options) => void): void {
    if (this.running) {
      this.queued.push(options);
      return;
    }
    this.running = true;
    try {
      this.runOne(options, work);
      while (this.queued.length > 0) this.runOne(this.queued.shift() as Options, work);
    } finally {
      this.running = false;
    }
  }

  private runOne(options: Options, work: (options: Options) => void): void {
    const events = safe(() => this.eventService());
    safe(() => events?.renderingStarted?.(options));
    let failure: string | null = null;
    try {
      work(options);
    } catch (error) {
      failure = reasonOf(error);
    }
    if (failure === null) safe(() => events?.renderingFinished?.(options));
    else safe(() => events?.renderingFailed?.(options, failure));
  }
}

/** A reason without data: the error's type and message only (messages here never carry data). */
function reasonOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return 'Rendering failed';
}
