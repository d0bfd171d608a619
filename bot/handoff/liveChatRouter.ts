import type { Locale } from '../../contracts/locale.js';
import type { HandoffEntry } from './records.js';
import type { HandoffService } from './handoffService.js';
import type { HandoffText } from './handoffText.js';

/** A visitor's turn as the handoff sees it: plain data, whatever the channel. */
export interface VisitorTurn {
  conversationId: string;
  /** A message, a typing indicator, or the widget's language chosen. */
  kind: 'message' | 'typing' | 'languageChosen';
  /** What a message says (absent for a button's value alone). */
  text?: string;
}

/**
 * Where a visitor's turn goes:
 * - `assistant`: no live chat; the bot answers as usual.
 * - `nobody`: the handoff took care of it (left the chat, ignored a language change or an empty
 *   message); nobody answers in this turn.
 * - `visitor`: still in line: the notice (where they stand) is the turn's one reply.
 * - `agent`: the chat's agent gets the message, or sees the visitor typing.
 */
export type LiveChatRoute =
  | { to: 'assistant' }
  | { to: 'nobody' }
  | { to: 'visitor'; notice: { text: string; locale: Locale } }
  | { to: 'agent'; chat: HandoffEntry; what: 'message' | 'typing' };

/**
 * Routes by handoff state, before any dialog runs (hitlnext's incoming middleware): while a
 * conversation waits for an agent or talks to one, the visitor's messages go to the agent and the
 * bot does not see them; "end chat" leaves the queue or the chat. The botbuilder middleware
 * (channels/handoff/handoffRoutingMiddleware.ts) asks here and carries the answer out.
 */
export class LiveChatRouter {
  constructor(
    private readonly deps: {
      service: HandoffService;
      text: HandoffText;
    },
  ) {}

  async route(turn: VisitorTurn): Promise<LiveChatRoute> {
    const chat = await this.deps.service.active(turn.conversationId);
    if (!chat) return { to: 'assistant' };
    // A language chosen in the widget while an agent has the chat: the agent speaks for the
    // assistant now; the assistant follows the widget's language at the visitor's next message.
    if (turn.kind === 'languageChosen') return { to: 'nobody' };
    if (turn.kind === 'typing') {
      return chat.status === 'assigned' ? { to: 'agent', chat, what: 'typing' } : { to: 'nobody' };
    }
    if (this.deps.text.isLeaveCommand(turn.text)) {
      // The notice that the bot is back comes from the end event, on every channel alike.
      await this.deps.service.leave(turn.conversationId);
      return { to: 'nobody' };
    }
    if (chat.status === 'queued') {
      const standing = await this.deps.service.standingOf(chat);
      if (!standing) return { to: 'nobody' };
      return {
        to: 'visitor',
        notice: { text: this.deps.text.standing(chat.locale, standing, 'stillQueued'), locale: chat.locale },
      };
    }
    if (!turn.text?.trim()) return { to: 'nobody' }; // A button's value alone means nothing to an agent.
    return { to: 'agent', chat, what: 'message' };
  }
}
