import type { Locale } from '../../contracts/locale.js';
import type { HandoffStore, PresenceStore } from '../storage/ports.js';
import type { AgentPresence, PresenceStatus } from './records.js';
import { AgentAvailability } from './agentAvailability.js';
import { HandoffError } from './handoffError.js';
import type { HandoffEvents } from './handoffEvents.js';
import type { HandoffPolicy } from './handoffPolicy.js';
import { systemClock, type Clock } from '../shared/clock.js';

/** Who an agent is, as far as routing cares (from their user record). */
export interface AgentProfile {
  agentId: string;
  languages: Locale[];
  maxChats: number;
}

export interface AgentPresenceServiceDeps {
  presence: PresenceStore;
  /** The agents' chats, to count them when an agent starts afresh. */
  chats: Pick<HandoffStore, 'assignedTo'>;
  policy: Pick<HandoffPolicy, 'agentTimeoutMs' | 'graceMs'>;
  events: Pick<HandoffEvents, 'presenceChanged'>;
  /** Routes waiting chats (the queue's dispatch): an agent who becomes available may take some at once. */
  routing: { dispatch(): Promise<number> };
  /** Names this process in presence records (which instance an agent's socket is on). */
  instanceId: string;
  clock?: Clock;
}

/**
 * Agents' presence: connected or not, the status they chose, the heartbeats of the instance that
 * holds their sockets. Stored, so every instance reads the same records; what a record means at a
 * given time is AgentAvailability's. The queue (HandoffService) reads presence to route and
 * reserves chat slots; this service is the agents' own side of it.
 */
export class AgentPresenceService {
  private readonly clock: Clock;
  private readonly availability: AgentAvailability;

  constructor(private readonly deps: AgentPresenceServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.availability = new AgentAvailability(deps.policy);
  }

  /**
   * An agent's socket connected. A second tab or a reconnection within the grace period keeps the
   * agent's status; a fresh start is `away` until the agent says they are available.
   */
  async connect(profile: AgentProfile): Promise<AgentPresence> {
    const now = this.clock.now();
    const at = now.toISOString();
    const existing = await this.deps.presence.get(profile.agentId);
    const live = existing !== null && this.availability.isConnected(existing, now);
    const common = {
      languages: profile.languages,
      maxChats: profile.maxChats,
      lastSeenAt: at,
      instanceId: this.deps.instanceId,
    };
    let presence: AgentPresence | null;
    if (existing && live) {
      presence = await this.deps.presence.update(profile.agentId, common);
    } else {
      // Not available, so no slot can be reserved concurrently: the count can be set from the chats.
      const openChats = (await this.deps.chats.assignedTo(profile.agentId)).length;
      const fields = { status: 'away' as const, openChats, idleSince: existing?.idleSince ?? at, ...common };
      if (existing) presence = await this.deps.presence.update(profile.agentId, fields);
      else {
        presence = { agentId: profile.agentId, ...fields };
        await this.deps.presence.upsert(presence);
      }
    }
    if (!presence) throw new HandoffError('agent_unavailable');
    await this.deps.events.presenceChanged(presence);
    return presence;
  }

  /** The agent chose a status. Becoming available may bring waiting chats at once. */
  async setStatus(agentId: string, status: Exclude<PresenceStatus, 'offline'>): Promise<AgentPresence> {
    const presence = await this.deps.presence.update(agentId, {
      status,
      lastSeenAt: this.clock.now().toISOString(),
    });
    if (!presence) throw new HandoffError('agent_unavailable');
    await this.deps.events.presenceChanged(presence);
    if (status === 'available') await this.deps.routing.dispatch();
    return presence;
  }

  /** The agent's last socket closed: they keep their chats for the grace period (see `HandoffService.sweep`). */
  async disconnect(agentId: string): Promise<void> {
    const presence = await this.deps.presence.update(agentId, {
      status: 'offline',
      lastSeenAt: this.clock.now().toISOString(),
    });
    if (presence) await this.deps.events.presenceChanged(presence);
  }

  /**
   * This instance still holds these agents' sockets. An agent marked offline although a socket of
   * theirs is here (a disconnect on one instance raced a reconnect on another) is set back to
   * `away`: connected, keeping their chats, choosing when to take new ones.
   */
  async heartbeat(agentIds: Iterable<string>): Promise<void> {
    const at = this.clock.now().toISOString();
    for (const agentId of new Set(agentIds)) {
      const presence = await this.deps.presence.get(agentId);
      if (!presence) continue;
      if (presence.status !== 'offline') {
        await this.deps.presence.update(agentId, { lastSeenAt: at });
        continue;
      }
      const restored = await this.deps.presence.update(agentId, { status: 'away', lastSeenAt: at });
      if (restored) await this.deps.events.presenceChanged(restored);
    }
  }

  async presenceOf(agentId: string): Promise<AgentPresence | null> {
    return this.deps.presence.get(agentId);
  }

  async agents(): Promise<Array<{ presence: AgentPresence; connected: boolean }>> {
    const now = this.clock.now();
    const agents = await this.deps.presence.list();
    return agents.map((presence) => ({ presence, connected: this.availability.isConnected(presence, now) }));
  }
}
