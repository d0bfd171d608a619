import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectError,
  messageId,
  openSession,
  rawEmitWithAck,
  sendMessage,
  visitorSocket,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { addUser } from '../admin/support/adminApi.js';
import { agentConnectError, agentSocket } from '../handoff/support/agentClient.js';
import { dataBytes } from '../support/dataFiles.js';
import { dataDirWithKeptIndex, postActivity, startTestApp, type TestApp } from '../support/testApp.js';

/** Small limits, so a modest flood is far above them. */
const LIMITS = {
  LOGIN_MAX_FAILURES: '3',
  LOGIN_ADDRESS_MAX_FAILURES: '5',
  WIDGET_IP_CONVERSATIONS_PER_MINUTE: '3',
  WIDGET_IP_MESSAGES_PER_MINUTE: '6',
  WIDGET_MESSAGES_PER_MINUTE: '3',
  WIDGET_EVENTS_PER_MINUTE: '12',
};
const FLOOD = {
  logins: 150,
  handshakes: 40,
  messagesPerSocket: 15,
  botFramework: 150,
  agentHandshakes: 20,
  admin: 30,
};
/** Generous: one visitor turn's records (the message, the replies with their activity, state, analytics). */
const BYTES_PER_TURN = 8 * 1024;
const BYTES_PER_AUDIT_ENTRY = 1024;

/**
 * Nothing anyone can send without signing in grows what is stored in proportion to how much they
 * send: sign-ins, widget handshakes and events, Bot Framework activities (unauthenticated in the
 * Emulator mode), agent handshakes and admin calls, all from one address, far more of each than
 * the limits allow. What is stored is bounded by the limits times the windows the flood took (so
 * a slow machine, on which the flood spans more windows, is allowed proportionally more), never by
 * the number of requests.
 */
