import type { HandoffEntry } from './records.js';
import { endPatch, publishStandings, type HandoffContext } from './handoffContext.js';
import type { QueueDispatcher } from './queueDispatcher.js';

export interface SweepReport {
  /** Queued visitors gone (no page connected) past the visitor grace period: ended as abandoned. */
  visitorsGone: number;
  expired: number;
  requeued: number;
  endedAgentLeft: number;
  assigned: number;
}

/** Priorities stay within what the store accepts. */
const MAX_PRIORITY = 1_000_000;

/** What the timers of a single process would do, re-derived from stored timestamps on every pass. */
export class HandoffSweep {
  constructor(
    private readonly context: HandoffContext,
    private readonly dispatcher: Pick<QueueDispatcher, 'dispatch'>,
  ) {}

  /**
   * What the timers of a single process would do, re-derived from the store so that any instance
   * (or a restarted one) can do it: ends waits past the maximum, gives back the chats of agents gone
   * for longer than the grace period (to the front of the queue while someone can take them), marks
   * silent agents offline, then routes. Safe to run on every instance at once.
   */
  async sweep(): Promise<SweepReport> {
    const now = this.context.clock.now();
    const report: SweepReport = { visitorsGone: 0, expired: 0, requeued: 0, endedAgentLeft: 0, assigned: 0 };
    await this.endStaleWaits(now, report);
    const requeued = await this.settleAgentsGone(now, report);

    if (requeued.length > 0) {
      const standings = await this.context.standings.compute();
      for (const { entry, from } of requeued) {
        const standing = standings.find((item) => item.entry.id === entry.id)?.standing ?? {
          position: 1,
          estimatedWaitMinutes: null,
        };
        await this.context.events.requeued(entry, from, standing);
      }
    }
    if (report.visitorsGone > 0 || report.expired > 0 || report.requeued > 0)
      await publishStandings(this.context);
    report.assigned = await this.dispatcher.dispatch();
    return report;
  }

  /** Waits past the maximum end as `expired`; visitors gone past their grace period as `abandoned`. */
  private async endStaleWaits(now: Date, report: SweepReport): Promise<void> {
    const { handoff, policy, events } = this.context;
    for (const entry of await handoff.queued()) {
      const gone = this.isVisitorGone(entry, now);
      if (!gone && now.getTime() - Date.parse(entry.queuedAt) < policy.maxWaitMs) continue;
      const ended = await handoff.transition(
        entry.id,
        'queued',
        endPatch(this.context, gone ? 'abandoned' : 'expired'),
      );
      if (!ended) continue;
      if (gone) report.visitorsGone += 1;
      else report.expired += 1;
      await events.ended(ended, null);
    }
  }

  /**
   * Agents gone past the grace period: their chats go back to the front of the queue while
   * someone can take them (else end as `agent_left`), and they are marked offline.
   */
  private async settleAgentsGone(
    now: Date,
    report: SweepReport,
  ): Promise<Array<{ entry: HandoffEntry; from: string }>> {
    const { handoff, presence, hours, availability, events, logger } = this.context;
    const at = now.toISOString();
    const agents = await presence.list();
    const requeued: Array<{ entry: HandoffEntry; from: string }> = [];
    for (const agent of agents) {
      if (agent.status === 'offline' && agent.openChats === 0) continue;
      if (!availability.isPastGrace(agent, now)) continue;
      // In the order the visitors first queued; each goes back a millisecond after the one before,
      // so they keep that order among themselves at the front of the line.
      const chats = (await handoff.assignedTo(agent.agentId)).sort((a, b) =>
        a.queuedAt.localeCompare(b.queuedAt),
      );
      for (const [index, chat] of chats.entries()) {
        const someoneElse =
          hours.isOpen(now) &&
          agents.some(
            (other) => other.agentId !== agent.agentId && availability.canServe(other, chat.locale, now),
          );
        const moved = someoneElse
          ? await handoff.transition(chat.id, 'assigned', {
              status: 'queued',
              agentId: null,
              assignedAt: null,
              queuedAt: new Date(now.getTime() + index).toISOString(),
              priority: Math.min(MAX_PRIORITY, chat.priority + 1),
            })
          : await handoff.transition(chat.id, 'assigned', endPatch(this.context, 'agent_left'));
        if (!moved) continue;
        await presence.releaseSlot(agent.agentId, at);
        if (moved.status === 'queued') {
          report.requeued += 1;
          requeued.push({ entry: moved, from: agent.agentId });
        } else {
          report.endedAgentLeft += 1;
          await events.ended(moved, agent.agentId);
        }
      }
      // Gone for good: nothing can be in flight for an offline agent, so the count is reset.
      const settled = await presence.update(agent.agentId, { status: 'offline', openChats: 0 });
      if (settled) await events.presenceChanged(settled);
      logger.info({ agentId: agent.agentId, chats: chats.length }, 'agent gone past the grace period');
    }
    return requeued;
  }

  /** A queued visitor with no page connected for longer than the visitor grace period. */
  private isVisitorGone(entry: HandoffEntry, now: Date): boolean {
    if (entry.visitorPresence !== 'left') return false;
    const since = Date.parse(entry.visitorPresenceAt ?? entry.queuedAt);
    return now.getTime() - since >= this.context.policy.visitorGraceMs;
  }
}
