import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBusinessHours } from '../../../bot/handoff/businessHours/index.js';
import type { AssignmentKind, HandoffEvents, QueueStanding } from '../../../bot/handoff/handoffEvents.js';
import { DEFAULT_HANDOFF_POLICY, type HandoffPolicy } from '../../../bot/handoff/handoffPolicy.js';
import { AgentPresenceService } from '../../../bot/handoff/agentPresenceService.js';
import { HandoffService } from '../../../bot/handoff/handoffService.js';
import { createLogger } from '../../../bot/logging/logger.js';
import { openStore } from '../../../bot/storage/openStore.js';
import type { Locale } from '../../../contracts/locale.js';
import type { AgentPresence, HandoffEntry, Store } from '../../../bot/storage/ports.js';
import { IN_HOURS, TestClock } from './agentClient.js';

/** What the service told the edge, in order. */
export type RecordedEvent =
  | { type: 'queued'; entry: HandoffEntry; standing: QueueStanding }
  | { type: 'standings'; updates: Array<{ entry: HandoffEntry; standing: QueueStanding }> }
  | { type: 'assigned'; entry: HandoffEntry; kind: AssignmentKind; previousAgentId: string | null }
  | { type: 'requeued'; entry: HandoffEntry; previousAgentId: string }
  | { type: 'ended'; entry: HandoffEntry; previousAgentId: string | null }
  | { type: 'presence'; presence: AgentPresence }
  | { type: 'visitor'; entry: HandoffEntry };

/** A HandoffEvents that remembers; `onAssigned` lets a test check the store at that moment. */
export class RecordingEvents implements HandoffEvents {
  readonly events: RecordedEvent[] = [];
  onAssigned: ((entry: HandoffEntry, kind: AssignmentKind) => Promise<void>) | null = null;

  async queued(entry: HandoffEntry, standing: QueueStanding): Promise<void> {
    this.events.push({ type: 'queued', entry, standing });
  }
  async standings(updates: ReadonlyArray<{ entry: HandoffEntry; standing: QueueStanding }>): Promise<void> {
    this.events.push({ type: 'standings', updates: [...updates] });
  }
  async assigned(entry: HandoffEntry, kind: AssignmentKind, previousAgentId: string | null): Promise<void> {
    this.events.push({ type: 'assigned', entry, kind, previousAgentId });
    await this.onAssigned?.(entry, kind);
  }
  async requeued(entry: HandoffEntry, previousAgentId: string): Promise<void> {
    this.events.push({ type: 'requeued', entry, previousAgentId });
  }
  async ended(entry: HandoffEntry, previousAgentId: string | null): Promise<void> {
    this.events.push({ type: 'ended', entry, previousAgentId });
  }
  async visitorPresence(entry: HandoffEntry): Promise<void> {
    this.events.push({ type: 'visitor', entry });
  }
  async presenceChanged(presence: AgentPresence): Promise<void> {
    this.events.push({ type: 'presence', presence });
  }

  of<T extends RecordedEvent['type']>(type: T): Array<Extract<RecordedEvent, { type: T }>> {
    return this.events.filter((event): event is Extract<RecordedEvent, { type: T }> => event.type === type);
  }
}

export interface ServiceHarness {
  store: Store;
  clock: TestClock;
  events: RecordingEvents;
  service: HandoffService;
  /** Agents' presence on this instance (connections, status, heartbeats). */
  presence: AgentPresenceService;
  /** Another instance on the same store (its own events and id). */
  otherInstance(): { service: HandoffService; presence: AgentPresenceService; events: RecordingEvents };
  close(): Promise<void>;
}

/** The handoff service on a real embedded store in a fresh temp folder, at a time in business hours. */
export async function serviceHarness(policy: Partial<HandoffPolicy> = {}): Promise<ServiceHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'va-handoff-'));
  const store = await openStore({ kind: 'embedded', dataDir });
  const clock = new TestClock(new Date(IN_HOURS));
  const hours = createBusinessHours({});
  const logger = createLogger({ level: 'silent', pretty: false });
  const make = (instanceId: string) => {
    const events = new RecordingEvents();
    const fullPolicy = { ...DEFAULT_HANDOFF_POLICY, ...policy };
    const service = new HandoffService({
      handoff: store.handoff,
      presence: store.presence,
      hours,
      policy: fullPolicy,
      events,
      logger,
      clock,
    });
    const presence = new AgentPresenceService({
      presence: store.presence,
      chats: store.handoff,
      policy: fullPolicy,
      events,
      routing: service,
      instanceId,
      clock,
    });
    return { service, presence, events };
  };
  const main = make('instance-a');
  let others = 0;
  return {
    store,
    clock,
    ...main,
    otherInstance: () => make(`instance-${(others += 1)}`),
    close: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function request(conversationId: string, locale: Locale = 'en') {
  return { conversationId, channel: 'socket' as const, locale, question: `question of ${conversationId}` };
}
