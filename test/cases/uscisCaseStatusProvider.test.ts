import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createUscisCaseStatusProvider,
  uscisCaseStatusConfigSchema,
  type CaseStatusResult,
  type UscisCaseStatusConfigInput,
} from '../../bot/cases/index.js';
import { TestClock } from '../support/testClock.js';
import { CLIENT_ID, CLIENT_SECRET, FakeUscisServer, approvedCaseAnswer } from './support/fakeUscisServer.js';
import { stringContaining } from '../support/matchers.js';

/** Monday, March 2, 2026, 10:00 a.m. Eastern, where the case-status tests' clock starts. */
const CASES_NOW = '2026-03-02T15:00:00.000Z';

let server: FakeUscisServer;

beforeEach(async () => {
  server = await FakeUscisServer.start();
});

afterEach(async () => {
  await server.stop();
});

interface LogLine {
  level: 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A client of the local server with a fake clock, fixed jitter (0.5) and a recording logger. */
function makeClient(overrides: UscisCaseStatusConfigInput = {}) {
  const clock = new TestClock(CASES_NOW);
  const logs: LogLine[] = [];
  /** The fake-clock time at which each request was handed to fetch. */
  const sentAt: number[] = [];
  const config = uscisCaseStatusConfigSchema.parse({
    baseUrl: server.baseUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...overrides,
  });
  const provider = createUscisCaseStatusProvider({
    config,
    clock,
    random: () => 0.5,
    fetch: (input, init) => {
      sentAt.push(clock.time);
      return fetch(input, init);
    },
    logger: {
      warn: (fields, message) => logs.push({ level: 'warn', fields, message }),
      error: (fields, message) => logs.push({ level: 'error', fields, message }),
    },
  });
  return { provider, clock, logs, sentAt };
}

/** Distinct, well-formed receipt numbers the sandbox does not know (404), to defeat the cache. */
function receipt(index: number): string {
  return `LIN${String(9999100000 + index)}`;
}

describe('when a case exists', () => {
  it('then the answer is mapped: status in both languages, form, dates and history', async () => {
    const { provider } = makeClient();
    const result = await provider.getStatus('EAC9999103402');
    expect(result.kind).toBe('found');
    if (result.kind !== 'found') return;
    expect(result.case).toEqual({
      receiptNumber: 'EAC9999103402',
      formType: 'I-130',
      status: {
        en: {
          title: 'Case Was Approved',
          description: stringContaining('On September 5, 2023, we approved your Form I-130'),
        },
        es: {
          title: 'Caso Fue Aprobado',
          description: stringContaining('El 5 de septiembre de 2023'),
        },
      },
      // "09-05-2023 14:28:46" is September 5 (month first), Eastern time (EDT, UTC-4).
      lastChanged: new Date('2023-09-05T18:28:46.000Z'),
      submitted: new Date('2023-09-05T18:28:46.000Z'),
      history: [
        {
          date: new Date('2023-09-05T04:00:00.000Z'),
          en: 'We approved your Form I-130, Petition for Alien Relative.',
          es: 'Aprobamos su Formulario I-130.',
        },
      ],
    });
  });

  it('then the token is requested with the client credentials as a form, and used as a bearer token', async () => {
    const { provider } = makeClient();
    await provider.getStatus('EAC9999103402');
    const [tokenRequest] = server.tokenRequests;
    expect(tokenRequest?.method).toBe('POST');
    expect(tokenRequest?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(server.statusRequests[0]?.headers.authorization).toBe('Bearer token-1');
  });

  it('then a receipt number typed loosely is normalised before the request', async () => {
    const { provider } = makeClient();
    expect((await provider.getStatus('eac-99-991-03402')).kind).toBe('found');
    expect(server.statusRequests[0]?.path).toBe('/case-status/EAC9999103402');
  });

  it('then a base URL with a path and a trailing slash is joined correctly', async () => {
    server.basePath = '/uscis/v1';
    const { provider } = makeClient({ baseUrl: `${server.baseUrl}/uscis/v1/` });
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
    expect(server.tokenRequests.map((request) => request.path)).toEqual(['/uscis/v1/oauth/accesstoken']);
    expect(server.statusRequests.map((request) => request.path)).toEqual([
      '/uscis/v1/case-status/EAC9999103402',
    ]);
  });
});

describe('access tokens', () => {
  it('when many lookups run, one after another or at once, then one token serves them all', async () => {
    const { provider } = makeClient();
    for (let index = 0; index < 4; index += 1) await provider.getStatus(receipt(index));
    await Promise.all([10, 11, 12, 13].map((index) => provider.getStatus(receipt(index))));
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.statusRequests).toHaveLength(8);
  });

  it('when lookups start together before any token exists, then they share one token request', async () => {
    const { provider } = makeClient();
    await Promise.all([1, 2, 3, 4, 5].map((index) => provider.getStatus(receipt(index))));
    expect(server.tokenRequests).toHaveLength(1);
  });

  it('when the token nears expiry (expires_in sent as a string), then a new one is fetched shortly before', async () => {
    server.tokenExpiresIn = '300';
    const { provider, clock } = makeClient({ tokenRefreshMarginMs: 60_000 });
    await provider.getStatus(receipt(1));
    clock.advance(239_000); // 61 s before expiry: still reused
    await provider.getStatus(receipt(2));
    expect(server.tokenRequests).toHaveLength(1);
    clock.advance(2_000); // 59 s before expiry: renewed
    await provider.getStatus(receipt(3));
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.statusRequests[2]?.headers.authorization).toBe('Bearer token-2');
  });

  it('when the server has expired the token (401), then exactly one new token is fetched and the lookup retried once', async () => {
    const { provider } = makeClient();
    await provider.getStatus(receipt(1));
    server.expireTokens();
    const result = await provider.getStatus('EAC9999103402');
    expect(result.kind).toBe('found');
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.statusRequests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('when even a fresh token is refused, then it stops after one renewal and reports an outage', async () => {
    server.rejectAllTokens = true;
    const { provider, logs } = makeClient();
    expect(await provider.getStatus('EAC9999103402')).toEqual({ kind: 'unavailable', reason: 'outage' });
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.statusRequests).toHaveLength(2);
    expect(logs.some((line) => line.level === 'error')).toBe(true);
  });

  it('when the client credentials are wrong, then no status request is made and operators get an error log', async () => {
    const { provider, logs } = makeClient({ clientSecret: 'wrong' });
    expect(await provider.getStatus('EAC9999103402')).toEqual({ kind: 'unavailable', reason: 'outage' });
    expect(server.statusRequests).toHaveLength(0);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', fields: { status: 401 } }));
  });

  it('when the token endpoint fails with 500, then it is retried like any request', async () => {
    server.tokenScript.push({ status: 500, body: 'oops' });
    const { provider, clock } = makeClient();
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
    expect(server.tokenRequests).toHaveLength(2);
    expect(clock.sleeps).toEqual([188]);
  });
});

describe('429 Too Many Requests', () => {
  it('when Retry-After gives seconds, then the client waits exactly that long and retries', async () => {
    server.script('EAC9999103402', { status: 429, headers: { 'retry-after': '2' } });
    const { provider, clock } = makeClient();
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
    expect(clock.sleeps).toEqual([2_000]);
    expect(server.statusRequests).toHaveLength(2);
  });

  it('when Retry-After is an HTTP date, then the wait runs until that date on the client clock', async () => {
    const { provider, clock } = makeClient();
    server.script('EAC9999103402', {
      status: 429,
      headers: { 'retry-after': new Date(clock.time + 3_000).toUTCString() },
    });
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
    expect(clock.sleeps).toEqual([3_000]);
  });

  it('when Retry-After is longer than the cap, then the lookup answers rate_limited and the client pauses until then', async () => {
    server.script('EAC9999103402', { status: 429, headers: { 'retry-after': '120' } });
    const { provider, clock } = makeClient({ maxRetryAfterMs: 5_000 });
    expect(await provider.getStatus('EAC9999103402')).toEqual({
      kind: 'unavailable',
      reason: 'rate_limited',
    });
    expect(clock.sleeps).toEqual([]);
    expect(await provider.getStatus(receipt(1))).toEqual({ kind: 'unavailable', reason: 'rate_limited' });
    expect(server.statusRequests).toHaveLength(1);
    clock.advance(120_000);
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
  });

  it('when there is no Retry-After, then it backs off exponentially with jitter and gives up as rate_limited', async () => {
    server.script('EAC9999103402', { status: 429 }, { status: 429 }, { status: 429 });
    const { provider, clock } = makeClient({ maxRetries: 2, backoffBaseMs: 250 });
    expect(await provider.getStatus('EAC9999103402')).toEqual({
      kind: 'unavailable',
      reason: 'rate_limited',
    });
    // Equal jitter with random 0.5: 125 + 62.5 → 188, then 250 + 125 → 375.
    expect(clock.sleeps).toEqual([188, 375]);
    expect(server.statusRequests).toHaveLength(3);
    // Being told to slow down says nothing about the API's health.
    expect(provider.circuitState).toBe('closed');
  });

  it('when the 429 says the daily quota is used up, then daily_limit is answered until the next day', async () => {
    server.script('EAC9999103402', {
      status: 429,
      body: {
        fault: {
          faultstring: 'Rate limit quota violation. Quota limit  exceeded. Identifier : _default',
          detail: { errorcode: 'policies.ratelimit.QuotaViolation' },
        },
      },
    });
    const { provider, clock } = makeClient();
    expect(await provider.getStatus('EAC9999103402')).toEqual({ kind: 'daily_limit' });
    expect(await provider.getStatus(receipt(1))).toEqual({ kind: 'daily_limit' });
    expect(server.statusRequests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    clock.time = Date.parse('2026-03-03T00:00:00.000Z'); // a new UTC day
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
  });
});

describe('the daily request budget', () => {
  it('when the local budget is spent (token requests count), then daily_limit is answered without a request', async () => {
    const { provider, clock } = makeClient({ dailyBudget: 3 });
    expect((await provider.getStatus(receipt(1))).kind).toBe('not_found'); // token + status
    expect((await provider.getStatus(receipt(2))).kind).toBe('not_found'); // status
    expect(provider.requestsToday).toBe(3);
    expect(await provider.getStatus(receipt(3))).toEqual({ kind: 'daily_limit' });
    expect(server.requests).toHaveLength(3);
    clock.time = Date.parse('2026-03-03T00:00:01.000Z'); // a new UTC day; the token has expired too
    expect((await provider.getStatus(receipt(3))).kind).toBe('not_found');
    expect(provider.requestsToday).toBe(2);
  });
});

describe('server errors, the circuit breaker and timeouts', () => {
  it('when the API fails with 500 and 502, then it is retried with back-off until it answers', async () => {
    server.script('EAC9999103402', { status: 500, body: 'Internal Server Error' }, { status: 502 });
    const { provider, clock } = makeClient();
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
    expect(clock.sleeps).toEqual([188, 375]);
    expect(server.statusRequests).toHaveLength(3);
  });

  it('when a 503 names a Retry-After within the cap, then that wait is used instead of the back-off', async () => {
    server.script('EAC9999103402', { status: 503, headers: { 'retry-after': '1' } });
    const { provider, clock } = makeClient();
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
    expect(clock.sleeps).toEqual([1_000]);
  });

  it('when a 503 asks for a pause longer than the cap, then lookups report an outage until it is over, without requests', async () => {
    server.script('EAC9999103402', { status: 503, headers: { 'retry-after': '300' } });
    const { provider, clock } = makeClient();
    expect(await provider.getStatus('EAC9999103402')).toEqual({ kind: 'unavailable', reason: 'outage' });
    expect(await provider.getStatus(receipt(1))).toEqual({ kind: 'unavailable', reason: 'outage' });
    expect(server.statusRequests).toHaveLength(1);
    clock.advance(300_000);
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
  });

  it('when 500s persist, then lookups report an outage, the circuit opens, and half-opens after the cool-down', async () => {
    const failing = { status: 500, body: '<html>Internal Server Error</html>' };
    server.script(receipt(1), failing, failing, failing);
    server.script(receipt(2), failing, failing, failing);
    const { provider, clock, logs } = makeClient({
      maxRetries: 2,
      circuitBreaker: { failureThreshold: 2, cooldownMs: 30_000 },
    });
    expect(await provider.getStatus(receipt(1))).toEqual({ kind: 'unavailable', reason: 'outage' });
    expect(provider.circuitState).toBe('closed');
    expect(await provider.getStatus(receipt(2))).toEqual({ kind: 'unavailable', reason: 'outage' });
    expect(provider.circuitState).toBe('open');
    expect(logs).toContainEqual(
      expect.objectContaining({ message: 'case status API failing: circuit opened' }),
    );

    const requestsWhenOpened = server.statusRequests.length;
    expect(await provider.getStatus('EAC9999103402')).toEqual({
      kind: 'unavailable',
      reason: 'circuit_open',
    });
    expect(server.statusRequests).toHaveLength(requestsWhenOpened);

    clock.advance(29_999);
    expect(await provider.getStatus('EAC9999103402')).toEqual({
      kind: 'unavailable',
      reason: 'circuit_open',
    });
    clock.advance(1);
    expect(provider.circuitState).toBe('half_open');
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found'); // the probe
    expect(provider.circuitState).toBe('closed');
  });

  it('when the half-open probe fails, then the circuit opens again for another cool-down', async () => {
    const failing = { status: 500 };
    server.script(receipt(1), failing);
    server.script(receipt(2), failing);
    const { provider, clock } = makeClient({
      maxRetries: 0,
      circuitBreaker: { failureThreshold: 1, cooldownMs: 10_000 },
    });
    await provider.getStatus(receipt(1));
    expect(provider.circuitState).toBe('open');
    clock.advance(10_000);
    expect(await provider.getStatus(receipt(2))).toEqual({ kind: 'unavailable', reason: 'outage' });
    expect(provider.circuitState).toBe('open');
    clock.advance(9_999);
    expect(await provider.getStatus('EAC9999103402')).toEqual({
      kind: 'unavailable',
      reason: 'circuit_open',
    });
  });

  it('when half-open, then only one probe goes through at a time', async () => {
    server.script(receipt(1), { status: 500 });
    const { provider, clock } = makeClient({
      maxRetries: 0,
      circuitBreaker: { failureThreshold: 1, cooldownMs: 1_000 },
    });
    await provider.getStatus(receipt(1));
    clock.advance(1_000);
    const [probe, concurrent] = await Promise.all([
      provider.getStatus('EAC9999103402'),
      provider.getStatus(receipt(2)),
    ]);
    expect(probe.kind).toBe('found');
    expect(concurrent).toEqual({ kind: 'unavailable', reason: 'circuit_open' });
  });

  it('when the API never answers, then the request times out (no retry: the visitor already waited)', async () => {
    server.script('EAC9999103402', 'hang');
    // Long enough for the token request to be answered on a busy machine: only the status hangs.
    const { provider, clock } = makeClient({ requestTimeoutMs: 2_000 });
    expect(await provider.getStatus('EAC9999103402')).toEqual({ kind: 'unavailable', reason: 'timeout' });
    expect(server.statusRequests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('when the token endpoint never answers, then the lookup times out too', async () => {
    server.tokenScript.push('hang');
    const { provider } = makeClient({ requestTimeoutMs: 50 });
    expect(await provider.getStatus('EAC9999103402')).toEqual({ kind: 'unavailable', reason: 'timeout' });
  });

  it('when nothing listens at the base URL, then connection errors are retried and end as an outage', async () => {
    const { provider, clock } = makeClient({ baseUrl: server.baseUrl });
    await server.stop();
    expect(await provider.getStatus('EAC9999103402')).toEqual({ kind: 'unavailable', reason: 'outage' });
    expect(clock.sleeps).toHaveLength(2);
    server = await FakeUscisServer.start(); // for afterEach
  });
});

describe('answers that are not a case', () => {
  const outage = { kind: 'unavailable', reason: 'outage' } as const;
  it.each([
    { label: '404', answer: { status: 404 }, expected: { kind: 'not_found' } },
    {
      label: '400',
      answer: { status: 400, body: { errors: [{ message: 'Invalid receipt' }] } },
      expected: { kind: 'invalid' },
    },
    { label: '422', answer: { status: 422 }, expected: { kind: 'invalid' } },
    { label: '403', answer: { status: 403, body: 'Forbidden' }, expected: outage },
    {
      label: '200 with malformed JSON',
      answer: { status: 200, body: '{"case_status": {"receiptNumber": "EAC' },
      expected: outage,
    },
    {
      label: '200 with HTML',
      answer: { status: 200, body: '<html><body>Maintenance</body></html>' },
      expected: outage,
    },
    {
      label: '200 without a case_status',
      answer: { status: 200, body: { message: 'Query was successful' } },
      expected: outage,
    },
    {
      label: '200 without an English status',
      answer: {
        status: 200,
        body: { case_status: { receiptNumber: 'EAC9999103402', current_case_status_text_en: '' } },
      },
      expected: outage,
    },
  ])(
    'when the API answers $label, then the result is $expected.kind, not retried, no raw text',
    async ({ answer, expected }) => {
      server.script('EAC9999103402', answer);
      const { provider } = makeClient();
      const result = await provider.getStatus('EAC9999103402');
      expect(result).toEqual(expected);
      expect(server.statusRequests).toHaveLength(1);
    },
  );

  it('when the input is not a receipt number, then it is invalid without any request', async () => {
    const { provider } = makeClient();
    for (const input of ['EAC123', '', 'hello', 'EAC99991034021', 42 as unknown as string]) {
      expect(await provider.getStatus(input)).toEqual({ kind: 'invalid' });
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('lenient reading of a found case', () => {
  it('when the Spanish fields are missing, then es is null (status and history) and English is kept', async () => {
    const answer = approvedCaseAnswer('WAC9999100008') as { case_status: Record<string, unknown> };
    delete answer.case_status.current_case_status_text_es;
    delete answer.case_status.current_case_status_desc_es;
    answer.case_status.hist_case_status = [
      { date: '2026-02-17', completed_text_en: 'We received your Form N-400.' },
    ];
    server.cases.set('WAC9999100008', answer);
    const { provider } = makeClient();
    const result = await provider.getStatus('WAC9999100008');
    expect(result.kind === 'found' && result.case.status.es).toBeNull();
    expect(result.kind === 'found' && result.case.status.en.title).toBe('Case Was Approved');
    expect(result.kind === 'found' && result.case.history[0]?.es).toBeNull();
  });

  it('when only the Spanish title is there, then es is null rather than half Spanish', async () => {
    const answer = approvedCaseAnswer() as { case_status: Record<string, unknown> };
    answer.case_status.current_case_status_desc_es = '';
    server.cases.set('EAC9999103402', answer);
    const { provider } = makeClient();
    const result = await provider.getStatus('EAC9999103402');
    expect(result.kind === 'found' && result.case.status.es).toBeNull();
  });

  it('when dates are missing or garbage and the history is null (IOE answers), then they are null, not a crash', async () => {
    server.cases.set('IOE9999100010', {
      case_status: {
        receiptNumber: 'IOE9999100010',
        formType: 'I-90',
        modifiedDate: 'not a date',
        current_case_status_text_en: 'Case Was Received',
        current_case_status_desc_en: 'We received your Form I-90.',
        hist_case_status: null,
        unexpected_field: { nested: true },
      },
      message: 'Query was successful',
    });
    const { provider } = makeClient();
    const result = await provider.getStatus('IOE9999100010');
    expect(result).toEqual({
      kind: 'found',
      case: {
        receiptNumber: 'IOE9999100010',
        formType: 'I-90',
        status: { en: { title: 'Case Was Received', description: 'We received your Form I-90.' }, es: null },
        lastChanged: null,
        submitted: null,
        history: [],
      },
    });
  });

  it('when history entries are odd (no English, not objects, odd dates), then the readable ones are kept', async () => {
    const answer = approvedCaseAnswer() as { case_status: Record<string, unknown> };
    answer.case_status.hist_case_status = [
      { date: '2023-05-09T10:00:00Z', completed_text_en: 'Received.', completed_text_es: 'Recibido.' },
      { date: 'yesterday', completed_text_en: 'Reviewed.' },
      { date: '2023-09-05' },
      'not an entry',
      null,
    ];
    server.cases.set('EAC9999103402', answer);
    const { provider } = makeClient();
    const result = await provider.getStatus('EAC9999103402');
    expect(result.kind === 'found' && result.case.history).toEqual([
      { date: new Date('2023-05-09T10:00:00Z'), en: 'Received.', es: 'Recibido.' },
      { date: null, en: 'Reviewed.', es: null },
    ]);
  });
});

describe('the 5-requests-per-second limit', () => {
  it('when 12 lookups arrive at once, then no more than 5 requests leave in any second', async () => {
    const { provider, clock, sentAt } = makeClient();
    const start = clock.time;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) => provider.getStatus(receipt(index))),
    );
    expect(results.every((result) => result.kind === 'not_found')).toBe(true);
    // 13 requests (1 token + 12 status): 5 at once, 5 a second later, 3 a second after that.
    const offsets = sentAt.map((time) => time - start);
    expect(offsets).toEqual([0, 0, 0, 0, 0, 1_000, 1_000, 1_000, 1_000, 1_000, 2_000, 2_000, 2_000]);
    for (const time of sentAt) {
      expect(sentAt.filter((other) => other >= time && other < time + 1_000).length).toBeLessThanOrEqual(5);
    }
  });

  it('when a slot is further away than the allowed wait, then the lookup answers rate_limited', async () => {
    const { provider } = makeClient({ rateLimit: { maxRequests: 1, windowMs: 1_000, maxWaitMs: 500 } });
    const results = await Promise.all([provider.getStatus(receipt(1)), provider.getStatus(receipt(2))]);
    // The token takes the only slot; the first status request would wait 1 s > 500 ms.
    expect(results).toContainEqual({ kind: 'unavailable', reason: 'rate_limited' });
  });
});

describe('the response cache', () => {
  it('when the same case is asked again within the TTL, then it is answered from memory', async () => {
    const { provider, clock } = makeClient({ cache: { ttlMs: 60_000 } });
    await provider.getStatus('EAC9999103402');
    clock.advance(59_999);
    expect((await provider.getStatus('eac 9999103402')).kind).toBe('found');
    expect(server.statusRequests).toHaveLength(1);
    clock.advance(1);
    await provider.getStatus('EAC9999103402');
    expect(server.statusRequests).toHaveLength(2);
  });

  it('when not_found is answered, then it is cached too; outages are not', async () => {
    server.script(receipt(2), { status: 500 });
    const { provider } = makeClient({ maxRetries: 0 });
    await provider.getStatus(receipt(1));
    await provider.getStatus(receipt(1));
    expect((await provider.getStatus(receipt(2))).kind).toBe('unavailable');
    expect((await provider.getStatus(receipt(2))).kind).toBe('not_found');
    expect(server.statusRequests).toHaveLength(3);
  });

  it('when more cases than maxEntries are looked up, then the least recently used is forgotten', async () => {
    const { provider } = makeClient({ cache: { ttlMs: 60_000, maxEntries: 2 } });
    await provider.getStatus(receipt(1));
    await provider.getStatus(receipt(2));
    await provider.getStatus(receipt(1)); // 1 is now the most recent
    await provider.getStatus(receipt(3)); // evicts 2
    expect(server.statusRequests).toHaveLength(3);
    await provider.getStatus(receipt(1));
    expect(server.statusRequests).toHaveLength(3);
    await provider.getStatus(receipt(2));
    expect(server.statusRequests).toHaveLength(4);
  });

  it('when a caller changes a result, then later answers from the cache are not affected', async () => {
    const { provider } = makeClient();
    const first = await provider.getStatus('EAC9999103402');
    if (first.kind === 'found') first.case.status.en.title = 'changed';
    const second = await provider.getStatus('EAC9999103402');
    expect(second.kind === 'found' && second.case.status.en.title).toBe('Case Was Approved');
  });

  it('when the same case is asked twice at once, then one request serves both', async () => {
    const { provider } = makeClient({ cache: { ttlMs: 0 } });
    const [a, b] = await Promise.all([
      provider.getStatus('EAC9999103402'),
      provider.getStatus('EAC9999103402'),
    ]);
    expect(a).toEqual(b);
    expect(server.statusRequests).toHaveLength(1);
  });
});

describe('privacy of what is logged and returned', () => {
  it('when lookups fail in every way, then results carry only kind/reason and logs never hold a full receipt number or the secret', async () => {
    server.script('EAC9999103402', { status: 200, body: 'Traceback (most recent call last): secret stuff' });
    server.script(receipt(1), { status: 418, body: 'I am a teapot' });
    server.script(receipt(2), { status: 429, headers: { 'retry-after': '600' } });
    const { provider, logs } = makeClient();
    const results: CaseStatusResult[] = [
      await provider.getStatus('EAC9999103402'),
      await provider.getStatus(receipt(1)),
      await provider.getStatus(receipt(2)),
    ];
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual(['kind', 'reason']);
    }
    const logged = JSON.stringify(logs);
    expect(logs.length).toBeGreaterThan(0);
    expect(logged).not.toContain('EAC9999103402');
    expect(logged).not.toContain(receipt(1));
    expect(logged).toContain('EAC*******3402');
    expect(logged).not.toContain(CLIENT_SECRET);
    expect(logged).not.toContain('Traceback');
  });
});
