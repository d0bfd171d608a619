import type { Locale } from '../../../contracts/locale.js';

// The agents' presence, shared by every server instance.

export type PresenceStatus = 'available' | 'away' | 'offline';

export interface AgentPresence {
  agentId: string;
  status: PresenceStatus;
  languages: Locale[];
  maxChats: number;
  openChats: number;
  /** The last heartbeat. */
  lastSeenAt: string;
  /** Since when the agent has had no new chat: ties in assignment go to the one idle longest. */
  idleSince: string;
  /** The server instance the agent's socket is connected to. */
  instanceId: string;
}

export interface PresenceStore {
  upsert(presence: AgentPresence): Promise<void>;
  get(agentId: string): Promise<AgentPresence | null>;
  list(filter?: { status?: PresenceStatus }): Promise<AgentPresence[]>;
  update(agentId: string, patch: Partial<Omit<AgentPresence, 'agentId'>>): Promise<AgentPresence | null>;
  /**
   * Atomically takes one chat slot: increments `openChats` only if the agent is `available` and
   * below `maxChats`. Returns the updated presence, or null when the agent has no free slot.
   */
  reserveSlot(agentId: string, at: string): Promise<AgentPresence | null>;
  /** Gives a slot back (never below zero). */
  releaseSlot(agentId: string, at: string): Promise<AgentPresence | null>;
}
