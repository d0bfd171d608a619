import type { Locale } from '../../contracts/locale.js';
import type { HandoffEntry, VisitorPresenceState } from './records.js';
import { ChatAssignment } from './chatAssignment.js';
import { ChatClosing } from './chatClosing.js';
import { handoffContext, type HandoffServiceDeps } from './handoffContext.js';
import type { QueueStanding } from './handoffEvents.js';
import { HandoffSweep, type SweepReport } from './handoffSweep.js';
import { QueueAdmission, type HandoffRequest, type HandoffRequestResult } from './queueAdmission.js';
import { QueueDispatcher } from './queueDispatcher.js';
import { VisitorPresenceUpdates } from './visitorPresenceUpdates.js';

export type { HandoffServiceDeps } from './handoffContext.js';
export type { HandoffRequest, HandoffRequestResult } from './queueAdmission.js';
export type { SweepReport } from './handoffSweep.js';

/**
 * The live-agent handoff: the queue and its state machine, over the store's ports only. This class
 * is the one face its callers see; each move lives in its own part:
 *
 *   (bot) ──request──► queued ──accept / route──► assigned ──end──► ended (resolved)
 *                        │  ▲                        │ │
 *                        │  └──agent gone past grace─┘ └─visitor leaves──► ended (abandoned)
 *                        ├──max wait──► ended (expired)
 *                        ├──visitor gone past the visitor grace period──► ended (abandoned)
 *                        └──visitor leaves──► ended (abandoned)
 *   assigned ──agent gone past grace, nobody to take it──► ended (agent_left)
 *
 *   request, standings ........ QueueAdmission (queueAdmission.ts)
 *   accept, transfer .......... ChatAssignment (chatAssignment.ts)
 *   route ..................... QueueDispatcher (queueDispatcher.ts)
 *   end, leave ................ ChatClosing (chatClosing.ts)
 *   visitor presence .......... VisitorPresenceUpdates (visitorPresenceUpdates.ts)
 *   expiries, grace periods ... HandoffSweep (handoffSweep.ts)
 *
 * Every move is a compare-and-set in the store (`transition`, `claimNext`, `reserveSlot`), so any
 * number of instances can run this code against one store: of two instances making the same move
 * one wins and the other sees null and moves on. Nothing here is remembered between calls: the
 * periodic `sweep` re-derives expiries and grace periods from stored timestamps.
 *
 * The visitor's presence (active / away / left, from the widget's sockets and page visibility) is
 * kept on the entry with the time it began: a visitor who has left is never assigned, and one gone
 * longer than the visitor grace period leaves the queue.
 */
export class HandoffService {
  private readonly admission: QueueAdmission;
  private readonly dispatcher: QueueDispatcher;
  private readonly assignment: ChatAssignment;
  private readonly closing: ChatClosing;
  private readonly visitors: VisitorPresenceUpdates;
  private readonly sweeper: HandoffSweep;

  constructor(deps: HandoffServiceDeps) {
    const context = handoffContext(deps);
    this.dispatcher = new QueueDispatcher(context);
    this.admission = new QueueAdmission(context);
    this.assignment = new ChatAssignment(context, this.dispatcher);
    this.closing = new ChatClosing(context, { assignment: this.assignment, dispatcher: this.dispatcher });
    this.visitors = new VisitorPresenceUpdates(context, this.dispatcher);
    this.sweeper = new HandoffSweep(context, this.dispatcher);
  }

  // Visitors -----------------------------------------------------------------------------------

  /** Can a visitor of `locale` be queued now? */
  availabilityFor(locale: Locale): Promise<'open' | 'closed' | 'no_agent'> {
    return this.admission.availabilityFor(locale);
  }

  /** Puts a conversation in the queue (see QueueAdmission.request); does not route it yet. */
  request(request: HandoffRequest): Promise<HandoffRequestResult> {
    return this.admission.request(request);
  }

  /** The queued or assigned entry of a conversation. */
  active(conversationId: string): Promise<HandoffEntry | null> {
    return this.assignment.active(conversationId);
  }

  /** The visitor leaves the queue or the chat: the entry ends as `abandoned`. Null when none was active. */
  leave(conversationId: string): Promise<HandoffEntry | null> {
    return this.closing.leave(conversationId);
  }

  /** The visitor of the conversation's live chat is `state` now (see VisitorPresenceUpdates). */
  visitorPresence(conversationId: string, state: VisitorPresenceState): Promise<HandoffEntry | null> {
    return this.visitors.record(conversationId, state);
  }

  /** Where a queued entry stands; null for an entry no longer queued. */
  standingOf(entry: HandoffEntry): Promise<QueueStanding | null> {
    return this.admission.standingOf(entry);
  }

  /** Every queued entry in claim order with where it stands (for the agents' queue view). */
  queue(): Promise<Array<{ entry: HandoffEntry; standing: QueueStanding }>> {
    return this.admission.queue();
  }

  // Agents' chats (their presence: agentPresenceService.ts) --------------------------------------

  chatsOf(agentId: string): Promise<HandoffEntry[]> {
    return this.assignment.chatsOf(agentId);
  }

  /** The conversation's chat, if it is assigned to `agentId` now (`chat_not_found`, `not_your_chat`). */
  assignedChat(agentId: string, conversationId: string): Promise<HandoffEntry> {
    return this.assignment.assignedChat(agentId, conversationId);
  }

  /** The agent takes the next waiting chat in their languages; null when nothing waits for them. */
  acceptNext(agentId: string): Promise<HandoffEntry | null> {
    return this.assignment.acceptNext(agentId);
  }

  /** The agent ends the chat: `resolved`, the bot takes over again. */
  end(agentId: string, conversationId: string): Promise<HandoffEntry> {
    return this.closing.end(agentId, conversationId);
  }

  /** Hands an assigned chat to another agent who is available, has a free slot and speaks the language. */
  transfer(agentId: string, conversationId: string, toAgentId: string): Promise<HandoffEntry> {
    return this.assignment.transfer(agentId, conversationId, toAgentId);
  }

  // Routing and sweeping -----------------------------------------------------------------------

  /** Routes waiting chats to available agents; returns how many this pass assigned. */
  dispatch(): Promise<number> {
    return this.dispatcher.dispatch();
  }

  /** Ends stale waits, settles agents gone past the grace period, then routes (see HandoffSweep). */
  sweep(): Promise<SweepReport> {
    return this.sweeper.sweep();
  }
}
