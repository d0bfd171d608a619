import {
  ActivityTypes,
  TextFormatTypes,
  TurnContext,
  type Activity,
  type CardAction,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { HandoffStatus, Locale } from '../../../web-widget/protocol/events.js';
import type { Logger } from '../../logging/logger.js';
import type { ConversationStore, TranscriptEntry } from '../../storage/ports.js';
import type { ConversationRecorder } from '../conversationRecorder.js';
import { chatMessageFromActivity } from '../socket/chatMessages.js';
import { conversationRoom, createVisitorEmitter, type VisitorEmitter } from '../socket/visitorEmitter.js';
import type { VisitorNamespace } from '../socket/visitorSocket.js';
import { AgentChannelError } from './agentChannelError.js';

/** A message for a visitor from outside their turn: an agent's reply or a handoff notice. */
export interface VisitorMessage {
  /** The agent console's message id (deduplication); absent for notices. */
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
  /** Records every delivery with its real role and the console's message id. */
  recorder: ConversationRecorder;
  visitors: VisitorNamespace;
  /** The Bot Framework adapter and the bot's app id ('' without one), when that channel is on. */
  botFramework: { adapter: CloudAdapter; appId: string } | null;
  logger: Logger;
}

/**
 * Delivers to visitors on whichever channel they came from, through each channel's proactive
 * path, and returns the transcript entry (its seq is the agent's receipt):
 * - widget: recorded, then emitted to the conversation's room on every instance, as the widget
 *   channel's adapter does for the bot's replies (a visitor who was away gets it back by seq);
 * - Bot Framework: `continueConversationAsync` with the stored ConversationReference, sending
 *   through the turn's connector client, then recorded with its real role (the recorder middleware
 *   on that adapter would record any reply as the bot's). Sent first, recorded after: a failed
 *   delivery leaves no entry, so the agent's retry with the same id delivers it.
 */
export class VisitorRelay {
  private readonly emitter: VisitorEmitter;

  constructor(private readonly deps: VisitorRelayDeps) {
    this.emitter = createVisitorEmitter(
      deps.visitors as unknown as Parameters<typeof createVisitorEmitter>[0],
    );
  }

  async send(conversationId: string, message: VisitorMessage): Promise<TranscriptEntry> {
    if (message.id) {
      const previous = await this.deps.conversations.findMessage(conversationId, message.id);
      if (previous) return previous;
    }
    const conversation = await this.deps.conversations.get(conversationId);
    if (!conversation) throw new AgentChannelError('chat_not_found');
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      ...(message.id ? { id: message.id } : {}),
      text: message.text,
      textFormat: TextFormatTypes.Markdown,
      locale: message.locale,
      channelData: {
        role: message.role,
        answer: null,
        ...(message.agentId ? { agentId: message.agentId } : {}),
        ...(message.agentName ? { agentName: message.agentName } : {}),
      },
      ...(message.actions?.length ? { suggestedActions: { actions: message.actions, to: [] } } : {}),
    };

    if (conversation.channel === 'socket') {
      // Recorded under the console's id (botbuilder drops the ids of outgoing activities, so the
      // channel's sendToConversation could not keep it), then pushed through the widget channel's
      // own emitter to the conversation's room on every instance. A retry finds the entry and
      // emits it again: the widget drops a message id it already has.
      const { entry } = await this.deps.recorder.record(conversationId, message.role, activity, {
        ...(message.id ? { messageId: message.id } : {}),
        agentId: message.agentId ?? null,
      });
      this.emitter.message(conversationId, chatMessageFromActivity(entry, activity));
      return entry;
    }

    const reference = parseReference(conversation.reference);
    const botFramework = this.deps.botFramework;
    if (!reference || !botFramework) throw new AgentChannelError('delivery_failed');
    await this.sendProactive(botFramework, reference, activity);
    const { entry } = await this.deps.recorder.record(conversationId, message.role, activity, {
      ...(message.id ? { messageId: message.id } : {}),
      agentId: message.agentId ?? null,
    });
    return entry;
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
  ): Promise<void> {
    const { adapter, appId } = botFramework;
    let failure: unknown = null;
    // The error is kept rather than thrown inside the turn: the adapter's onTurnError would answer
    // it with an apology to the visitor, and the caller must learn that nothing was delivered.
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      try {
        const client = context.turnState.get<ConnectorClient | undefined>(adapter.ConnectorClientKey);
        const conversationId = reference.conversation?.id;
        if (!client || !conversationId) throw new Error('no connector client for the proactive turn');
        const { id: _clientId, ...outgoing } = activity;
        await client.conversations.sendToConversation(
          conversationId,
          TurnContext.applyConversationReference(outgoing, reference) as Activity,
        );
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
  }
}

function parseReference(json: string | null): Partial<ConversationReference> | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as Partial<ConversationReference>;
    return parsed && typeof parsed === 'object' && parsed.conversation?.id && parsed.serviceUrl
      ? parsed
      : null;
  } catch {
    return null;
  }
}
