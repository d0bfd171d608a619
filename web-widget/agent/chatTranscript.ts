import type { ChatMessage, ChatNoteItem, ChatSummary, MessageReceipt } from '../../contracts/agentEvents.js';
import { MessageLog } from '../shared/messageLog.js';

export type Delivery = 'sending' | 'failed';

/** A message as the console shows it: from the server (with its seq), or the agent's own, on its way. */
export interface TranscriptLine extends Omit<ChatMessage, 'seq'> {
  seq: number | null;
  delivery: Delivery | null;
}

/**
 * One chat as the console knows it (see MessageLog): the server's messages and, after them, the
 * agent's not yet acknowledged, which are also its outbox.
 */
export class ChatTranscript extends MessageLog<TranscriptLine> {
  /** Visitor messages not seen yet (the tab was not selected). */
  unread = 0;
  visitorTyping = false;
  /** Set when the chat left this agent (ended, transferred...): read-only from then on. */
  closedReason: string | null = null;
  private readonly noteById = new Map<string, ChatNoteItem>();

  constructor(public chat: ChatSummary) {
    super();
  }

  /** The agent's messages not yet acknowledged, oldest first: they are sent in this order. */
  get outbox(): TranscriptLine[] {
    return this.pending();
  }

  /** Adds a server message; false when it was already there with its seq. */
  upsert(message: ChatMessage): boolean {
    const existing = this.get(message.id);
    if (existing && existing.seq !== null) return false;
    this.putSent({ ...message, delivery: null });
    return existing === undefined;
  }

  addPending(id: string, text: string, agentName: string, at: string): void {
    this.putPending({
      seq: null,
      id,
      role: 'agent',
      text,
      textFormat: 'markdown',
      locale: this.chat.locale,
      at,
      suggestedActions: [],
      answer: null,
      value: null,
      agentName,
      outcome: null,
      delivery: 'sending',
    });
  }

  /** The chat's private notes, in the order they were written. */
  get notes(): ChatNoteItem[] {
    return [...this.noteById.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  /** Adds a note (from the list, an event or an ack); false when it was already there. */
  upsertNote(note: ChatNoteItem): boolean {
    const known = this.noteById.has(note.id);
    this.noteById.set(note.id, note);
    return !known;
  }

  acknowledge(receipt: MessageReceipt): void {
    const line = this.markSent(receipt.id, receipt.seq, receipt.at);
    if (line) line.delivery = null;
  }

  setDelivery(id: string, delivery: Delivery): void {
    const line = this.get(id);
    if (line && line.seq === null) line.delivery = delivery;
  }
}
