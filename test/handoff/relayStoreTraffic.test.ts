import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreActivity } from '../../bot/storage/ports.js';
import { EchoBot } from '../channels/support/echoBot.js';
import { botTexts, openSession, sendMessage, waitUntil } from '../channels/support/visitorClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { IN_HOURS, TestClock, agentCall, chatWithNewAgent } from './support/agentClient.js';

/**
 * What one relayed live-chat message costs the embedded store, counted by the store itself
 * (its statements and commits), in each direction. Every message of a live chat goes through
 * here, so a statement added to the path by accident shows in this test before it shows in
 * `npm run bench:handoff`.
 */
describe('store traffic per relayed live-chat message', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  const sockets: Array<{ disconnect(): unknown }> = [];

  beforeAll(async () => {
    testApp = await startTestApp({}, { bot: new EchoBot({ greet: true }), clock });
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await testApp?.stop();
  });

  it('costs a visitor message one read for the retry check, one for the chat, the append (two statements) and the mark that its turn ran; an agent message the same two reads, the conversation and the append, in one commit', async () => {
    const { socket, session, messages } = await openSession(testApp.baseUrl);
    sockets.push(socket);
    await waitUntil(() => botTexts(messages).includes('welcome'), 'the welcome');
    const ana = await chatWithNewAgent(testApp, session.conversationId);
    sockets.push(ana.socket);
    const store = testApp.app.store;
    const activity = (): StoreActivity => {
      const counted = store.activity();
      if (counted === null) throw new Error('the embedded store counts what it does');
      return counted;
    };
    const difference = (before: StoreActivity, after: StoreActivity) => ({
      commits: after.commits - before.commits,
      writes: after.writes - before.writes,
      reads: after.reads - before.reads,
    });
    /** Each count's least over three messages: a background task (a sweep) may use the store during one. */
    const least = (costs: Array<ReturnType<typeof difference>>) =>
      Object.fromEntries(
        (['commits', 'writes', 'reads'] as const).map((name) => [
          name,
          Math.min(...costs.map((cost) => cost[name])),
        ]),
      );
    /** The visitor's turn ends with the mark that it ran: the store's last write for the message. */
    const turnMarked = async (seq: number) => {
      const deadline = Date.now() + 30_000;
      while (((await store.conversations.get(session.conversationId))?.turnSeq ?? 0) < seq) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for the turn of ${seq} to be marked`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    const visitorCosts: Array<ReturnType<typeof difference>> = [];
    const agentCosts: Array<ReturnType<typeof difference>> = [];
    for (let n = 0; n < 3; n += 1) {
      let before = activity();
      const text = `are you there? ${n}`;
      const ack = await sendMessage(socket, { text });
      if (!ack.ok) throw new Error(`message refused: ${ack.error.code}`);
      await waitUntil(
        () => ana.inbox.messages.some(({ message }) => message.text === text),
        'the message relayed to the agent',
      );
      // Read through the store itself after the count is taken.
      const afterVisitor = activity();
      await turnMarked(ack.data.seq);
      const marked = activity();
      visitorCosts.push(difference(before, { ...marked, reads: afterVisitor.reads }));

      before = activity();
      await agentCall(ana.socket, 'chat:send', {
        conversationId: session.conversationId,
        id: `agent-answer-${n}`,
        text: `yes, I am here ${n}`,
      });
      agentCosts.push(difference(before, activity()));
    }
    expect(least(visitorCosts)).toEqual({ commits: 2, writes: 3, reads: 2 });
    expect(least(agentCosts)).toEqual({ commits: 1, writes: 2, reads: 3 });
  });
});
