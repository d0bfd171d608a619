import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';
import { EchoBot } from './support/echoBot.js';
import {
  botTexts,
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from './support/visitorClient.js';

/**
 * Conversations are owned by their channel: a Bot Framework request that names a widget
 * conversation's id reaches another conversation, never the widget's (its record, its reference for
 * agent replies, its transcript and its numbering stay as they were).
 */
describe('conversations owned by their channel', () => {
  let testApp: TestApp;
  const sockets: VisitorClient[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({}, { bot: new EchoBot({ greet: true }) });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await testApp?.stop();
  });

  it('when a Bot Framework request names a widget conversation, then it is another conversation and the widget’s is untouched', async () => {
    const widget = await openSession(testApp.baseUrl);
    sockets.push(widget.socket);
    const widgetId = widget.session.conversationId;
    await waitUntil(() => botTexts(widget.messages).includes('welcome'), 'the welcome');
    await sendMessage(widget.socket, { text: 'from the widget' });
    await waitUntil(() => botTexts(widget.messages).includes('echo: from the widget'), 'the reply');
    const { store } = testApp.app;
    const recordBefore = await store.conversations.get(widgetId);
    const transcriptBefore = await store.conversations.transcript(widgetId);
    const widgetMessages = widget.messages.length;

    const response = await postActivity(testApp.baseUrl, {
      text: 'from elsewhere',
      conversation: { id: widgetId },
    });
    expect(response.status).toBe(200);
    expect(response.activities.map((activity) => activity.text)).toEqual(['echo: from elsewhere']);
    // The channel is answered in its own conversation, under the id it sent.
    expect(response.activities[0]?.conversation).toMatchObject({ id: widgetId });

    expect(await store.conversations.get(widgetId)).toEqual(recordBefore);
    expect(await store.conversations.transcript(widgetId)).toEqual(transcriptBefore);
    expect(widget.messages).toHaveLength(widgetMessages);

    const elsewhere = await store.conversations.get(`botframework:${widgetId}`);
    expect(elsewhere).toMatchObject({ channel: 'botframework', lastSeq: 2 });
    expect(JSON.parse(elsewhere?.reference ?? '{}')).toMatchObject({
      conversation: { id: `botframework:${widgetId}` },
    });
    expect(
      (await store.conversations.transcript(`botframework:${widgetId}`)).map((entry) => entry.text),
    ).toEqual(['from elsewhere', 'echo: from elsewhere']);

    // The widget's conversation goes on with its own numbering.
    const ack = await sendMessage(widget.socket, { text: 'still here' });
    expect(ack).toMatchObject({ ok: true, data: { seq: (recordBefore?.lastSeq ?? 0) + 1 } });
  });

  it('when a Bot Framework request uses the product’s own name for such a conversation, then that is yet another one', async () => {
    const widget = await openSession(testApp.baseUrl);
    sockets.push(widget.socket);
    const prefixed = `botframework:${widget.session.conversationId}`;
    const first = await postActivity(testApp.baseUrl, {
      text: 'one',
      conversation: { id: widget.session.conversationId },
    });
    const second = await postActivity(testApp.baseUrl, { text: 'two', conversation: { id: prefixed } });
    expect(second.activities[0]?.conversation).toMatchObject({ id: prefixed });
    expect(first.activities[0]?.conversation).toMatchObject({ id: widget.session.conversationId });
    const { store } = testApp.app;
    expect((await store.conversations.transcript(prefixed)).map((entry) => entry.text)).toEqual([
      'one',
      'echo: one',
    ]);
    expect(
      (await store.conversations.transcript(`botframework:${prefixed}`)).map((entry) => entry.text),
    ).toEqual(['two', 'echo: two']);
  });

  it('when a Bot Framework channel names its conversations as channels do, then the product keeps the very same id', async () => {
    const id = 'a:1Xr9-teams-conversation|livechat';
    const response = await postActivity(testApp.baseUrl, { text: 'hi', conversation: { id } });
    expect(response.activities[0]?.conversation).toMatchObject({ id });
    expect(await testApp.app.store.conversations.get(id)).toMatchObject({ channel: 'botframework' });
  });
});
