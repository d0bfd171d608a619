import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CannedReplies } from '../../bot/handoff/cannedReplies.js';
import { openStore } from '../../bot/storage/openStore.js';
import type { AgentAck, AgentClientToServerEvents, CannedReplyItem } from '../../contracts/agentEvents.js';
import { EVENT_WAIT_MS, eventually } from '../channels/support/visitorClient.js';
import { cannedReply } from '../storage/fixtures/records.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  agentCall,
  agentSocket,
  collect,
  connectAgent,
  createAgent,
  login,
  type AgentClient,
  type TestAgent,
} from './support/agentClient.js';
import { systemClock } from '../../bot/shared/clock.js';

/** The whole ack, refused or not: the refusal's localised message is what the console shows. */
async function ack<E extends 'canned:save' | 'canned:delete'>(
  socket: AgentClient,
  event: E,
  payload: Parameters<AgentClientToServerEvents[E]>[0] | Record<string, unknown>,
): Promise<AgentAck<unknown>> {
  const untyped = socket as unknown as {
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<AgentAck<unknown>> };
  };
  return untyped.timeout(EVENT_WAIT_MS).emitWithAck(event, payload);
}

function refusalOf(result: AgentAck<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.data)}`);
  return { code: result.error.code, message: result.error.message };
}

describe('canned replies: the defaults', () => {
  it('when every reply was deleted by an admin, then the defaults do not come back at the next start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'va-canned-'));
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      const canned = new CannedReplies({
        replies: store.cannedReplies,
        audit: store.audit,
        clock: systemClock,
      });
      const defaults = { en: [{ title: 'Hi', text: 'Hello' }], es: [{ title: 'Hola', text: 'Buenos días' }] };
      expect(await canned.seedIfNeverManaged(defaults)).toBe(2);
      expect(await canned.seedIfNeverManaged(defaults)).toBe(0);
      const actor = { userId: 'u1', username: 'alma', roles: ['admin'] as const };
      for (const reply of await canned.list()) await canned.delete(actor, reply.id);
      expect(await canned.list()).toEqual([]);
      expect(await canned.seedIfNeverManaged(defaults)).toBe(0);
      expect(await canned.list()).toEqual([]);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('canned replies: admins manage them per language, agents get them', () => {
  let testApp: TestApp;
  let admin: TestAgent;
  const sockets: AgentClient[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    const { store } = testApp.app;
    admin = await createAgent(store, {
      username: 'alma',
      displayName: 'Alma',
      roles: ['agent', 'admin'],
      languages: ['en', 'es'],
    });
    await createAgent(store, { username: 'bruno', displayName: 'Bruno', languages: ['es'] });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await testApp?.stop();
  });

  /** A console signed in as `username`, in `locale` (the language of its error messages). */
  async function consoleOf(username: string, locale: 'en' | 'es' = 'en') {
    if (locale === 'en') {
      const connected = await connectAgent(testApp.baseUrl, username);
      sockets.push(connected.socket);
      return watch(connected.socket, connected.state.canned);
    }
    const socket = agentSocket(testApp.baseUrl, { token: await login(testApp.baseUrl, username), locale });
    sockets.push(socket);
    const inbox = collect(socket);
    socket.connect();
    await eventually(async () => inbox.state !== null, 'the state');
    return watch(socket, inbox.state?.canned ?? []);
  }

  function watch(socket: AgentClient, initial: CannedReplyItem[]) {
    const updates: CannedReplyItem[][] = [];
    socket.on('canned:update', (list) => updates.push(list));
    return { socket, initial, updates };
  }

  it('when the product first starts, then every console gets five default replies per language, seeded once and kept out of the audit log', async () => {
    const { initial } = await consoleOf('bruno');
    expect(initial.filter((reply) => reply.locale === 'en').map((reply) => reply.title)).toEqual([
      'Anything else',
      'Case status',
      'Goodbye',
      'Greeting',
      'One moment',
    ]);
    expect(initial.filter((reply) => reply.locale === 'es').map((reply) => reply.title)).toEqual([
      'Algo más',
      'Despedida',
      'Estatus del caso',
      'Saludo',
      'Un momento',
    ]);
    expect(initial.find((reply) => reply.title === 'Saludo')?.text).toBe(
      'Hola, me llamo {{name}}. ¿En qué le puedo ayudar hoy?',
    );
    // Nobody changed anything: the audit log holds what people did.
    expect(await testApp.app.store.audit.list({ action: 'canned' })).toEqual([]);
    // Started again (another instance, a restart): nothing is added twice.
    const { handoff } = testApp.app;
    expect(await handoff.canned.seedIfNeverManaged(handoff.text.cannedDefaults())).toBe(0);
    expect(await testApp.app.store.cannedReplies.count('en')).toBe(5);
  });

  it('when an admin adds, changes and deletes a reply, then it is stored, audited with who and what, and every console gets the list', async () => {
    const alma = await consoleOf('alma');
    const bruno = await consoleOf('bruno');

    const added = (await agentCall(alma.socket, 'canned:save', {
      locale: 'es',
      title: '  Documentos\n requeridos ',
      text: 'Necesitará su pasaporte y el formulario I-90.',
    })) as CannedReplyItem;
    // The title is one line, trimmed.
    expect(added).toMatchObject({ locale: 'es', title: 'Documentos requeridos' });
    await eventually(async () => bruno.updates.length === 1, 'the list sent to the agent');
    expect(bruno.updates[0]?.find((reply) => reply.id === added.id)?.text).toBe(
      'Necesitará su pasaporte y el formulario I-90.',
    );
    expect((await testApp.app.store.cannedReplies.get(added.id))?.updatedBy).toBe(admin.id);

    const changed = (await agentCall(alma.socket, 'canned:save', {
      id: added.id,
      locale: 'es',
      title: 'Documentos',
      text: 'Traiga su pasaporte.',
    })) as CannedReplyItem;
    expect(changed).toMatchObject({ id: added.id, title: 'Documentos', text: 'Traiga su pasaporte.' });
    await eventually(async () => bruno.updates.length === 2, 'the changed list');

    expect(await agentCall(alma.socket, 'canned:delete', { id: added.id })).toEqual({ id: added.id });
    await eventually(async () => bruno.updates.length === 3, 'the list without it');
    expect(bruno.updates[2]?.some((reply) => reply.id === added.id)).toBe(false);
    expect(await testApp.app.store.cannedReplies.get(added.id)).toBeNull();

    // Entries written in the same millisecond have no order between them: compared by action.
    const audit = (await testApp.app.store.audit.list({ action: 'canned', actor: 'alma' })).sort((a, b) =>
      a.action.localeCompare(b.action),
    );
    expect(audit.map((entry) => [entry.action, entry.target])).toEqual([
      ['canned.create', added.id],
      ['canned.delete', added.id],
      ['canned.update', added.id],
    ]);
    expect(JSON.parse(audit[2]?.details ?? '{}')).toEqual({
      locale: 'es',
      title: 'Documentos',
      from: 'Documentos requeridos',
    });
  });

  it('when an agent without the admin role tries to change them, then it is refused in their language and nothing changes', async () => {
    const bruno = await consoleOf('bruno', 'es');
    const before = await testApp.app.store.cannedReplies.list();
    const target = before[0];
    if (!target) throw new Error('no reply stored');

    expect(
      refusalOf(await ack(bruno.socket, 'canned:save', { locale: 'es', title: 'Mía', text: 'Hola' })),
    ).toEqual({
      code: 'admin_only',
      message: 'Solo los administradores pueden cambiar las respuestas predefinidas.',
    });
    expect(
      refusalOf(
        await ack(bruno.socket, 'canned:save', {
          id: target.id,
          locale: target.locale,
          title: 'X',
          text: 'Y',
        }),
      ).code,
    ).toBe('admin_only');
    expect(refusalOf(await ack(bruno.socket, 'canned:delete', { id: target.id })).code).toBe('admin_only');
    expect(await testApp.app.store.cannedReplies.list()).toEqual(before);
    expect(await testApp.app.store.audit.list({ action: 'canned', actor: 'bruno' })).toEqual([]);
  });

  it('when an admin loses the role while connected, then the next change is refused', async () => {
    const { store } = testApp.app;
    await createAgent(store, { username: 'carla', roles: ['agent', 'admin'], languages: ['en'] });
    const carla = await consoleOf('carla');
    const saved = (await agentCall(carla.socket, 'canned:save', {
      locale: 'en',
      title: 'Office hours',
      text: 'We answer on weekdays.',
    })) as CannedReplyItem;
    const user = await store.users.findByUsername('carla');
    if (!user) throw new Error('carla is missing');
    await store.users.update(user.id, { roles: ['agent'] });
    expect(refusalOf(await ack(carla.socket, 'canned:delete', { id: saved.id })).code).toBe('admin_only');
    expect(await store.cannedReplies.get(saved.id)).not.toBeNull();
  });

  it('when an admin sends bad input, then each gets a clear error in the console language and nothing is stored', async () => {
    const en = await consoleOf('alma');
    const es = await consoleOf('alma', 'es');
    const before = await testApp.app.store.cannedReplies.list();
    const stored = before.find((reply) => reply.locale === 'en');
    if (!stored) throw new Error('no English reply stored');

    expect(
      refusalOf(await ack(en.socket, 'canned:save', { locale: 'en', title: ' \n ', text: 'Hi' })),
    ).toEqual({
      code: 'canned_incomplete',
      message: 'A canned reply needs a title and a text.',
    });
    expect(refusalOf(await ack(es.socket, 'canned:save', { locale: 'es', title: 'Hola', text: '' }))).toEqual(
      {
        code: 'canned_incomplete',
        message: 'Una respuesta predefinida necesita un título y un texto.',
      },
    );
    expect(
      refusalOf(await ack(es.socket, 'canned:save', { locale: 'es', title: 'x'.repeat(81), text: 'Hola' })),
    ).toEqual({
      code: 'message_too_long',
      message: 'El mensaje es demasiado largo (80 caracteres como máximo).',
    });
    expect(
      refusalOf(await ack(en.socket, 'canned:save', { locale: 'en', title: 'Long', text: 'y'.repeat(1001) })),
    ).toEqual({ code: 'message_too_long', message: 'The message is too long (at most 1000 characters).' });
    for (const payload of [
      { locale: 'fr', title: 'Bonjour', text: 'Salut' },
      { locale: 'en', title: 'Hi', text: 'Hello', extra: true },
      { locale: 'en', title: 42, text: 'Hello' },
      { id: '', locale: 'en', title: 'Hi', text: 'Hello' },
      null,
    ])
      expect(refusalOf(await ack(en.socket, 'canned:save', payload as Record<string, unknown>))).toEqual({
        code: 'invalid_payload',
        message: 'The request is not valid.',
      });
    expect(refusalOf(await ack(es.socket, 'canned:delete', { id: 'ghost' }))).toEqual({
      code: 'canned_not_found',
      message: 'Esta respuesta predefinida ya no existe.',
    });
    // A reply keeps its language: moving it is not a change of it.
    expect(
      refusalOf(
        await ack(en.socket, 'canned:save', { id: stored.id, locale: 'es', title: 'Hola', text: 'Hola' }),
      ).code,
    ).toBe('canned_not_found');
    expect(await testApp.app.store.cannedReplies.list()).toEqual(before);
  });

  it("when the console switches language, then the server's refusals follow it", async () => {
    const bruno = await consoleOf('bruno');
    const payload = { locale: 'en', title: 'Mine', text: 'Hello' } as const;
    expect(refusalOf(await ack(bruno.socket, 'canned:save', payload)).message).toBe(
      'Only administrators can change canned replies.',
    );
    expect(await agentCall(bruno.socket, 'locale:set', { locale: 'es' })).toEqual({ locale: 'es' });
    expect(refusalOf(await ack(bruno.socket, 'canned:save', payload)).message).toBe(
      'Solo los administradores pueden cambiar las respuestas predefinidas.',
    );
    await expect(
      agentCall(bruno.socket, 'locale:set', { locale: 'fr' } as unknown as { locale: 'es' }),
    ).rejects.toMatchObject({ code: 'invalid_payload' });
  });

  it('when a language has as many replies as it may keep, then one more is refused with the limit, in the console language', async () => {
    const { store } = testApp.app;
    const es = await consoleOf('alma', 'es');
    const count = await store.cannedReplies.count('es');
    for (let index = count; index < 100; index += 1)
      await store.cannedReplies.create(
        cannedReply(`bulk-${index}`, { locale: 'es', title: `Respuesta ${index}` }),
      );
    expect(
      refusalOf(await ack(es.socket, 'canned:save', { locale: 'es', title: 'Una más', text: 'Hola' })),
    ).toEqual({
      code: 'canned_limit',
      message: 'Ya hay 100 respuestas predefinidas en este idioma: elimine una primero.',
    });
    expect(await store.cannedReplies.count('es')).toBe(100);
    // The other language is not full.
    expect(
      await agentCall(es.socket, 'canned:save', { locale: 'en', title: 'One more', text: 'Hello' }),
    ).toMatchObject({ locale: 'en', title: 'One more' });
  });
});