describe('unauthenticated requests cannot grow the store without bound', () => {
  const dirs: string[] = [];
  let running: TestApp | undefined;
  const sockets: VisitorClient[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await running?.stop({ keepData: true });
    running = undefined;
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** A fresh data folder with the app started on it and a user to guess the password of. */
  async function start(): Promise<{ app: TestApp; dataDir: string }> {
    const dataDir = await dataDirWithKeptIndex('va-growth-');
    dirs.push(dataDir);
    running = await startTestApp({ ...LIMITS, DATA_DIR: dataDir });
    await addUser(running, 'ana', ['agent']);
    return { app: running, dataDir };
  }

  async function stopAndMeasure(dataDir: string): Promise<number> {
    // Closing compacts the embedded store: the files then hold exactly what is stored.
    await running?.stop({ keepData: true });
    running = undefined;
    return dataBytes(dataDir);
  }

  it('when one address floods every unauthenticated endpoint and event, then the stored records stay within the limits', async () => {
    // The same store with no flood: what the flood adds is measured against it.
    const quiet = await start();
    const baseline = await stopAndMeasure(quiet.dataDir);

    const { app, dataDir } = await start();
    const { baseUrl } = app;
    const startedAt = Date.now();

    // Sign-in guesses, at a user and at made-up names.
    const statuses: number[] = [];
    for (let index = 0; index < FLOOD.logins; index += 1) {
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: index % 2 ? 'ana' : `guess-${index}`, password: `wrong-${index}` }),
      });
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(FLOOD.logins / 2);

    // Widget handshakes, then every kind of event on the ones let in.
    const opened: Array<Awaited<ReturnType<typeof openSession>>> = [];
    for (let index = 0; index < FLOOD.handshakes; index += 1) {
      try {
        const session = await openSession(baseUrl);
        sockets.push(session.socket);
        opened.push(session);
      } catch {
        // Refused by the per-address limit of new conversations: what this test expects.
      }
    }
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.length).toBeLessThan(FLOOD.handshakes);
    let acceptedMessages = 0;
    for (const { socket } of opened) {
      for (let index = 0; index < FLOOD.messagesPerSocket; index += 1) {
        const ack = await sendMessage(socket, { text: `zzqx flood ${index}`, id: messageId() });
        if (ack.ok) acceptedMessages += 1;
        await rawEmitWithAck(socket, 'message:send', {
          id: messageId(),
          text: 'No',
          locale: 'en',
          value: { type: 'feedback', articleId: 'myuscis-account', locale: 'en', helpful: false },
        });
        await rawEmitWithAck(socket, 'locale:set', { locale: index % 2 ? 'es' : 'en' });
        socket.emit('typing:set', { active: index % 2 === 0 });
      }
    }

    // Bot Framework activities in the Emulator mode: a new conversation each time, or the same one.
    const botFrameworkIds: string[] = [];
    let botFrameworkRefused = 0;
    for (let index = 0; index < FLOOD.botFramework; index += 1) {
      const id = index % 3 === 0 ? 'flood-same' : `flood-${randomUUID()}`;
      botFrameworkIds.push(id);
      const { status } = await postActivity(baseUrl, { conversation: { id }, text: `zzqx ${index}` });
      if (status === 429) botFrameworkRefused += 1;
    }
    expect(botFrameworkRefused).toBeGreaterThan(FLOOD.botFramework / 2);

    // Agent handshakes with made-up tokens, and the admin API without one.
    for (let index = 0; index < FLOOD.agentHandshakes; index += 1) {
      await agentConnectError(agentSocket(baseUrl, { token: 'A'.repeat(43) }));
    }
    for (let index = 0; index < FLOOD.admin; index += 1) {
      const response = await fetch(`${baseUrl}/api/admin/users/${index}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ disabled: true }),
      });
      expect(response.status).toBe(401);
    }
    // One more handshake past the limit, to see the refusal itself.
    await connectError(visitorSocket(baseUrl)).catch(() => undefined);

    const elapsedMs = Date.now() - startedAt;
    /** Fixed windows the flood touched: a run of t ms spans at most ceil(t / window) + 1 of them. */
    const windows = (windowMs: number) => Math.ceil(elapsedMs / windowMs) + 1;
    const minutes = windows(60_000);
    const quarterHours = windows(15 * 60_000);

    // Records, store by store, against what the limits allow in the windows the flood took.
    const { store } = app.app;
    const audit = await store.audit.list({ limit: 10_000 });
    // Per window: the address's failed attempts, plus one aggregated entry per limit that refused.
    expect(audit.length).toBeLessThanOrEqual((Number(LIMITS.LOGIN_ADDRESS_MAX_FAILURES) + 3) * quarterHours);
    const storedBotFramework = [];
    for (const id of new Set(botFrameworkIds)) {
      if (await store.conversations.get(id)) storedBotFramework.push(id);
    }
    expect(storedBotFramework.length).toBeLessThanOrEqual(
      Number(LIMITS.WIDGET_IP_CONVERSATIONS_PER_MINUTE) * minutes,
    );
    const turnsAllowed = Number(LIMITS.WIDGET_IP_MESSAGES_PER_MINUTE) * minutes;
    let botFrameworkEntries = 0;
    for (const id of storedBotFramework) {
      botFrameworkEntries += (await store.conversations.transcript(id)).filter(
        (entry) => entry.role === 'visitor',
      ).length;
    }
    expect(botFrameworkEntries).toBeLessThanOrEqual(turnsAllowed);
    expect(acceptedMessages).toBeLessThanOrEqual(turnsAllowed);
    const analytics = await store.analytics.list({
      from: new Date(0).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(analytics.length).toBeLessThanOrEqual(2 * turnsAllowed);
    const feedback = await store.feedback.list({
      from: new Date(0).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(feedback).toEqual([]);

    // And everything together, whatever the store keeps it in: the files grew by what the allowed
    // turns and sign-ins can store, not by what was sent.
    const grown = (await stopAndMeasure(dataDir)) - baseline;
    const bound = 2 * turnsAllowed * BYTES_PER_TURN + audit.length * BYTES_PER_AUDIT_ENTRY;
    const sent =
      FLOOD.logins +
      FLOOD.handshakes +
      opened.length * FLOOD.messagesPerSocket * 4 +
      FLOOD.botFramework +
      FLOOD.agentHandshakes +
      FLOOD.admin;
    console.info(
      `flood of ${sent} unauthenticated requests/events over ${(elapsedMs / 1000).toFixed(1)} s: ` +
        `stored +${grown} bytes (bound ${bound}), ${audit.length} audit entries, ` +
        `${storedBotFramework.length} Bot Framework conversations, ${acceptedMessages} widget messages accepted`,
    );
    expect(grown).toBeLessThanOrEqual(bound);
  });
});
