import { ActivityTypes, type Activity, type ActivityHandler } from 'botbuilder';
import type { Server } from 'socket.io';
import type { Locale } from '../../../contracts/locale.js';
import { VISITOR_NAMESPACE, type ClientToServerEvents } from '../../../contracts/visitorEvents.js';
import type { AppConfig } from '../../config/config.js';
import { recordedRepliesOf } from '../handoff/recordedMessage.js';
import { toProductLocale, type I18n } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import type { AllowedOrigins } from '../../shared/allowedOrigins.js';
import type { TurnTracker } from '../../server/turnTracker.js';
import type { ConversationStore, TranscriptEntry } from '../../storage/ports.js';
import { listenToClientEvents } from '../clientEvents.js';
import { ConversationRecorder } from '../conversationRecorder.js';
import { parseConversationReference } from '../conversationReference.js';
import { ConversationTurnQueue } from '../conversationTurnQueue.js';
import { resumePendingTurns } from './pendingTurns.js';
import { SocketAdapter } from './socketAdapter.js';
import { conversationRoom, createVisitorEmitter } from './visitorEmitter.js';
import { createVisitorHandlers, type VisitorLiveChat } from './visitorHandlers.js';
import { VisitorLimits } from './visitorLimits.js';
import {
  createVisitorSessionMiddleware,
  socketConversationReference,
  visitorTurnActivity,
} from './visitorSessions.js';
import type { VisitorNamespace, VisitorSocket } from './visitorSocket.js';
import { systemClock, type Clock } from '../../shared/clock.js';

export interface VisitorChannelDeps {
  bot: Pick<ActivityHandler, 'run'>;
  conversations: ConversationStore;
  tracker: TurnTracker;
  i18n: I18n;
  logger: Logger;
  settings: AppConfig['widget'];
  origins: AllowedOrigins;
  trustProxy: boolean;
  /** The visitor's controls of a live-agent chat (leave, rate); without it those events are unknown. */
  liveChat?: VisitorLiveChat;
  clock?: Clock;
}

export type { VisitorLiveChat };

export interface VisitorChannel {
  /** For code that drives botbuilder directly (`continueConversationAsync` with a stored reference). */
  readonly adapter: SocketAdapter;
  /**
   * Sends an activity to a widget conversation from outside a visitor's turn (agent replies,
   * queue updates): recorded in the transcript, then emitted to every socket of the conversation
   * on every instance. Mark agent messages with `channelData: { role: 'agent', agentId, agentName }`
   * and notices with `{ role: 'system' }`, plus `messageId` to record it under an id of the
   * caller's (outboundMarks.ts: the same marks the Bot Framework channel reads).
   * Resolves with the transcript message id, or null when `conversationId` is not a widget
   * conversation. Not queued behind the visitor's turn, so it may be called from inside one.
   */
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<string | null>;
  /** The same, resolving with the message's transcript entry (null when none was recorded). */
  deliver(conversationId: string, activity: Partial<Activity>): Promise<TranscriptEntry | null>;
  /**
   * Calls `listener` with every valid `typing:set` a visitor connected to this instance sends
   * (the live-agent handoff shows it to the agent). The channel has already validated and capped it.
   */
  onTyping(listener: VisitorTypingListener): void;
  /**
   * Calls `listener` when a page of a visitor connected to this instance becomes visible or hidden
   * (each socket's `data.pageHidden`); with the sockets' connections, the visitor's presence.
   */
  onVisibility(listener: (conversationId: string) => void): void;
  /**
   * Runs the turns of visitor messages that were acknowledged but never answered (the process
   * stopped in between); see pendingTurns.ts. `graceMs` 0 only when no other process can be
   * holding them. Resolves with how many it took on.
   */
  resumePendingTurns(graceMs?: number): Promise<number>;
}

export type VisitorTypingListener = (conversationId: string, active: boolean) => void;

const TYPING_AFTER_MS = 300;

/**
 * The visitor channel: the `/visitor` namespace on the shared Socket.IO server, bound to the bot
 * through the SocketAdapter. The same bot instance serves /api/messages.
 */
