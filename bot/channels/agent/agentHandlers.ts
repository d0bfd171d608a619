import type { z } from 'zod';
import type {
  AgentProtocolError,
  AgentState,
  ChatContext,
  ChatSummary,
  HistoryPage,
  MessageReceipt,
} from '../../../contracts/agentEvents.js';
import { HISTORY_PAGE_LIMIT } from '../../../contracts/visitorEvents.js';
import { HandoffError } from '../../handoff/handoffError.js';
import {
  MAX_CANNED_TEXT_LENGTH,
  MAX_CANNED_TITLE_LENGTH,
  type CannedActor,
  type CannedReplies,
} from '../../handoff/cannedReplies.js';
import { MAX_NOTE_LENGTH, MAX_TRANSFER_NOTE_LENGTH, type ChatNotes } from '../../handoff/chatNotes.js';
import type { AgentPresenceService } from '../../handoff/agentPresenceService.js';
import type { HandoffService } from '../../handoff/handoffService.js';
import type { VisitorContextReader } from '../../handoff/visitorContext.js';
import type { ServiceRequestDesk } from '../../handoff/serviceRequestDesk.js';
import type { AuthService } from '../../auth/authService.js';
import type { I18n } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import type { TurnTracker } from '../../server/turnTracker.js';
import type { ConversationStore, HandoffEntry, TranscriptEntry } from '../../storage/ports.js';
import { createEventResponder } from '../clientEvents.js';
import type { ConversationTurnQueue } from '../conversationTurnQueue.js';
import { chatMessageFromActivity, chatMessageFromEntry } from '../socket/chatMessages.js';
import { cleanMessageText } from '../socket/visitorSchemas.js';
import { AgentChannelError, toAgentProtocolError } from './agentChannelError.js';
import type { AgentNotifier } from './agentNotifier.js';
import {
  cannedDeleteSchema,
  cannedSaveSchema,
  chatHistorySchema,
  chatRefSchema,
  chatSendSchema,
  localeSetSchema,
  chatTransferSchema,
  chatTypingSchema,
  emptySchema,
  noteAddSchema,
  presenceSetSchema,
  requestCloseSchema,
} from './agentSchemas.js';
import { agentRoom, type AgentSocket } from './agentSocket.js';
import {
  agentSelf,
  cannedReplyItem,
  chatNoteItem,
  chatSummary,
  queueItem,
  serviceRequestItem,
} from './agentViews.js';
import type { VisitorRelay } from './visitorRelay.js';

export interface AgentHandlerDeps {
  service: HandoffService;
  presence: AgentPresenceService;
  desk: ServiceRequestDesk;
  notes: ChatNotes;
  context: VisitorContextReader;
  canned: CannedReplies;
  /** Checks the socket's sign-in again before a change only admins may make. */
  auth: Pick<AuthService, 'authenticate'>;
  conversations: ConversationStore;
  relay: VisitorRelay;
  notifier: AgentNotifier;
  i18n: I18n;
  logger: Logger;
  tracker: TurnTracker;
  /** Serialises each conversation's agent messages: same order in, same order stored and shown. */
  outbox: ConversationTurnQueue;
  maxMessageLength: number;
}

/**
 * The agent events, as factories over their collaborators like the visitor's. Every outcome is an
 * ack (or, without one, `request:rejected`); nothing thrown escapes to Socket.IO. Every chat event
 * checks in the store that the chat is assigned to this agent now, whichever instance assigned it.
 */
