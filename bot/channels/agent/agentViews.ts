import type {
  AgentSelf,
  AgentSummary,
  CannedReplyItem,
  ChatNoteItem,
  ChatSummary,
  QueueItem,
  ServiceRequestItem,
  VisitorPresence,
} from '../../../contracts/agentEvents.js';
import type { Principal } from '../../auth/authService.js';
import type { QueueStanding } from '../../handoff/handoffEvents.js';
import type {
  AgentPresence,
  CannedReply,
  ChatNote,
  HandoffEntry,
  ServiceRequestRecord,
} from '../../storage/ports.js';

/** The protocol's views of stored records: only what a console shows, nothing internal. */

export function queueItem(entry: HandoffEntry, standing: QueueStanding): QueueItem {
  return {
    id: entry.id,
    conversationId: entry.conversationId,
    locale: entry.locale,
    channel: entry.channel,
    question: entry.question,
    queuedAt: entry.queuedAt,
    position: standing.position,
    estimatedWaitMinutes: standing.estimatedWaitMinutes,
    priority: entry.priority,
    visitor: visitorPresence(entry),
  };
}

/** The visitor's presence as agents see it; null where the channel cannot tell. */
export function visitorPresence(entry: HandoffEntry): VisitorPresence | null {
  if (!entry.visitorPresence) return null;
  return { state: entry.visitorPresence, since: entry.visitorPresenceAt ?? entry.queuedAt };
}

export function chatSummary(entry: HandoffEntry, lastSeq: number): ChatSummary {
  return {
    entryId: entry.id,
    conversationId: entry.conversationId,
    locale: entry.locale,
    channel: entry.channel,
    question: entry.question,
    queuedAt: entry.queuedAt,
    assignedAt: entry.assignedAt ?? entry.queuedAt,
    lastSeq,
    visitor: visitorPresence(entry),
  };
}

export function agentSelf(principal: Principal, presence: AgentPresence | null): AgentSelf {
  return {
    agentId: principal.userId,
    username: principal.username,
    displayName: principal.displayName,
    roles: [...principal.roles],
    languages: principal.languages,
    maxChats: principal.maxChats,
    status: presence?.status ?? 'offline',
    openChats: presence?.openChats ?? 0,
  };
}

export function agentSummary(presence: AgentPresence, displayName: string, connected: boolean): AgentSummary {
  return {
    agentId: presence.agentId,
    displayName,
    languages: presence.languages,
    status: connected ? presence.status : 'offline',
    openChats: presence.openChats,
    maxChats: presence.maxChats,
    connected,
  };
}

export function serviceRequestItem(record: ServiceRequestRecord): ServiceRequestItem {
  return {
    id: record.id,
    conversationId: record.conversationId,
    locale: record.locale,
    name: record.name,
    email: record.email,
    phone: record.phone,
    question: record.question,
    urgent: record.urgent,
    dueDate: record.dueDate,
    createdAt: record.createdAt,
  };
}

export function chatNoteItem(note: ChatNote): ChatNoteItem {
  return {
    id: note.id,
    conversationId: note.conversationId,
    agentId: note.agentId,
    agentName: note.agentName,
    kind: note.kind,
    text: note.text,
    afterSeq: note.afterSeq,
    at: note.at,
    toAgentId: note.toAgentId,
  };
}

export function cannedReplyItem(reply: CannedReply): CannedReplyItem {
  return {
    id: reply.id,
    locale: reply.locale,
    title: reply.title,
    text: reply.text,
    updatedAt: reply.updatedAt,
  };
}
