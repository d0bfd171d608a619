import type { AgentPresence, HandoffEntry } from './records.js';

/** Where a waiting visitor stands: 1 is next. The estimate is null when there is nothing to go on. */
export interface QueueStanding {
  position: number;
  estimatedWaitMinutes: number | null;
}

export type AssignmentKind = 'accepted' | 'routed' | 'transferred';

/**
 * What the handoff tells the outside world after each change of state, once the store has it.
 * The service decides; an implementation at the edge (the agent channel) tells agents and
 * visitors. Every method may be called from any instance, for chats of any instance.
 */
export interface HandoffEvents {
  /** A visitor joined the queue (the gateway has already told them in their turn). */
  queued(entry: HandoffEntry, standing: QueueStanding): Promise<void>;
  /** Where every waiting visitor stands now, after the queue changed. */
  standings(updates: ReadonlyArray<{ entry: HandoffEntry; standing: QueueStanding }>): Promise<void>;
  /** A chat got an agent: accepted, routed automatically, or transferred from `previousAgentId`. */
  assigned(entry: HandoffEntry, kind: AssignmentKind, previousAgentId: string | null): Promise<void>;
  /** An assigned chat went back to the front of the queue (its agent did not come back in time). */
  requeued(entry: HandoffEntry, previousAgentId: string, standing: QueueStanding): Promise<void>;
  /** A chat ended; the bot takes the conversation over again. */
  ended(entry: HandoffEntry, previousAgentId: string | null): Promise<void>;
  /** The visitor of a queued or assigned chat came back, went away or left (`visitorPresence`). */
  visitorPresence(entry: HandoffEntry): Promise<void>;
  /** An agent's presence changed (status, open chats). */
  presenceChanged(presence: AgentPresence): Promise<void>;
}
