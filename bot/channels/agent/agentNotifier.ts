import type { CardAction } from 'botbuilder';
import type { AgentSelf, AgentSummary } from '../../../contracts/agentEvents.js';
import type { ChatMessage, HandoffStatus } from '../../../contracts/visitorEvents.js';
import { valueAction } from '../../assistant/replyActivity.js';
import type { AssignmentKind, HandoffEvents, QueueStanding } from '../../handoff/handoffEvents.js';
import type { AgentPresenceService } from '../../handoff/agentPresenceService.js';
import type { HandoffService } from '../../handoff/handoffService.js';
import type { HandoffText } from '../../handoff/handoffText.js';
import type { LeaveMessageOffer } from '../../handoff/leaveMessageOffer.js';
import type { ServiceRequestDesk, ServiceRequestListener } from '../../handoff/serviceRequestDesk.js';
import type { Logger } from '../../logging/logger.js';
import type {
  AgentPresence,
  CannedReply,
  ConversationStore,
  HandoffEntry,
  UserStore,
} from '../../storage/ports.js';
import type { AgentInbox } from '../handoff/agentInbox.js';
import { chatMessageFromActivity } from '../socket/chatMessages.js';
import { ALL_AGENTS_ROOM, agentRoom, type AgentNamespace } from './agentSocket.js';
import {
  agentSummary,
  cannedReplyItem,
  chatSummary,
  queueItem,
  serviceRequestItem,
  visitorPresence,
} from './agentViews.js';
import type { VisitorRelay } from './visitorRelay.js';

export interface AgentNotifierDeps {
  namespace: AgentNamespace;
  relay: VisitorRelay;
  service: HandoffService;
  presence: AgentPresenceService;
  desk: ServiceRequestDesk;
  users: UserStore;
  conversations: ConversationStore;
  text: HandoffText;
  leaveOffer: LeaveMessageOffer;
  logger: Logger;
  /** Works a visitor's presence out again (a visitor may have left while their request was made). */
  checkVisitor(conversationId: string): void;
  /** The service is shutting down: the store is about to close, and agents reconnect elsewhere. */
  isShuttingDown(): boolean;
}

/**
 * Tells agents and visitors what the handoff decided. Agents get events in their rooms (every tab,
 * on every instance through the Socket.IO adapter); visitors get a notice in the transcript (all
 * channels) and a status event (the widget). Delivery problems are logged, never thrown back into
 * the handoff: the store already holds the new state, and the visitor sees it on their next turn.
 */
export class AgentNotifier implements HandoffEvents, ServiceRequestListener, AgentInbox {
  /**
   * The last position told to each Bot Framework visitor, so a queue change is a new message only
   * when their place improved. Only saves messages: lost on restart, it costs one repeat.
   */
  private readonly toldPositions = new Map<string, number>();
  /**
   * The conversations whose agent was last shown their visitor typing: the visitor's next message
   * ends it. Only those: a message with no typing shown before it needs no "stopped typing".
   */
  private readonly typingShown = new Set<string>();
  private agentsUpdate: Promise<void> | null = null;
  private agentsDirty = false;

  constructor(private readonly deps: AgentNotifierDeps) {}

  async queued(entry: HandoffEntry, standing: QueueStanding): Promise<void> {
    this.deps.relay.status(entry.conversationId, queuedStatus(standing, entry.id));
    if (entry.channel === 'botframework') this.toldPositions.set(entry.id, standing.position);
    this.deps.namespace.to(ALL_AGENTS_ROOM).emit('queue:new', queueItem(entry, standing));
    // A newcomer joins the end of their line: nobody else's place changed, only the agents' list.
    this.broadcastQueue(await this.deps.service.queue());
    // The request was made in the visitor's turn: a page closed meanwhile left no trace yet.
    if (entry.channel === 'socket') this.deps.checkVisitor(entry.conversationId);
  }

  /** A queued visitor's presence is in the queue list; an assigned one's goes to their agent. */
  async visitorPresence(entry: HandoffEntry): Promise<void> {
    const visitor = visitorPresence(entry);
    if (!visitor) return;
    if (entry.status === 'queued') {
      this.broadcastQueue(await this.deps.service.queue());
      return;
    }
    if (entry.status === 'assigned' && entry.agentId) {
      this.deps.namespace
        .to(agentRoom(entry.agentId))
        .emit('chat:visitor', { conversationId: entry.conversationId, visitor });
    }
  }

