import { rm } from 'node:fs/promises';
import { ActivityHandler } from 'botbuilder';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import enApi from '../../bot/i18n/locales/en/api.json' with { type: 'json' };
import esApi from '../../bot/i18n/locales/es/api.json' with { type: 'json' };
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';

describe('the service', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  // Requests that change nothing another test reads (the replies to a new conversation, refusals,
  // the health checks) are served by one app, started by the first test that asks for it.
  let shared: TestApp | undefined;
  const sharedApp = async (): Promise<TestApp> => (shared ??= await startTestApp());
  afterAll(async () => {
    await shared?.stop();
  });

  it('when started, then /healthz says the process is alive and /readyz that the store is open', async () => {
    const service = await sharedApp();
    const health = await fetch(`${service.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${service.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; checks: Record<string, boolean> };
    expect(body.status).toBe('ready');
    expect(body.checks.store).toBe(true);
  });

  it('when started on an empty store, then the repository articles are loaded once, not again on restart', async () => {
    running = await startTestApp();
    const first = await running.app.store.articles.list();
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first.every((record) => record.status === 'published' && record.revision === 1)).toBe(true);
    const dataDir = running.dataDir;
    await running.stop({ keepData: true });
    try {
      running = await startTestApp({ DATA_DIR: dataDir });
      const second = await running.app.store.articles.list();
      expect(second).toHaveLength(first.length);
      expect(second.every((record) => record.revision === 1)).toBe(true);
    } finally {
      await running.stop();
      running = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('when a question comes while the answer engine still trains, then readiness says not ready and the question waits for its answer', async () => {
    // Listening already: the engine trains after the service listens.
    running = await startTestApp({}, {}, { untilReady: false, keptIndex: false });
    const [readiness, question] = await Promise.all([
      fetch(`${running.baseUrl}/readyz`),
      postActivity(running.baseUrl, { text: 'How do I create a USCIS online account?', locale: 'en-US' }),
    ]);
    // However the race went, readiness tells the truth and the visitor got an article, not "none".
    const body = (await readiness.json()) as { status: string; checks: Record<string, boolean> };
    if (readiness.status === 503)
      expect(body).toMatchObject({ status: 'not_ready', checks: { answerIndex: false } });
    else expect(body).toMatchObject({ status: 'ready', checks: { answerIndex: true } });
    expect(question.status).toBe(200);
    const answered = question.activities.find(
      (activity) => (activity.channelData as { answer?: { articleId?: string } })?.answer?.articleId,
    );
    expect(answered).toBeDefined();
    await running.app.ready;
    const after = await fetch(`${running.baseUrl}/readyz`);
    expect(after.status).toBe(200);
  });

  it('when the Emulator posts a Spanish message with expectReplies, then the reply in the body is Spanish', async () => {
    const service = await sharedApp();
    const { status, activities } = await postActivity(service.baseUrl, { text: 'hola', locale: 'es-US' });
    expect(status).toBe(200);
    expect(activities.length).toBeGreaterThan(0);
    const texts = activities.map((activity) => activity.text ?? '').join(' ');
    expect(texts).toMatch(/asistente virtual/i);
    expect(
      activities.every((activity) => activity.locale === undefined || activity.locale.startsWith('es')),
    ).toBe(true);
  });

  it('when the Emulator posts an English message, then the reply is English', async () => {
    const service = await sharedApp();
    const { status, activities } = await postActivity(service.baseUrl, { text: 'hello', locale: 'en-US' });
    expect(status).toBe(200);
    expect(activities.map((activity) => activity.text ?? '').join(' ')).toMatch(/virtual assistant/i);
  });

  it('when the body is not an activity, then 400 with a clear error and no stack trace', async () => {
    const service = await sharedApp();
    for (const body of ['{"text": 1}', '[]', 'not json', '{"type": {"$ne": null}}']) {
      const response = await fetch(`${service.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toMatch(/\bat .+\.(js|ts):\d+/);
      // Nothing of the parser's own complaint, which quotes the body back.
      expect(text).not.toMatch(/Unexpected|position|not json/i);
      expect(JSON.parse(text)).toHaveProperty('error.message');
    }
  });

  it('when an activity lacks its conversation, channel, sender or service URL, or breaks any other rule of its schema, then 400 invalid_activity, not a 500', async () => {
    const service = await sharedApp();
    const complete = {
      type: 'message',
      text: 'hello',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/unused',
      deliveryMode: 'expectReplies',
      from: { id: 'visitor-1' },
      recipient: { id: 'bot' },
      conversation: { id: 'conv-complete' },
    };
    for (const missing of ['conversation', 'channelId', 'from', 'serviceUrl'] as const) {
      const { [missing]: _left, ...activity } = complete;
      const response = await fetch(`${service.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'es' },
        body: JSON.stringify(activity),
      });
      expect(response.status, missing).toBe(400);
      expect(await response.json(), missing).toEqual({
        error: { code: 'invalid_activity', message: esApi.invalid_activity },
      });
    }
    const whole = await postActivity(service.baseUrl, complete);
    expect(whole.status).toBe(200);

    // Each rule of the activity's schema, one broken at a time (the route checks the common case by
    // hand before the schema: it must never let through what the schema refuses).
    const long = (length: number) => 'x'.repeat(length);
    const broken: Array<[string, Record<string, unknown>]> = [
      ['type empty', { type: '' }],
      ['type too long', { type: long(65) }],
      ['type not text', { type: 1 }],
      ['id too long', { id: long(257) }],
      ['id not text', { id: 7 }],
      ['text too long', { text: long(10_001) }],
      ['text not text', { text: ['hello'] }],
      ['locale too long', { locale: long(33) }],
      ['channel empty', { channelId: '' }],
      ['channel too long', { channelId: long(129) }],
      ['service URL empty', { serviceUrl: '' }],
      ['service URL too long', { serviceUrl: long(2049) }],
      ['conversation id empty', { conversation: { id: '' } }],
      ['conversation id too long', { conversation: { id: long(513) } }],
      ['conversation a list', { conversation: [{ id: 'conv-complete' }] }],
      ['conversation id not text', { conversation: { id: 12 } }],
      ['sender id missing', { from: { name: 'visitor' } }],
      ['sender id too long', { from: { id: long(513) } }],
      ['sender not an object', { from: 'visitor-1' }],
    ];
    for (const [rule, change] of broken) {
      const response = await fetch(`${service.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...complete, ...change }),
      });
      expect(response.status, rule).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code, rule).toBe(
        'invalid_activity',
      );
    }
  });

  it('when a page is served, then its CSP lets it connect only to itself and the configured origins', async () => {
    running = await startTestApp({
      PUBLIC_ORIGINS: 'https://www.agency.example,http://intranet.example:8080',
    });
    const policy = (await fetch(`${running.baseUrl}/`)).headers.get('content-security-policy') ?? '';
    const connect = /connect-src ([^;]*)/.exec(policy)?.[1]?.split(' ') ?? [];
    expect(connect.sort()).toEqual(
      [
        "'self'",
        'http://intranet.example:8080',
        'https://www.agency.example',
        'ws://intranet.example:8080',
        'wss://www.agency.example',
      ].sort(),
    );
  });

  it('when running in production, then the browser code is served without its source maps', async () => {
    running = await startTestApp({ NODE_ENV: 'production', BOTFRAMEWORK_ENABLED: 'false' });
    expect((await fetch(`${running.baseUrl}/assets/widget.js`)).status).toBe(200);
    const map = await fetch(`${running.baseUrl}/assets/widget.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('sourcesContent');
    await running.stop();
    running = await startTestApp();
    // In development they help debugging.
    expect((await fetch(`${running.baseUrl}/assets/widget.js.map`)).status).toBe(200);
  });

  it('when a request is refused before any route runs, then the error is a clear localised message that quotes nothing of the request', async () => {
    const service = await sharedApp();
    const cases: Array<{ path: string; init: RequestInit; status: number; code: string; message: string }> = [
      {
        path: '/api/messages',
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"text": "secret-body',
        },
        status: 400,
        code: 'invalid_content',
        message: esApi.invalid_content,
      },
      {
        path: '/api/messages',
        init: { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<secret-body/>' },
        status: 415,
        code: 'unsupported_media_type',
        message: esApi.unsupported_media_type,
      },
      {
        path: '/api/messages',
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": 1}' },
        status: 400,
        code: 'invalid_activity',
        message: esApi.invalid_activity,
      },
      { path: '/secret-path', init: {}, status: 404, code: 'resource_not_found', message: esApi.not_found },
      { path: '/assets/secret-path.exe', init: {}, status: 404, code: 'not_found', message: esApi.not_found },
      {
        path: '/api/auth/login',
        init: { method: 'PUT' },
        status: 405,
        code: 'method_not_allowed',
        message: esApi.method_not_allowed,
      },
    ];
    for (const { path, init, status, code, message } of cases) {
      const headers = { ...(init.headers as Record<string, string>), 'accept-language': 'es-US,es;q=0.9' };
      const response = await fetch(`${service.baseUrl}${path}`, { ...init, headers });
      const text = await response.text();
      expect(response.status, path).toBe(status);
      expect(JSON.parse(text), path).toEqual({ error: { code, message } });
      expect(text).not.toMatch(/secret/);
    }
    // Without Spanish first, the same refusal is in English.
    const english = await fetch(`${service.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'not json',
    });
    expect(await english.json()).toEqual({
      error: { code: 'invalid_content', message: enApi.invalid_content },
    });
  });

  it('when Bot Framework credentials are set, then a request without a valid token gets 401 and runs no bot code', async () => {
    let botRuns = 0;
    const bot = new ActivityHandler();
    bot.onTurn(async (_context, next) => {
      botRuns += 1;
      await next();
    });
    running = await startTestApp(
      { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'test-secret' },
      { bot },
    );
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer not-a-jwt' },
      { authorization: 'Basic abc' },
    ];
    for (const headers of attempts) {
      const conversationId = `unauth-${Math.random().toString(36).slice(2)}`;
      const { status, activities } = await postActivity(
        running.baseUrl,
        { text: 'hello', conversation: { id: conversationId } },
        headers,
      );
      expect(status).toBe(401);
      expect(activities).toEqual([]);
      expect(await running.app.store.conversations.get(conversationId)).toBeNull();
      expect(await running.app.store.conversations.transcript(conversationId)).toEqual([]);
    }
    expect(botRuns).toBe(0);
  });

  it('when an unknown path is requested, then 404 JSON without internals', async () => {
    const service = await sharedApp();
    const response = await fetch(`${service.baseUrl}/nope/../../etc/passwd`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
