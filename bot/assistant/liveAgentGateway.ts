import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';

/** What the assistant hands over when a visitor accepts a live agent. */
export interface LiveAgentRequest {
  /** The visitor's last question, personal data already masked (agents see it first). */
  question: string;
  locale: Locale;
}

/**
 * The outcome of a live-agent request:
 * - `handled`: the gateway took over and has told the visitor what happens next (queued,
 *   connected...); the assistant says nothing more.
 * - `unavailable`: no agent can be reached now (out of hours, queue full, channel without live
 *   chat); the assistant tells the visitor when agents work and the other ways to get help.
 */
export type LiveAgentOutcome = 'handled' | 'unavailable';

/**
 * The seam between the assistant and the live-agent handoff (queue, routing, relay), which is
 * built separately. The assistant calls it when the visitor accepts a live agent; without a
 * gateway it answers as if the outcome were `unavailable`.
 */
export interface LiveAgentGateway {
  requestAgent(context: TurnContext, request: LiveAgentRequest): Promise<LiveAgentOutcome>;
}
