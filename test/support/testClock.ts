import type { Clock } from '../../bot/shared/clock.js';

/**
 * The tests' clock: the product's one `Clock`, moving only when told to (`set`, `advance`) or when
 * the code under test sleeps. Passed to `createApp` (through `startTestApp`) it reaches every
 * service that reads the time; passed to a single service, that service alone.
 *
 * `sleep` records the delay and moves time forward without waiting; it resolves on the next turn of
 * the event loop (setImmediate), so code that was already running (a request about to be sent)
 * sees the time before the sleep, as it would with a real clock.
 */
export class TestClock implements Clock {
  /** Every delay the code under test slept, in order. */
  readonly sleeps: number[] = [];
  /** Milliseconds since the epoch. */
  time: number;

  constructor(at: Date | string | number) {
    this.time = new Date(at).getTime();
  }

  readonly now = (): Date => new Date(this.time);

  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) =>
      setImmediate(() => {
        this.time += Math.max(0, ms);
        resolve();
      }),
    );
  };

  set(at: Date | string): void {
    this.time = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
