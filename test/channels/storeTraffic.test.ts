import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BotStateStore } from '../../bot/storage/stores/botStateStore.js';
import { ConversationStore } from '../../bot/storage/stores/conversationStore.js';
import { HandoffStore } from '../../bot/storage/stores/handoffStore.js';
import { IN_HOURS, TestClock, agentCall, chatWithNewAgent } from '../handoff/support/agentClient.js';
import { postActivity, startTestApp, type ReplyActivity, type TestApp } from '../support/testApp.js';
import { EchoBot } from './support/echoBot.js';
import {
  botTexts,
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from './support/visitorClient.js';

/** The answer a reply carries (`channelData.answer`), when it carries one. */
function channelAnswer(reply: ReplyActivity): { articleId?: string } | null | undefined {
  return (reply.channelData as { answer?: { articleId?: string } | null } | undefined)?.answer;
}

/**
 * What one visitor message costs the store, counted at the ports. Every message goes through this
 * path, so a read added to it by accident (a second look-up of what was just written) shows here
 * before it shows in the benchmark. The store's own checks inside a port method are its business.
 */
describe('store traffic per visitor message', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  /** The product's own bot, for what its state costs. */
  let assistantApp: TestApp;
  const sockets: Array<{ disconnect(): unknown }> = [];
  const calls = {
    findMessage: vi.spyOn(ConversationStore.prototype, 'findMessage'),
    append: vi.spyOn(ConversationStore.prototype, 'append'),
    appendAll: vi.spyOn(ConversationStore.prototype, 'appendAll'),
    get: vi.spyOn(ConversationStore.prototype, 'get'),
    update: vi.spyOn(ConversationStore.prototype, 'update'),
    finishTurn: vi.spyOn(ConversationStore.prototype, 'finishTurn'),
    transcript: vi.spyOn(ConversationStore.prototype, 'transcript'),
    activeHandoff: vi.spyOn(HandoffStore.prototype, 'activeForConversation'),
    stateRead: vi.spyOn(BotStateStore.prototype, 'read'),
    stateWrite: vi.spyOn(BotStateStore.prototype, 'write'),
  };
  const counts = () =>
    Object.fromEntries(Object.entries(calls).map(([name, spy]) => [name, spy.mock.calls.length]));
  /** What each call of a spy returned (the store's promises). */
  const returnedValues = (spy: { mock: { results: Array<{ value: unknown }> } }): unknown[] =>
    spy.mock.results.map((result) => result.value);
  const resetCounts = () => Object.values(calls).forEach((spy) => spy.mockClear());
  const started = () => Object.values(calls).reduce((sum, spy) => sum + spy.mock.calls.length, 0);
  /**
   * Lets the turn finish its last writes (state, analytics) after the reply went out, by events
   * rather than by a pause (a busy machine may take any time): `turns` visitor turns have marked
   * themselves run (the last thing a widget turn does), and every store call started so far has
   * finished without starting another.
   */
  const settled = async (options: { turns?: number } = {}) => {
    const turns = options.turns ?? 0;
    await waitUntil(() => calls.finishTurn.mock.calls.length >= turns, `${turns} turn(s) finished`);
    for (;;) {
      const before = started();
      await Promise.allSettled(Object.values(calls).flatMap(returnedValues));
      await new Promise((resolve) => setImmediate(resolve));
      if (started() === before) return;
    }
  };

  beforeAll(async () => {
    testApp = await startTestApp({}, { bot: new EchoBot({ greet: true }), clock });
    assistantApp = await startTestApp({}, { clock });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    Object.values(calls).forEach((spy) => spy.mockRestore());
    await testApp?.stop();
    await assistantApp?.stop();
  });

  async function visitor(): Promise<Awaited<ReturnType<typeof openSession>> & { socket: VisitorClient }> {
    const opened = await openSession(testApp.baseUrl);
    sockets.push(opened.socket);
    await waitUntil(() => botTexts(opened.messages).includes('welcome'), 'the welcome');
    await settled();
    return opened;
  }

  it('when a widget visitor sends a message answered with two replies, then the transcript is read once (the retry check) and written twice (the message, then both replies in one append), plus the mark that its turn ran', async () => {
    const { socket, messages } = await visitor();
    resetCounts();
    await sendMessage(socket, { text: 'answer-and-ask office-hours' });
    await waitUntil(
      () => botTexts(messages).some((text) => text.startsWith('Was this helpful')),
      'the replies',
    );
    await settled({ turns: 1 });
    expect(counts()).toEqual({
      findMessage: 1,
      append: 1,
      appendAll: 1,
      get: 0,
      update: 0,
      finishTurn: 1,
      transcript: 0,
      activeHandoff: 1,
      stateRead: 0,
      stateWrite: 0,
    });
  });

  it('when a Bot Framework visitor sends a message, then the conversation is touched in the same write as the message, without being read first, and nothing is read back', async () => {
    const conversation = { id: `bf-traffic-${Date.now()}` };
    await postActivity(testApp.baseUrl, { text: 'first', conversation });
    resetCounts();
    const { activities } = await postActivity(testApp.baseUrl, { text: 'second', conversation });
    expect(activities.map((activity) => activity.text)).toEqual(['echo: second']);
    expect(counts()).toEqual({
      findMessage: 0,
      append: 2,
      appendAll: 0,
      get: 0,
      update: 0,
      finishTurn: 0,
      transcript: 0,
      activeHandoff: 1,
      stateRead: 0,
      stateWrite: 0,
    });
  });

  it('when an agent has the chat, then the visitor message is relayed as recorded, and the answer of the agent is not read back', async () => {
    const { socket, session } = await visitor();
    const ana = await chatWithNewAgent(testApp, session.conversationId);
    sockets.push(ana.socket);
    await settled();

    resetCounts();
    await sendMessage(socket, { text: 'are you there?' });
    await waitUntil(
      () => ana.inbox.messages.some(({ message }) => message.text === 'are you there?'),
      'the message relayed to the agent',
    );
    await settled({ turns: 1 });
    expect(counts()).toEqual({
      findMessage: 1,
      append: 1,
      appendAll: 0,
      get: 0,
      update: 0,
      finishTurn: 1,
      transcript: 0,
      activeHandoff: 1,
      stateRead: 0,
      stateWrite: 0,
    });

    // The agent's answer: the retry check, whose chat it is, the widget's own look at the
    // conversation and the append; the receipt comes from the entry the channel recorded.
    resetCounts();
    await agentCall(ana.socket, 'chat:send', {
      conversationId: session.conversationId,
      id: 'agent-answer-0001',
      text: 'yes, I am here',
    });
    await settled();
    expect(counts()).toEqual({
      findMessage: 1,
      append: 1,
      appendAll: 0,
      get: 1,
      update: 0,
      finishTurn: 0,
      transcript: 0,
      activeHandoff: 1,
      stateRead: 0,
      stateWrite: 0,
    });
  });

  it('when the assistant answers a question or looks up a case on /api/messages, then each turn costs the store two commits, six writes and two reads', async () => {
    // Counted by the store itself (the embedded SQLite file's statements and commits). A turn's
    // writes: the visitor's message with the conversation's touch (two statements, one commit,
    // before the bot runs), then all of one send's replies in one append (two statements: the
    // sequence moved once, the entries inserted together), the bot state and the analytics event,
    // all in the turn's second commit. Its reads: the bot state and whether an agent has the chat.
    const store = assistantApp.app.store;
    const conversation = { id: `bf-commits-${Date.now()}` };
    const ask = (text: string) =>
      postActivity(assistantApp.baseUrl, {
        text,
        locale: 'en-US',
        conversation,
        from: { id: 'visitor-commits' },
      });
    await ask('hello');
    /** Each count's least over three turns: a background task (a sweep) may read during one. */
    const cost = async (text: string, check: (replies: ReplyActivity[]) => void) => {
      const turns: Array<Record<string, number>> = [];
      for (let turn = 0; turn < 3; turn += 1) {
        const before = store.activity();
        const { status, activities } = await ask(text);
        const after = store.activity();
        expect(status).toBe(200);
        check(activities);
        if (before === null || after === null) throw new Error('the embedded store counts what it does');
        turns.push({
          commits: after.commits - before.commits,
          writes: after.writes - before.writes,
          reads: after.reads - before.reads,
        });
      }
      return Object.fromEntries(
        ['commits', 'writes', 'reads'].map((name) => [name, Math.min(...turns.map((turn) => turn[name]!))]),
      );
    };
    const answered = await cost('How do I create a USCIS online account?', (replies) =>
      expect(replies.map((reply) => channelAnswer(reply)?.articleId).filter(Boolean)).not.toEqual([]),
    );
    expect(answered).toEqual({ commits: 2, writes: 6, reads: 2 });
    const caseStatus = await cost('What is the status of EAC9999103402?', (replies) =>
      expect(replies.map((reply) => reply.text ?? '').join(' ')).toContain('Case Was Approved'),
    );
    expect(caseStatus).toEqual({ commits: 2, writes: 6, reads: 2 });
  });

  it('when the assistant answers a widget visitor who keeps their language, then its state costs one read and at most one write', async () => {
    const { socket, messages } = await openSession(assistantApp.baseUrl);
    sockets.push(socket);
    await waitUntil(() => messages.some((message) => message.role === 'bot'), 'the welcome');
    await settled();
    resetCounts();
    // The first message settles the conversation's language (and the visitor's choice of it).
    await sendMessage(socket, { text: 'hello' });
    await waitUntil(() => messages.filter((message) => message.role === 'bot').length >= 2, 'the answer');
    await settled({ turns: 1 });

    resetCounts();
    const before = messages.length;
    await sendMessage(socket, { text: 'thank you' });
    await waitUntil(() => messages.slice(before).some((message) => message.role === 'bot'), 'the reply');
    await settled({ turns: 1 });
    expect(counts()).toMatchObject({
      findMessage: 1,
      get: 0,
      update: 0,
      finishTurn: 1,
      transcript: 0,
      activeHandoff: 1,
      stateRead: 1,
    });
    // Written only when the turn changed it (a thank-you changes nothing).
    expect(counts().stateWrite).toBeLessThanOrEqual(1);
  });
});
