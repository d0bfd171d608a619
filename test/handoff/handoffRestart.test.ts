import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { HandoffStatus } from '../../contracts/visitorEvents.js';
import {
  collectMessages,
  openSession,
  sendMessage,
  visitorSocket,
  waitUntil,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { dataDirWithKeptIndex, startTestApp, type TestApp } from '../support/testApp.js';
import { IN_HOURS, TestClock, agentCall, connectAgent, createAgent } from './support/agentClient.js';

describe('the queue survives a restart', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  const running: TestApp[] = [];
  const sockets: VisitorClient[] = [];
  let dataDir = '';

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const app of running) await app.stop({ keepData: true }).catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('when the server restarts with visitors waiting, then they are still queued in order and an agent can take them', async () => {
    dataDir = await dataDirWithKeptIndex('va-handoff-restart-');
    const first = await startTestApp({ DATA_DIR: dataDir }, { clock });
    running.push(first);
    await createAgent(first.app.store, { username: 'ana', displayName: 'Ana', languages: ['en', 'es'] });
    const ana = await connectAgent(first.baseUrl, 'ana');

    const visitors: Array<{ token: string; conversationId: string }> = [];
    for (const locale of ['en', 'es', 'en'] as const) {
      const { socket, session, messages } = await openSession(first.baseUrl, { auth: { locale } });
      sockets.push(socket);
      await waitUntil(() => messages.some((message) => message.role === 'bot'), 'welcome');
      await sendMessage(socket, { text: 'agent', value: { type: 'agent_request' }, locale });
      await waitUntil(() => messages.some((message) => /in line|en la fila/.test(message.text)), 'queued');
      visitors.push({ token: session.token, conversationId: session.conversationId });
      clock.advance(1_000);
      socket.disconnect();
    }
    ana.socket.disconnect();
    await first.stop({ keepData: true });
    running.pop();

    const second = await startTestApp({ DATA_DIR: dataDir }, { clock });
    running.push(second);
    const queued = await second.app.store.handoff.queued();
    expect(queued.map((entry) => entry.conversationId)).toEqual(
      visitors.map((visitor) => visitor.conversationId),
    );

    const again = await connectAgent(second.baseUrl, 'ana');
    expect(again.state.queue.map((item) => [item.conversationId, item.locale, item.position])).toEqual([
      [visitors[0]?.conversationId, 'en', 1],
      [visitors[1]?.conversationId, 'es', 1],
      [visitors[2]?.conversationId, 'en', 2],
    ]);

    // The first visitor comes back with their token: told where they stand, then joined by Ana.
    const back = visitorSocket(second.baseUrl, { auth: { token: visitors[0]?.token ?? '' } });
    sockets.push(back);
    const statuses: HandoffStatus[] = [];
    back.on('handoff:status', (status) => statuses.push(status));
    const messages = collectMessages(back);
    back.connect();
    await waitUntil(
      () => statuses.some((status) => status.state === 'queued' && status.position === 1),
      'status',
    );
    const accepted = (await agentCall(again.socket, 'queue:accept', {})) as { conversationId: string };
    expect(accepted.conversationId).toBe(visitors[0]?.conversationId);
    await waitUntil(() => messages.some((message) => message.text.includes('has joined')), 'join notice');
    again.socket.disconnect();
  });
});
