/**
 * Time as the case-status client sees it. Injected so tests can move time (cache expiry, circuit
 * cool-down, rate-limit spacing, retry back-off) without waiting for it.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves once `ms` milliseconds have passed on `now()`. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    await delay(Math.max(0, ms));
  },
};
