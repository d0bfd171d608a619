import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  DeliveryModes,
  type Activity,
  type ConversationReference,
  type Middleware,
  TurnContext,
} from 'botbuilder';
import { rememberRecordedMessage, rememberRecordedReply } from './handoff/recordedMessage.js';
import { toProductLocale } from '../i18n/i18n.js';
import { maskPersonalData, maskPersonalDataDeep } from '../privacy/personalData.js';
import { StoreError, isStoreError } from '../storage/errors.js';
import type {
  ChannelKind,
  ConversationPatch,
  ConversationStore,
  TranscriptEntry,
  TranscriptRole,
} from '../storage/ports.js';
import { outboundMarks } from './outboundMarks.js';
import { systemClock, type Clock } from '../shared/clock.js';

/**
 * Keeps every conversation's transcript in the store, personal data masked, for agents (who see
 * the conversation so far), analytics and replay to a reconnecting client. Channels call it; the
 * bot never does. Outgoing messages are recorded with the role their `channelData` marks
 * (outboundMarks.ts), on every channel alike.
 */
export class ConversationRecorder {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Makes sure the conversation exists and remembers how to reach it proactively (agent replies,
   * queue updates). Every message but the first finds it there, so the update is tried first: one
   * write per message, no read before it. The update is on this channel's conversation only: a
   * conversation of another channel under the same id is never touched (nor recorded into).
   */
  async ensureConversation(
    channel: ChannelKind,
    reference: Partial<ConversationReference>,
    locale: string | undefined,
  ): Promise<void> {
    const id = reference.conversation?.id;
    if (!id) return;
    const now = this.clock.now().toISOString();
    const serialised = JSON.stringify(reference);
    const touch = () =>
      this.conversations.update(id, { lastActivityAt: now, reference: serialised }, { channel });
    if (await found(touch())) return;
    try {
      await this.conversations.create({
        id,
        channel,
        locale: toProductLocale(locale),
        tokenHash: null,
        reference: serialised,
        createdAt: now,
        lastActivityAt: now,
      });
    } catch (error) {
      if (!isStoreError(error, 'duplicate')) throw error;
      // Two first messages at once, and the other one created it; or another channel owns the id.
      if (!(await found(touch()))) {
        throw new StoreError('conflict', 'This conversation id belongs to another channel', { channel });
      }
    }
  }

