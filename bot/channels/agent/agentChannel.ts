import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'socket.io';
import { AGENT_NAMESPACE, type AgentClientToServerEvents } from '../../../contracts/agentEvents.js';
import { VISITOR_NAMESPACE } from '../../../contracts/visitorEvents.js';
import type { AuthService } from '../../auth/authService.js';
import { hashToken } from '../../auth/sessionTokens.js';
import type { Handoff } from '../../handoff/createHandoff.js';
import type { I18n } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import type { AllowedOrigins } from '../../shared/allowedOrigins.js';
import type { TurnTracker } from '../../server/turnTracker.js';
import type { ConversationStore, UserStore } from '../../storage/ports.js';
import { listenToClientEvents } from '../clientEvents.js';
import { ConversationTurnQueue } from '../conversationTurnQueue.js';
import type { AgentInbox } from '../handoff/agentInbox.js';
import type { VisitorChannel } from '../socket/visitorChannel.js';
import type { VisitorNamespace, VisitorSocket } from '../socket/visitorSocket.js';
import { createAgentHandlers } from './agentHandlers.js';
import { AgentNotifier } from './agentNotifier.js';
import { createAgentSessionMiddleware, isAgent } from './agentSessionMiddleware.js';
import {
  ALL_AGENTS_ROOM,
  agentRoom,
  sessionRoom,
  type AgentNamespace,
  type AgentSocket,
} from './agentSocket.js';
import { VisitorPresenceTracker } from './visitorPresenceTracker.js';
import { VisitorRelay } from './visitorRelay.js';

export interface AgentChannelDeps {
  handoff: Handoff;
  auth: AuthService;
  users: UserStore;
  conversations: ConversationStore;
  /** The widget's channel: proactive messages to widget visitors, and their typing. */
  visitorChannel: Pick<VisitorChannel, 'deliver' | 'onTyping' | 'onVisibility'>;
  botFramework: { adapter: CloudAdapter; appId: string } | null;
  tracker: TurnTracker;
  i18n: I18n;
  logger: Logger;
  origins: AllowedOrigins;
  maxMessageLength: number;
}

/**
 * The longest message an agent may send: agents write longer answers than visitors, within what
 * one Socket.IO packet may carry (up to 6 bytes a character once JSON-escaped, plus the envelope).
 */
export function agentMaxMessageLength(visitorMaxMessageLength: number, maxBufferBytes: number): number {
  return Math.max(visitorMaxMessageLength, Math.min(2000, Math.floor((maxBufferBytes - 1024) / 6)));
}

export interface AgentChannel {
  /** Where the channels' routing middleware puts what visitors send while an agent has their chat. */
  inbox: AgentInbox;
  /** The agents with a socket on this instance (their heartbeats are this instance's job). */
  localAgents(): string[];
  /**
   * Checks the sign-in of every agent socket on this instance again and closes those whose
   * session ended (sign-out, expiry), whose account was disabled or who lost the agent role.
   * The handshake alone is not enough: a console may stay connected for a whole shift, and a
   * recovered connection skips the handshake. Returns how many sockets were closed.
   */
  revalidateSessions(): Promise<number>;
}

/**
 * The agent console's channel: the `/agent` namespace on the shared Socket.IO server, plus the
 * handoff's visitor side: the status on `/visitor` after each connection, and the visitor's typing
 * (which the widget's channel validates and hands over). Subscribes to the handoff's events when it
 * is built, and is the inbox the channels' routing middleware relays visitors' messages to.
 */
