import { ActivityHandler, ActivityTypes } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../bot/storage/ports.js';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';
import { openSession, sendMessage, waitUntil, type VisitorClient } from './support/visitorClient.js';

/**
 * Answers every message with four replies, marked the way code that speaks for someone else marks
 * them (bot/channels/outboundMarks.ts): its own, a notice, an agent's with the console's id, and one
 * with a role that does not exist.
 */
class MarkingBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const tag = context.activity.text ?? '';
      await context.sendActivities([
        { type: ActivityTypes.Message, text: `reply ${tag}` },
        { type: ActivityTypes.Message, text: `notice ${tag}`, channelData: { role: 'system' } },
        {
          type: ActivityTypes.Message,
          text: `agent ${tag}`,
          channelData: { role: 'agent', agentId: 'agent-7', agentName: 'Ana', messageId: `console-${tag}` },
        },
        { type: ActivityTypes.Message, text: `odd ${tag}`, channelData: { role: 'admin', agentId: 'x' } },
      ]);
      await next();
    });
  }
}

const roles = (entries: TranscriptEntry[]) =>
  entries.map(({ role, text, agentId }) => ({ role, text: text.split(' ')[0], agentId }));

describe('transcript roles: the same on every channel', () => {
  let testApp: TestApp;
  const sockets: VisitorClient[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({}, { bot: new MarkingBot() });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await testApp?.stop();
  });

  it('when replies are marked with channelData.role, then /api/messages records them with that role, agent and message id, as the widget does', async () => {
    const conversationId = `bf-roles-${Date.now()}`;
    const response = await postActivity(testApp.baseUrl, {
      text: 'one',
      conversation: { id: conversationId },
    });
    expect(response.status).toBe(200);
    expect(response.activities).toHaveLength(4);
    const botFramework = await testApp.app.store.conversations.transcript(conversationId);

    const widget = await openSession(testApp.baseUrl);
    sockets.push(widget.socket);
    await sendMessage(widget.socket, { text: 'one' });
    await waitUntil(() => widget.messages.some((message) => message.text === 'odd one'), 'the replies');
    const socketEntries = await testApp.app.store.conversations.transcript(widget.session.conversationId);

    const expected = [
      { role: 'visitor', text: 'one', agentId: null },
      { role: 'bot', text: 'reply', agentId: null },
      { role: 'system', text: 'notice', agentId: null },
      { role: 'agent', text: 'agent', agentId: 'agent-7' },
      // An unknown role is the bot's, and only agents have an agent id.
      { role: 'bot', text: 'odd', agentId: null },
    ];
    expect(roles(botFramework)).toEqual(expected);
    expect(roles(socketEntries)).toEqual(expected);
    // The sender's id is kept, so a retry with it is recognised on either channel.
    expect(await testApp.app.store.conversations.findMessage(conversationId, 'console-one')).toMatchObject({
      role: 'agent',
      text: 'agent one',
    });
    expect(
      await testApp.app.store.conversations.findMessage(widget.session.conversationId, 'console-one'),
    ).toMatchObject({ role: 'agent' });
    expect(widget.messages.find((message) => message.role === 'agent')?.agentName).toBe('Ana');
  });
});
