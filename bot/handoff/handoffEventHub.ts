import type { Logger } from '../logging/logger.js';
import type { AgentPresence, HandoffEntry } from './records.js';
import type { AssignmentKind, HandoffEvents, QueueStanding } from './handoffEvents.js';
import type { ServiceRequestListener } from './serviceRequestDesk.js';

/** What an edge that tells agents and visitors (the agent channel) listens to. */
export type HandoffListener = HandoffEvents & ServiceRequestListener;

/**
 * Where the handoff publishes what it decided. The service and the desk are built with the hub,
 * and whoever tells agents and visitors subscribes to it when it is built (the agent channel), so
 * the dependency runs one way: the edge knows the handoff, the handoff knows no edge. Listeners
 * are told in turn, each awaited; a listener's error reaches the caller, as a direct call would.
 * Until someone listens nothing happens that anyone could be told about: no socket is open yet.
 */
export class HandoffEventHub implements HandoffListener {
  private readonly listeners: HandoffListener[] = [];

  constructor(private readonly logger: Logger) {}

  /** Adds a listener; the function returned removes it. */
  subscribe(listener: HandoffListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  private async publish(tell: (listener: HandoffListener) => Promise<void>): Promise<void> {
    if (this.listeners.length === 0) {
      this.logger.warn('handoff event before the agent channel subscribed; nobody told');
      return;
    }
    for (const listener of [...this.listeners]) await tell(listener);
  }

  queued(entry: HandoffEntry, standing: QueueStanding): Promise<void> {
    return this.publish((listener) => listener.queued(entry, standing));
  }

  standings(updates: ReadonlyArray<{ entry: HandoffEntry; standing: QueueStanding }>): Promise<void> {
    return this.publish((listener) => listener.standings(updates));
  }

  assigned(entry: HandoffEntry, kind: AssignmentKind, previousAgentId: string | null): Promise<void> {
    return this.publish((listener) => listener.assigned(entry, kind, previousAgentId));
  }

  requeued(entry: HandoffEntry, previousAgentId: string, standing: QueueStanding): Promise<void> {
    return this.publish((listener) => listener.requeued(entry, previousAgentId, standing));
  }

  ended(entry: HandoffEntry, previousAgentId: string | null): Promise<void> {
    return this.publish((listener) => listener.ended(entry, previousAgentId));
  }

  visitorPresence(entry: HandoffEntry): Promise<void> {
    return this.publish((listener) => listener.visitorPresence(entry));
  }

  presenceChanged(presence: AgentPresence): Promise<void> {
    return this.publish((listener) => listener.presenceChanged(presence));
  }

  requestsChanged(): Promise<void> {
    return this.publish((listener) => listener.requestsChanged());
  }
}
