import type { PresenceStatus, AgentPresence } from '../../handoff/records.js';
export type { PresenceStatus, AgentPresence } from '../../handoff/records.js';

// The agents' presence, shared by every server instance.

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
