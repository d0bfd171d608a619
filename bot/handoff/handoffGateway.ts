import type { Logger } from '../logging/logger.js';
import type { ConversationStore } from '../storage/ports.js';
import type { HandoffService } from './handoffService.js';
import type { HandoffText } from './handoffText.js';
import type {
  LiveAgentGateway,
  LiveAgentOutcome,
  LiveAgentRequest,
  VisitorNotices,
} from './liveAgentGateway.js';

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

  async requestAgent(request: LiveAgentRequest, visitor: VisitorNotices): Promise<LiveAgentOutcome> {
    const { conversationId, locale } = request;
    // The channel (widget or Bot Framework) is the stored conversation's: the handoff's own record.
    const conversation = conversationId ? await this.deps.conversations.get(conversationId) : null;
    if (!conversation) {
      this.deps.logger.warn({ conversationId }, 'live agent requested for an unknown conversation');
      return 'unavailable';
    }
    const result = await this.deps.service.request({
      conversationId: conversation.id,
      channel: conversation.channel,
      locale,
      question: request.question,
      address: request.address,
    });
    const { text } = this.deps;
    switch (result.outcome) {
      case 'unavailable':
        return 'unavailable';
      case 'address_limit':
        await visitor.tell({ text: text.get(locale, 'addressLimit'), locale, outcome: 'handoff' });
        return 'handled';
      case 'active':
        await visitor.tell({
          text: result.standing
            ? text.standing(locale, result.standing, 'stillQueued')
            : text.get(locale, 'alreadyConnected'),
          locale,
          outcome: result.standing ? 'queued' : 'handoff',
        });
        return 'handled';
      case 'queued':
        await visitor.tell({
          text: `${text.standing(locale, result.standing, 'queued')}\n\n${text.get(locale, 'howToLeave')}`,
          locale,
          outcome: 'queued',
        });
        // Routed only now, so "an agent joined" always comes after "you are in line".
        await this.deps.service.dispatch();
        return 'handled';
    }
  }
}
