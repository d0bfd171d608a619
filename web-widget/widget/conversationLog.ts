import type { Locale } from '../../contracts/locale.js';
import type { ChatMessage, JsonValue, MessageReceipt } from '../../contracts/visitorEvents.js';
import { MessageLog } from '../shared/messageLog.js';

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

/** The conversation as the widget knows it (see MessageLog), with the visitor's messages' delivery. */
export class ConversationLog extends MessageLog<LogEntry> {
  /** Adds or completes a message from the server. `added` is false for one already known with its seq. */
  upsert(message: ChatMessage): { entry: LogEntry; added: boolean } {
    const existing = this.get(message.id);
    if (existing && existing.seq !== null) return { entry: existing, added: false };
    const entry = {
      ...message,
      delivery: message.role === 'visitor' ? ('sent' as const) : null,
      failure: null,
    };
    this.putSent(entry);
    return { entry, added: existing === undefined };
  }

  /** The server acknowledged a visitor message. */
  acknowledge(receipt: MessageReceipt): LogEntry | undefined {
    const entry = this.markSent(receipt.id, receipt.seq, receipt.at);
    if (!entry) return undefined;
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
      outcome: null,
      delivery: pending.failed ? 'failed' : 'sending',
      failure: pending.failed ?? null,
    };
    this.putPending(entry);
    return entry;
  }

  setDelivery(id: string, delivery: Delivery, failure: string | null = null): LogEntry | undefined {
    const entry = this.get(id);
    if (!entry || entry.seq !== null) return entry;
    entry.delivery = delivery;
    entry.failure = failure;
    return entry;
  }
}
