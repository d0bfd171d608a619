import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { rememberVisitorAddress } from '../../assistant/visitorAddress.js';
import { rememberRecordedMessage, rememberRecordedReply } from '../handoff/recordedMessage.js';
import type { Logger } from '../../logging/logger.js';
import type { TranscriptEntry } from '../../storage/ports.js';
import type { ConversationRecorder } from '../conversationRecorder.js';
import { outboundMarks } from '../outboundMarks.js';
import { rememberSocialSecurityNumbersHidden } from '../personalDataWarning.js';
import { chatMessageFromActivity } from './chatMessages.js';
import type { VisitorEmitter } from './visitorEmitter.js';

/** A bot's `delay` activity is honoured up to this, so a buggy value cannot hold a turn for long. */
const MAX_DELAY_MS = 5_000;

export interface SocketAdapterDeps {
  recorder: ConversationRecorder;
  emitter: VisitorEmitter;
  logger: Logger;
}

type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * The botbuilder adapter of the widget's Socket.IO channel: inbound socket messages become
 * Activities run through the same bot as /api/messages, and every message the bot (or an agent,
 * proactively) sends is recorded in the transcript first, then emitted with its seq to the
 * conversation's room. Recording first means a visitor who was away can always get it back.
 */
export class SocketAdapter extends BotAdapter {
  constructor(private readonly deps: SocketAdapterDeps) {
    super();
  }

  /**
   * Runs one inbound activity through the middleware and `logic` (normally `bot.run`). `recorded`
   * is its transcript entry, when the channel recorded it before the turn (visitor messages);
   * `address` the visitor's client address, when a live socket sent it.
   */
  processActivity(
    activity: Partial<Activity>,
    logic: TurnLogic,
    origin: { recorded?: TranscriptEntry; address?: string } = {},
  ): Promise<void> {
    const context = new TurnContext(this, activity);
    if (origin.recorded) rememberRecordedMessage(context, origin.recorded);
    if (origin.address !== undefined) rememberVisitorAddress(context, origin.address);
    // A message that just came in on a live socket: the channel hid its Social Security numbers
    // before recording it (visitorHandlers.ts), so the warning middleware need not look again. A
    // message read back from the store (pendingTurns.ts, no address) is looked at as before.
    if (origin.recorded && origin.address !== undefined) rememberSocialSecurityNumbersHidden(context);
    return this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    const conversationOf = (activity: Partial<Activity>) =>
      activity.conversation?.id ?? context.activity.conversation?.id;
    for (let index = 0; index < activities.length; index += 1) {
      const activity = activities[index]!;
      const conversationId = conversationOf(activity);
      if (!conversationId) throw new Error('An outgoing activity has no conversation id.');
      switch (activity.type) {
        case ActivityTypes.Message: {
          // The messages sent together (an answer and its "Was this helpful?") are recorded in one
          // append, then emitted in order.
          let end = index + 1;
          while (
            end < activities.length &&
            activities[end]!.type === ActivityTypes.Message &&
            conversationOf(activities[end]!) === conversationId
          ) {
            end += 1;
          }
          const messages = activities.slice(index, end);
          const recorded = await this.deps.recorder.recordOutboundAll(conversationId, messages);
          recorded.forEach(({ entry }, position) => {
            rememberRecordedReply(context, entry);
            // A retry of a message id already recorded is emitted again: the widget merges by id.
            this.deps.emitter.message(conversationId, chatMessageFromActivity(entry, messages[position]!));
            responses.push({ id: entry.messageId });
          });
          index = end - 1;
          break;
        }
        case ActivityTypes.Typing:
          this.deps.emitter.typing(conversationId, {
            role: outboundMarks(activity).role === 'agent' ? 'agent' : 'bot',
            active: true,
          });
          responses.push({ id: '' });
          break;
        case 'delay': {
          const ms = Math.min(Math.max(Number(activity.value) || 0, 0), MAX_DELAY_MS);
          await new Promise((resolve) => setTimeout(resolve, ms));
          responses.push({ id: '' });
          break;
        }
        default:
          // Traces, invoke responses, events, end of conversation: nothing a visitor is shown.
          this.deps.logger.debug({ type: activity.type, conversationId }, 'activity not sent to the widget');
          responses.push({ id: '' });
      }
    }
    return responses;
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('The web widget channel cannot change a message already sent.'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('The web widget channel cannot delete a message already sent.'));
  }

  /** Proactive messages (agent replies, queue updates): a turn that starts from a stored reference. */
  continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const request = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    return this.runMiddleware(new TurnContext(this, request), logic);
  }

  /**
   * The newer botbuilder signature, `(botAppId | claims, reference, [audience,] logic)`, as
   * CloudAdapter code calls it; this channel has no app identity, so the first arguments are ignored.
   */
  override continueConversationAsync(
    _botAppIdOrClaimsIdentity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) return Promise.reject(new Error('continueConversationAsync needs a logic callback.'));
    return this.continueConversation(reference, logic);
  }
}
