import type { Locale } from '../../contracts/locale.js';

/** What the assistant hands over when a visitor accepts a live agent: plain data, no turn. */
export interface LiveAgentRequest {
  conversationId: string;
  /** The visitor's last question, personal data already masked (agents see it first). */
  question: string;
  locale: Locale;
  /**
   * The client address the visitor's turn came from, as their channel saw it, for the cap on
   * requests per address; null when the channel cannot tell visitors apart (Bot Framework).
   */
  address: string | null;
}

/**
 * The outcome of a live-agent request:
 * - `handled`: the handoff took over and has told the visitor what happens next (queued,
 *   connected...); the assistant says nothing more.
 * - `unavailable`: no agent can be reached now (out of hours, queue full, channel without live
 *   chat); the assistant tells the visitor when agents work and the other ways to get help.
 */
export type LiveAgentOutcome = 'handled' | 'unavailable';

/** A message for the visitor, in their turn: where they stand in line, or that they are connected. */
export interface LiveAgentNotice {
  text: string;
  locale: Locale;
  /** What the message is, for the widget and the reports (`channelData.outcome`). */
  outcome: 'queued' | 'handoff';
}

/**
 * How the handoff answers the visitor inside their turn; the assistant implements it over the
 * turn. A notice is sent (and awaited) before the handoff routes the queue, so "you are in line"
 * always comes before "an agent joined".
 */
export interface VisitorNotices {
  tell(notice: LiveAgentNotice): Promise<void>;
}

/**
 * The seam between the assistant and the live-agent handoff (queue, routing, relay). The assistant
 * calls it when the visitor accepts a live agent; without a gateway it answers as if the outcome
 * were `unavailable`. The handoff implements it (handoffGateway.ts); it knows no framework.
 */
export interface LiveAgentGateway {
  requestAgent(request: LiveAgentRequest, visitor: VisitorNotices): Promise<LiveAgentOutcome>;
}
