import type { Activity } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import type { AgentPresence, HandoffEntry, TranscriptEntry } from '../storage/ports.js';
import type { AgentInbox } from './agentInbox.js';
import type { AssignmentKind, HandoffEvents, QueueStanding } from './handoffEvents.js';
import type { ServiceRequestListener } from './serviceRequestDesk.js';

/** What the edge that tells agents and visitors (the agent channel) implements. */
export type HandoffEdgeTarget = HandoffEvents & AgentInbox & ServiceRequestListener;

/**
 * The handoff's one link to the edge, bound once the edge exists. The composition root builds the
 * handoff before the Socket.IO server (the assistant needs the gateway, the channels need the
 * assistant, the agent channel needs the channels), so the service starts with this forwarder and
 * the agent channel is attached to it at the end of start-up. Until then nothing happens that
 * anyone could be told about: no socket is listening yet.
 */
export class HandoffEdge implements HandoffEdgeTarget {
  private target: HandoffEdgeTarget | null = null;

  constructor(private readonly logger: Logger) {}

  bind(target: HandoffEdgeTarget): void {
    this.target = target;
  }

  private get edge(): HandoffEdgeTarget | null {
    if (!this.target) this.logger.warn('handoff event before the agent channel was attached; nobody told');
    return this.target;
  }

  async queued(entry: HandoffEntry, standing: QueueStanding): Promise<void> {
    await this.edge?.queued(entry, standing);
  }

  async standings(updates: ReadonlyArray<{ entry: HandoffEntry; standing: QueueStanding }>): Promise<void> {
    await this.edge?.standings(updates);
  }

  async assigned(entry: HandoffEntry, kind: AssignmentKind, previousAgentId: string | null): Promise<void> {
    await this.edge?.assigned(entry, kind, previousAgentId);
  }

  async requeued(entry: HandoffEntry, previousAgentId: string, standing: QueueStanding): Promise<void> {
    await this.edge?.requeued(entry, previousAgentId, standing);
  }

  async ended(entry: HandoffEntry, previousAgentId: string | null): Promise<void> {
    await this.edge?.ended(entry, previousAgentId);
  }

  async visitorPresence(entry: HandoffEntry): Promise<void> {
    await this.edge?.visitorPresence(entry);
  }

  async presenceChanged(presence: AgentPresence): Promise<void> {
    await this.edge?.presenceChanged(presence);
  }

  async visitorMessage(
    chat: HandoffEntry,
    entry: TranscriptEntry,
    activity: Partial<Activity>,
  ): Promise<void> {
    await this.edge?.visitorMessage(chat, entry, activity);
  }

  visitorTyping(chat: HandoffEntry, active: boolean): void {
    this.edge?.visitorTyping(chat, active);
  }

  async requestsChanged(): Promise<void> {
    await this.edge?.requestsChanged();
  }
}
