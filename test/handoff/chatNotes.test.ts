import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatNoteItem } from '../../contracts/agentEvents.js';
import {
  eventually,
  history,
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  IN_HOURS,
  TestClock,
  agentCall,
  connectAgent,
  createAgent,
  type AgentClient,
} from './support/agentClient.js';

/** The ack's error code of a call expected to be refused. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('the call was accepted');
}

describe('private notes on a live chat, and the note that goes with a transfer', () => {
  const clock = new TestClock(new Date(IN_HOURS));
  let testApp: TestApp;
  const sockets: Array<VisitorClient | AgentClient> = [];

  beforeAll(async () => {
    testApp = await startTestApp(
      { WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000', WIDGET_EVENTS_PER_MINUTE: '5000' },
      { clock },
    );
    const { store } = testApp.app;
    await createAgent(store, { username: 'ana', displayName: 'Ana', languages: ['en', 'es'], maxChats: 2 });
    await createAgent(store, { username: 'bea', displayName: 'Bea', languages: ['en'], maxChats: 2 });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    const { store } = testApp.app;
    await eventually(
      async () => (await store.presence.list()).every((presence) => presence.status === 'offline'),
      'agents offline',
    );
    clock.advance(20 * 60_000);
    await testApp.app.handoff.sweep();
  });
  afterAll(async () => {
    await testApp?.stop();
  });

  async function agent(username: string) {
    const connected = await connectAgent(testApp.baseUrl, username);
    sockets.push(connected.socket);
    const notes: ChatNoteItem[] = [];
    connected.socket.on('chat:note', ({ note }) => notes.push(note));
    return { ...connected, notes };
  }

  /** A visitor whose chat Ana has (she is the only one available). */
  async function chatWithAna(ana: Awaited<ReturnType<typeof agent>>) {
    await agentCall(ana.socket, 'presence:set', { status: 'available' });
    const opened = await openSession(testApp.baseUrl, { auth: { locale: 'en' } });
    sockets.push(opened.socket);
    await waitUntil(() => opened.messages.some((message) => message.role === 'bot'), 'the welcome');
    await sendMessage(opened.socket, { text: 'Talk to an agent', value: { type: 'agent_request' } });
    await waitUntil(() => ana.inbox.assigned.length > 0, 'the chat assigned to Ana');
    return { ...opened, conversationId: opened.session.conversationId };
  }

  it('when an agent writes a note, then it is kept masked, where it was written, shown in every tab of theirs, and never reaches the visitor', async () => {
    const ana = await agent('ana');
    const otherTab = await agent('ana');
    const visitor = await chatWithAna(ana);
    const { conversationId } = visitor;
    const lastSeq = (await testApp.app.store.conversations.get(conversationId))?.lastSeq ?? 0;

    const note = (await agentCall(ana.socket, 'note:add', {
      conversationId,
      id: 'note-aaaaaaaa',
      text: '  Her receipt is EAC9999103402; call back at 202-555-0143.  ',
    })) as ChatNoteItem;
    expect(note).toMatchObject({
      id: 'note-aaaaaaaa',
      conversationId,
      agentName: 'Ana',
      kind: 'note',
      text: 'Her receipt is EAC*******3402; call back at ***-***-0143.',
      afterSeq: lastSeq,
      at: IN_HOURS,
      toAgentId: null,
    });
    await waitUntil(() => otherTab.notes.some((item) => item.id === note.id), 'the note in the other tab');

    // A retry with the same id is the same note, not a second one.
    expect(
      await agentCall(ana.socket, 'note:add', { conversationId, id: 'note-aaaaaaaa', text: 'again' }),
    ).toEqual(note);
    expect(await agentCall(ana.socket, 'chat:notes', { conversationId })).toEqual([note]);

    // The visitor's side knows nothing of it: no live message, nothing in the history.
    await sendMessage(visitor.socket, { text: 'Are you there?' });
    await waitUntil(
      () => ana.inbox.messages.some((event) => event.message.text === 'Are you there?'),
      'relay',
    );
    const seen = [...visitor.messages, ...(await history(visitor.socket)).messages].map(
      (message) => message.text,
    );
    expect(seen.some((text) => text.includes('receipt') || text.includes('0143'))).toBe(false);

    // Bad notes are refused with a clear code, and nothing is stored.
    expect(
      await refusal(agentCall(ana.socket, 'note:add', { conversationId, id: 'note-bbbbbbbb', text: '   ' })),
    ).toBe('invalid_payload');
    expect(
      await refusal(
        agentCall(ana.socket, 'note:add', { conversationId, id: 'note-cccccccc', text: 'x'.repeat(2001) }),
      ),
    ).toBe('message_too_long');
    expect(
      await refusal(agentCall(ana.socket, 'note:add', { conversationId, id: 'short', text: 'id too short' })),
    ).toBe('invalid_payload');
    expect(await testApp.app.store.chatNotes.count(conversationId)).toBe(1);
    await agentCall(ana.socket, 'chat:end', { conversationId });
  });

  it('when someone else asks for or adds notes on a chat that is not theirs, then they are refused', async () => {
    const ana = await agent('ana');
    const bea = await agent('bea');
    const { conversationId } = await chatWithAna(ana);
    expect(await refusal(agentCall(bea.socket, 'chat:notes', { conversationId }))).toBe('not_your_chat');
    expect(
      await refusal(
        agentCall(bea.socket, 'note:add', { conversationId, id: 'note-dddddddd', text: 'hello' }),
      ),
    ).toBe('not_your_chat');
    expect(
      await refusal(agentCall(bea.socket, 'chat:notes', { conversationId: 'no-such-conversation' })),
    ).toBe('chat_not_found');
    await agentCall(ana.socket, 'chat:end', { conversationId });
  });

  it('when a chat is transferred with a note, then the receiving agent gets the note with the chat, and the earlier notes too', async () => {
    const ana = await agent('ana');
    const bea = await agent('bea');
    const { conversationId } = await chatWithAna(ana);
    await agentCall(bea.socket, 'presence:set', { status: 'available' });
    const earlier = (await agentCall(ana.socket, 'note:add', {
      conversationId,
      id: 'note-eeeeeeee',
      text: 'Asked about the I-765 fee.',
    })) as ChatNoteItem;

    // Too long a note: refused before anything moves.
    expect(
      await refusal(
        agentCall(ana.socket, 'chat:transfer', {
          conversationId,
          toAgentId: bea.state.me.agentId,
          note: 'y'.repeat(501),
        }),
      ),
    ).toBe('message_too_long');
    expect((await testApp.app.store.handoff.activeForConversation(conversationId))?.agentId).toBe(
      ana.state.me.agentId,
    );

    clock.advance(1_000);
    await agentCall(ana.socket, 'chat:transfer', {
      conversationId,
      toAgentId: bea.state.me.agentId,
      note: 'Needs the fee waiver form; she is on a phone.',
    });
    await waitUntil(() => bea.notes.some((note) => note.kind === 'transfer'), 'the transfer note');
    const transferNote = bea.notes.find((note) => note.kind === 'transfer');
    expect(transferNote).toMatchObject({
      agentName: 'Ana',
      toAgentId: bea.state.me.agentId,
      text: 'Needs the fee waiver form; she is on a phone.',
      at: clock.now().toISOString(),
    });
    expect(bea.inbox.assigned).toContainEqual({ conversationId, kind: 'transferred' });
    expect(await agentCall(bea.socket, 'chat:notes', { conversationId })).toEqual([earlier, transferNote]);
    expect(await refusal(agentCall(ana.socket, 'chat:notes', { conversationId }))).toBe('not_your_chat');

    // Without a note, a transfer leaves none.
    await agentCall(ana.socket, 'presence:set', { status: 'available' });
    await agentCall(bea.socket, 'chat:transfer', {
      conversationId,
      toAgentId: ana.state.me.agentId,
      note: '  ',
    });
    await waitUntil(() => ana.inbox.assigned.length === 2, 'the chat back with Ana');
    expect(await testApp.app.store.chatNotes.count(conversationId)).toBe(2);
    await agentCall(ana.socket, 'chat:end', { conversationId });
  });

  it('when a chat has as many notes as it may keep, then one more is refused with the limit', async () => {
    const ana = await agent('ana');
    const { conversationId } = await chatWithAna(ana);
    for (let index = 0; index < 200; index += 1) {
      await agentCall(ana.socket, 'note:add', {
        conversationId,
        id: `note-${String(index).padStart(8, '0')}`,
        text: `n${index}`,
      });
    }
    const code = await refusal(
      agentCall(ana.socket, 'note:add', { conversationId, id: 'note-overflow', text: 'one more' }),
    );
    expect(code).toBe('notes_limit');
    await agentCall(ana.socket, 'chat:end', { conversationId });
  });
});