  async standings(updates: ReadonlyArray<{ entry: HandoffEntry; standing: QueueStanding }>): Promise<void> {
    this.broadcastQueue(updates);
    for (const { entry, standing } of updates) {
      this.deps.relay.status(entry.conversationId, queuedStatus(standing, entry.id));
      if (entry.channel !== 'botframework') continue;
      const told = this.toldPositions.get(entry.id);
      if (told !== undefined && standing.position >= told) continue;
      this.toldPositions.set(entry.id, standing.position);
      await this.tell(entry, this.deps.text.standing(entry.locale, standing, 'position'));
    }
  }

  async assigned(entry: HandoffEntry, kind: AssignmentKind, previousAgentId: string | null): Promise<void> {
    this.toldPositions.delete(entry.id);
    if (!entry.agentId) return;
    const conversation = await this.deps.conversations.get(entry.conversationId);
    // The agent learns first, so the transcript they load already ends where the notice follows.
    this.deps.namespace.to(agentRoom(entry.agentId)).emit('chat:assigned', {
      chat: chatSummary(entry, conversation?.lastSeq ?? 0),
      kind,
      fromAgentId: previousAgentId,
    });
    if (previousAgentId) {
      this.deps.namespace
        .to(agentRoom(previousAgentId))
        .emit('chat:removed', { conversationId: entry.conversationId, reason: 'transferred' });
    }
    const agentName = await this.displayName(entry.agentId, entry);
    this.deps.relay.status(entry.conversationId, assignedStatus(agentName, entry.id));
    const key = kind === 'transferred' ? 'transferred' : 'joined';
    await this.tell(entry, this.deps.text.get(entry.locale, key, { agent: agentName }));
  }

  async requeued(entry: HandoffEntry, previousAgentId: string, standing: QueueStanding): Promise<void> {
    this.typingShown.delete(entry.conversationId);
    this.deps.namespace
      .to(agentRoom(previousAgentId))
      .emit('chat:removed', { conversationId: entry.conversationId, reason: 'requeued' });
    this.deps.relay.status(entry.conversationId, queuedStatus(standing, entry.id));
    this.toldPositions.set(entry.id, standing.position);
    await this.tell(entry, this.deps.text.standing(entry.locale, standing, 'requeued'));
  }

  async ended(entry: HandoffEntry, previousAgentId: string | null): Promise<void> {
    this.toldPositions.delete(entry.id);
    this.typingShown.delete(entry.conversationId);
    const reason = entry.endReason ?? 'resolved';
    if (previousAgentId) {
      this.deps.namespace
        .to(agentRoom(previousAgentId))
        .emit('chat:removed', { conversationId: entry.conversationId, reason });
    }
    // The last agent's name lets the widget ask the visitor to rate the chat with them.
    const agentName = previousAgentId ? await this.displayName(previousAgentId, entry) : null;
    this.deps.relay.status(entry.conversationId, {
      ...NO_STATUS,
      state: 'ended',
      endReason: reason,
      agentName,
      chatId: entry.id,
    });
    const { text, leaveOffer } = this.deps;
    const locale = entry.locale;
    if (reason === 'expired' || reason === 'agent_left') {
      // Nobody could take the chat: the same way out as out of hours, with the offer to leave a message.
      const message = [
        text.ended(locale, reason),
        text.bot(locale, 'agent.alternatives'),
        leaveOffer.sentence(locale),
      ];
      const choice = leaveOffer.choice(locale);
      await this.tell(
        entry,
        message.join('\n\n'),
        [valueAction(choice.label, choice.value)],
        previousAgentId,
      );
    } else {
      await this.tell(entry, text.ended(locale, reason), [], previousAgentId);
    }
  }

  async presenceChanged(presence: AgentPresence): Promise<void> {
    const self = await this.self(presence);
    if (self) this.deps.namespace.to(agentRoom(presence.agentId)).emit('presence:self', self);
    this.scheduleAgentsUpdate();
  }

  async visitorMessage(chat: HandoffEntry, message: ChatMessage): Promise<void> {
    if (!chat.agentId) return;
    // They stopped typing: they sent it.
    if (this.typingShown.has(chat.conversationId)) this.visitorTyping(chat, false);
    // Live, the agent sees what the visitor typed (a receipt number they need to help); the stored
    // transcript, which `chat:history` replays, is masked.
    this.deps.namespace.to(agentRoom(chat.agentId)).emit('chat:message', {
      conversationId: chat.conversationId,
      message,
    });
  }

  visitorTyping(chat: HandoffEntry, active: boolean): void {
    if (!chat.agentId) return;
    if (active) this.typingShown.add(chat.conversationId);
    else this.typingShown.delete(chat.conversationId);
    this.deps.namespace
      .to(agentRoom(chat.agentId))
      .volatile.emit('chat:typing', { conversationId: chat.conversationId, active });
  }