export function attachAgentChannel(io: Server, deps: AgentChannelDeps): AgentChannel {
  const namespace = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace;
  const { handoff } = deps;
  const relay = new VisitorRelay({
    conversations: deps.conversations,
    widget: deps.visitorChannel,
    visitors,
    botFramework: deps.botFramework,
    logger: deps.logger,
  });
  const visitorPresence = new VisitorPresenceTracker({
    visitors,
    service: handoff.service,
    logger: deps.logger,
  });
  const notifier = new AgentNotifier({
    namespace,
    relay,
    service: handoff.service,
    presence: handoff.presence,
    desk: handoff.desk,
    users: deps.users,
    conversations: deps.conversations,
    text: handoff.text,
    leaveOffer: handoff.leaveOffer,
    logger: deps.logger,
    checkVisitor: (conversationId) => visitorPresence.refresh(conversationId),
    isShuttingDown: () => deps.tracker.isClosed,
  });
  // The agent channel tells agents and visitors what the handoff decided (the handoff knows no channel).
  handoff.events.subscribe(notifier);
  const handlers = createAgentHandlers({
    service: handoff.service,
    presence: handoff.presence,
    desk: handoff.desk,
    notes: handoff.notes,
    context: handoff.context,
    canned: handoff.canned,
    auth: deps.auth,
    conversations: deps.conversations,
    relay,
    notifier,
    i18n: deps.i18n,
    logger: deps.logger,
    tracker: deps.tracker,
    outbox: new ConversationTurnQueue(),
    maxMessageLength: deps.maxMessageLength,
  });
  // Connects and disconnects of one agent run in order here, so a quick reconnect is never
  // overtaken by the disconnect before it.
  const presenceChanges = new ConversationTurnQueue();

  const checkSession = createAgentSessionMiddleware({
    auth: deps.auth,
    i18n: deps.i18n,
    logger: deps.logger,
    origins: deps.origins,
  });
  // The check answers every failure through `next` itself; nothing is left to await.
  namespace.use((socket, next) => void checkSession(socket, next));

  // Revocations close the sockets at once, on every instance: `disconnectSockets` on a room goes
  // through the Socket.IO adapter (MongoDB's with several instances), like any room emit.
  deps.auth.onRevocation((revocation) => {
    if (revocation.kind === 'user' && revocation.reason === 'roles' && isAgent(revocation.user)) return;
    const room =
      revocation.kind === 'session' ? sessionRoom(revocation.tokenHash) : agentRoom(revocation.userId);
    deps.logger.info(
      { agentId: revocation.userId, reason: revocation.kind },
      'agent sockets closed: access revoked',
    );
    namespace.in(room).disconnectSockets(true);
  });

  namespace.on('connection', (socket: AgentSocket) => {
    // A socket restored by connection state recovery skipped the handshake: it is let in only
    // once its sign-in has been checked again (it may have been revoked while it was away, when
    // it was in no room a revocation could reach). Its events wait for that check.
    const admitted = socket.recovered ? recheckRecovered(socket) : Promise.resolve(true);
    socket.use((_packet, next) => {
      void admitted.then((ok) => {
        if (ok) next();
      });
    });
    const agentId = socket.data.principal.userId;
    void socket.join([agentRoom(agentId), ALL_AGENTS_ROOM, sessionRoom(hashToken(socket.data.token))]);
    listenToClientEvents<AgentClientToServerEvents>(
      socket,
      {
        'state:get': (args) => void handlers.getState(socket, args),
        'locale:set': (args) => void handlers.setLocale(socket, args),
        'presence:set': (args) => void handlers.setPresence(socket, args),
        'queue:accept': (args) => void handlers.accept(socket, args),
        'chat:send': (args) => void handlers.send(socket, args),
        'chat:history': (args) => void handlers.history(socket, args),
        'chat:typing': (args) => void handlers.typing(socket, args),
        'chat:end': (args) => void handlers.end(socket, args),
        'chat:transfer': (args) => void handlers.transfer(socket, args),
        'note:add': (args) => void handlers.addNote(socket, args),
        'chat:notes': (args) => void handlers.notes(socket, args),
        'chat:context': (args) => void handlers.context(socket, args),
        'canned:save': (args) => void handlers.saveCanned(socket, args),
        'canned:delete': (args) => void handlers.deleteCanned(socket, args),
        'request:close': (args) => void handlers.closeRequest(socket, args),
      },
      (event, args) => void handlers.unknownEvent(socket, event, args),
    );
    socket.on('disconnect', () => {
      // Shutting down: the store is about to close. The agent's heartbeat goes stale instead, and the
      // grace period counts from it, while they reconnect to another instance.
      if (deps.tracker.isClosed) return;
      void presenceChanges
        .run(agentId, async () => {
          // Another tab, or a socket on another instance, keeps the agent connected.
          const remaining = await namespace.in(agentRoom(agentId)).fetchSockets();
          if (remaining.length === 0) await handoff.presence.disconnect(agentId);
        })
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, agentId }, 'agent disconnect not recorded'),
        );
    });
    void presenceChanges
      .run(agentId, async () => {
        if (!(await admitted)) return;
        // Read after the check: a recovered socket's profile is the one it was checked with.
        const { languages, maxChats } = socket.data.principal;
        await handoff.presence.connect({ agentId, languages, maxChats });
        // A recovered socket got what it missed replayed; a new one needs the whole picture.
        if (!socket.recovered) socket.emit('state', await handlers.state(socket));
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error, agentId }, 'agent connection setup failed');
        socket.disconnect(true);
      });
  });

  async function recheckRecovered(socket: AgentSocket): Promise<boolean> {
    try {
      const principal = await deps.auth.authenticate(socket.data.token);
      if (principal && isAgent(principal)) {
        socket.data.principal = principal;
        return true;
      }
      deps.logger.info(
        { agentId: socket.data.principal.userId },
        'recovered agent socket closed: sign-in no longer valid',
      );
    } catch (error) {
      deps.logger.warn({ err: error }, 'recovered agent socket could not be checked');
    }
    socket.disconnect(true);
    return false;
  }

  deps.visitorChannel.onTyping((conversationId, active) => {
    void handoff.service
      .active(conversationId)
      .then((chat) => {
        if (chat?.status === 'assigned') notifier.visitorTyping(chat, active);
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'visitor typing not relayed'));
  });
  deps.visitorChannel.onVisibility((conversationId) => visitorPresence.refresh(conversationId));
  visitors.on('connection', (socket: VisitorSocket) => {
    const { conversationId } = socket.data;
    // The visitor came (back), and later went: what the agent sees of them.
    visitorPresence.refresh(conversationId);
    socket.on('disconnect', () => {
      if (!deps.tracker.isClosed) visitorPresence.refresh(conversationId);
    });
    // After a reconnection or a reload, the widget learns where its live-agent chat stands.
    void notifier
      .currentStatus(conversationId)
      .then((status) => {
        if (status) socket.emit('handoff:status', status);
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'handoff status not sent'));
  });

  return {
    inbox: notifier,
    localAgents: () => [...namespace.sockets.values()].map((socket) => socket.data.principal.userId),
    revalidateSessions: async () => {
      let closed = 0;
      for (const socket of [...namespace.sockets.values()]) {
        const principal = await deps.auth.authenticate(socket.data.token);
        if (principal && isAgent(principal)) continue;
        deps.logger.info(
          { agentId: socket.data.principal.userId },
          'agent socket closed: sign-in no longer valid',
        );
        // A server-side disconnect is not recoverable: the console's next handshake is refused
        // with a clear code and it shows the sign-in page.
        socket.disconnect(true);
        closed += 1;
      }
      return closed;
    },
  };
}
