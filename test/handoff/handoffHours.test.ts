import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postActivity, startTestApp, type ReplyActivity, type TestApp } from '../support/testApp.js';
import {
  HOLIDAY,
  IN_HOURS,
  TestClock,
  agentCall,
  connectAgent,
  createAgent,
  type AgentClient,
} from './support/agentClient.js';
import { startFakeConnector } from './support/fakeConnector.js';

type Reply = ReplyActivity;

/**
 * Out of hours, on holidays, with nobody online or nobody who speaks the visitor's language: no
 * queue, the next opening and the alternatives, and the offer to leave a message, which becomes a
 * service request agents see. Driven through /api/messages with `expectReplies`, as the Emulator
 * does, with the clock set by hand.
 */
describe('live agents out of hours and the messages left for them', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  // The channel's connector service, where the bot's proactive notices go (the end of a wait the
  // sweep expires): taken at once, not retried against a closed port for seconds.
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  const sockets: AgentClient[] = [];

  beforeAll(async () => {
    connector = await startFakeConnector();
    testApp = await startTestApp({}, { clock });
    await createAgent(testApp.app.store, { username: 'eve', displayName: 'Eve', languages: ['en'] });
    await createAgent(testApp.app.store, { username: 'sol', displayName: 'Sol', languages: ['es'] });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await expect
      .poll(async () =>
        (await testApp.app.store.presence.list()).every((presence) => presence.status === 'offline'),
      )
      .toBe(true);
    clock.advance(24 * 3_600_000);
    await testApp.app.handoff.sweep();
  });
  afterAll(async () => {
    await testApp?.stop();
    await connector?.close();
  });

  /** One conversation on the Bot Framework endpoint. */
  function conversation(locale: 'en' | 'es' = 'en') {
    const id = `conv-${randomUUID()}`;
    return {
      id,
      say: async (text: string, value?: unknown): Promise<Reply[]> => {
        const { status, activities } = await postActivity(testApp.baseUrl, {
          conversation: { id },
          serviceUrl: connector.url,
          from: { id: `visitor-${id}`, name: 'Visitor' },
          locale,
          text,
          ...(value === undefined ? {} : { value }),
        });
        expect(status).toBe(200);
        return activities;
      },
    };
  }

  const agentRequest = { type: 'agent_request' };
  const allText = (replies: Reply[]) => replies.map((reply) => reply.text ?? '').join('\n');
  const leaveButton = (replies: Reply[]) =>
    replies
      .flatMap((reply) => reply.suggestedActions?.actions ?? [])
      .find((action) => {
        const value = action.value as { type?: string } | undefined;
        return value?.type === 'leave_message';
      });

  async function online(username: string): Promise<void> {
    const { socket } = await connectAgent(testApp.baseUrl, username);
    sockets.push(socket);
  }

  it('when a visitor asks on a Saturday, then nobody is queued and they get the next opening, the alternatives and the offer to leave a message', async () => {
    clock.set('2026-03-07T15:00:00.000Z');
    await online('eve');
    const chat = conversation();
    const replies = await chat.say('Talk to an agent', agentRequest);
    const text = allText(replies);
    expect(text).toContain('Monday, March 9 at 8:00 a.m. ET');
    expect(text).toContain('800-375-5283');
    expect(text).toContain('leave a message');
    expect(leaveButton(replies)).toBeDefined();
    expect(await testApp.app.store.handoff.activeForConversation(chat.id)).toBeNull();
  });

  it('when a visitor asks on a federal holiday, then the next opening is the day after', async () => {
    clock.set(HOLIDAY);
    await online('eve');
    const replies = await conversation('es').say('Hablar con un agente', agentRequest);
    expect(allText(replies)).toContain('el martes 20 de enero a las 8:00 a. m. (hora del Este)');
    expect(leaveButton(replies)).toBeDefined();
  });

  it('when it is open but no agent is online, then there is no queue and the hours say none is free at the moment', async () => {
    clock.set(IN_HOURS);
    const chat = conversation();
    const text = allText(await chat.say('Talk to an agent', agentRequest));
    expect(text).toContain('but none is free to take a chat at the moment');
    expect(text).toContain('leave a message');
    expect(await testApp.app.store.handoff.queued()).toEqual([]);
  });

  it('when only an English-speaking agent is online, then a Spanish-speaking visitor is not queued, and is once a Spanish speaker is', async () => {
    clock.set(IN_HOURS);
    await online('eve');
    const spanish = conversation('es');
    expect(allText(await spanish.say('Hablar con un agente', agentRequest))).toContain(
      'En este momento no puedo transferir',
    );
    await online('sol');
    const again = await spanish.say('Hablar con un agente', agentRequest);
    expect(allText(again)).toContain('Usted es el número 1 en la fila');
    expect(await testApp.app.store.handoff.activeForConversation(spanish.id)).toMatchObject({
      locale: 'es',
      status: 'queued',
    });
  });

  it('when a visitor leaves a message out of hours, then it is stored with its due date and agents see it when they sign in', async () => {
    clock.set('2026-03-07T15:00:00.000Z'); // Saturday
    const chat = conversation();
    await chat.say('How do I replace a lost green card?');
    await chat.say('Talk to an agent', agentRequest);
    expect(allText(await chat.say('Leave a message', { type: 'leave_message' }))).toContain(
      'What is your name?',
    );
    expect(allText(await chat.say('Maria Lopez'))).toContain('email address or your phone number');
    expect(allText(await chat.say('not a contact'))).toContain("doesn't look like");
    const confirm = await chat.say('maria@example.com');
    expect(allText(confirm)).toContain('Is this your question?');
    expect(allText(await chat.say('no'))).toContain('What is your question?');
    expect(allText(await chat.say('My card was stolen, receipt EAC9999103402'))).toContain('urgent');
    // A summary to send as it is or correct; nothing is stored before the visitor says so.
    const summary = allText(
      await chat.say("Yes, it's urgent", { type: 'leave_message_urgent', urgent: true }),
    );
    expect(summary).toContain('- Question: My card was stolen, receipt EAC*******3402');
    expect(await testApp.app.store.serviceRequests.list({ status: 'open' })).toEqual([]);
    const saved = allText(await chat.say('Send it', { type: 'leave_message_review', action: 'send' }));
    expect(saved).toContain('marked urgent');
    expect(saved).toContain('Monday, March 9');

    const [request] = await testApp.app.store.serviceRequests.list({ status: 'open' });
    expect(request).toMatchObject({
      conversationId: chat.id,
      name: 'Maria Lopez',
      email: 'maria@example.com',
      phone: null,
      urgent: true,
      dueDate: '2026-03-09',
      question: 'My card was stolen, receipt EAC*******3402',
    });

    // A second one, not urgent: due three business days later.
    const other = conversation('es');
    await other.say('Dejar un mensaje');
    await other.say('Ana');
    await other.say('(202) 555-0143');
    await other.say('¿Cuándo llega mi permiso?');
    expect(allText(await other.say('no'))).toContain('a más tardar el **miércoles 11 de marzo**');
    expect(allText(await other.say('sí, envíelo'))).toContain('Su mensaje quedó guardado');

    clock.set(IN_HOURS);
    const { state, socket } = await connectAgent(testApp.baseUrl, 'eve');
    sockets.push(socket);
    expect(state.requests.map((item) => [item.name, item.urgent, item.dueDate])).toEqual([
      ['Maria Lopez', true, '2026-03-09'],
      ['Ana', false, '2026-03-11'],
    ]);
    await agentCall(socket, 'request:close', { id: request!.id });
    await expect(agentCall(socket, 'request:close', { id: request!.id })).rejects.toMatchObject({
      code: 'request_not_found',
    });
    expect(await testApp.app.store.serviceRequests.list({ status: 'open' })).toHaveLength(1);
  });
});
