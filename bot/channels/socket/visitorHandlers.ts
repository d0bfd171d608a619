import type { Activity } from 'botbuilder';
import { LOCALES, type Locale } from '../../../contracts/locale.js';
import {
  HISTORY_PAGE_LIMIT,
  type ChatRatingPayload,
  type HistoryPage,
  type MessageReceipt,
  type ProtocolError,
} from '../../../contracts/visitorEvents.js';
import { LANGUAGE_CHOSEN_EVENT } from '../../assistant/languageSwitch.js';
import type { I18n } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import { hideSocialSecurityNumbers } from '../../privacy/personalData.js';
import type { TurnTracker } from '../../server/turnTracker.js';
import type { ConversationStore, TranscriptEntry } from '../../storage/ports.js';
import { createEventResponder, eventArguments } from '../clientEvents.js';
import type { ConversationRecorder } from '../conversationRecorder.js';
import type { ConversationTurnQueue } from '../conversationTurnQueue.js';
import { PERSONAL_DATA_HIDDEN } from '../personalDataWarning.js';
import { ChannelError } from './channelError.js';
import { chatMessageFromActivity, chatMessageFromEntry } from './chatMessages.js';
import { toProtocolError } from './protocolErrors.js';
import type { VisitorEmitter } from './visitorEmitter.js';
import type { VisitorLimits } from './visitorLimits.js';
import {
  cleanMessageText,
  historyRequestSchema,
  leaveLiveChatSchema,
  rateChatSchema,
  sendMessageSchema,
  setLocaleSchema,
  setTypingSchema,
  setVisibilitySchema,
} from './visitorSchemas.js';
import { visitorTurnActivity } from './visitorSessions.js';
import type { VisitorSocket } from './visitorSocket.js';
import type { Clock } from '../../shared/clock.js';

/**
 * The live-agent chat as the widget's visitor controls it (the handoff implements it; the channel
 * knows nothing else of the handoff). Plain data in and out.
 */
export interface VisitorLiveChat {
  /** Leaves the queue or ends the chat with the agent. False when the conversation had neither. */
  leave(conversationId: string): Promise<boolean>;
  /** Stores the visitor's rating of an ended chat of theirs; `not_allowed` for any other chat or a second rating. */
  rate(conversationId: string, chatId: string, rating: number): Promise<'rated' | 'not_allowed'>;
}

export interface VisitorHandlerDeps {
  conversations: ConversationStore;
  recorder: ConversationRecorder;
  emitter: VisitorEmitter;
  limits: VisitorLimits;
  i18n: I18n;
  logger: Logger;
  tracker: TurnTracker;
  /** Serialises the intake (dedupe, limits, recording) of one conversation's messages, in arrival order. */
  intake: ConversationTurnQueue;
  maxMessageLength: number;
  /**
   * Queues the bot's turn for an accepted activity (one turn at a time per conversation), with
   * the transcript entry it was recorded as (none for events, which are not in the transcript).
   */
  startTurn(
    conversationId: string,
    activity: Partial<Activity>,
    recorded?: TranscriptEntry,
    address?: string,
  ): void;
  /** Hands a visitor's valid typing signal on (to the live agent, when one has the chat). */
  typing(conversationId: string, active: boolean): void;
  /** The page of one of the conversation's sockets became visible or hidden (socket.data.pageHidden). */
  visibility(conversationId: string): void;
  /** Null where the product runs without live agents: the events are then unknown. */
  liveChat: VisitorLiveChat | null;
  clock: Clock;
}

const TOUCH_INTERVAL_MS = 60_000;

/**
 * The visitor events, as factories over their collaborators (Socket.IO's basic CRUD example
 * style). Each handler takes the raw arguments, because a client may send anything: a missing
 * ack, a string instead of an object, extra arguments. Every outcome is an ack (or, without one,
 * a `request:rejected` event); nothing thrown escapes to Socket.IO.
 */
