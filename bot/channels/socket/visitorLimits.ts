import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../../config/config.js';

/**
 * `typing:set` events one connection may send per minute. The widget sends at most one every
 * three seconds while the visitor types, plus one when they stop: 60 leaves room for any sane
 * client, and bounds the store reads a flood could cause (each one looks up the live chat).
 */
export const TYPING_EVENTS_PER_MINUTE = 60;

/**
 * The visitor channel's rate limits, each a fixed one-minute window. In memory: correct for one
 * instance; several instances behind a load balancer would each allow the full rate, and would
 * share counters with rate-limiter-flexible's RateLimiterMongo on the same database instead.
 */
export class VisitorLimits {
  private readonly visitorMessages: RateLimiterMemory;
  private readonly ipMessages: RateLimiterMemory;
  private readonly ipConversations: RateLimiterMemory;
  private readonly socketEvents: RateLimiterMemory;
  private readonly conversationEvents: RateLimiterMemory;
  private readonly socketTyping: RateLimiterMemory;
  private readonly conversationTyping: RateLimiterMemory;

  constructor(settings: AppConfig['widget']) {
    const perMinute = (points: number, keyPrefix: string) =>
      new RateLimiterMemory({ points, duration: 60, keyPrefix });
    this.visitorMessages = perMinute(settings.messagesPerMinute, 'visitor-messages');
    this.ipMessages = perMinute(settings.ipMessagesPerMinute, 'ip-messages');
    this.ipConversations = perMinute(settings.ipConversationsPerMinute, 'ip-conversations');
    this.socketEvents = perMinute(settings.eventsPerMinute, 'socket-events');
    this.conversationEvents = perMinute(settings.eventsPerMinute, 'conversation-events');
    this.socketTyping = perMinute(TYPING_EVENTS_PER_MINUTE, 'socket-typing');
    this.conversationTyping = perMinute(TYPING_EVENTS_PER_MINUTE, 'conversation-typing');
  }

  /** A new visitor message. Null when allowed; otherwise how long to wait, in ms. */
  async message(conversationId: string, ip: string): Promise<number | null> {
    const [visitor, address] = await Promise.all([
      consume(this.visitorMessages, conversationId),
      consume(this.ipMessages, ip),
    ]);
    if (visitor === null && address === null) return null;
    return Math.max(visitor ?? 0, address ?? 0);
  }

  /** A new conversation started from `ip`. */
  conversation(ip: string): Promise<number | null> {
    return consume(this.ipConversations, ip);
  }

  /**
   * Any event on one connection, counted against the connection and against its conversation (its
   * resume token): several sockets opened with one token share the conversation's allowance.
   */
  event(socketId: string, conversationId: string): Promise<number | null> {
    return both(this.socketEvents, socketId, this.conversationEvents, conversationId);
  }

  /**
   * A typing signal on one connection: its own budget, apart from `event`'s, so a visitor typing a
   * long message never uses up what their messages need; per connection and per conversation too.
   */
  typing(socketId: string, conversationId: string): Promise<number | null> {
    return both(this.socketTyping, socketId, this.conversationTyping, conversationId);
  }
}

/** One point from each; the longer wait when either refuses. */
async function both(
  first: RateLimiterMemory,
  firstKey: string,
  second: RateLimiterMemory,
  secondKey: string,
): Promise<number | null> {
  const [a, b] = await Promise.all([consume(first, firstKey), consume(second, secondKey)]);
  return a === null && b === null ? null : Math.max(a ?? 0, b ?? 0);
}

async function consume(limiter: RateLimiterMemory, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
    throw rejection;
  }
}
