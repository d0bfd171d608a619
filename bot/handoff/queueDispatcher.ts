import { AgentAvailability } from './agentAvailability.js';
import { publishStandings, type HandoffContext } from './handoffContext.js';

/**
 * Routes waiting chats to available agents. Passes run one at a time in this process; across
 * instances every move is a compare-and-set in the store, so two passes never assign one chat twice.
 */
export class QueueDispatcher {
  /** Dispatch runs one at a time in this process; a call while one runs waits for a fresh pass. */
  private dispatchChain: Promise<unknown> = Promise.resolve();

  constructor(private readonly context: HandoffContext) {}

  /**
   * Routes waiting chats to available agents: in claim order, each to the eligible agent with the
   * fewest open chats (ties: idle longest). The slot is reserved first (atomic, never above the
   * agent's maximum), then the entry is moved with a compare-and-set; losing either gives the slot
   * back. Returns how many chats this pass assigned.
   */
  dispatch(): Promise<number> {
    const run = this.dispatchChain.then(() => this.dispatchOnce());
    this.dispatchChain = run.catch(() => undefined);
    return run;
  }

  private async dispatchOnce(): Promise<number> {
    const { handoff, presence, availability, events } = this.context;
    const queued = await handoff.queued();
    if (queued.length === 0) return 0;
    const now = this.context.clock.now();
    const at = now.toISOString();
    const agents = new Map(
      (await presence.list({ status: 'available' })).map((agent) => [agent.agentId, agent]),
    );
    let assigned = 0;
    for (const entry of queued) {
      // Nobody is there to talk to: the visitor keeps their place while they may still come back.
      if (entry.visitorPresence === 'left') continue;
      const candidates = [...agents.values()]
        .filter((agent) => availability.canTakeChat(agent, entry.locale, now))
        .sort((a, b) => AgentAvailability.compare(a, b));
      for (const candidate of candidates) {
        const reserved = await presence.reserveSlot(candidate.agentId, at);
        if (!reserved) {
          // Full or no longer available (changed on another instance): skip this agent for now.
          agents.delete(candidate.agentId);
          continue;
        }
        const moved = await handoff.transition(entry.id, 'queued', {
          status: 'assigned',
          agentId: candidate.agentId,
          assignedAt: at,
        });
        if (!moved) {
          const released = await presence.releaseSlot(candidate.agentId, at);
          if (released) agents.set(released.agentId, released);
          break; // Taken elsewhere in the meantime.
        }
        agents.set(reserved.agentId, reserved);
        assigned += 1;
        await events.assigned(moved, 'routed', null);
        await events.presenceChanged(reserved);
        break;
      }
    }
    if (assigned > 0) await publishStandings(this.context);
    return assigned;
  }
}
