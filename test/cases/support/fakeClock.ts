import type { Clock } from '../../../bot/shared/clock.js';

/**
 * A clock that only moves when told to, or when the code under test sleeps. `sleep` records the
 * delay and moves time forward without waiting; it resolves on the next turn of the event loop
 * (setImmediate), so code that was already running (a request about to be sent) sees the time
 * before the sleep, as it would with a real clock.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(public time = Date.parse('2026-03-02T15:00:00.000Z')) {}

  now = (): number => this.time;

  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) =>
      setImmediate(() => {
        this.time += Math.max(0, ms);
        resolve();
      }),
    );
  };

  advance(ms: number): void {
    this.time += ms;
  }
}
