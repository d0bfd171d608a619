import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  TextFormatTypes,
  type Activity,
  type CardAction,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import type { Locale } from '../../../contracts/locale.js';
import type { HandoffStatus } from '../../../contracts/visitorEvents.js';
import { recordedRepliesOf } from '../handoff/recordedMessage.js';
import type { Logger } from '../../logging/logger.js';
import type { ConversationStore, HandoffEntry, TranscriptEntry } from '../../storage/ports.js';
import { parseConversationReference } from '../conversationReference.js';
import type { VisitorChannel } from '../socket/visitorChannel.js';
import { conversationRoom } from '../socket/visitorEmitter.js';
import type { VisitorNamespace } from '../socket/visitorSocket.js';
import { AgentChannelError } from './agentChannelError.js';

/** A message for a visitor from outside their turn: an agent's reply or a handoff notice. */
export interface VisitorMessage {
  /**
   * The agent console's message id, which the message is recorded under; absent for notices. The
   * caller has made sure it is not in the transcript yet (a retry gets its receipt from there).
   */
  id?: string;
  role: 'agent' | 'system';
  text: string;
  locale: Locale;
  agentId?: string | null;
  agentName?: string | null;
  actions?: CardAction[];
}

export interface VisitorRelayDeps {
  conversations: ConversationStore;
  /** The widget's channel: its proactive path records and emits to every socket of the conversation. */
  widget: Pick<VisitorChannel, 'deliver'>;
  /** The `/visitor` namespace, for the status line and the agent's typing (not transcript entries). */
  visitors: VisitorNamespace;
  /** The Bot Framework adapter and the bot's app id ('' without one), when that channel is on. */
  botFramework: { adapter: CloudAdapter; appId: string } | null;
  logger: Logger;
}

/**
 * Delivers to visitors on whichever channel they came from, through each channel's own proactive
 * path, and returns the transcript entry (its seq is the agent's receipt). Neither path is special:
 * the message is marked in `channelData` (role, agent, message id; see outboundMarks.ts) and the
 * channel's recorder records it with that role, as it does the bot's replies:
 * - widget: `deliver` (the path of `sendToConversation`), recorded, then emitted to the
 *   conversation's room on every instance (a visitor who was away gets it back by seq);
 * - Bot Framework: `continueConversationAsync` with the stored ConversationReference; the adapter's
 *   recorder middleware records it once the channel has taken it, so a failed delivery leaves no
 *   entry and the agent's retry with the same id delivers it.
 */
export class VisitorRelay {
  constructor(private readonly deps: VisitorRelayDeps) {}

  /**
   * `chat` names the conversation and the channel it came through (the handoff entry knows both,
   * so the widget's conversations are not read here as well as by the widget's channel).
   */
  async send(
    chat: Pick<HandoffEntry, 'conversationId' | 'channel'>,
    message: VisitorMessage,
  ): Promise<TranscriptEntry> {
    const { conversationId } = chat;
    // Notices have no id of their own: one is chosen here so the entry can be read back.
    const messageId = message.id ?? randomUUID();
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: message.text,
      textFormat: TextFormatTypes.Markdown,
      locale: message.locale,
      channelData: {
        role: message.role,
        messageId,
        answer: null,
        ...(message.agentId ? { agentId: message.agentId } : {}),
        ...(message.agentName ? { agentName: message.agentName } : {}),
      },
      ...(message.actions?.length ? { suggestedActions: { actions: message.actions, to: [] } } : {}),
    };

    // Each channel's recorder leaves the entry it wrote in the turn state: nothing is read back.
    if (chat.channel === 'socket') {
      const entry = await this.deps.widget.deliver(conversationId, activity);
      if (entry === null) throw new AgentChannelError('chat_not_found');
      return entry;
    }
    const conversation = await this.deps.conversations.get(conversationId);
    if (!conversation) throw new AgentChannelError('chat_not_found');
    const reference = parseConversationReference(conversation.reference);
    const botFramework = this.deps.botFramework;
    if (!reference?.serviceUrl || !botFramework) throw new AgentChannelError('delivery_failed');
    return this.sendProactive(botFramework, reference, activity);
  }

  /** The status line of the widget (Bot Framework visitors get the notices only). */
  status(conversationId: string, status: HandoffStatus): void {
    this.deps.visitors.to(conversationRoom(conversationId)).emit('handoff:status', status);
  }

  /** The agent's typing indicator in the widget; volatile, as a late one would be wrong. */
  typing(conversationId: string, active: boolean): void {
    this.deps.visitors
      .to(conversationRoom(conversationId))
      .volatile.emit('typing', { role: 'agent', active });
  }

  private async sendProactive(
    botFramework: { adapter: CloudAdapter; appId: string },
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<TranscriptEntry> {
    const { adapter, appId } = botFramework;
    let failure: unknown = null;
    let entry: TranscriptEntry | null = null;
    // The error is kept rather than thrown inside the turn: the adapter's onTurnError would answer
    // it with an apology to the visitor, and the caller must learn that nothing was delivered.
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      try {
        await context.sendActivity(activity);
        entry = recordedRepliesOf(context).at(-1) ?? null;
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== null) {
      this.deps.logger.warn(
        { err: failure, conversationId: reference.conversation?.id },
        'proactive delivery failed',
      );
      throw new AgentChannelError('delivery_failed');
    }
    if (!entry) throw new Error('a delivered message is missing from the transcript');
    return entry;
  }
}
