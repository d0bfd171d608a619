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

  it('when an admin creates an account, then it can sign in at once, the creation is audited without the password, and a taken username or a weak password gets 400 naming the field', async () => {
    const created = await admin<{ user: UserBody & { displayName: string; maxChats: number } }>(
      'POST',
      '/api/admin/users',
      {
        username: ' Luis.Ortiz ',
        displayName: 'Luis Ortiz',
        roles: ['agent', 'agent'],
        languages: ['es'],
        password: 'a new long passphrase',
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      username: 'luis.ortiz',
      displayName: 'Luis Ortiz',
      roles: ['agent'],
      languages: ['es'],
      maxChats: 3,
      disabled: false,
    });
    expect(created.text).not.toMatch(/passwordHash|argon2|passphrase/);
    const signIn = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'luis.ortiz', password: 'a new long passphrase' }),
    });
    expect(signIn.status).toBe(200);
    const audit = await admin<AuditBody>('GET', '/api/admin/audit?action=user.create');
    expect(audit.body.entries[0]).toMatchObject({ actor: 'root', target: 'luis.ortiz' });
    expect(JSON.parse(audit.body.entries[0]!.details!)).toEqual({
      roles: ['agent'],
      languages: ['es'],
      maxChats: 3,
    });
    expect(JSON.stringify(audit.body)).not.toContain('passphrase');

    const taken = await admin<ApiErrorBody>(
      'POST',
      '/api/admin/users',
      {
        username: 'ana',
        displayName: 'Another Ana',
        roles: ['agent'],
        languages: ['en'],
        password: 'a new long passphrase',
      },
      { 'accept-language': 'es' },
    );
    expect(taken.status).toBe(400);
    expect(taken.body.error.details).toEqual([{ field: 'body.username', message: 'ya lo usa otra cuenta' }]);
    const weak = await admin<ApiErrorBody>('POST', '/api/admin/users', {
      username: 'x',
      displayName: '',
      roles: [],
      languages: ['fr'],
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'body.username', message: 'use 3 to 40 letters, digits, dots, dashes or underscores' },
        { field: 'body.password', message: 'must have at least 12 characters' },
        { field: 'body.roles', message: 'must have at least 1 items' },
      ]),
    );
    const repetitive = await admin<ApiErrorBody>('POST', '/api/admin/users', {
      username: 'repeat',
      displayName: 'Repeat',
      roles: ['editor'],
      languages: ['en'],
      password: 'abababababababab',
    });
    expect(repetitive.body.error.details).toEqual([
      { field: 'body.password', message: 'must not repeat the same few characters' },
    ]);
    expect((await app.app.store.users.list()).map((user) => user.username)).not.toContain('repeat');
  });

  it("when an admin resets a password, then the old one stops working, the user's sign-ins end everywhere, and the reset is audited", async () => {
    await addUser(app, 'omar', ['editor']);
    const [first, second] = [
      apiClient(app, await login(app, 'omar')),
      apiClient(app, await login(app, 'omar')),
    ];
    expect((await first('GET', '/api/admin/articles')).status).toBe(200);
    const reset = await admin<{ signedOut: number }>('POST', '/api/admin/users/id-omar/password', {
      password: 'a fresh passphrase for omar',
    });
    expect(reset.status).toBe(200);
    expect(reset.body.signedOut).toBe(2);
    expect((await first('GET', '/api/admin/articles')).status).toBe(401);
    expect((await second('GET', '/api/admin/articles')).status).toBe(401);
    const withOld = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'omar', password: PASSWORD }),
    });
    expect(withOld.status).toBe(401);
    const withNew = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'omar', password: 'a fresh passphrase for omar' }),
    });
    expect(withNew.status).toBe(200);
    const audit = await admin<AuditBody>('GET', '/api/admin/audit?action=user.password_reset');
    expect(audit.body.entries[0]).toMatchObject({ actor: 'root', target: 'omar' });
    expect(JSON.stringify(audit.body)).not.toContain('fresh passphrase');
    const short = await admin<ApiErrorBody>('POST', '/api/admin/users/id-omar/password', {
      password: 'too short',
    });
    expect(short.status).toBe(400);
    const nobody = await admin<ApiErrorBody>('POST', '/api/admin/users/id-nobody/password', {
      password: 'a fresh passphrase for nobody',
    });
    expect(nobody.status).toBe(404);
  });

  it('when someone who is not an admin calls the account routes, then 401 without a sign-in and 403 for editors and agents, and nothing changes', async () => {
    await addUser(app, 'ed', ['editor', 'agent']);
    const editor = apiClient(app, await login(app, 'ed'));
    const anonymous = apiClient(app);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/admin/users'],
      [
        'POST',
        '/api/admin/users',
        {
          username: 'sneaky',
          displayName: 'S',
          roles: ['admin'],
          languages: ['en'],
          password: 'a new long passphrase',
        },
      ],
      ['POST', '/api/admin/users/id-ed/password', { password: 'a new long passphrase' }],
      ['PATCH', '/api/admin/users/id-ed', { roles: ['admin'] }],
      ['GET', '/api/admin/audit'],
      ['GET', '/api/admin/hours'],
    ];
    for (const [method, path, body] of calls) {
      expect((await anonymous(method, path, body)).status, `${method} ${path}`).toBe(401);
      expect((await editor(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect(await app.app.store.users.findByUsername('sneaky')).toBeNull();
    expect((await app.app.store.users.get('id-ed'))?.roles).toEqual(['editor', 'agent']);
  });
});
