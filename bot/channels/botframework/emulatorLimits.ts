import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits for /api/messages in the unauthenticated (Emulator) mode, the only mode in which anyone
 * may post activities: per caller address, activities per minute and conversations per minute
 * (the widget's per-address settings), so a script cannot fill the store with conversations,
 * transcripts and bot state. With credentials every request is the Bot Framework service's,
 * authenticated, and these do not apply.
 *
 * A conversation counts once per minute for its address: the first time its id is seen in a
 * one-minute window (remembered in memory, so no store read is added to the turn).
 */
export class EmulatorLimits {
  private readonly conversations: RateLimiterMemory;
  private readonly activities: RateLimiterMemory;
  private readonly seen: RateLimiterMemory;

  constructor(settings: { ipConversationsPerMinute: number; ipMessagesPerMinute: number }) {
    const perMinute = (points: number, keyPrefix: string) =>
      new RateLimiterMemory({ points, duration: 60, keyPrefix });
    this.conversations = perMinute(settings.ipConversationsPerMinute, 'emulator-conversations');
    this.activities = perMinute(settings.ipMessagesPerMinute, 'emulator-activities');
    this.seen = perMinute(Number.MAX_SAFE_INTEGER, 'emulator-seen');
  }

  /** One activity of `conversationId` from `address`. Seconds to wait, or null when allowed. */
  async admit(address: string, conversationId: string): Promise<number | null> {
    const forActivity = await wait(this.activities, address);
    if (forActivity !== null) return forActivity;
    const sighting = await this.seen.consume(`${address}|${conversationId}`);
    if (sighting.consumedPoints > 1) return null;
    const forConversation = await wait(this.conversations, address);
    // Refused: not seen after all, so the next try counts it again.
    if (forConversation !== null) await this.seen.delete(`${address}|${conversationId}`);
    return forConversation;
  }
}

async function wait(limiter: RateLimiterMemory, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}
