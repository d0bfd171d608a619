/**
 * Keeps a client under "at most N requests in any window of W ms" (the API allows about 5 per
 * second). Callers queue in order; each waits until the oldest request of the window has aged out.
 * About 30 lines, so no library: `rate-limiter-flexible` reads the real clock, and the injected
 * clock is what lets tests check the spacing without waiting.
 */
import type { Clock } from '../../shared/clock.js';

export interface SlidingWindowRateLimiterOptions {
  maxRequests: number;
  windowMs: number;
  /** Give up (return false) rather than keep a visitor waiting longer than this for a slot. */
  maxWaitMs: number;
  clock: Clock;
}

export class SlidingWindowRateLimiter {
  /** Send times of the requests in the current window, oldest first. */
  readonly #sentAt: number[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SlidingWindowRateLimiterOptions) {}

  /** Resolves true when the caller may send now (its send time is recorded), false if it would wait too long. */
  acquire(): Promise<boolean> {
    const requestedAt = this.options.clock.now().getTime();
    const turn = this.#queue.then(() => this.#waitForSlot(requestedAt));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #waitForSlot(requestedAt: number): Promise<boolean> {
    const { maxRequests, windowMs, maxWaitMs, clock } = this.options;
    for (;;) {
      const now = clock.now().getTime();
      while (this.#sentAt.length > 0 && (this.#sentAt[0] ?? 0) <= now - windowMs) this.#sentAt.shift();
      if (this.#sentAt.length < maxRequests) {
        this.#sentAt.push(now);
        return true;
      }
      const wait = (this.#sentAt[0] ?? now) + windowMs - now;
      if (now + wait - requestedAt > maxWaitMs) return false;
      await clock.sleep(wait);
    }
  }
}
