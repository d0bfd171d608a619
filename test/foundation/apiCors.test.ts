import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, addUser } from '../admin/support/adminApi.js';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';

const CONSOLE_ORIGIN = 'https://console.agency.example';
const OTHER_ORIGIN = 'https://evil.example';

describe('CORS on the browser-facing APIs: /api/auth and /api/admin, not /api/messages', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_ORIGINS: CONSOLE_ORIGIN });
    await addUser(app, 'eva', ['editor']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = (
    method: string,
    path: string,
    options: { origin?: string; token?: string; body?: unknown } = {},
  ) =>
    fetch(`${app.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.origin ? { origin: options.origin } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });

  const preflight = (path: string, origin: string, method: string) =>
    fetch(`${app.baseUrl}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('when a console on an allowed origin signs in, calls the admin API and signs out, then every answer carries the CORS headers, errors included', async () => {
    const login = await call('POST', '/api/auth/login', {
      origin: CONSOLE_ORIGIN,
      body: { username: 'eva', password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    expect(login.headers.get('vary')).toMatch(/Origin/);
    const { token } = (await login.json()) as { token: string };

    for (const path of ['/api/auth/me', '/api/admin/articles']) {
      const response = await call('GET', path, { origin: CONSOLE_ORIGIN, token });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('access-control-allow-origin'), path).toBe(CONSOLE_ORIGIN);
    }
    // The console can read why it was refused.
    const anonymous = await call('GET', '/api/auth/me', { origin: CONSOLE_ORIGIN });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);

    const logout = await call('POST', '/api/auth/logout', { origin: CONSOLE_ORIGIN, token });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
  });

  it('when a page on another origin calls either API, then 403 origin_not_allowed without CORS headers, and nothing is done', async () => {
    const auditBefore = (await app.app.store.audit.list()).length;
    const login = await call('POST', '/api/auth/login', {
      origin: OTHER_ORIGIN,
      body: { username: 'eva', password: PASSWORD },
    });
    expect(login.status).toBe(403);
    expect(login.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    // Not even a failed sign-in reached the service.
    expect((await app.app.store.audit.list()).length).toBe(auditBefore);

    const admin = await call('GET', '/api/admin/articles', { origin: OTHER_ORIGIN });
    expect(admin.status).toBe(403);
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();

    // The server's own pages are same-origin, whatever PUBLIC_ORIGINS says.
    const own = await call('POST', '/api/auth/login', {
      origin: app.baseUrl,
      body: { username: 'eva', password: PASSWORD },
    });
    expect(own.status).toBe(200);
  });

  it.each([
    ['/api/auth/login', 'POST'],
    ['/api/auth/me', 'GET'],
    ['/api/admin/articles/en/live-chat', 'PUT'],
  ])(
    'when a browser sends a preflight for %s, then an allowed origin gets the methods and headers, another 403',
    async (path, method) => {
      const allowed = await preflight(path, CONSOLE_ORIGIN, method);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
      expect(allowed.headers.get('access-control-allow-methods')).toContain(method);
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(allowed.headers.get('access-control-max-age')).toBe('600');

      const refused = await preflight(path, OTHER_ORIGIN, method);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(refused.headers.get('access-control-allow-methods')).toBeNull();
    },
  );

  it('when /api/messages is called with an Origin, then it is neither CORS-enabled nor refused: channels call it server to server', async () => {
    const refusedPreflight = await preflight('/api/messages', CONSOLE_ORIGIN, 'POST');
    expect(refusedPreflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(refusedPreflight.status).not.toBe(204);

    const message = await postActivity(app.baseUrl, { text: 'hello' }, { origin: OTHER_ORIGIN });
    expect(message.status).toBe(200);
    expect(message.activities.length).toBeGreaterThan(0);
  });
});
