import { ActivityTypes, TextFormatTypes, type Middleware, type TurnContext } from 'botbuilder';
import { LANGUAGE_CHOSEN_EVENT } from '../assistant/languageSwitch.js';
import type { Logger } from '../logging/logger.js';
import type { AgentInbox } from './agentInbox.js';
import type { HandoffService } from './handoffService.js';
import type { HandoffText } from './handoffText.js';
import { recordedMessageOf } from './recordedMessage.js';

/**
 * Routes by handoff state, before any dialog runs (hitlnext's incoming middleware): while a
 * conversation waits for an agent or talks to one, the visitor's messages go to the agent and the
 * bot does not see them; "end chat" leaves the queue or the chat. Registered on every adapter
 * (the widget's and Bot Framework's), after the transcript recorder, so what is relayed is already
 * stored (the channel leaves its entry in the turn state: recordedMessage.ts). Proactive turns (agent replies, notices) and anything but messages and typing pass through.
 */
export class HandoffRoutingMiddleware implements Middleware {
  constructor(
    private readonly deps: {
      service: HandoffService;
      inbox: AgentInbox;
      text: HandoffText;
      logger: Logger;
    },
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const conversationId = activity.conversation?.id;
    if (
      !conversationId ||
      (activity.type !== ActivityTypes.Message &&
        activity.type !== ActivityTypes.Typing &&
        !(activity.type === ActivityTypes.Event && activity.name === LANGUAGE_CHOSEN_EVENT))
    ) {
      return next();
    }
    const chat = await this.deps.service.active(conversationId);
    if (!chat) return next();
    // A language chosen in the widget while an agent has the chat: the agent speaks for the
    // assistant now; the assistant follows the widget's language at the visitor's next message.
    if (activity.type === ActivityTypes.Event) return;

    if (activity.type === ActivityTypes.Typing) {
      if (chat.status === 'assigned') this.deps.inbox.visitorTyping(chat, true);
      return;
    }
    if (this.deps.text.isLeaveCommand(activity.text)) {
      // The notice that the bot is back comes from the end event, on every channel alike.
      await this.deps.service.leave(conversationId);
      return;
    }
    if (chat.status === 'queued') {
      const standing = await this.deps.service.standingOf(chat);
      if (standing) {
        await context.sendActivity({
          type: ActivityTypes.Message,
          text: this.deps.text.standing(chat.locale, standing, 'stillQueued'),
          textFormat: TextFormatTypes.Markdown,
          locale: chat.locale,
          channelData: { role: 'system', answer: null, outcome: 'queued', locale: chat.locale },
        });
      }
      return;
    }
    if (!activity.text?.trim()) return; // A button's value alone means nothing to an agent.
    const entry = recordedMessageOf(context);
    if (!entry) {
      this.deps.logger.warn({ conversationId }, 'visitor message not recorded by its channel; not relayed');
      return;
    }
    this.deps.inbox.visitorTyping(chat, false);
    await this.deps.inbox.visitorMessage(chat, entry, activity);
  }
}
