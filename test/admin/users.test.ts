import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { addUser, apiClient, login, PASSWORD, type ApiCall, type ApiErrorBody } from './support/adminApi.js';

interface UserBody {
  id: string;
  username: string;
  roles: string[];
  languages: string[];
  disabled: boolean;
}
interface AuditBody {
  entries: Array<{
    actor: string;
    action: string;
    target: string | null;
    at: string;
    details: string | null;
  }>;
}

describe('admin API: users and the audit log', () => {
  let app: TestApp;
  let admin: ApiCall;
  let adminId: string;

  beforeAll(async () => {
    app = await startTestApp();
    adminId = await addUser(app, 'root', ['admin']);
    await addUser(app, 'ana', ['agent']);
    await addUser(app, 'eva', ['editor']);
    admin = apiClient(app, await login(app, 'root'));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when an admin lists users, then no password hash is ever sent', async () => {
    const response = await admin<{ users: UserBody[] }>('GET', '/api/admin/users');
    expect(response.status).toBe(200);
    expect(response.body.users.map((user) => user.username)).toEqual(['ana', 'eva', 'root']);
    expect(response.text).not.toMatch(/passwordHash|argon2/);
  });

  it('when an admin gives an agent the editor role, then the agent can edit at once and the change is audited', async () => {
    const ana = apiClient(app, await login(app, 'ana'));
    expect((await ana('GET', '/api/admin/articles')).status).toBe(403);
    const changed = await admin<{ user: UserBody }>('PATCH', '/api/admin/users/id-ana', {
      roles: ['agent', 'editor'],
      languages: ['es'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ roles: ['agent', 'editor'], languages: ['es'] });
    // The same token: roles are read at every request.
    expect((await ana('GET', '/api/admin/articles')).status).toBe(200);

    const audit = await admin<AuditBody>('GET', '/api/admin/audit?action=user');
    const roles = audit.body.entries.find((entry) => entry.action === 'user.roles');
    expect(roles).toMatchObject({ actor: 'root', target: 'ana' });
    expect(JSON.parse(roles!.details!)).toEqual({ from: ['agent'], to: ['agent', 'editor'] });
    expect(audit.body.entries.map((entry) => entry.action)).toContain('user.languages');
  });

  it('when an admin disables a user, then their token stops working and they cannot sign in', async () => {
    const eva = apiClient(app, await login(app, 'eva'));
    expect((await eva('GET', '/api/admin/articles')).status).toBe(200);
    await admin('PATCH', '/api/admin/users/id-eva', { disabled: true });
    expect((await eva('GET', '/api/admin/articles')).status).toBe(401);
    const signIn = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'eva', password: PASSWORD }),
    });
    expect(signIn.status).toBe(401);
  });

  it('when an admin would lock themselves out, or sends a bad change, then 400', async () => {
    const demote = await admin<ApiErrorBody>('PATCH', `/api/admin/users/${adminId}`, { roles: ['editor'] });
    expect(demote.status).toBe(400);
    expect(demote.body.error.details).toEqual([
      { field: 'body.roles', message: 'You cannot remove your own admin role.' },
    ]);
    const disable = await admin<ApiErrorBody>(
      'PATCH',
      `/api/admin/users/${adminId}`,
      { disabled: true },
      {
        'accept-language': 'es',
      },
    );
    expect(disable.body.error.details).toEqual([
      { field: 'body.disabled', message: 'No puede desactivar su propia cuenta.' },
    ]);
    const badRole = await admin<ApiErrorBody>('PATCH', '/api/admin/users/id-ana', { roles: ['root'] });
    expect(badRole.status).toBe(400);
    const empty = await admin<ApiErrorBody>('PATCH', '/api/admin/users/id-ana', {});
    expect(empty.status).toBe(400);
    const hash = await admin<ApiErrorBody>('PATCH', '/api/admin/users/id-ana', { passwordHash: 'x' });
    expect(hash.status).toBe(400);
    const nobody = await admin<ApiErrorBody>('PATCH', '/api/admin/users/id-nobody', { disabled: true });
    expect(nobody.status).toBe(404);
  });

  it('when an admin reads the audit log, then sign-ins, failed sign-ins, article changes and role changes are there, newest first', async () => {
    await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: 'wrong password' }),
    });
    const current = await admin<{ article: { revision: number } }>('GET', '/api/admin/articles/en/live-chat');
    await admin('POST', '/api/admin/articles/en/live-chat/unpublish', {
      expectedRevision: current.body.article.revision,
    });
    const all = await admin<AuditBody>('GET', '/api/admin/audit');
    const actions = all.body.entries.map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['login', 'login_failed', 'user.roles', 'article.unpublish']),
    );
    expect(all.body.entries[0]).toMatchObject({
      action: 'article.unpublish',
      actor: 'root',
      target: 'en:live-chat',
    });
    const times = all.body.entries.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);

    const limited = await admin<AuditBody>('GET', '/api/admin/audit?limit=2');
    expect(limited.body.entries).toHaveLength(2);
    const byActor = await admin<AuditBody>('GET', '/api/admin/audit?actor=root&action=article');
    expect(byActor.body.entries.map((entry) => entry.action)).toEqual(['article.unpublish']);
    expect(JSON.stringify(all.body)).not.toContain('wrong password');
    const future = await admin<AuditBody>('GET', '/api/admin/audit?from=2099-01-01');
    expect(future.body.entries).toEqual([]);
    const family = await admin<AuditBody>('GET', '/api/admin/audit?action=Article&limit=1');
    expect(family.body.entries.map((entry) => entry.action)).toEqual(['article.unpublish']);
    const notAnAction = await admin<ApiErrorBody>('GET', '/api/admin/audit?action=article%20publish');
    expect(notAnAction.status).toBe(400);
    expect((notAnAction.body.error.details as Array<{ field: string }>)[0]?.field).toBe('query.action');
  });
});
