import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { apiClient, signedInClient, type ApiCall, type ApiErrorBody } from './support/adminApi.js';

/** Every admin route, with a body that would be valid, and who may call it. */
const ROUTES: Array<{ method: string; path: string; body?: unknown; admins?: true }> = [
  { method: 'GET', path: '/api/admin/articles' },
  { method: 'POST', path: '/api/admin/articles', body: { article: {} } },
  { method: 'GET', path: '/api/admin/articles/en/live-chat' },
  { method: 'PUT', path: '/api/admin/articles/en/live-chat', body: { expectedRevision: 1 } },
  { method: 'DELETE', path: '/api/admin/articles/en/live-chat', body: { expectedRevision: 1 } },
  { method: 'POST', path: '/api/admin/articles/en/live-chat/publish', body: { expectedRevision: 1 } },
  { method: 'POST', path: '/api/admin/articles/en/live-chat/unpublish', body: { expectedRevision: 1 } },
  { method: 'POST', path: '/api/admin/articles/en/live-chat/restore', body: { expectedRevision: 1 } },
  {
    method: 'POST',
    path: '/api/admin/articles/en/live-chat/rollback',
    body: { toRevision: 1, expectedRevision: 1 },
  },
  { method: 'POST', path: '/api/admin/articles/en/live-chat/questions', body: { question: 'chat please' } },
  { method: 'GET', path: '/api/admin/articles/en/live-chat/revisions' },
  { method: 'GET', path: '/api/admin/articles/en/live-chat/revisions/1' },
  { method: 'GET', path: '/api/admin/articles/en/live-chat/diff?from=1&to=1' },
  { method: 'GET', path: '/api/admin/translations' },
  { method: 'POST', path: '/api/admin/try', body: { text: 'live chat', locale: 'en' } },
  { method: 'POST', path: '/api/admin/rehearsal', body: { locale: 'en', steps: [{ text: 'live chat' }] } },
  { method: 'GET', path: '/api/admin/reports/unanswered' },
  { method: 'GET', path: '/api/admin/reports/unanswered.csv' },
  { method: 'GET', path: '/api/admin/reports/analytics' },
  { method: 'GET', path: '/api/admin/reports/analytics.csv' },
  { method: 'GET', path: '/api/admin/reports/ratings' },
  { method: 'GET', path: '/api/admin/users', admins: true },
  {
    method: 'POST',
    path: '/api/admin/users',
    body: {
      username: 'new.one',
      displayName: 'New',
      roles: ['agent'],
      languages: ['en'],
      password: 'a long enough passphrase',
    },
    admins: true,
  },
  {
    method: 'POST',
    path: '/api/admin/users/id-agent/password',
    body: { password: 'a long enough passphrase' },
    admins: true,
  },
  { method: 'PATCH', path: '/api/admin/users/id-agent', body: { disabled: true }, admins: true },
  { method: 'GET', path: '/api/admin/audit', admins: true },
  { method: 'GET', path: '/api/admin/hours', admins: true },
];

describe('admin API: who may call it', () => {
  let app: TestApp;
  let anonymous: ApiCall;
  let agent: ApiCall;
  let editor: ApiCall;
  let admin: ApiCall;

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_ORIGINS: 'https://www.agency.example' });
    anonymous = apiClient(app);
    agent = await signedInClient(app, 'agent', ['agent']);
    editor = await signedInClient(app, 'editor', ['editor']);
    admin = await signedInClient(app, 'admin', ['admin']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a route is registered under /api/admin, then it is in the list these checks run over', () => {
    const registered = (
      app.app.server.getDebugInfo() as { routes: Array<{ method: string; path: string }> }
    ).routes
      .filter((route) => route.path.startsWith('/api/admin/'))
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    // The list's paths with the parameters put back, as the server knows them.
    const listed = ROUTES.map(
      (route) =>
        `${route.method} ${route.path
          .replace(/\?.*$/, '')
          .replace('/articles/en/live-chat', '/articles/:locale/:id')
          .replace('/revisions/1', '/revisions/:revision')
          .replace('/users/id-agent', '/users/:id')}`,
    );
    expect(registered.length).toBeGreaterThan(0);
    expect([...new Set(listed)].sort()).toEqual([...registered].sort());
  });

  it('when there is no token or a made-up one, then every admin route answers 401 and changes nothing', async () => {
    const forged = apiClient(app, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    for (const route of ROUTES) {
      for (const client of [anonymous, forged]) {
        const response = await client<ApiErrorBody>(route.method, route.path, route.body);
        expect(response.status, `${route.method} ${route.path}`).toBe(401);
        expect(response.body.error.code).toBe('unauthorized');
      }
    }
    expect((await app.app.store.articles.get('en', 'live-chat'))?.revision).toBe(1);
  });

  it('when an agent calls any admin route, then 403: agents have live chat only', async () => {
    for (const route of ROUTES) {
      const response = await agent<ApiErrorBody>(route.method, route.path, route.body, {
        'accept-language': 'es',
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(403);
      expect(response.body.error).toEqual({ code: 'forbidden', message: 'No tiene permiso para hacer eso.' });
    }
  });

  it('when an editor calls the users or audit routes, then 403; an admin may call everything', async () => {
    for (const route of ROUTES) {
      const asEditor = await editor(route.method, route.path, route.body);
      const asAdmin = await admin(route.method, route.path, route.body);
      if (route.admins) expect(asEditor.status, `${route.method} ${route.path}`).toBe(403);
      else expect([401, 403], `${route.method} ${route.path}`).not.toContain(asEditor.status);
      expect([401, 403], `${route.method} ${route.path}`).not.toContain(asAdmin.status);
    }
  });

  it('when a page from another origin calls the API, then 403 without CORS headers; allowed origins get them', async () => {
    const refused = await editor<ApiErrorBody>('GET', '/api/admin/articles', undefined, {
      origin: 'https://evil.example',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin_not_allowed');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const allowed = await editor('GET', '/api/admin/articles', undefined, {
      origin: 'https://www.agency.example',
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.agency.example');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);

    // The console's own pages are same-origin: browsers send Origin on POSTs, and that is fine.
    const own = await editor(
      'POST',
      '/api/admin/try',
      { text: 'live chat', locale: 'en' },
      { origin: app.baseUrl },
    );
    expect(own.status).toBe(200);
  });

  it('when a browser sends a preflight, then allowed origins get the methods and headers, others 403', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.baseUrl}/api/admin/articles/en/live-chat`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight('https://www.agency.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.agency.example');
    expect(ok.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('when a body is larger than the admin limit, then 413 before it reaches a route', async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(200 * 1024), locale: 'en' });
    const response = await editor<ApiErrorBody>('POST', '/api/admin/try', huge);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('when admin responses go out, then they carry the security headers', async () => {
    const response = await editor('GET', '/api/admin/articles');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
