/**
 * Time as the product sees it: one clock, made in the composition root (bot/app.ts) and passed to
 * every service that reads the time (business hours, the handoff queue, sign-in sessions,
 * transcripts and analytics, retention, case status's cache, back-off and rate limits). Tests pass
 * one they move by hand, so nothing waits for real time.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** The current time. */
  now(): Date;
  /** Resolves once `ms` milliseconds have passed on `now()`. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: async (ms) => {
    await delay(Math.max(0, ms));
  },
};