export function createVisitorHandlers(deps: VisitorHandlerDeps) {
  /** Answers each event exactly once, localised in the best locale known. */
  const respond = createEventResponder<VisitorSocket, ProtocolError>({
    // Every event counts against the connection's limit, malformed ones included.
    admit: async (socket) => {
      const retryAfterMs = await deps.limits.event(socket.id, socket.data.conversationId);
      if (retryAfterMs !== null) throw new ChannelError('rate_limited', { retryAfterMs });
    },
    missingAck: () => new ChannelError('invalid_payload'),
    toError: (socket, event, error, payload) => {
      if (!(error instanceof ChannelError)) {
        deps.logger.error(
          { err: error, event, conversationId: socket.data.conversationId },
          'visitor event failed',
        );
      }
      return toProtocolError(deps.i18n, localeHint(payload) ?? socket.data.locale, error);
    },
    reject: (socket, rejection) => socket.emit('request:rejected', rejection),
  });

  /** Dedupe, limits, record, echo, then the bot's turn; the same id always gets the same receipt. */
  async function accept(
    socket: VisitorSocket,
    message: { id: string; text: string; value?: unknown; locale: Locale; personalDataHidden?: boolean },
  ): Promise<MessageReceipt> {
    const { conversationId, ip } = socket.data;
    const previous = await deps.conversations.findMessage(conversationId, message.id);
    if (previous) return receiptOf(previous);
    const retryAfterMs = await deps.limits.message(conversationId, ip);
    if (retryAfterMs !== null) throw new ChannelError('rate_limited', { retryAfterMs });

    const activity = visitorActivity(conversationId, message, deps.clock.now());
    const { entry, duplicate } = await deps.recorder.record(conversationId, 'visitor', activity, {
      messageId: message.id,
    });
    if (duplicate) return receiptOf(entry);
    deps.emitter.message(conversationId, chatMessageFromActivity(entry, activity));
    deps.startTurn(conversationId, activity, entry, ip);
    touchConversation(socket, message.locale, entry.at);
    return receiptOf(entry);
  }

  /**
   * Keeps the conversation's language and last activity current for retention and for agents:
   * at most once a minute per socket unless the language changed, which saves a store write per
   * message (retention counts in days). After the turn is queued, and never failing the message:
   * the bot already has it.
   */
  function touchConversation(socket: VisitorSocket, locale: Locale, at: string): void {
    const now = Date.parse(at);
    const changed = socket.data.locale !== locale;
    socket.data.locale = locale;
    if (!changed && now - socket.data.touchedAt < TOUCH_INTERVAL_MS) return;
    socket.data.touchedAt = now;
    deps.conversations
      .update(socket.data.conversationId, { lastActivityAt: at, locale })
      .catch((error: unknown) => {
        deps.logger.warn(
          { err: error, conversationId: socket.data.conversationId },
          'could not update the conversation',
        );
      });
  }

  return {
    sendMessage: (socket: VisitorSocket, args: unknown[]) =>
      respond(socket, 'message:send', args, async (payload): Promise<MessageReceipt> => {
        const parsed = sendMessageSchema.safeParse(payload);
        if (!parsed.success) throw new ChannelError('invalid_payload');
        // A Social Security number is hidden before anyone sees it, the visitor's own echo included.
        const hidden = hideSocialSecurityNumbers(cleanMessageText(parsed.data.text));
        const message = { ...parsed.data, text: hidden.text, personalDataHidden: hidden.found };
        if (message.text.length > deps.maxMessageLength) {
          throw new ChannelError('message_too_long', { params: { max: deps.maxMessageLength } });
        }
        if (deps.tracker.isClosed) throw new ChannelError('shutting_down');
        return deps.intake.run(socket.data.conversationId, () => accept(socket, message));
      }),

    history: (socket: VisitorSocket, args: unknown[]) =>
      respond(socket, 'history:since', args, async (payload): Promise<HistoryPage> => {
        const parsed = historyRequestSchema.safeParse(payload);
        if (!parsed.success) throw new ChannelError('invalid_payload');
        const limit = parsed.data.limit ?? HISTORY_PAGE_LIMIT;
        const entries = await deps.conversations.transcript(socket.data.conversationId, {
          afterSeq: parsed.data.afterSeq,
          limit: limit + 1,
        });
        return {
          messages: entries.slice(0, limit).map(chatMessageFromEntry),
          hasMore: entries.length > limit,
        };
      }),

    setLocale: (socket: VisitorSocket, args: unknown[]) =>
      respond(socket, 'locale:set', args, async (payload): Promise<{ locale: Locale }> => {
        const parsed = setLocaleSchema.safeParse(payload);
        if (!parsed.success) throw new ChannelError('invalid_payload');
        const { locale } = parsed.data;
        socket.data.locale = locale;
        await deps.conversations.update(socket.data.conversationId, { locale });
        // The assistant switches too (and says its last answer again in the new language), in
        // turn with the visitor's messages; it says nothing when it already speaks that language.
        deps.startTurn(
          socket.data.conversationId,
          visitorTurnActivity(socket.data.conversationId, locale, {
            type: 'event',
            name: LANGUAGE_CHOSEN_EVENT,
            value: { locale },
            timestamp: deps.clock.now(),
          }),
        );
        return { locale };
      }),

    /**
     * `typing:set`, best effort and without an ack: a valid signal costs nothing against the
     * connection's event limit and is never refused; past its own cap it is dropped without a word
     * (the next one a few seconds later says the same). A malformed one is a bad request like any.
     */
    setTyping: async (socket: VisitorSocket, args: unknown[]): Promise<void> => {
      const { payload, ack } = eventArguments(args);
      const parsed = setTypingSchema.safeParse(payload);
      if (!parsed.success) {
        await respond(
          socket,
          'typing:set',
          args,
          async () => {
            throw new ChannelError('invalid_payload');
          },
          { ackRequired: false },
        );
        return;
      }
      // A client that passed an ack anyway is not left waiting.
      ack?.({ ok: true, data: null });
      try {
        if ((await deps.limits.typing(socket.id, socket.data.conversationId)) !== null) return;
        deps.typing(socket.data.conversationId, parsed.data.active);
      } catch (error) {
        deps.logger.warn(
          { err: error, conversationId: socket.data.conversationId },
          'visitor typing not handled',
        );
      }
    },

    /**
     * `visibility:set`, without an ack: the page became visible or hidden. It counts as an event
     * (pages change visibility a few times a minute at most); a malformed one is a bad request.
     */
    setVisibility: (socket: VisitorSocket, args: unknown[]) =>
      respond(
        socket,
        'visibility:set',
        args,
        async (payload) => {
          const parsed = setVisibilitySchema.safeParse(payload);
          if (!parsed.success) throw new ChannelError('invalid_payload');
          const hidden = !parsed.data.visible;
          if ((socket.data.pageHidden ?? false) !== hidden) {
            socket.data.pageHidden = hidden;
            deps.visibility(socket.data.conversationId);
          }
          return null;
        },
        { ackRequired: false },
      ),
    leaveLiveChat: (socket: VisitorSocket, args: unknown[]) =>
      respond(socket, 'handoff:leave', args, async (payload): Promise<{ left: boolean }> => {
        const liveChat = deps.liveChat;
        if (!liveChat) throw new ChannelError('unknown_event');
        if (!leaveLiveChatSchema.safeParse(payload).success) throw new ChannelError('invalid_payload');
        // The notice that the assistant is back, and the ended status, come from the handoff's end event.
        return { left: await liveChat.leave(socket.data.conversationId) };
      }),

    rateLiveChat: (socket: VisitorSocket, args: unknown[]) =>
      respond(socket, 'handoff:rate', args, async (payload): Promise<ChatRatingPayload> => {
        const liveChat = deps.liveChat;
        if (!liveChat) throw new ChannelError('unknown_event');
        const parsed = rateChatSchema.safeParse(payload);
        if (!parsed.success) throw new ChannelError('invalid_payload');
        const { chatId, rating } = parsed.data;
        const outcome = await liveChat.rate(socket.data.conversationId, chatId, rating);
        if (outcome !== 'rated') throw new ChannelError('rating_not_allowed');
        return { chatId, rating };
      }),

    unknownEvent: (socket: VisitorSocket, event: string, args: unknown[]) =>
      respond(
        socket,
        event,
        args,
        async () => {
          throw new ChannelError('unknown_event');
        },
        { ackRequired: false },
      ),
  };
}

function receiptOf(entry: TranscriptEntry): MessageReceipt {
  // A client id that names a bot or agent entry is someone guessing ids, not a retry.
  if (entry.role !== 'visitor') throw new ChannelError('invalid_payload');
  return { id: entry.messageId, seq: entry.seq, at: entry.at };
}

function visitorActivity(
  conversationId: string,
  message: { id: string; text: string; value?: unknown; locale: Locale; personalDataHidden?: boolean },
  now: Date,
): Partial<Activity> {
  return visitorTurnActivity(conversationId, message.locale, {
    type: 'message',
    id: message.id,
    timestamp: now,
    text: message.text,
    textFormat: 'plain',
    ...(message.value === undefined ? {} : { value: message.value }),
    ...(message.personalDataHidden && { channelData: { [PERSONAL_DATA_HIDDEN]: true } }),
  });
}

function localeHint(payload: unknown): Locale | undefined {
  const locale =
    typeof payload === 'object' && payload !== null ? (payload as { locale?: unknown }).locale : undefined;
  return LOCALES.find((known) => known === locale);
}
