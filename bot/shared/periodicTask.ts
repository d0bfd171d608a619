import type { Logger } from '../logging/logger.js';

/**
 * Runs a background pass every `intervalMs` on an unref'd timer (it never keeps the process
 * alive). A pass asked for while one runs gets that pass, so slow passes never pile up; a failure
 * is logged, never thrown, and the next pass tries again. `stop` waits for a pass in progress, so
 * the store is not closed under it.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly options: {
      /** What the pass does, for the log line of a failure. */
      name: string;
      intervalMs: number;
      run: () => Promise<unknown>;
      logger: Logger;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  runOnce(): Promise<void> {
    this.running ??= this.options
      .run()
      .then(() => undefined)
      .catch((error: unknown) => this.options.logger.warn({ err: error }, `${this.options.name} failed`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
