import type { ChatMessage, JsonValue, Locale, MessageReceipt } from '../protocol/events.js';

export type Delivery = 'sending' | 'sent' | 'failed';

/** A message as the widget shows it: a server message, or a visitor message still on its way. */
export interface LogEntry extends Omit<ChatMessage, 'seq'> {
  /** Null until the server has taken the message. */
  seq: number | null;
  /** Visitor messages only. */
  delivery: Delivery | null;
  /** Why a visitor message failed, in the visitor's language (from the server). */
  failure: string | null;
}

/** A visitor message the server has not acknowledged yet (kept across reloads). */
export interface PendingMessage {
  id: string;
  text: string;
  value?: JsonValue;
  locale: Locale;
  at: string;
  failed?: string;
}

/**
 * The conversation as the client knows it: messages keyed by id (so a replay, a history page
 * and a live event of the same message merge into one), ordered by seq, with the visitor's
 * unacknowledged messages after them. It tracks the highest seq it holds without a gap: that is
 * what `history:since` asks from after a reconnection.
 */
export class ConversationLog {
  private readonly byId = new Map<string, LogEntry>();
  private readonly seqs = new Set<number>();
  private contiguous = 0;
  private pendingOrder: string[] = [];

  /** The highest seq n such that 1..n are all here. */
  get contiguousSeq(): number {
    return this.contiguous;
  }

  /** The highest seq held, gaps or not. */
  get highestSeq(): number {
    let highest = 0;
    for (const seq of this.seqs) highest = Math.max(highest, seq);
    return highest;
  }

  get(id: string): LogEntry | undefined {
    return this.byId.get(id);
  }

  /** Adds or completes a message from the server. `added` is false for one already known with its seq. */
  upsert(message: ChatMessage): { entry: LogEntry; added: boolean } {
    const existing = this.byId.get(message.id);
    if (existing && existing.seq !== null) return { entry: existing, added: false };
    const entry: LogEntry = {
      ...message,
      delivery: message.role === 'visitor' ? 'sent' : null,
      failure: null,
    };
    this.byId.set(message.id, entry);
    this.pendingOrder = this.pendingOrder.filter((id) => id !== message.id);
    this.addSeq(message.seq);
    return { entry, added: existing === undefined };
  }

  /** The server acknowledged a visitor message. */
  acknowledge(receipt: MessageReceipt): LogEntry | undefined {
    const entry = this.byId.get(receipt.id);
    if (!entry) return undefined;
    if (entry.seq === null) {
      entry.seq = receipt.seq;
      entry.at = receipt.at;
      this.pendingOrder = this.pendingOrder.filter((id) => id !== receipt.id);
      this.addSeq(receipt.seq);
    }
    entry.delivery = 'sent';
    entry.failure = null;
    return entry;
  }

  addPending(pending: PendingMessage): LogEntry {
    const entry: LogEntry = {
      seq: null,
      id: pending.id,
      role: 'visitor',
      text: pending.text,
      textFormat: 'plain',
      locale: pending.locale,
      at: pending.at,
      suggestedActions: [],
      answer: null,
      value: pending.value ?? null,
      agentName: null,
      delivery: pending.failed ? 'failed' : 'sending',
      failure: pending.failed ?? null,
    };
    if (!this.byId.has(pending.id)) this.pendingOrder.push(pending.id);
    this.byId.set(pending.id, entry);
    return entry;
  }

  setDelivery(id: string, delivery: Delivery, failure: string | null = null): LogEntry | undefined {
    const entry = this.byId.get(id);
    if (!entry || entry.seq !== null) return entry;
    entry.delivery = delivery;
    entry.failure = failure;
    return entry;
  }

  /** In display order: by seq, then unacknowledged messages in the order they were written. */
  entries(): LogEntry[] {
    const acknowledged = [...this.byId.values()]
      .filter((entry) => entry.seq !== null)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const pending = this.pendingOrder.map((id) => this.byId.get(id)).filter((entry) => entry !== undefined);
    return [...acknowledged, ...pending];
  }

  /** Forgets everything (a new conversation started). Unacknowledged messages are kept: they still go out. */
  reset(): void {
    const pending = this.pendingOrder.map((id) => this.byId.get(id)).filter((entry) => entry !== undefined);
    this.byId.clear();
    this.seqs.clear();
    this.contiguous = 0;
    for (const entry of pending) this.byId.set(entry.id, entry);
  }

  private addSeq(seq: number): void {
    this.seqs.add(seq);
    while (this.seqs.has(this.contiguous + 1)) this.contiguous += 1;
  }
}
