import { ActivityTypes, TextFormatTypes, type TurnContext } from 'botbuilder';
import type { LiveAgentGateway, LiveAgentOutcome, LiveAgentRequest } from '../assistant/liveAgentGateway.js';
import { visitorAddressOf } from '../assistant/visitorAddress.js';
import type { Logger } from '../logging/logger.js';
import type { Locale } from '../../contracts/locale.js';
import type { ConversationStore } from '../storage/ports.js';
import type { HandoffService } from './handoffService.js';
import type { HandoffText } from './handoffText.js';

/**
 * The assistant's seam to the live agents: queues the conversation (in hours, with an agent of the
 * visitor's language online), tells the visitor where they stand, then routes. Anything else is
 * `unavailable` and the assistant gives the hours, the alternatives and the leave-a-message offer.
 */
export class HandoffGateway implements LiveAgentGateway {
  constructor(
    private readonly deps: {
      service: HandoffService;
      conversations: ConversationStore;
      text: HandoffText;
      logger: Logger;
    },
  ) {}

  async requestAgent(context: TurnContext, request: LiveAgentRequest): Promise<LiveAgentOutcome> {
    const conversationId = context.activity.conversation?.id;
    const conversation = conversationId ? await this.deps.conversations.get(conversationId) : null;
    if (!conversation) {
      this.deps.logger.warn({ conversationId }, 'live agent requested for an unknown conversation');
      return 'unavailable';
    }
    const result = await this.deps.service.request({
      conversationId: conversation.id,
      channel: conversation.channel,
      locale: request.locale,
      question: request.question,
      address: visitorAddressOf(context),
    });
    const { text } = this.deps;
    const { locale } = request;
    switch (result.outcome) {
      case 'unavailable':
        return 'unavailable';
      case 'address_limit':
        await this.say(context, locale, text.get(locale, 'addressLimit'), 'handoff');
        return 'handled';
      case 'active':
        await this.say(
          context,
          locale,
          result.standing
            ? text.standing(locale, result.standing, 'stillQueued')
            : text.get(locale, 'alreadyConnected'),
          result.standing ? 'queued' : 'handoff',
        );
        return 'handled';
      case 'queued':
        await this.say(
          context,
          locale,
          `${text.standing(locale, result.standing, 'queued')}\n\n${text.get(locale, 'howToLeave')}`,
          'queued',
        );
        // Routed only now, so "an agent joined" always comes after "you are in line".
        await this.deps.service.dispatch();
        return 'handled';
    }
  }

  private async say(
    context: TurnContext,
    locale: Locale,
    message: string,
    outcome: 'queued' | 'handoff',
  ): Promise<void> {
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: message,
      textFormat: TextFormatTypes.Markdown,
      locale,
      channelData: { answer: null, outcome },
    });
  }
}
