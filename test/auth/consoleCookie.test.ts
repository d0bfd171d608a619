import { request } from 'node:http';
import { parseSetCookie } from 'cookie';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../bot/auth/csrf.js';
import { addUser, PASSWORD, sampleArticle } from '../admin/support/adminApi.js';
import { agentConnectError, type AgentClient } from '../handoff/support/agentClient.js';
import { consoleCookieOf } from '../support/consoleCookie.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const WIDGET_SITE = 'https://www.agency.example';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
  setCookie: string[];
}

/**
 * The consoles' sign-in as a browser holds it: one cookie jar for every tab, the CSRF token each
 * page learnt from the API, and the page's origin on every change (browsers send Origin with
 * POST, PUT, PATCH and DELETE, same-origin ones included).
 */
class BrowserJar {
  cookie: string | null = null;

  constructor(private readonly app: TestApp) {}

  async call(
    method: string,
    path: string,
    options: { body?: unknown; csrf?: string | null; origin?: string | null; language?: string } = {},
  ): Promise<Answer> {
    const origin = options.origin === undefined ? this.app.baseUrl : options.origin;
    const response = await fetch(`${this.app.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}),
        ...(origin && method !== 'GET' ? { origin } : {}),
        ...(options.language ? { 'accept-language': options.language } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const setCookie = response.headers.getSetCookie();
    const cookie = consoleCookieOf(response);
    if (cookie)
      this.cookie = cookie.value && (cookie.maxAge ?? 1) > 0 ? `${cookie.name}=${cookie.value}` : null;
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : {}) as Answer['body'],
      setCookie,
    };
  }

  async signIn(username: string): Promise<string> {
    const answer = await this.call('POST', '/api/auth/login', { body: { username, password: PASSWORD } });
    expect(answer.status).toBe(200);
    return String(answer.body.csrfToken);
  }
}

/** A raw request with a Host header of our choosing (fetch sends the address's own). */
function loginWithHost(app: TestApp, host: string): Promise<{ status: number; setCookie: string[] }> {
  const url = new URL(`${app.baseUrl}/api/auth/login`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const header = res.headers['set-cookie'];
          resolve({ status: res.statusCode ?? 0, setCookie: header ?? [] });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ username: 'eva', password: PASSWORD }));
  });
}

describe('console sessions in an HttpOnly cookie with CSRF protection', () => {
  let app: TestApp;
  const sockets: AgentClient[] = [];

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_ORIGINS: WIDGET_SITE });
    await addUser(app, 'eva', ['editor']);
    await addUser(app, 'ana', ['agent']);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The agent namespace opened as the console page opens it: the browser's cookie, the page's origin. */
  function agentSocketWithCookie(cookie: string | null, origin: string): AgentClient {
    const socket: AgentClient = io(`${app.baseUrl}/agent`, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      autoConnect: false,
      reconnection: false,
      auth: { locale: 'en' },
      extraHeaders: { origin, ...(cookie ? { cookie } : {}) },
    });
    sockets.push(socket);
    return socket;
  }

  it('when a console signs in on localhost, then the token is only in an HttpOnly, SameSite=Strict cookie for the whole site, never in the answer', async () => {
    const tab = new BrowserJar(app);
    const answer = await tab.call('POST', '/api/auth/login', {
      body: { username: 'eva', password: PASSWORD },
    });
    expect(answer.status).toBe(200);
    expect(answer.setCookie).toHaveLength(1);
    const cookie = parseSetCookie(answer.setCookie[0] ?? '');
    expect(cookie).toMatchObject({ name: 'va-console', httpOnly: true, sameSite: 'strict', path: '/' });
    // http://127.0.0.1 is served without TLS: a Secure cookie would not come back.
    expect(cookie.secure).toBeFalsy();
    expect(cookie.domain).toBeUndefined();
    expect(cookie.maxAge).toBe(12 * 3600);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // No script can learn the token: the body has the user and the CSRF token only.
    expect(Object.keys(answer.body).sort()).toEqual(['csrfToken', 'expiresAt', 'user']);
    expect(JSON.stringify(answer.body)).not.toContain(cookie.value ?? '');
    expect(answer.body.csrfToken).toBe(csrfTokenFor(cookie.value ?? ''));
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['console.agency.example', 'a public host'],
    ['console.agency.example:8443', 'a public host with a port'],
  ])(
    'when the console is reached at %s (%s), then the cookie is Secure with the __Host- prefix',
    async (host) => {
      const answer = await loginWithHost(app, host);
      expect(answer.status).toBe(200);
      const cookie = parseSetCookie(answer.setCookie[0] ?? '');
      expect(cookie).toMatchObject({
        name: '__Host-va-console',
        secure: true,
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
      });
      expect(cookie.domain).toBeUndefined();
    },
  );

  it('when a second tab opens the console, then the shared cookie signs it in and it learns the same CSRF token, with no password', async () => {
    const browser = new BrowserJar(app);
    const csrf = await browser.signIn('eva');
    // The second tab: the same cookie jar, nothing else.
    const secondTab = await browser.call('GET', '/api/auth/me');
    expect(secondTab.status).toBe(200);
    expect(secondTab.body.user).toMatchObject({ username: 'eva', roles: ['editor'] });
    expect(secondTab.body.csrfToken).toBe(csrf);
    expect(secondTab.headers.get('cache-control')).toBe('no-store');
    // And it can make changes with what it learnt.
    const created = await browser.call('POST', '/api/admin/articles', {
      body: { article: sampleArticle('tab-two-zebras', 'en') },
      csrf: String(secondTab.body.csrfToken),
    });
    expect(created.status).toBe(201);
  });

  it("when a change signed in by the cookie lacks the CSRF token, has a wrong one or comes from another origin, then 403 csrf_failed in the caller's language and nothing changes", async () => {
    const browser = new BrowserJar(app);
    const csrf = await browser.signIn('eva');
    const article = { article: sampleArticle('csrf-zebras', 'en') };
    const auditBefore = (await app.app.store.audit.list()).length;

    const refusals = [
      { csrf: null, origin: undefined, language: 'en' },
      { csrf: 'x'.repeat(43), origin: undefined, language: 'en' },
      { csrf: csrfTokenFor('another-session-token-of-someone-else'), origin: undefined, language: 'en' },
      // An allowed site for the widget, even on the same domain, is not the console.
      { csrf, origin: WIDGET_SITE, language: 'es-US,es;q=0.9' },
    ];
    for (const refusal of refusals) {
      const answer = await browser.call('POST', '/api/admin/articles', { body: article, ...refusal });
      expect(answer.status, JSON.stringify(refusal)).toBe(403);
      expect(answer.body.error?.code, JSON.stringify(refusal)).toBe('csrf_failed');
      expect(answer.body.error?.message).toBe(
        refusal.language === 'en'
          ? 'This page could not prove it is the console you signed in to. Reload the page and try again.'
          : 'Esta página no pudo confirmar que es la consola en la que inició sesión. Vuelva a cargar la página e inténtelo de nuevo.',
      );
    }
    // An opaque origin (a sandboxed frame) is no allowed site at all: refused before any route.
    const opaque = await browser.call('POST', '/api/admin/articles', { body: article, csrf, origin: 'null' });
    expect(opaque.status).toBe(403);
    expect(opaque.body.error?.code).toBe('origin_not_allowed');
    // PUT, PATCH and DELETE are changes too; sign-out as well.
    expect((await browser.call('PUT', '/api/admin/articles/en/csrf-zebras', { body: article })).status).toBe(
      403,
    );
    expect((await browser.call('PATCH', '/api/admin/users/id-ana', { body: { maxChats: 1 } })).status).toBe(
      403,
    );
    expect((await browser.call('DELETE', '/api/admin/articles/en/csrf-zebras', { body: {} })).status).toBe(
      403,
    );
    expect((await browser.call('POST', '/api/auth/logout')).status).toBe(403);

    expect(await app.app.store.articles.get('en', 'csrf-zebras')).toBeNull();
    expect((await app.app.store.audit.list()).length).toBe(auditBefore);
    // Reading needs no token, and the sign-in is still there.
    expect((await browser.call('GET', '/api/admin/articles')).status).toBe(200);
    // With the token, from the console's own origin (or with no Origin at all), the change is made.
    const made = await browser.call('POST', '/api/admin/articles', { body: article, csrf, origin: null });
    expect(made.status).toBe(201);
  });

  it('when a script signs in with a bearer token, then it needs no CSRF token: no browser sends that header by itself', async () => {
    const browser = new BrowserJar(app);
    await browser.signIn('eva');
    const token = (browser.cookie ?? '').split('=')[1] ?? '';
    const response = await fetch(`${app.baseUrl}/api/admin/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ article: sampleArticle('bearer-zebras', 'en') }),
    });
    expect(response.status).toBe(201);
  });

  it('when a console on another allowed origin signs in, then it gets a bearer token and no cookie (SameSite=Strict would keep it off its requests)', async () => {
    const response = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { origin: WIDGET_SITE, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'eva', password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    const body = (await response.json()) as { token?: string; csrfToken?: string };
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.csrfToken).toBeUndefined();
  });

  it("when the agent console opens its socket, then the cookie signs it in from the service's own page only", async () => {
    const browser = new BrowserJar(app);
    await browser.signIn('ana');
    const own = agentSocketWithCookie(browser.cookie, app.baseUrl);
    const state = new Promise<unknown>((resolve) => own.once('state', resolve));
    own.connect();
    expect(await state).toMatchObject({ me: { displayName: 'ANA' } });

    // A page of an allowed widget site (same domain, say) cannot use the agent's cookie.
    const widgetSite = await agentConnectError(agentSocketWithCookie(browser.cookie, WIDGET_SITE));
    expect(widgetSite.data?.code).toBe('unauthorized');
    // No cookie, no token: refused as before.
    expect((await agentConnectError(agentSocketWithCookie(null, app.baseUrl))).data?.code).toBe(
      'unauthorized',
    );
    // An editor's cookie is a sign-in, but not an agent's.
    const editor = new BrowserJar(app);
    await editor.signIn('eva');
    expect((await agentConnectError(agentSocketWithCookie(editor.cookie, app.baseUrl))).data?.code).toBe(
      'forbidden',
    );
  });

  it('when one tab signs out, then the sign-in ends everywhere: the cookie is cleared, other tabs get 401, its agent socket closes at once and cannot reconnect', async () => {
    const browser = new BrowserJar(app);
    const csrf = await browser.signIn('ana');
    const sharedCookie = browser.cookie;
    const agent = agentSocketWithCookie(sharedCookie, app.baseUrl);
    const connected = new Promise<void>((resolve) => agent.once('state', () => resolve()));
    agent.connect();
    await connected;
    const closed = new Promise<string>((resolve) => agent.once('disconnect', (reason) => resolve(reason)));

    const signOut = await browser.call('POST', '/api/auth/logout', { csrf });
    expect(signOut.status).toBe(204);
    const cleared = parseSetCookie(signOut.setCookie[0] ?? '');
    expect(cleared).toMatchObject({
      name: 'va-console',
      value: '',
      maxAge: 0,
      httpOnly: true,
      sameSite: 'strict',
    });
    expect(browser.cookie).toBeNull();

    // Without waiting for the handoff sweep: the sign-out itself closes the socket.
    expect(await closed).toBe('io server disconnect');

    // Another tab still holding the old cookie (it had not heard yet) is refused and told to forget it.
    const otherTab = new BrowserJar(app);
    otherTab.cookie = sharedCookie;
    const me = await otherTab.call('GET', '/api/auth/me', { language: 'es' });
    expect(me.status).toBe(401);
    expect(me.body.error?.message).toBe('Por favor, inicie sesión.');
    expect(parseSetCookie(me.setCookie[0] ?? '')).toMatchObject({ name: 'va-console', maxAge: 0 });
    expect((await agentConnectError(agentSocketWithCookie(sharedCookie, app.baseUrl))).data?.code).toBe(
      'unauthorized',
    );
    const audit = await app.app.store.audit.list();
    expect(audit.filter((entry) => entry.actor === 'ana').map((entry) => entry.action)).toContain('logout');
  });
});
