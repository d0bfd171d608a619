import type { ChatMessage, ChatSummary, MessageReceipt } from '../protocol/agentEvents.js';

export type Delivery = 'sending' | 'failed';

/** A message as the console shows it: from the server (with its seq), or the agent's own, on its way. */
export interface TranscriptLine extends Omit<ChatMessage, 'seq'> {
  seq: number | null;
  delivery: Delivery | null;
}

/**
 * One chat as the console knows it: messages keyed by id (a live event, a history page and an
 * ack of the same message merge into one), ordered by seq, the agent's unacknowledged messages
 * after them. `contiguousSeq` is what `chat:history` asks from after a reconnection.
 */
export class ChatTranscript {
  private readonly byId = new Map<string, TranscriptLine>();
  private readonly seqs = new Set<number>();
  private contiguous = 0;
  /** The agent's messages not yet acknowledged, oldest first: they are sent in this order. */
  readonly outbox: Array<{ id: string; text: string }> = [];
  /** Visitor messages not seen yet (the tab was not selected). */
  unread = 0;
  visitorTyping = false;
  /** Set when the chat left this agent (ended, transferred...): read-only from then on. */
  closedReason: string | null = null;

  constructor(public chat: ChatSummary) {}

  get contiguousSeq(): number {
    return this.contiguous;
  }

  /** Adds a server message; false when it was already there with its seq. */
  upsert(message: ChatMessage): boolean {
    const existing = this.byId.get(message.id);
    if (existing && existing.seq !== null) return false;
    this.byId.set(message.id, { ...message, delivery: null });
    const index = this.outbox.findIndex((item) => item.id === message.id);
    if (index >= 0) this.outbox.splice(index, 1);
    this.seqs.add(message.seq);
    while (this.seqs.has(this.contiguous + 1)) this.contiguous += 1;
    return existing === undefined;
  }

  addPending(id: string, text: string, agentName: string, at: string): void {
    this.outbox.push({ id, text });
    this.byId.set(id, {
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
      delivery: 'sending',
    });
  }

  acknowledge(receipt: MessageReceipt): void {
    const line = this.byId.get(receipt.id);
    const index = this.outbox.findIndex((item) => item.id === receipt.id);
    if (index >= 0) this.outbox.splice(index, 1);
    if (!line || line.seq !== null) return;
    line.seq = receipt.seq;
    line.at = receipt.at;
    line.delivery = null;
    this.seqs.add(receipt.seq);
    while (this.seqs.has(this.contiguous + 1)) this.contiguous += 1;
  }

  setDelivery(id: string, delivery: Delivery): void {
    const line = this.byId.get(id);
    if (line && line.seq === null) line.delivery = delivery;
  }

  lines(): TranscriptLine[] {
    const sent = [...this.byId.values()]
      .filter((line) => line.seq !== null)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const pending = this.outbox.map((item) => this.byId.get(item.id)).filter((line) => line !== undefined);
    return [...sent, ...pending];
  }
}