  /**
   * Where the conversation's live-agent chat stands now, or null without one: what a widget learns
   * after a reconnection or a reload.
   */
  async currentStatus(conversationId: string): Promise<HandoffStatus | null> {
    const chat = await this.deps.service.active(conversationId);
    if (!chat) return null;
    if (chat.status === 'queued') return queuedStatus(await this.deps.service.standingOf(chat), chat.id);
    const agent = chat.agentId ? await this.deps.users.get(chat.agentId) : null;
    return assignedStatus(agent?.displayName ?? null, chat.id);
  }

  async requestsChanged(): Promise<void> {
    const open = await this.deps.desk.open();
    this.deps.namespace.to(ALL_AGENTS_ROOM).emit('requests:update', open.map(serviceRequestItem));
  }

  /** The canned replies changed: every console gets the list. */
  cannedChanged(list: CannedReply[]): void {
    this.deps.namespace.to(ALL_AGENTS_ROOM).emit('canned:update', list.map(cannedReplyItem));
  }

  /** Every agent with their presence, for the transfer list. */
  async agentList(): Promise<AgentSummary[]> {
    const agents = await this.deps.presence.agents();
    const users = new Map((await this.deps.users.list()).map((user) => [user.id, user]));
    return agents.map(({ presence, connected }) =>
      agentSummary(presence, users.get(presence.agentId)?.displayName ?? presence.agentId, connected),
    );
  }

  async self(presence: AgentPresence): Promise<AgentSelf | null> {
    const user = await this.deps.users.get(presence.agentId);
    if (!user) return null;
    return {
      agentId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: [...user.roles],
      languages: presence.languages,
      maxChats: presence.maxChats,
      status: presence.status,
      openChats: presence.openChats,
    };
  }

  private broadcastQueue(updates: ReadonlyArray<{ entry: HandoffEntry; standing: QueueStanding }>): void {
    this.deps.namespace.to(ALL_AGENTS_ROOM).emit(
      'queue:update',
      updates.map(({ entry, standing }) => queueItem(entry, standing)),
    );
  }

  /** A notice in the visitor's transcript (and in the agent's view of it, when one is named). */
  private async tell(
    entry: HandoffEntry,
    message: string,
    actions: CardAction[] = [],
    alsoAgentId: string | null = entry.agentId,
  ): Promise<void> {
    try {
      const recorded = await this.deps.relay.send(entry, {
        role: 'system',
        text: message,
        locale: entry.locale,
        actions,
      });
      if (alsoAgentId) {
        this.deps.namespace.to(agentRoom(alsoAgentId)).emit('chat:message', {
          conversationId: entry.conversationId,
          message: chatMessageFromActivity(recorded, {
            text: message,
            textFormat: 'markdown',
            locale: entry.locale,
          }),
        });
      }
    } catch (error) {
      this.deps.logger.warn(
        { err: error, conversationId: entry.conversationId },
        'handoff notice not delivered',
      );
    }
  }

  private async displayName(agentId: string, entry: HandoffEntry): Promise<string> {
    const user = await this.deps.users.get(agentId);
    return user?.displayName || this.deps.text.get(entry.locale, 'agentFallbackName');
  }

  /** Presence changes come in bursts (a routing pass): one list per burst is enough. */
  private scheduleAgentsUpdate(): void {
    // Sockets closing at shutdown change presence, but the store is closing too: no list to send.
    if (this.deps.isShuttingDown()) return;
    if (this.agentsUpdate) {
      this.agentsDirty = true;
      return;
    }
    this.agentsUpdate = (async () => {
      try {
        do {
          this.agentsDirty = false;
          await new Promise((resolve) => setImmediate(resolve));
          if (this.deps.isShuttingDown()) return;
          this.deps.namespace.to(ALL_AGENTS_ROOM).emit('agents:update', await this.agentList());
        } while (this.agentsDirty);
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'agent list update failed');
      } finally {
        this.agentsUpdate = null;
      }
    })();
  }
}

/** The widget's status line with nothing in it but its state. */
const NO_STATUS = {
  position: null,
  estimatedWaitMinutes: null,
  agentName: null,
  endReason: null,
  chatId: null,
} as const;

function queuedStatus(standing: QueueStanding | null, chatId: string): HandoffStatus {
  return {
    ...NO_STATUS,
    state: 'queued',
    chatId,
    position: standing?.position ?? null,
    estimatedWaitMinutes: standing?.estimatedWaitMinutes ?? null,
  };
}

function assignedStatus(agentName: string | null, chatId: string): HandoffStatus {
  return { ...NO_STATUS, state: 'assigned', agentName, chatId };
}