  /**
   * Records an inbound message of `channel` with the conversation's touch (last activity,
   * reference) in the same write; the first message of a conversation creates it first.
   */
  private async recordArrival(
    channel: ChannelKind,
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<{ entry: TranscriptEntry; duplicate: boolean }> {
    const conversationId = reference.conversation?.id as string;
    const arrival = {
      channel,
      touch: { lastActivityAt: this.clock.now().toISOString(), reference: JSON.stringify(reference) },
    };
    try {
      return await this.record(conversationId, 'visitor', activity, arrival);
    } catch (error) {
      if (!isStoreError(error, 'not_found')) throw error;
    }
    await this.ensureConversation(channel, reference, activity.locale);
    return this.record(conversationId, 'visitor', activity, arrival);
  }

  /**
   * Appends one activity. A message id already in the transcript is a retry: the stored entry is
   * returned with `duplicate: true` and nothing new is written. The store's append recognises the
   * retry itself (without using up a seq), so it is not looked up here first: one read per
   * message less, and the rare retry costs the read after the refusal instead.
   */
  async record(
    conversationId: string,
    role: TranscriptRole,
    activity: Partial<Activity>,
    options: {
      messageId?: string;
      agentId?: string | null;
      /** The conversation's patch made in the same write, on this channel's conversation only. */
      touch?: ConversationPatch;
      channel?: ChannelKind;
    } = {},
  ): Promise<{ entry: TranscriptEntry; duplicate: boolean }> {
    const messageId = options.messageId ?? activity.id ?? randomUUID();
    const appendOptions = { touch: options.touch, channel: options.channel };
    try {
      const entry = await this.conversations.append(
        this.entryOf(conversationId, role, activity, { messageId, agentId: options.agentId }),
        appendOptions,
      );
      return { entry, duplicate: false };
    } catch (error) {
      return { entry: await this.storedRetry(error, conversationId, messageId), duplicate: true };
    }
  }

  /** The entry of `activity`, its text and replayable parts masked. */
  private entryOf(
    conversationId: string,
    role: TranscriptRole,
    activity: Partial<Activity>,
    options: { messageId: string; agentId?: string | null },
  ): Omit<TranscriptEntry, 'seq'> {
    // The text is masked once, for the entry and for its stored activity alike.
    const text = maskPersonalData(activity.text ?? '');
    return {
      conversationId,
      messageId: options.messageId,
      role,
      text,
      locale: activity.locale ? toProductLocale(activity.locale) : null,
      at: this.clock.now().toISOString(),
      agentId: options.agentId ?? null,
      activity: JSON.stringify(maskedReplayable(activity, text)),
    };
  }

  /** After an append failed: the stored entry when it was a retry of `messageId`; else the error again. */
  private async storedRetry(
    error: unknown,
    conversationId: string,
    messageId: string,
  ): Promise<TranscriptEntry> {
    if (!isStoreError(error, 'duplicate')) throw error;
    const stored = await this.conversations.findMessage(conversationId, messageId);
    if (!stored) throw error;
    return stored;
  }

  /**
   * Appends an outgoing message (the bot's, an agent's, a notice) under the role, agent and
   * message id its `channelData` carries; see outboundMarks.ts. Never under `activity.id`: an
   * outgoing activity's id is whatever the channel answered, not one the sender can retry with.
   */
  recordOutbound(
    conversationId: string,
    activity: Partial<Activity>,
  ): Promise<{ entry: TranscriptEntry; duplicate: boolean }> {
    const marks = outboundMarks(activity);
    return this.record(conversationId, marks.role, activity, {
      messageId: marks.messageId ?? randomUUID(),
      agentId: marks.agentId,
    });
  }

  /**
   * `recordOutbound` for each of `activities` (one send's messages), in order, in one append: one
   * sequence move and one insert for all. Should that append fail (a retried agent message among
   * them, an entry refused), nothing of it was written and each is recorded alone, as
   * `recordOutbound` does: the ones before the failing one are kept, a retry is recognised.
   */
  async recordOutboundAll(
    conversationId: string,
    activities: ReadonlyArray<Partial<Activity>>,
  ): Promise<Array<{ entry: TranscriptEntry; duplicate: boolean }>> {
    if (activities.length === 1) return [await this.recordOutbound(conversationId, activities[0]!)];
    try {
      const entries = await this.conversations.appendAll(
        activities.map((activity) => {
          const marks = outboundMarks(activity);
          return this.entryOf(conversationId, marks.role, activity, {
            messageId: marks.messageId ?? randomUUID(),
            agentId: marks.agentId,
          });
        }),
      );
      return entries.map((entry) => ({ entry, duplicate: false }));
    } catch {
      const recorded: Array<{ entry: TranscriptEntry; duplicate: boolean }> = [];
      for (const activity of activities) recorded.push(await this.recordOutbound(conversationId, activity));
      return recorded;
    }
  }

  /**
   * botbuilder middleware for adapters that do not record by themselves (the Bot Framework
   * channel): records the inbound message and every outbound message of the turn, proactive turns
   * (agent replies, notices) included, each with its marked role.
   */
  middleware(channel: ChannelKind): Middleware {
    return {
      onTurn: async (context: TurnContext, next: () => Promise<void>) => {
        const conversationId = context.activity.conversation?.id;
        if (!conversationId) return next();
        // A proactive turn starts from the stored reference: there is nothing new to remember, and
        // its made-up activity id must not replace the visitor's last one.
        const proactive = isProactive(context.activity);
        const reference = TurnContext.getConversationReference(context.activity);
        if (context.activity.type === ActivityTypes.Message && !proactive) {
          // The visitor's message and the conversation's last activity and reference: one write.
          const { entry } = await this.recordArrival(channel, reference, context.activity);
          rememberRecordedMessage(context, entry);
        } else if (!proactive) {
          await this.ensureConversation(channel, reference, context.activity.locale);
        }
        // With `expectReplies` the replies go out in the response to the request, once the turn has
        // ended: each send's replies are recorded when sent, without the turn waiting for their
        // commit, and the turn ends once all are committed, so they share a commit with the turn's
        // last writes (state).
        const pending: Array<Promise<unknown>> = [];
        const deferred = context.activity.deliveryMode === DeliveryModes.ExpectReplies;
        context.onSendActivities(async (_ctx, activities, sendNext) => {
          // Recorded once the channel took them: a message it refused leaves no entry, so the
          // sender's retry with the same id (an agent's) delivers it instead of finding it "sent".
          const responses = await sendNext();
          const messages = activities.filter((activity) => activity.type === ActivityTypes.Message);
          if (messages.length === 0) return responses;
          const recorded = this.recordOutboundAll(conversationId, messages).then((entries) =>
            entries.forEach(({ entry }) => rememberRecordedReply(context, entry)),
          );
          if (!deferred) {
            await recorded;
            return responses;
          }
          // Handled at the end of the turn; until then it must not count as an unhandled rejection.
          recorded.catch(() => undefined);
          pending.push(recorded);
          return responses;
        });
        // Every reply is in the store before the response carries it; the first failure is the turn's.
        try {
          await next();
        } catch (error) {
          await Promise.allSettled(pending);
          throw error;
        }
        const failure = (await Promise.allSettled(pending)).find((result) => result.status === 'rejected');
        if (failure !== undefined) throw failure.reason;
      },
    };
  }
}

/** True when the update found the conversation, false when it does not exist (on this channel). */
async function found(update: Promise<unknown>): Promise<boolean> {
  try {
    await update;
    return true;
  } catch (error) {
    if (isStoreError(error, 'not_found')) return false;
    throw error;
  }
}

/** botbuilder's continuation activity (`continueConversationAsync`), whatever the adapter's casing. */
function isProactive(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Event && activity.name?.toLowerCase() === 'continueconversation';
}

/**
 * The parts of an activity a client needs to show it again, never the raw channel payload, with
 * every string in them masked; `maskedText` is the activity's text already masked.
 */
function maskedReplayable(activity: Partial<Activity>, maskedText: string): Record<string, unknown> {
  const rest: Record<string, unknown> = maskPersonalDataDeep<Record<string, unknown>>({
    type: activity.type,
    textFormat: activity.textFormat,
    locale: activity.locale,
    suggestedActions: activity.suggestedActions,
    attachments: activity.attachments,
    channelData: activity.channelData,
    value: activity.value,
  });
  // In the order the stored activities have always had.
  return {
    type: rest.type,
    text: activity.text === undefined ? undefined : maskedText,
    textFormat: rest.textFormat,
    locale: rest.locale,
    suggestedActions: rest.suggestedActions,
    attachments: rest.attachments,
    channelData: rest.channelData,
    value: rest.value,
  };
}
