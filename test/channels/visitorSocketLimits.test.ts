import { afterEach, describe, expect, it } from 'vitest';
import type { Ack, MessageReceipt } from '../../contracts/visitorEvents.js';
import { TYPING_EVENTS_PER_MINUTE } from '../../bot/channels/socket/visitorLimits.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { EchoBot } from './support/echoBot.js';
import {
  botTexts,
  connectError,
  history,
  messageId,
  openSession,
  request,
  rawEmit,
  rawEmitWithAck,
  sendMessage,
  visitorSocket,
  waitUntil,
  withTimeout,
  type VisitorClient,
} from './support/visitorClient.js';
import { anyNumber, anyString, objectContaining } from '../support/matchers.js';

describe('visitor socket: limits', () => {
  let testApp: TestApp | undefined;
  const sockets: VisitorClient[] = [];
  const start = async (env: Record<string, string>) => {
    testApp = await startTestApp(env, { bot: new EchoBot() });
    return testApp;
  };
  const open = async (options: Parameters<typeof openSession>[1] = {}) => {
    const opened = await openSession(testApp!.baseUrl, options);
    sockets.push(opened.socket);
    return opened;
  };
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await testApp?.stop();
    testApp = undefined;
  });

  it('when a message is longer than the maximum, then it is refused with a localised message_too_long and not recorded', async () => {
    await start({ WIDGET_MAX_MESSAGE_LENGTH: '50' });
    const { socket, session } = await open();
    expect(session.limits.maxMessageLength).toBe(50);
    const english = await sendMessage(socket, { text: 'x'.repeat(51) });
    expect(english).toEqual({
      ok: false,
      error: {
        code: 'message_too_long',
        message: 'Your message is too long. Please shorten it to 50 characters or fewer.',
      },
    });
    const spanish = await sendMessage(socket, { text: 'x'.repeat(51), locale: 'es' });
    expect(spanish.ok === false && spanish.error.message).toContain('demasiado largo');
    expect((await sendMessage(socket, { text: 'x'.repeat(50) })).ok).toBe(true);
    const page = await history(socket);
    expect(
      page.messages.filter((message) => message.role === 'visitor').map((message) => message.text.length),
    ).toEqual([50]);
  });

  it('when a visitor sends more messages per minute than allowed, then the extra ones get rate_limited with a wait, and retries of taken ones still get their ack', async () => {
    await start({ WIDGET_MESSAGES_PER_MINUTE: '3' });
    const { socket } = await open({ auth: { locale: 'es' } });
    const ids = [messageId(), messageId(), messageId(), messageId()];
    const acks = [];
    for (const id of ids) acks.push(await sendMessage(socket, { id, text: 'hola', locale: 'es' }));
    expect(acks.slice(0, 3).every((ack) => ack.ok)).toBe(true);
    const refused = acks[3]!;
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('rate_limited');
      expect(refused.error.retryAfterMs).toBeGreaterThan(0);
      expect(refused.error.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(refused.error.message).toMatch(/demasiado rápido.*\d+ segundos/);
    }
    // A retry of a message already taken is not a new message: same ack, no point spent.
    expect(await sendMessage(socket, { id: ids[0], text: 'hola', locale: 'es' })).toEqual(acks[0]);
    const page = await history(socket);
    expect(page.messages.some((message) => message.id === ids[3])).toBe(false);
  });

  it('when visitors behind one IP address send more than the IP allows, then the address is limited while another address is not', async () => {
    await start({ WIDGET_IP_MESSAGES_PER_MINUTE: '4', SOCKET_TRUST_PROXY: 'true' });
    const office = { 'x-forwarded-for': '198.51.100.7' };
    const first = await open({ headers: office });
    const second = await open({ headers: office });
    for (const socket of [first.socket, second.socket, first.socket, second.socket]) {
      expect((await sendMessage(socket, { text: 'hi' })).ok).toBe(true);
    }
    expect(await sendMessage(second.socket, { text: 'one more' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    // The client-written part of X-Forwarded-For is ignored: the proxy's last entry is the address.
    const spoofing = await open({ headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' } });
    expect(await sendMessage(spoofing.socket, { text: 'sneaky' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    const elsewhere = await open({ headers: { 'x-forwarded-for': '192.0.2.44' } });
    expect((await sendMessage(elsewhere.socket, { text: 'hi' })).ok).toBe(true);
  });

  it('when one address starts too many conversations, then the handshake is refused with a localised error, while known tokens still resume', async () => {
    const app = await start({ WIDGET_IP_CONVERSATIONS_PER_MINUTE: '2' });
    const first = await open();
    await open();
    const refused = await connectError(visitorSocket(app.baseUrl, { auth: { locale: 'es' } }));
    expect(refused.message).toBe('rate_limited');
    expect(refused.data).toMatchObject({ code: 'rate_limited', retryAfterMs: anyNumber() });
    expect(refused.data?.message).toContain('chats nuevos');
    const resumed = await open({ auth: { token: first.session.token } });
    expect(resumed.session.conversationId).toBe(first.session.conversationId);
  });

  it('when a connection sends more events per minute than allowed, then the extra ones are refused', async () => {
    await start({ WIDGET_EVENTS_PER_MINUTE: '5' });
    const { socket } = await open();
    const results = [];
    for (let index = 0; index < 6; index += 1) {
      results.push(await request(socket, 'history:since', { afterSeq: 0 }));
    }
    expect(results.slice(0, 5).every((result) => result.ok)).toBe(true);
    expect(results[5]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it("when several connections are opened with one token, then they share the conversation's event limit", async () => {
    await start({ WIDGET_EVENTS_PER_MINUTE: '6' });
    const first = await open();
    const token = first.session.token;
    const others = [await open({ auth: { token } }), await open({ auth: { token } })];
    expect(others.every((other) => other.session.conversationId === first.session.conversationId)).toBe(true);
    const results = [];
    for (let index = 0; index < 9; index += 1) {
      const socket = [first, ...others][index % 3]!.socket;
      results.push(await request(socket, 'history:since', { afterSeq: 0 }));
    }
    // Each connection sent only 3 (under its own limit of 6); the conversation sent 9.
    expect(results.filter((result) => result.ok)).toHaveLength(6);
    expect(results.slice(6)).toEqual(
      Array.from({ length: 3 }, () =>
        objectContaining({ ok: false, error: objectContaining({ code: 'rate_limited' }) }),
      ),
    );
    // Another conversation is not affected.
    const stranger = await open();
    expect((await request(stranger.socket, 'history:since', { afterSeq: 0 })).ok).toBe(true);
  });

  it('when a visitor sends typing signals, then they are handed on without a rejection or a cost against the event limit, up to their own cap', async () => {
    const app = await start({ WIDGET_EVENTS_PER_MINUTE: '5' });
    const signals: Array<{ conversationId: string; active: boolean }> = [];
    app.app.visitors.onTyping((conversationId, active) => signals.push({ conversationId, active }));
    const { socket, session } = await open();
    const rejections: unknown[] = [];
    socket.on('request:rejected', (rejection) => rejections.push(rejection));

    for (let index = 0; index < TYPING_EVENTS_PER_MINUTE + 20; index += 1) {
      socket.emit('typing:set', { active: index % 2 === 0 });
    }
    // Far more events than the connection may send, and its next message still goes through: by its
    // ack, the server has read every signal before it (one connection's packets arrive in order).
    expect((await sendMessage(socket, { text: 'typed' })).ok).toBe(true);
    expect(signals).toHaveLength(TYPING_EVENTS_PER_MINUTE);
    expect(signals.slice(0, 2)).toEqual([
      { conversationId: session.conversationId, active: true },
      { conversationId: session.conversationId, active: false },
    ]);
    // A client that passes an ack anyway gets an answer.
    expect(await rawEmitWithAck(socket, 'typing:set', { active: false })).toEqual({ ok: true, data: null });

    // A malformed one is refused like any bad request; it is the only refusal.
    const refused = withTimeout(
      new Promise((resolve) => socket.once('request:rejected', resolve)),
      'the rejection',
    );
    rawEmit(socket, 'typing:set', { active: 'yes' });
    expect(await refused).toMatchObject({ event: 'typing:set', error: { code: 'invalid_payload' } });
    expect(rejections).toHaveLength(1);
    expect(signals).toHaveLength(TYPING_EVENTS_PER_MINUTE);
  });

  it('when a packet is larger than the buffer limit, then only that client is disconnected and the server keeps serving', async () => {
    await start({ SOCKET_MAX_BUFFER_BYTES: '8192' });
    const { socket: offender } = await open();
    const { socket: bystander, messages } = await open();
    const dropped = withTimeout(
      new Promise<string>((resolve) => offender.once('disconnect', resolve)),
      'the disconnection',
    );
    offender.emit(
      'message:send',
      { id: messageId(), text: 'x'.repeat(20_000), locale: 'en' },
      () => undefined,
    );
    expect(await dropped).toBe('transport close');
    await sendMessage(bystander, { text: 'still fine' });
    await waitUntil(() => botTexts(messages).includes('echo: still fine'), 'the reply');
  });

  it('when a page from an origin outside the allowlist connects, then it is refused with a clear localised error', async () => {
    const app = await start({ PUBLIC_ORIGINS: 'https://www.agency.example' });
    const refused = await connectError(
      visitorSocket(app.baseUrl, { headers: { origin: 'https://evil.example' }, auth: { locale: 'es' } }),
    );
    expect(refused.data).toEqual({
      code: 'origin_not_allowed',
      message: 'El chat no está disponible en este sitio web.',
    });
    const listed = await open({ headers: { origin: 'https://www.agency.example' } });
    expect(listed.session.resumed).toBe(false);
    const sameOrigin = await open({ headers: { origin: app.baseUrl } });
    expect(sameOrigin.session.resumed).toBe(false);
  });

  it('when a DNS-rebinding page sends a Host that matches its own Origin, then it is still refused', async () => {
    const app = await start({ PUBLIC_ORIGINS: 'https://www.agency.example' });
    // evil.example resolved to this server: the browser sends Host and Origin of evil.example alike.
    const rebound = `evil.example:${app.port}`;
    const refused = await connectError(
      visitorSocket(app.baseUrl, { headers: { origin: `http://${rebound}`, host: rebound } }),
    );
    expect(refused.data).toMatchObject({ code: 'origin_not_allowed' });
    const api = await fetch(`${app.baseUrl}/api/auth/me`, {
      headers: { origin: `http://${rebound}`, host: rebound },
    });
    expect(api.status).toBe(403);
  });
});

describe('visitor socket: malformed payloads', () => {
  let testApp: TestApp;
  const sockets: VisitorClient[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await testApp?.stop();
  });

  it('when payloads of every wrong kind arrive, then each gets invalid_payload, nothing is recorded and the channel keeps working', async () => {
    testApp = await startTestApp({ WIDGET_EVENTS_PER_MINUTE: '1000' }, { bot: new EchoBot() });
    const { socket, messages, session } = await openSession(testApp.baseUrl);
    sockets.push(socket);
    const valid = { id: messageId(), text: 'hi', locale: 'en' };
    const polluted = JSON.parse(
      '{"id":"abcdefgh1","text":"hi","locale":"en","__proto__":{"admin":true}}',
    ) as unknown;
    const pollutedValue = JSON.parse(
      '{"id":"abcdefgh2","text":"","locale":"en","value":{"__proto__":{"admin":true}}}',
    ) as unknown;
    let deep: unknown = 'bottom';
    for (let index = 0; index < 50; index += 1) deep = { nested: deep };
    const payloads: unknown[] = [
      undefined,
      null,
      'a string',
      42,
      [],
      {},
      [valid],
      { ...valid, id: 5 },
      { ...valid, id: 'short' },
      { ...valid, id: 'x'.repeat(65) },
      { ...valid, id: 'has spaces in it' },
      { ...valid, text: 5 },
      { ...valid, text: null },
      { ...valid, text: '   ' },
      { ...valid, locale: 'fr' },
      { ...valid, extra: true },
      polluted,
      pollutedValue,
      { ...valid, value: { constructor: { prototype: { admin: true } } } },
      { ...valid, value: deep },
      { ...valid, value: { type: 'feedback', articleId: 'a', locale: 'en', helpful: 'yes' } },
      { ...valid, value: { type: 'feedback', articleId: 'a', locale: 'en', helpful: true, extra: 1 } },
      { ...valid, value: 'x'.repeat(5_000) },
      { ...valid, text: Buffer.from('binary') },
    ];
    for (const payload of payloads) {
      const ack = (await rawEmitWithAck(socket, 'message:send', payload)) as Ack<MessageReceipt>;
      expect(ack, JSON.stringify(payload)?.slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: anyString() },
      });
      if (!ack.ok) expect(ack.error.message).not.toMatch(/at \w+ \(|Error:|zod/i);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();

    // History and locale requests are checked too.
    for (const payload of [
      undefined,
      { afterSeq: -1 },
      { afterSeq: 'x' },
      { afterSeq: 0, limit: 10_000 },
      { afterSeq: 1.5 },
    ]) {
      const ack = await rawEmitWithAck(socket, 'history:since', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    const badLocale = await rawEmitWithAck(socket, 'locale:set', { locale: 'de' });
    expect(badLocale).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    for (const payload of [undefined, 'typing', { active: 1 }, { active: true, extra: 1 }, [true]]) {
      const ack = await rawEmitWithAck(socket, 'typing:set', payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }

    // No ack callback: the refusal comes as an event instead.
    const rejected = withTimeout(
      new Promise((resolve) => socket.once('request:rejected', resolve)),
      'request:rejected',
    );
    rawEmit(socket, 'message:send', valid);
    expect(await rejected).toMatchObject({ event: 'message:send', error: { code: 'invalid_payload' } });

    // Unknown events, with and without an ack.
    const unknown = await rawEmitWithAck(socket, 'admin:delete-everything', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    const unknownEvent = withTimeout(
      new Promise((resolve) => socket.once('request:rejected', resolve)),
      'rejection',
    );
    rawEmit(socket, 'whatever', 1, 2, 3);
    expect(await unknownEvent).toMatchObject({ event: 'whatever', error: { code: 'unknown_event' } });
    // Socket.IO's parser also lets numbers through as event names.
    expect(await rawEmitWithAck(socket, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_event' },
    });

    expect(await testApp.app.store.conversations.transcript(session.conversationId)).toEqual([]);
    await sendMessage(socket, { text: 'still works' });
    await waitUntil(() => botTexts(messages).includes('echo: still works'), 'the reply');
  });

  it('when the handshake auth is garbage, then the visitor still gets a new conversation', async () => {
    testApp = await startTestApp({}, { bot: new EchoBot() });
    for (const auth of [
      { token: ['a'] },
      { locale: 42 },
      { token: '', locale: '' },
      JSON.parse('{"__proto__":{"x":1}}'),
    ]) {
      const { socket, session } = await openSession(testApp.baseUrl, {
        auth: auth as Record<string, unknown>,
      });
      sockets.push(socket);
      expect(session).toMatchObject({ resumed: false, locale: 'en' });
    }
  });
});
