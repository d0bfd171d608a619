import { ActivityTypes, TextFormatTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { LANGUAGE_CHOSEN_EVENT } from '../../assistant/languageSwitch.js';
import type { LiveChatRouter, VisitorTurn } from '../../handoff/liveChatRouter.js';
import type { Logger } from '../../logging/logger.js';
import { chatMessageFromActivity } from '../socket/chatMessages.js';
import type { AgentInbox } from './agentInbox.js';
import { recordedMessageOf } from './recordedMessage.js';

/**
 * The handoff's routing on the botbuilder side: asks the handoff (LiveChatRouter) where a visitor's
 * turn goes and carries it out in the turn. Registered on every adapter (the widget's and Bot
 * Framework's), after the transcript recorder, so what is relayed is already stored (the channel
 * leaves its entry in the turn state: recordedMessage.ts). Proactive turns (agent replies,
 * notices) and anything but messages, typing and the widget's language choice pass through.
 */
export class HandoffRoutingMiddleware implements Middleware {
  constructor(
    private readonly deps: {
      router: LiveChatRouter;
      inbox: AgentInbox;
      logger: Logger;
    },
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const conversationId = activity.conversation?.id;
    const kind = turnKind(activity);
    if (!conversationId || !kind) return next();
    const turn: VisitorTurn = {
      conversationId,
      kind,
      ...(activity.text === undefined ? {} : { text: activity.text }),
    };
    const route = await this.deps.router.route(turn);
    switch (route.to) {
      case 'assistant':
        return next();
      case 'nobody':
        return;
      case 'visitor':
        await context.sendActivity({
          type: ActivityTypes.Message,
          text: route.notice.text,
          textFormat: TextFormatTypes.Markdown,
          locale: route.notice.locale,
          channelData: { role: 'system', answer: null, outcome: 'queued', locale: route.notice.locale },
        });
        return;
      case 'agent': {
        const { chat } = route;
        if (route.what === 'typing') {
          this.deps.inbox.visitorTyping(chat, true);
          return;
        }
        const entry = recordedMessageOf(context);
        if (!entry) {
          this.deps.logger.warn(
            { conversationId },
            'visitor message not recorded by its channel; not relayed',
          );
          return;
        }
        await this.deps.inbox.visitorMessage(chat, chatMessageFromActivity(entry, activity));
        return;
      }
    }
  }
}

function turnKind(activity: Partial<Activity>): VisitorTurn['kind'] | null {
  if (activity.type === ActivityTypes.Message) return 'message';
  if (activity.type === ActivityTypes.Typing) return 'typing';
  if (activity.type === ActivityTypes.Event && activity.name === LANGUAGE_CHOSEN_EVENT)
    return 'languageChosen';
  return null;
}
