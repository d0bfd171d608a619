import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, sendMessage, type VisitorClient } from '../channels/support/visitorClient.js';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';

/**
 * A transcript entry keeps the message twice: its text, and the activity a client replays it from
 * (the text again, its buttons, channel data and value). Both are masked, the same way: the text
 * is masked once for the two (conversationRecorder.ts), every other string of the activity on its
 * own, and the stored activity keeps the shape and order it always had.
 */
describe('the activity stored with a transcript entry', () => {
  let running: TestApp;
  let socket: VisitorClient | undefined;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(async () => {
    socket?.disconnect();
    await running?.stop();
  });

  it('when a widget visitor sends personal data in the text and the value, then both are stored masked, the text as the entry has it', async () => {
    const opened = await openSession(running.baseUrl, { auth: { locale: 'en' } });
    socket = opened.socket;
    const { conversationId } = opened.session;
    const ack = await sendMessage(socket, {
      text: 'My receipt is EAC9999103402 and my email is ana.lopez@example.com',
      value: { note: 'call me at 555-123-4567' },
      locale: 'en',
    });
    expect(ack.ok).toBe(true);

    // Acknowledged means stored: no wait.
    const entries = await running.app.store.conversations.transcript(conversationId);
    const entry = entries.find((stored) => stored.role === 'visitor');
    expect(entry?.text).toBe('My receipt is EAC*******3402 and my email is a***@***');
    const activity = JSON.parse(entry?.activity ?? '{}') as Record<string, unknown>;
    expect(Object.keys(activity)).toEqual(['type', 'text', 'textFormat', 'locale', 'value']);
    expect(activity).toEqual({
      type: 'message',
      text: entry?.text,
      textFormat: 'plain',
      locale: 'en',
      value: { note: 'call me at ***-***-4567' },
    });
  });

  it('when a Bot Framework visitor sends personal data in the text and channel data, then the stored activity has it masked in both', async () => {
    const conversationId = 'stored-activity-masking';
    await postActivity(running.baseUrl, {
      conversation: { id: conversationId },
      text: 'my A-number is A123456789',
      channelData: { contact: 'ana.lopez@example.com', page: 'https://www.uscis.gov/n-400' },
    });
    const entries = await running.app.store.conversations.transcript(conversationId);
    const entry = entries.find((stored) => stored.role === 'visitor');
    expect(entry?.text).toBe('my A-number is A*****789');
    const activity = JSON.parse(entry?.activity ?? '{}') as Record<string, unknown>;
    expect(Object.keys(activity).slice(0, 2)).toEqual(['type', 'text']);
    expect(activity.text).toBe(entry?.text);
    expect(activity.channelData).toEqual({ contact: 'a***@***', page: 'https://www.uscis.gov/n-400' });
  });
});
