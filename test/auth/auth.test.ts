import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../bot/storage/openStore.js';
import { addUser, PASSWORD } from '../admin/support/adminApi.js';
import { sessionTokenOf } from '../support/consoleCookie.js';
import { REPO_ROOT } from '../support/paths.js';
import { dataDirWithKeptIndex, startTestApp, type TestApp } from '../support/testApp.js';

const run = promisify(execFile);

interface LoginBody {
  token?: string;
  user?: Record<string, unknown>;
  error: { code: string; message: string; details: Array<{ field: string }> };
}
async function login(baseUrl: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as LoginBody,
    response,
  };
}

describe('sign-in for agents, editors and admins', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('when the password is right, then the session token (the cookie) opens /api/auth/me as a bearer token until logout', async () => {
    running = await startTestApp();
    await addUser(running, 'ana', ['agent']);
    const ok = await login(running.baseUrl, { username: 'Ana', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'ana', roles: ['agent'], languages: ['en', 'es'] });
    expect(JSON.stringify(ok.body)).not.toMatch(/passwordHash|argon2/);
    const auth = { authorization: `Bearer ${sessionTokenOf(ok.response)}` };

    const me = await fetch(`${running.baseUrl}/api/auth/me`, { headers: auth });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('ana');

    const logout = await fetch(`${running.baseUrl}/api/auth/logout`, { method: 'POST', headers: auth });
    expect(logout.status).toBe(204);
    expect((await fetch(`${running.baseUrl}/api/auth/me`, { headers: auth })).status).toBe(401);

    const audit = await running.app.store.audit.list();
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['login', 'logout']));
  });

  it('when someone signs in, then sessions that expired without a sign-out are deleted from the store', async () => {
    running = await startTestApp();
    await addUser(running, 'ana', ['agent']);
    const expired = {
      tokenHash: 'a'.repeat(64),
      userId: 'id-ana',
      roles: ['agent' as const],
      createdAt: '2020-01-01T00:00:00.000Z',
      expiresAt: '2020-01-01T12:00:00.000Z',
    };
    await running.app.store.sessions.create(expired);
    // Looked up as of a time before it expired: still stored.
    expect(await running.app.store.sessions.find(expired.tokenHash, expired.createdAt)).toEqual(expired);
    expect((await login(running.baseUrl, { username: 'ana', password: PASSWORD })).status).toBe(200);
    expect(await running.app.store.sessions.find(expired.tokenHash, expired.createdAt)).toBeNull();
  });

  it('when there is no token or a made-up one, then 401 with a localised message', async () => {
    running = await startTestApp();
    const none = await fetch(`${running.baseUrl}/api/auth/me`, {
      headers: { 'accept-language': 'es-US,es;q=0.9' },
    });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toBe(
      'Por favor, inicie sesión.',
    );
    const forged = await fetch(`${running.baseUrl}/api/auth/me`, {
      headers: { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(forged.status).toBe(401);
  });

  it('when the password is wrong, the user unknown or disabled, then the same 401 and an audit entry', async () => {
    running = await startTestApp();
    await addUser(running, 'ana', ['editor']);
    await addUser(running, 'old', ['editor'], { disabled: true });
    const wrong = await login(running.baseUrl, { username: 'ana', password: 'not the password' });
    const unknown = await login(running.baseUrl, { username: 'nobody', password: PASSWORD });
    const disabled = await login(running.baseUrl, { username: 'old', password: PASSWORD });
    for (const attempt of [wrong, unknown, disabled]) {
      expect(attempt.status).toBe(401);
      expect(attempt.body.error).toEqual({
        code: 'invalid_credentials',
        message: 'The username or password is not correct.',
      });
    }
    const failures = (await running.app.store.audit.list()).filter(
      (entry) => entry.action === 'login_failed',
    );
    expect(failures).toHaveLength(3);
    expect(JSON.stringify(failures)).not.toContain('not the password');
  });

  it('when sign-in attempts keep failing, then further attempts wait (429 with Retry-After), even with the right password', async () => {
    running = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
    await addUser(running, 'ana', ['agent']);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await login(running.baseUrl, { username: 'ana', password: `wrong-${attempt}` })).status).toBe(
        401,
      );
    }
    const blocked = await login(
      running.baseUrl,
      { username: 'ana', password: PASSWORD },
      { 'accept-language': 'es' },
    );
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.error.message).toMatch(/Demasiados intentos/);
  });

  it('when 40 wrong passwords race in at once, then only the allowed number is checked and the rest wait', async () => {
    running = await startTestApp({ LOGIN_MAX_FAILURES: '5' });
    await addUser(running, 'ana', ['agent']);
    const baseUrl = running.baseUrl;
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, attempt) =>
        login(baseUrl, { username: 'ana', password: `guess-${attempt}` }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status);
    // Counted before the password check: exactly the limit got a 401 (a checked password).
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    const audit = await running.app.store.audit.list();
    expect(audit.filter((entry) => entry.action === 'login_failed')).toHaveLength(5);
    // 35 refusals are one audit entry with their count, not 35 entries.
    const blocked = audit.filter((entry) => entry.action === 'login_blocked');
    expect(blocked).toHaveLength(1);
    expect(blocked[0]?.count).toBe(35);
  });

  it('when someone elsewhere keeps failing behind the load balancer, then the user signs in from their own address', async () => {
    running = await startTestApp({ LOGIN_MAX_FAILURES: '3', SOCKET_TRUST_PROXY: 'true' });
    await addUser(running, 'ana', ['agent']);
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await login(running.baseUrl, { username: 'ana', password: `guess-${attempt}` }, attacker);
    }
    const attackerAgain = await login(running.baseUrl, { username: 'ana', password: PASSWORD }, attacker);
    expect(attackerAgain.status).toBe(429);
    // Every request reaches the service from the balancer (127.0.0.1 here); the client's address
    // is the one it appended to X-Forwarded-For, the same one the widget's limits use.
    const ana = await login(
      running.baseUrl,
      { username: 'ana', password: PASSWORD },
      { 'x-forwarded-for': '198.51.100.20' },
    );
    expect(ana.status).toBe(200);
  });

  it('when X-Forwarded-For is not trusted, then a guesser cannot dodge the limit by writing one', async () => {
    running = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
    await addUser(running, 'ana', ['agent']);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const forged = { 'x-forwarded-for': `198.51.100.${attempt}` };
      statuses.push(
        (await login(running.baseUrl, { username: 'ana', password: `guess-${attempt}` }, forged)).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('when one username fails from many addresses, then it only slows down (one attempt per back-off), never locks out', async () => {
    running = await startTestApp({
      LOGIN_MAX_FAILURES: '2',
      LOGIN_USERNAME_MAX_FAILURES: '4',
      LOGIN_BACKOFF_SECONDS: '30',
      SOCKET_TRUST_PROXY: 'true',
    });
    await addUser(running, 'ana', ['agent']);
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (const address of ['203.0.113.1', '203.0.113.2']) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        expect(
          (await login(running.baseUrl, { username: 'ana', password: 'wrong' }, from(address))).status,
        ).toBe(401);
      }
    }
    // Past the per-username threshold: one attempt per back-off period goes through, from anywhere.
    const throughBackoff = await login(
      running.baseUrl,
      { username: 'ana', password: 'wrong' },
      from('203.0.113.3'),
    );
    expect(throughBackoff.status).toBe(401);
    const waiting = await login(
      running.baseUrl,
      { username: 'ana', password: PASSWORD },
      from('198.51.100.20'),
    );
    expect(waiting.status).toBe(429);
    const retryAfter = Number(waiting.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    // A pause of the back-off, not the 15-minute lock-out of one address.
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(waiting.body.error.message).toBe('Too many sign-in attempts. Please try again in a minute.');
  });

  it('when the sign-in answers, then neither the token nor the error may be cached', async () => {
    running = await startTestApp();
    await addUser(running, 'ana', ['agent']);
    const ok = await login(running.baseUrl, { username: 'ana', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const wrong = await login(running.baseUrl, { username: 'ana', password: 'wrong' });
    expect(wrong.headers.get('cache-control')).toBe('no-store');
    const me = await fetch(`${running.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${sessionTokenOf(ok.response)}` },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  describe('a body that breaks the rules', () => {
    // Refused before the sign-in use-case, these requests change nothing: one app serves them all,
    // and its audit stays empty through every one of them.
    let refusing: TestApp;
    beforeAll(async () => {
      refusing = await startTestApp();
    });
    afterAll(async () => {
      await refusing?.stop();
    });

    it.each([
      [{ username: { $ne: null }, password: PASSWORD }, 'username.$ne'],
      [{ username: 'ana', password: PASSWORD, $where: '1' }, '$where'],
      [JSON.parse('{"username":"ana","password":"x","__proto__":{"admin":true}}'), '__proto__'],
      [{ username: 'ana' }, 'password'],
      [{ username: 'ana', password: 42 }, 'password'],
    ])(
      'when the body is %j, then 400 naming the bad field, and nothing reaches the store',
      async (body, field) => {
        const response = await login(refusing.baseUrl, body);
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('invalid_input');
        expect(response.body.error.details.map((problem: { field: string }) => problem.field)).toContain(
          field,
        );
        // Refused before the sign-in use-case: not even a failed attempt is recorded.
        expect(await refusing.app.store.audit.list()).toEqual([]);
      },
    );

    it('when a Spanish-speaking agent leaves a field out, then the 400 says which one in Spanish', async () => {
      const response = await login(refusing.baseUrl, { username: 'ana' }, { 'accept-language': 'es-MX' });
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([{ field: 'password', message: 'es obligatorio' }]);
    });
  });
});

describe('npm run user:create', () => {
  it('when run with a username, roles and a password, then the user can sign in; a second run refuses the duplicate', async () => {
    const dataDir = await dataDirWithKeptIndex('va-user-');
    const env = { ...process.env, DATA_DIR: dataDir, USER_PASSWORD: PASSWORD, NODE_ENV: 'test' };
    const args = [
      '--import',
      'tsx',
      'scripts/user-create.ts',
      '--username',
      'Maria',
      '--role',
      'agent',
      '--role',
      'editor',
      '--languages',
      'es,en',
      '--name',
      'María Pérez',
    ];
    try {
      const created = await run(process.execPath, args, { cwd: REPO_ROOT, env });
      expect(created.stdout).toContain('created agent+editor "maria" (es, en)');
      const again = await run(process.execPath, args, { cwd: REPO_ROOT, env }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(again).toMatchObject({ code: 1 });
      expect((again as { stderr: string }).stderr).toContain('already taken');

      const weak = await run(
        process.execPath,
        ['--import', 'tsx', 'scripts/user-create.ts', '--username', 'bob', '--role', 'agent'],
        {
          cwd: REPO_ROOT,
          env: { ...env, USER_PASSWORD: 'short' },
        },
      ).catch((error: { code: number; stderr: string }) => error);
      expect(weak).toMatchObject({ code: 1 });
      expect((weak as { stderr: string }).stderr).toContain('at least 12 characters');

      const store = await openStore({ kind: 'embedded', dataDir });
      try {
        const user = await store.users.findByUsername('maria');
        expect(user).toMatchObject({
          displayName: 'María Pérez',
          roles: ['agent', 'editor'],
          languages: ['es', 'en'],
        });
        expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
        expect(await store.users.findByUsername('bob')).toBeNull();
      } finally {
        await store.close();
      }
      const app = await startTestApp({ DATA_DIR: dataDir });
      try {
        expect((await login(app.baseUrl, { username: 'maria', password: PASSWORD })).status).toBe(200);
      } finally {
        await app.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  /** Runs user:create with `input` on its stdin (a pipe), as a script or a person typing would. */
  function userCreate(
    args: string[],
    env: NodeJS.ProcessEnv,
    input: string,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', ...args], {
        cwd: REPO_ROOT,
        env,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });
  }

  it('when the password is typed, then it is asked twice with the 12-character minimum said; two different ones create nothing', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'va-user-'));
    const env = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', USER_PASSWORD: undefined };
    try {
      const differ = await userCreate(
        ['--username', 'eva', '--role', 'admin'],
        env,
        `${PASSWORD}\n${PASSWORD}x\n`,
      );
      expect(differ.code).toBe(1);
      expect(differ.stdout).toContain('Password for eva (at least 12 characters):');
      expect(differ.stdout).toContain('The same password again:');
      expect(differ.stderr).toBe('user:create: the two passwords are not the same; nothing was created\n');

      const created = await userCreate(
        ['--username', 'eva', '--role', 'admin', '--role', 'editor'],
        env,
        `${PASSWORD}\n${PASSWORD}\n`,
      );
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      // The first admin is pointed to the console, where further accounts are made.
      expect(created.stdout).toContain('created admin+editor "eva" (en)');
      expect(created.stdout).toContain(
        'Sign in at http://localhost:3978/editor to add agents and editors on the Users page.',
      );
      const store = await openStore({ kind: 'embedded', dataDir });
      try {
        expect((await store.users.list()).map((user) => user.username)).toEqual(['eva']);
        expect((await store.audit.list({ action: 'user.create' }))[0]).toMatchObject({
          actor: 'system',
          target: 'eva',
        });
      } finally {
        await store.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('when the server is running on the same data folder, then the account is created without a stack trace and can sign in to the running server at once', async () => {
    const dataDir = await dataDirWithKeptIndex('va-user-');
    const app = await startTestApp({ DATA_DIR: dataDir });
    try {
      const env = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', USER_PASSWORD: PASSWORD };
      const result = await userCreate(['--username', 'ana', '--role', 'agent'], env, '');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('created agent "ana" (en)\n');
      expect((await login(app.baseUrl, { username: 'ana', password: PASSWORD })).status).toBe(200);
      // A failure is one line too, whatever the cause (here: a data folder inside a file).
      await writeFile(path.join(dataDir, 'a-file'), 'not a folder');
      const failed = await userCreate(
        ['--username', 'bea', '--role', 'agent'],
        { ...env, DATA_DIR: path.join(dataDir, 'a-file', 'data') },
        '',
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^user:create: the store could not be opened: [^\n]+\n$/);
    } finally {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
