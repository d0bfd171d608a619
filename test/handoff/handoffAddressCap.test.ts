import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/visitorEvents.js';
import {
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { IN_HOURS, TestClock, connectAgent, createAgent, type AgentClient } from './support/agentClient.js';

/**
 * One address opening many conversations and asking for an agent in each must not push real
 * visitors down the line: at most HANDOFF_MAX_QUEUED_PER_ADDRESS of them wait at once.
 */
describe('live-agent queue: a cap per address', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  const sockets: Array<VisitorClient | AgentClient> = [];

  beforeAll(async () => {
    testApp = await startTestApp(
      {
        HANDOFF_MAX_QUEUED_PER_ADDRESS: '2',
        SOCKET_TRUST_PROXY: 'true',
        WIDGET_IP_CONVERSATIONS_PER_MINUTE: '100',
        WIDGET_IP_MESSAGES_PER_MINUTE: '1000',
      },
      { clock },
    );
    await createAgent(testApp.app.store, { username: 'ana', displayName: 'Ana', languages: ['en', 'es'] });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await testApp?.stop();
  });

  async function visitor(address: string, locale: 'en' | 'es' = 'en') {
    const opened = await openSession(testApp.baseUrl, {
      headers: { 'x-forwarded-for': address },
      auth: { locale },
    });
    sockets.push(opened.socket);
    await waitUntil(() => opened.messages.some((message) => message.role === 'bot'), 'the welcome');
    return opened;
  }
  const lastBotText = (messages: ChatMessage[]) =>
    messages.filter((message) => message.role !== 'visitor').at(-1)?.text ?? '';

  it('when six conversations from one address ask for an agent at once, then two wait and four are told why, in their language', async () => {
    const { socket: agent } = await connectAgent(testApp.baseUrl, 'ana');
    sockets.push(agent);
    const crowd = await Promise.all(
      Array.from({ length: 6 }, (_, index) => visitor('198.51.100.7', index === 5 ? 'es' : 'en')),
    );
    await Promise.all(
      crowd.map(({ socket }, index) =>
        sendMessage(socket, {
          text: index === 5 ? 'Hablar con un agente' : 'Talk to an agent',
          value: { type: 'agent_request' },
          locale: index === 5 ? 'es' : 'en',
        }),
      ),
    );
    const answered = (messages: ChatMessage[]) =>
      /in line|en la fila|network|su red/.test(lastBotText(messages));
    await waitUntil(() => crowd.every(({ messages }) => answered(messages)), 'every answer');

    const queued = await testApp.app.store.handoff.queued();
    expect(queued).toHaveLength(2);
    const refused = crowd.filter(({ messages }) => /network|su red/.test(lastBotText(messages)));
    expect(refused).toHaveLength(4);
    expect(refused.map(({ messages }) => lastBotText(messages))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Several people from your network are already waiting for a live agent'),
      ]),
    );
    if (!queued.some((entry) => entry.conversationId === crowd[5]!.session.conversationId)) {
      expect(lastBotText(crowd[5]!.messages)).toContain('Ya hay varias personas de su red esperando');
    }

    // A visitor elsewhere is right behind those two, not behind six.
    clock.advance(1000);
    const elsewhere = await visitor('192.0.2.80');
    await sendMessage(elsewhere.socket, { text: 'Talk to an agent', value: { type: 'agent_request' } });
    await waitUntil(() => /in line/.test(lastBotText(elsewhere.messages)), 'the place in line');
    const line = (await testApp.app.store.handoff.queued()).map((entry) => entry.conversationId);
    expect(line).toHaveLength(3);
    expect(line.indexOf(elsewhere.session.conversationId)).toBe(2);

    // When one of the two leaves, the address may queue one more.
    const waiting = crowd.find(({ session }) =>
      queued.some((entry) => entry.conversationId === session.conversationId),
    )!;
    await sendMessage(waiting.socket, { text: 'end chat' });
    await waitUntil(
      () => /You left the chat with the live agents|Salió del chat/.test(lastBotText(waiting.messages)),
      'the leave',
      15_000,
    );
    const again = refused[0]!;
    await sendMessage(again.socket, { text: 'Talk to an agent', value: { type: 'agent_request' } });
    await waitUntil(() => /in line/.test(lastBotText(again.messages)), 'queued after all');
    expect(await testApp.app.store.handoff.queued()).toHaveLength(3);
  });
});