export function createAgentHandlers(deps: AgentHandlerDeps) {
  const respond = createEventResponder<AgentSocket, AgentProtocolError>({
    missingAck: () => new AgentChannelError('invalid_payload'),
    toError: (socket, event, error) => {
      // Refusals on purpose (ours, the handoff's) are answers, not failures worth a log line.
      if (!(error instanceof AgentChannelError) && !(error instanceof HandoffError)) {
        deps.logger.error({ err: error, event, agentId: socket.data.principal.userId }, 'agent event failed');
      }
      return toAgentProtocolError(deps.i18n, socket.data.locale, error);
    },
    reject: (socket, rejection) => socket.emit('request:rejected', rejection),
  });

  function parse<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new AgentChannelError('invalid_payload');
    return parsed.data;
  }

  const agentIdOf = (socket: AgentSocket) => socket.data.principal.userId;
  const authorOf = (socket: AgentSocket) => ({
    agentId: socket.data.principal.userId,
    agentName: socket.data.principal.displayName,
  });

  /**
   * Who makes an admin-only change: the sign-in as it is now (a role removed since the socket
   * connected counts), not as it was at the handshake.
   */
  async function currentActor(socket: AgentSocket): Promise<CannedActor> {
    const principal = await deps.auth.authenticate(socket.data.token);
    if (!principal) throw new AgentChannelError('unauthorized');
    return { userId: principal.userId, username: principal.username, roles: principal.roles };
  }

  /** One line of text (a title): control characters and line breaks become spaces. */
  function oneLine(raw: string, max: number): string {
    const text = cleanMessageText(raw).replace(/\s+/g, ' ').trim();
    if (text.length === 0) throw new AgentChannelError('invalid_payload');
    if (text.length > max) throw new AgentChannelError('message_too_long', { max });
    return text;
  }

  /** A note's text cleaned like a message, within `max` characters; empty is refused. */
  function noteText(raw: string, max: number): string {
    const text = cleanMessageText(raw).trim();
    if (text.length === 0) throw new AgentChannelError('invalid_payload');
    if (text.length > max) throw new AgentChannelError('message_too_long', { max });
    return text;
  }

  /** The chat, if it is assigned to this agent now. */
  const myChat = (socket: AgentSocket, conversationId: string): Promise<HandoffEntry> =>
    deps.service.assignedChat(agentIdOf(socket), conversationId);

  async function summaries(chats: HandoffEntry[]): Promise<ChatSummary[]> {
    return Promise.all(
      chats.map(async (chat) =>
        chatSummary(chat, (await deps.conversations.get(chat.conversationId))?.lastSeq ?? 0),
      ),
    );
  }

  function receiptOf(entry: TranscriptEntry, agentId: string): MessageReceipt {
    // An id that names someone else's entry is a guess, not a retry.
    if (entry.role !== 'agent' || entry.agentId !== agentId) throw new AgentChannelError('invalid_payload');
    return { id: entry.messageId, seq: entry.seq, at: entry.at };
  }

  async function state(socket: AgentSocket): Promise<AgentState> {
    const { principal } = socket.data;
    const [presence, chats, queue, agents, requests, canned] = await Promise.all([
      deps.presence.presenceOf(principal.userId),
      deps.service.chatsOf(principal.userId),
      deps.service.queue(),
      deps.notifier.agentList(),
      deps.desk.open(),
      deps.canned.list(),
    ]);
    return {
      me: agentSelf(principal, presence),
      chats: await summaries(chats),
      queue: queue.map(({ entry, standing }) => queueItem(entry, standing)),
      agents,
      requests: requests.map(serviceRequestItem),
      canned: canned.map(cannedReplyItem),
      limits: { maxMessageLength: deps.maxMessageLength },
    };
  }

  return {
    state,

    getState: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'state:get', args, async (payload) => {
        parse(emptySchema, payload);
        return state(socket);
      }),

    /** The console's language changed: its refusals are said in the new one from now on. */
    setLocale: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'locale:set', args, async (payload) => {
        const { locale } = parse(localeSetSchema, payload);
        socket.data.locale = locale;
        return { locale };
      }),

    setPresence: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'presence:set', args, async (payload) => {
        const { status } = parse(presenceSetSchema, payload);
        const presence = await deps.presence.setStatus(agentIdOf(socket), status);
        return agentSelf(socket.data.principal, presence);
      }),

    accept: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'queue:accept', args, async (payload) => {
        parse(emptySchema, payload);
        if (deps.tracker.isClosed) throw new AgentChannelError('shutting_down');
        const entry = await deps.service.acceptNext(agentIdOf(socket));
        return entry ? ((await summaries([entry]))[0] ?? null) : null;
      }),

    send: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'chat:send', args, async (payload): Promise<MessageReceipt> => {
        const message = parse(chatSendSchema, payload);
        // The same cleaning as a visitor's text: no control characters, one kind of line break.
        const text = cleanMessageText(message.text).trim();
        const agentId = agentIdOf(socket);
        if (text.length === 0) throw new AgentChannelError('invalid_payload');
        if (text.length > deps.maxMessageLength) {
          throw new AgentChannelError('message_too_long', { max: deps.maxMessageLength });
        }
        return deps.outbox.run(message.conversationId, async () => {
          // A retry of a message already delivered gets the same receipt, even after the chat ended.
          const previous = await deps.conversations.findMessage(message.conversationId, message.id);
          if (previous) return receiptOf(previous, agentId);
          if (deps.tracker.isClosed) throw new AgentChannelError('shutting_down');
          const chat = await myChat(socket, message.conversationId);
          const agentName = socket.data.principal.displayName;
          const entry = await deps.relay.send(chat, {
            id: message.id,
            role: 'agent',
            text,
            locale: chat.locale,
            agentId,
            agentName,
          });
          // Every tab of this agent shows it (the sender matches it to its pending copy by id).
          socket.nsp.to(agentRoom(agentId)).emit('chat:message', {
            conversationId: chat.conversationId,
            message: chatMessageFromActivity(entry, {
              text,
              textFormat: 'markdown',
              locale: chat.locale,
              channelData: { agentName },
            }),
          });
          return receiptOf(entry, agentId);
        });
      }),

    history: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'chat:history', args, async (payload): Promise<HistoryPage> => {
        const request = parse(chatHistorySchema, payload);
        await myChat(socket, request.conversationId);
        const limit = request.limit ?? HISTORY_PAGE_LIMIT;
        const entries = await deps.conversations.transcript(request.conversationId, {
          afterSeq: request.afterSeq,
          limit: limit + 1,
        });
        return {
          messages: entries.slice(0, limit).map(chatMessageFromEntry),
          hasMore: entries.length > limit,
        };
      }),

    typing: (socket: AgentSocket, args: unknown[]) =>
      respond(
        socket,
        'chat:typing',
        args,
        async (payload) => {
          const { conversationId, active } = parse(chatTypingSchema, payload);
          await myChat(socket, conversationId);
          deps.relay.typing(conversationId, active);
          return { conversationId };
        },
        { ackRequired: false },
      ),

    end: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'chat:end', args, async (payload) => {
        const { conversationId } = parse(chatRefSchema, payload);
        await deps.service.end(agentIdOf(socket), conversationId);
        return { conversationId };
      }),

    transfer: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'chat:transfer', args, async (payload) => {
        const { conversationId, toAgentId, note } = parse(chatTransferSchema, payload);
        const text =
          note === undefined || note.trim() === '' ? null : noteText(note, MAX_TRANSFER_NOTE_LENGTH);
        await deps.service.transfer(agentIdOf(socket), conversationId, toAgentId);
        if (text !== null) {
          // Written once the chat has moved; the receiving console gets it with the chat's notes
          // or from this event, whichever comes first (they merge by id).
          const written = await deps.notes.addTransferNote(authorOf(socket), conversationId, toAgentId, text);
          socket.nsp
            .to(agentRoom(toAgentId))
            .emit('chat:note', { conversationId, note: chatNoteItem(written) });
        }
        return { conversationId, toAgentId };
      }),

    addNote: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'note:add', args, async (payload) => {
        const request = parse(noteAddSchema, payload);
        const text = noteText(request.text, MAX_NOTE_LENGTH);
        const note = chatNoteItem(
          await deps.notes.add(authorOf(socket), request.conversationId, request.id, text),
        );
        // Every tab of this agent shows it (the sender matches it by id).
        socket.nsp
          .to(agentRoom(agentIdOf(socket)))
          .emit('chat:note', { conversationId: note.conversationId, note });
        return note;
      }),

    context: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'chat:context', args, async (payload): Promise<ChatContext> => {
        const { conversationId } = parse(chatRefSchema, payload);
        return deps.context.read(agentIdOf(socket), conversationId);
      }),

    notes: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'chat:notes', args, async (payload) => {
        const { conversationId } = parse(chatRefSchema, payload);
        return (await deps.notes.list(agentIdOf(socket), conversationId)).map(chatNoteItem);
      }),

    closeRequest: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'request:close', args, async (payload) => {
        const { id } = parse(requestCloseSchema, payload);
        const closed = await deps.desk.close(id, agentIdOf(socket));
        if (!closed) throw new AgentChannelError('request_not_found');
        return { id };
      }),

    saveCanned: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'canned:save', args, async (payload) => {
        const draft = parse(cannedSaveSchema, payload);
        const actor = await currentActor(socket);
        // An empty title or text is said as such (the form's likeliest mistake), not as a bad request.
        if (!cleanMessageText(draft.title).trim() || !cleanMessageText(draft.text).trim())
          throw new AgentChannelError('canned_incomplete');
        const saved = await deps.canned.save(actor, {
          ...(draft.id ? { id: draft.id } : {}),
          locale: draft.locale,
          title: oneLine(draft.title, MAX_CANNED_TITLE_LENGTH),
          text: noteText(draft.text, MAX_CANNED_TEXT_LENGTH),
        });
        deps.notifier.cannedChanged(await deps.canned.list());
        return cannedReplyItem(saved);
      }),

    deleteCanned: (socket: AgentSocket, args: unknown[]) =>
      respond(socket, 'canned:delete', args, async (payload) => {
        const { id } = parse(cannedDeleteSchema, payload);
        await deps.canned.delete(await currentActor(socket), id);
        deps.notifier.cannedChanged(await deps.canned.list());
        return { id };
      }),

    unknownEvent: (socket: AgentSocket, event: string, args: unknown[]) =>
      respond(
        socket,
        event,
        args,
        async () => {
          throw new AgentChannelError('unknown_event');
        },
        { ackRequired: false },
      ),
  };
}
