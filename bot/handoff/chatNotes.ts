import { maskPersonalData } from '../privacy/personalData.js';
import { isStoreError } from '../storage/errors.js';
import type { ChatNoteStore, ConversationStore } from '../storage/ports.js';
import type { ChatNote } from './records.js';
import { HandoffError } from './handoffError.js';
import type { HandoffService } from './handoffService.js';
import type { Clock } from '../shared/clock.js';

/** Most notes one chat may keep: agents are signed in, but storage must not grow without bound. */
export const MAX_NOTES_PER_CHAT = 200;
/** Longest private note, in characters. */
export const MAX_NOTE_LENGTH = 2000;
/** Longest transfer note, in characters: a line or two for the next agent. */
export const MAX_TRANSFER_NOTE_LENGTH = 500;

/** Who writes a note: the signed-in agent. */
export interface NoteAuthor {
  agentId: string;
  agentName: string;
}

/**
 * Private notes on a live chat: what an agent writes for themselves and for whoever takes the chat
 * next, and the note that goes with a transfer. Kept beside the transcript (where it was written:
 * after which message), personal data masked as in the transcript, never sent to the visitor.
 * Only the agent the chat is assigned to now may write or read them.
 */
export class ChatNotes {
  constructor(
    private readonly deps: {
      notes: ChatNoteStore;
      conversations: Pick<ConversationStore, 'get'>;
      service: Pick<HandoffService, 'assignedChat'>;
      clock: Clock;
    },
  ) {}

  /**
   * Adds a note to the agent's chat; `id` is the console's, so a retry returns the note already
   * stored instead of a second one. `text` is already cleaned and within MAX_NOTE_LENGTH.
   */
  async add(author: NoteAuthor, conversationId: string, id: string, text: string): Promise<ChatNote> {
    await this.deps.service.assignedChat(author.agentId, conversationId);
    const previous = await this.deps.notes.get(conversationId, id);
    if (previous) return this.retried(previous, author);
    return this.write({ author, conversationId, id, text, kind: 'note', toAgentId: null });
  }

  /** The chat's notes, oldest first, for the agent it is assigned to. */
  async list(agentId: string, conversationId: string): Promise<ChatNote[]> {
    await this.deps.service.assignedChat(agentId, conversationId);
    return this.deps.notes.list(conversationId);
  }

  /**
   * The note that goes with a transfer, written before the chat moves (the sender still has it),
   * so the receiving agent finds it with the chat.
   */
  async addTransferNote(
    author: NoteAuthor,
    conversationId: string,
    toAgentId: string,
    text: string,
  ): Promise<ChatNote> {
    const id = `transfer-${this.deps.clock.now().getTime().toString(36)}-${toAgentId.slice(0, 40)}`;
    return this.write({ author, conversationId, id, text, kind: 'transfer', toAgentId });
  }

  private async write(note: {
    author: NoteAuthor;
    conversationId: string;
    id: string;
    text: string;
    kind: ChatNote['kind'];
    toAgentId: string | null;
  }): Promise<ChatNote> {
    if ((await this.deps.notes.count(note.conversationId)) >= MAX_NOTES_PER_CHAT)
      throw new HandoffError('notes_limit', 'notes_limit', { max: MAX_NOTES_PER_CHAT });
    const conversation = await this.deps.conversations.get(note.conversationId);
    const record: ChatNote = {
      id: note.id,
      conversationId: note.conversationId,
      agentId: note.author.agentId,
      agentName: note.author.agentName,
      kind: note.kind,
      text: maskPersonalData(note.text),
      afterSeq: conversation?.lastSeq ?? 0,
      at: this.deps.clock.now().toISOString(),
      toAgentId: note.toAgentId,
    };
    try {
      await this.deps.notes.add(record);
    } catch (error) {
      // The same note twice at once (a retry racing the first try): the stored one stands.
      if (!isStoreError(error, 'duplicate')) throw error;
      const stored = await this.deps.notes.get(note.conversationId, note.id);
      if (!stored) throw error;
      return this.retried(stored, note.author);
    }
    return record;
  }

  /** An id already used: the same author's retry gets their note; anyone else's is a guess. */
  private retried(note: ChatNote, author: NoteAuthor): ChatNote {
    if (note.agentId !== author.agentId) throw new HandoffError('invalid_request');
    return note;
  }
}
