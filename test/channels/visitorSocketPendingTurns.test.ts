import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../bot/storage/ports.js';
import { TestClock } from '../handoff/support/agentClient.js';
import { dataDirWithKeptIndex, startTestApp, type TestApp } from '../support/testApp.js';
import { EchoBot } from './support/echoBot.js';
import {
  botTexts,
  eventually,
  history,
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from './support/visitorClient.js';

/**
 * A visitor's message is acknowledged once stored, before the bot's turn runs. These tests leave
 * the store exactly as a process that died in between would (the message recorded, its turn never
 * run) and check that it is still answered, once.
 */
describe('visitor socket: messages acknowledged but never answered', () => {
  const apps: TestApp[] = [];
  const sockets: VisitorClient[] = [];
  const folders: string[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const app of apps.splice(0)) await app.stop();
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  async function start(dataDir: string, clock?: TestClock): Promise<TestApp> {
    const app = await startTestApp(
      { DATA_DIR: dataDir },
      { bot: new EchoBot({ greet: true }), ...(clock && { clock }) },
    );
    apps.push(app);
    return app;
  }

  /** What `message:send` stores before it acknowledges: the visitor's entry, no turn yet. */
  async function acknowledgedOnly(
    store: Store,
    conversationId: string,
    text: string,
    at: Date,
  ): Promise<void> {
    await store.conversations.append({
      conversationId,
      messageId: `lost-${text.replace(/\W/g, '-')}`,
      role: 'visitor',
      text,
      locale: 'en',
      at: at.toISOString(),
      agentId: null,
      activity: JSON.stringify({ type: 'message', text, locale: 'en' }),
    });
  }

  async function visitorOn(app: TestApp, token?: string) {
    const opened = await openSession(app.baseUrl, token ? { auth: { token } } : {});
    sockets.push(opened.socket);
    return opened;
  }

  it('when the server stopped between the acknowledgement and the turn, then the next start answers the message, once', async () => {
    const dataDir = await dataDirWithKeptIndex('va-pending-');
    folders.push(dataDir);
    const first = await start(dataDir);
    const { socket, session, messages } = await visitorOn(first);
    expect((await sendMessage(socket, { text: 'before' })).ok).toBe(true);
    await waitUntil(() => botTexts(messages).includes('echo: before'), 'the first answer');
    await acknowledgedOnly(first.app.store, session.conversationId, 'lost question', new Date());
    socket.disconnect();
    await first.stop({ keepData: true });
    apps.splice(apps.indexOf(first), 1);

    const second = await start(dataDir);
    const back = await visitorOn(second, session.token);
    await eventually(async () => {
      const texts = (await history(back.socket)).messages.map((message) => message.text);
      return texts.slice(-2).join(' | ') === 'lost question | echo: lost question';
    }, 'the late answer in the transcript, after the question');
    back.socket.disconnect();
    await second.stop({ keepData: true });
    apps.splice(apps.indexOf(second), 1);

    const third = await start(dataDir);
    const transcript = await third.app.store.conversations.transcript(session.conversationId);
    expect(transcript.filter((entry) => entry.text === 'echo: lost question')).toHaveLength(1);
    expect(await third.app.visitors.resumePendingTurns(0)).toBe(0);
  });

  it('when messages are answered as usual, then none is left pending', async () => {
    const dataDir = await dataDirWithKeptIndex('va-pending-');
    folders.push(dataDir);
    const app = await start(dataDir);
    const { socket, session, messages } = await visitorOn(app);
    for (const text of ['one', 'two', 'three']) expect((await sendMessage(socket, { text })).ok).toBe(true);
    await waitUntil(() => botTexts(messages).includes('echo: three'), 'the answers');
    // The mark comes right after the reply; once it is there, nothing is taken on.
    const transcript = await app.app.store.conversations.transcript(session.conversationId);
    const lastQuestion = transcript.find((entry) => entry.role === 'visitor' && entry.text === 'three');
    await eventually(
      async () =>
        (await app.app.store.conversations.get(session.conversationId))?.turnSeq === lastQuestion?.seq,
      'the last turn marked as run',
    );
    expect(await app.app.visitors.resumePendingTurns(0)).toBe(0);
  });

  it('when another instance may still be running the turn, then it waits the grace period, and two passes answer once', async () => {
    const dataDir = await dataDirWithKeptIndex('va-pending-');
    folders.push(dataDir);
    const clock = new TestClock(new Date('2026-03-10T15:00:00.000Z'));
    const app = await start(dataDir, clock);
    const { session, messages } = await visitorOn(app);
    await acknowledgedOnly(app.app.store, session.conversationId, 'slow elsewhere', clock.now());

    expect(await app.app.visitors.resumePendingTurns()).toBe(0);
    clock.advance(3 * 60_000);
    const passes = await Promise.all([
      app.app.visitors.resumePendingTurns(),
      app.app.visitors.resumePendingTurns(),
    ]);
    expect(passes.sort()).toEqual([0, 1]);
    await waitUntil(() => botTexts(messages).includes('echo: slow elsewhere'), 'the answer, live');
    expect(botTexts(messages).filter((text) => text === 'echo: slow elsewhere')).toHaveLength(1);

    // Half an hour later the visitor has moved on: an old unanswered message is left alone.
    await acknowledgedOnly(app.app.store, session.conversationId, 'too old', clock.now());
    clock.advance(31 * 60_000);
    expect(await app.app.visitors.resumePendingTurns()).toBe(0);
  });
});
