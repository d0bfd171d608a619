/**
 * Time as a service sees it. Injected so tests can move time (cache expiry, circuit cool-down,
 * rate-limit spacing, retry back-off) without waiting for it. Case status uses it today; the other
 * services that read the time are to take it too (issue 16, phase 2).
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
