import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/visitorEvents.js';
import { ConversationLog } from '../../web-widget/widget/conversationLog.js';

function message(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    seq,
    id: `m${seq}`,
    role: 'bot',
    text: `message ${seq}`,
    textFormat: 'markdown',
    locale: 'en',
    at: new Date(2025, 0, 1, 12, seq).toISOString(),
    suggestedActions: [],
    answer: null,
    value: null,
    agentName: null,
    outcome: null,
    ...overrides,
  };
}

// The widget's model of the conversation (no DOM needed): what it asks history:since from, and
// how live events, replays and its own pending messages merge.
describe('widget conversation log', () => {
  it('when messages arrive out of order, then the contiguous seq waits for the gap to be filled', () => {
    const log = new ConversationLog();
    log.upsert(message(1));
    log.upsert(message(3));
    expect(log.contiguousSeq).toBe(1);
    expect(log.highestSeq).toBe(3);
    log.upsert(message(2));
    expect(log.contiguousSeq).toBe(3);
    expect(log.entries().map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it('when the same message comes live, from a replay and from the history, then it is one entry', () => {
    const log = new ConversationLog();
    expect(log.upsert(message(1)).added).toBe(true);
    expect(log.upsert(message(1)).added).toBe(false);
    expect(log.upsert({ ...message(1), text: 'masked copy from the store' }).added).toBe(false);
    expect(log.entries()).toHaveLength(1);
    expect(log.entries()[0]?.text).toBe('message 1');
  });

  it('when a visitor message is pending, then it stays after the acknowledged ones until its echo or ack gives it a seq', () => {
    const log = new ConversationLog();
    log.upsert(message(1));
    log.addPending({ id: 'mine-0001', text: 'hello', locale: 'es', at: new Date().toISOString() });
    log.upsert(message(2));
    expect(log.entries().map((entry) => entry.id)).toEqual(['m1', 'm2', 'mine-0001']);
    expect(log.get('mine-0001')?.delivery).toBe('sending');

    const echo = log.upsert(
      message(3, { id: 'mine-0001', role: 'visitor', text: 'hello', textFormat: 'plain' }),
    );
    expect(echo.added).toBe(false);
    expect(log.get('mine-0001')).toMatchObject({ seq: 3, delivery: 'sent' });
    // The ack arriving after the echo changes nothing.
    log.acknowledge({ id: 'mine-0001', seq: 3, at: new Date().toISOString() });
    expect(log.contiguousSeq).toBe(3);
    expect(log.entries().map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it('when a message fails and is retried, then its delivery goes failed → sending → sent', () => {
    const log = new ConversationLog();
    log.addPending({ id: 'mine-0002', text: 'too fast', locale: 'en', at: new Date().toISOString() });
    expect(log.setDelivery('mine-0002', 'failed', 'Please wait')).toMatchObject({
      delivery: 'failed',
      failure: 'Please wait',
    });
    expect(log.setDelivery('mine-0002', 'sending')).toMatchObject({ delivery: 'sending', failure: null });
    expect(log.acknowledge({ id: 'mine-0002', seq: 1, at: new Date().toISOString() })).toMatchObject({
      delivery: 'sent',
      seq: 1,
    });
  });

  it('when the server starts a new conversation, then the old messages go but unsent ones stay', () => {
    const log = new ConversationLog();
    log.upsert(message(1));
    log.addPending({ id: 'mine-0003', text: 'still to send', locale: 'en', at: new Date().toISOString() });
    log.reset();
    expect(log.contiguousSeq).toBe(0);
    expect(log.entries().map((entry) => entry.id)).toEqual(['mine-0003']);
  });
});
