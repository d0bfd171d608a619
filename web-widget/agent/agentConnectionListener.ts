import type {
  AgentSelf,
  AgentState,
  AgentSummary,
  CannedReplyItem,
  ChatNoteItem,
  QueueItem,
  ServiceRequestItem,
} from '../../contracts/agentEvents.js';
import type { ChatTranscript } from './chatTranscript.js';

export type ConsoleConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'refused';

export type ChatChange = 'added' | 'message' | 'delivery' | 'typing' | 'visitor' | 'closed';

/** What the connection tells the console's view. */
export interface AgentConnectionListener {
  status(status: ConsoleConnectionStatus, detail: string | null): void;
  /** The whole picture (after each new connection). */
  state(state: AgentState): void;
  me(me: AgentSelf): void;
  agents(agents: AgentSummary[]): void;
  queue(queue: QueueItem[]): void;
  queueNew(item: QueueItem): void;
  requests(requests: ServiceRequestItem[]): void;
  /** The canned replies changed (an admin saved or deleted one): the whole list. */
  canned(canned: CannedReplyItem[]): void;
  /** A chat was added, changed (messages, delivery, typing, the visitor's presence) or closed. `live`: something new arrived. */
  chat(transcript: ChatTranscript, change: ChatChange, live: boolean): void;
  /** A private note of a chat arrived (the list after loading, a new one, one with a transfer to you). */
  note(transcript: ChatTranscript, note: ChatNoteItem, live: boolean): void;
}
