import type { Locale } from '../../contracts/locale.js';
import type { HandoffStore, PresenceStore } from '../storage/ports.js';
import type { HandoffEntry } from './records.js';
import type { AgentAvailability } from './agentAvailability.js';
import type { QueueStanding } from './handoffEvents.js';
import type { WaitEstimator } from './waitEstimator.js';
import type { Clock } from '../shared/clock.js';

/** Where every waiting visitor stands: their place in their language's line and the estimated wait. */
export class QueueStandings {
  constructor(
    private readonly deps: {
      handoff: Pick<HandoffStore, 'queued' | 'ended' | 'assignedTo'>;
      presence: Pick<PresenceStore, 'list'>;
      availability: AgentAvailability;
      estimator: WaitEstimator;
      clock: Clock;
    },
  ) {}

  /**
   * Positions count within the visitor's language (a Spanish visitor waits only for Spanish
   * speakers), in claim order. The estimate comes from that language's recent assignments. A
   * visitor whom a free agent is about to take gets no estimate: "about 6 minutes" arriving in the
   * same second as the agent would only mislead.
   */
  async compute(locale?: Locale): Promise<Array<{ entry: HandoffEntry; standing: QueueStanding }>> {
    const queued = await this.deps.handoff.queued(locale);
    if (queued.length === 0) return [];
    const now = this.deps.clock.now();
    const agents = await this.deps.presence.list();
    const from = new Date(now.getTime() - this.deps.estimator.windowMs).toISOString();
    const recent = [
      ...(await this.deps.handoff.ended({ from, to: now.toISOString() })),
      ...(
        await Promise.all(
          agents
            .filter((agent) => agent.openChats > 0)
            .map((agent) => this.deps.handoff.assignedTo(agent.agentId)),
        )
      ).flat(),
    ];
    const positions = new Map<Locale, number>();
    const freeSlots = (locale: Locale) =>
      agents
        .filter((agent) => this.deps.availability.canTakeChat(agent, locale, now))
        .reduce((slots, agent) => slots + Math.max(0, agent.maxChats - agent.openChats), 0);
    const free = new Map<Locale, number>();
    return queued.map((entry) => {
      const position = (positions.get(entry.locale) ?? 0) + 1;
      positions.set(entry.locale, position);
      if (!free.has(entry.locale)) free.set(entry.locale, freeSlots(entry.locale));
      if (position <= (free.get(entry.locale) ?? 0)) {
        return { entry, standing: { position, estimatedWaitMinutes: null } };
      }
      const estimatedWaitMinutes = this.deps.estimator.estimate({
        position,
        recentAssignments: recent
          .filter((item) => item.locale === entry.locale && item.assignedAt !== null)
          .map((item) => new Date(item.assignedAt ?? 0)),
        agentsOnline: agents.filter((agent) => this.deps.availability.canServe(agent, entry.locale, now))
          .length,
        now,
      });
      return { entry, standing: { position, estimatedWaitMinutes } };
    });
  }
}
