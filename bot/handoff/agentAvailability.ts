import type { Locale } from '../../contracts/locale.js';
import type { AgentPresence } from './records.js';

/**
 * What an agent's stored presence means at a given time. Every instance reads the same records,
 * so the rules depend only on stored timestamps and the time passed in: an agent's instance may
 * have stopped without saying so, and then only the age of its last heartbeat tells.
 */
export class AgentAvailability {
  constructor(private readonly options: { agentTimeoutMs: number; graceMs: number }) {}

  /** Connected now: a live status and a heartbeat recent enough. */
  isConnected(presence: AgentPresence, now: Date): boolean {
    return (
      presence.status !== 'offline' &&
      now.getTime() - Date.parse(presence.lastSeenAt) < this.options.agentTimeoutMs
    );
  }

  /** Online for a visitor of `locale`: connected (available or away) and speaks the language. */
  canServe(presence: AgentPresence, locale: Locale, now: Date): boolean {
    return this.isConnected(presence, now) && presence.languages.includes(locale);
  }

  /** Can be given a new chat of `locale` right now: available, with a free slot. */
  canTakeChat(presence: AgentPresence, locale: Locale, now: Date): boolean {
    return (
      presence.status === 'available' &&
      presence.openChats < presence.maxChats &&
      this.canServe(presence, locale, now)
    );
  }

  /**
   * Gone for longer than the grace period: disconnected (status offline since its last heartbeat)
   * or silent (no heartbeat within the timeout, its instance is gone) for `graceMs` more.
   */
  isPastGrace(presence: AgentPresence, now: Date): boolean {
    const lastSeen = Date.parse(presence.lastSeenAt);
    const goneAt = presence.status === 'offline' ? lastSeen : lastSeen + this.options.agentTimeoutMs;
    return now.getTime() >= goneAt + this.options.graceMs;
  }

  /**
   * The order in which agents get a new chat: fewest open chats first, then the one idle longest,
   * then by id so that every instance picks the same agent from the same records.
   */
  static compare(a: AgentPresence, b: AgentPresence): number {
    return (
      a.openChats - b.openChats ||
      a.idleSince.localeCompare(b.idleSince) ||
      a.agentId.localeCompare(b.agentId)
    );
  }
}