export function attachVisitorChannel(io: Server, deps: VisitorChannelDeps): VisitorChannel {
  const namespace = io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace;
  const clock = deps.clock ?? systemClock;
  const recorder = new ConversationRecorder(deps.conversations, clock);
  const emitter = createVisitorEmitter(namespace);
  const adapter = new SocketAdapter({ recorder, emitter, logger: deps.logger });
  const limits = new VisitorLimits(deps.settings);
  const intake = new ConversationTurnQueue();
  const turns = new ConversationTurnQueue();
  const typingListeners: VisitorTypingListener[] = [];
  const visibilityListeners: Array<(conversationId: string) => void> = [];

  adapter.onTurnError = async (context, error) => {
    const conversationId = context.activity.conversation?.id;
    // Only a visitor's message deserves an apology in the chat; a failed proactive send must
    // reach its caller, and a failed greeting is only logged.
    if (context.activity.type !== ActivityTypes.Message) throw error;
    deps.logger.error({ err: error, conversationId }, 'widget turn failed');
    const t = deps.i18n.getFixedT(toProductLocale(context.activity.locale));
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: t('error.turn'),
      channelData: { answer: null },
    });
  };

  const startTurn = (
    conversationId: string,
    activity: Partial<Activity>,
    recorded?: TranscriptEntry,
    address?: string,
  ): void => {
    void deps.tracker.run(() =>
      turns.run(conversationId, async () => {
        // Only a turn that takes a while shows "typing": a quick answer would make it flicker,
        // and the two extra packets are a third of a quick turn's traffic.
        let typing = false;
        const timer = setTimeout(() => {
          typing = true;
          emitter.typing(conversationId, { role: 'bot', active: true });
        }, TYPING_AFTER_MS);
        try {
          await adapter.processActivity(activity, (context) => deps.bot.run(context), {
            ...(recorded && { recorded }),
            ...(address !== undefined && { address }),
          });
        } catch (error) {
          deps.logger.error({ err: error, conversationId, type: activity.type }, 'widget turn failed');
        } finally {
          clearTimeout(timer);
          if (typing) emitter.typing(conversationId, { role: 'bot', active: false });
          // Answered (or apologised for): a restart must not run this message again.
          if (recorded) await markTurnRun(conversationId, recorded.seq);
        }
      }),
    );
  };

  const markTurnRun = async (conversationId: string, seq: number): Promise<void> => {
    try {
      await deps.conversations.finishTurn(conversationId, seq);
    } catch (error) {
      deps.logger.warn({ err: error, conversationId }, 'could not record that the turn ran');
    }
  };

  const handlers = createVisitorHandlers({
    conversations: deps.conversations,
    recorder,
    emitter,
    limits,
    i18n: deps.i18n,
    logger: deps.logger,
    tracker: deps.tracker,
    intake,
    maxMessageLength: deps.settings.maxMessageLength,
    startTurn,
    typing: (conversationId, active) => {
      for (const listener of typingListeners) listener(conversationId, active);
    },
    visibility: (conversationId) => {
      for (const listener of visibilityListeners) listener(conversationId);
    },
    liveChat: deps.liveChat ?? null,
    clock,
  });

  const sessionMiddleware = createVisitorSessionMiddleware({
    conversations: deps.conversations,
    limits,
    i18n: deps.i18n,
    logger: deps.logger,
    origins: deps.origins,
    trustProxy: deps.trustProxy,
    clock,
  });
  // The middleware answers through `next` itself; Socket.IO ignores what it returns.
  namespace.use((socket, next) => void sessionMiddleware(socket, next));

  namespace.on('connection', (socket: VisitorSocket) => {
    const { conversationId } = socket.data;
    void socket.join(conversationRoom(conversationId));
    // A recovered socket keeps its session and gets what it missed replayed by Socket.IO; a new
    // one learns its token and where the transcript stands, before any other event.
    if (!socket.recovered) {
      socket.emit('session', {
        conversationId,
        token: socket.data.token,
        locale: socket.data.locale,
        resumed: socket.data.resumed,
        lastSeq: socket.data.lastSeq,
        limits: { maxMessageLength: deps.settings.maxMessageLength },
      });
    }
    listenToClientEvents<ClientToServerEvents>(
      socket,
      {
        'message:send': (args) => void handlers.sendMessage(socket, args),
        'history:since': (args) => void handlers.history(socket, args),
        'locale:set': (args) => void handlers.setLocale(socket, args),
        'typing:set': (args) => void handlers.setTyping(socket, args),
        'visibility:set': (args) => void handlers.setVisibility(socket, args),
        'handoff:leave': (args) => void handlers.leaveLiveChat(socket, args),
        'handoff:rate': (args) => void handlers.rateLiveChat(socket, args),
      },
      (event, args) => void handlers.unknownEvent(socket, event, args),
    );
    if (socket.data.isNew) {
      socket.data.isNew = false;
      // What Direct Line does for a new conversation, so a bot's welcome logic works unchanged.
      startTurn(conversationId, conversationUpdate(conversationId, socket.data.locale, clock.now()));
    }
  });

  return {
    adapter,
    onTyping: (listener) => {
      typingListeners.push(listener);
    },
    onVisibility: (listener) => {
      visibilityListeners.push(listener);
    },
    resumePendingTurns: (graceMs) =>
      resumePendingTurns(
        { conversations: deps.conversations, startTurn, logger: deps.logger, clock },
        graceMs,
      ),
    sendToConversation: async (conversationId, activity) =>
      (await sendProactive(conversationId, activity))?.messageId ?? null,
    deliver: async (conversationId, activity) =>
      (await sendProactive(conversationId, activity))?.entry ?? null,
  };

  async function sendProactive(
    conversationId: string,
    activity: Partial<Activity>,
  ): Promise<{ messageId: string | null; entry: TranscriptEntry | null } | null> {
    const record = await deps.conversations.get(conversationId);
    if (!record || record.channel !== 'socket') return null;
    const reference =
      parseConversationReference(record.reference) ?? socketConversationReference(record.id, record.locale);
    const sent: { messageId: string | null; entry: TranscriptEntry | null } = {
      messageId: null,
      entry: null,
    };
    await deps.tracker.run(() =>
      adapter.continueConversation(reference, async (context) => {
        const response = await context.sendActivity(activity);
        sent.messageId = response?.id ?? null;
        sent.entry = recordedRepliesOf(context).at(-1) ?? null;
      }),
    );
    return sent;
  }
}

/** What Direct Line sends when a conversation starts: the visitor joined. */
function conversationUpdate(conversationId: string, locale: Locale, now: Date): Partial<Activity> {
  const activity = visitorTurnActivity(conversationId, locale, {
    type: ActivityTypes.ConversationUpdate,
    timestamp: now,
  });
  return { ...activity, membersAdded: activity.from ? [activity.from] : [] };
}
