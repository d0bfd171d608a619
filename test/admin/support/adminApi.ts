import { hashPassword } from '../../../bot/auth/passwords.js';
import type { Role } from '../../../bot/storage/ports.js';
import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import { sessionTokenOf } from '../../support/consoleCookie.js';
import type { TestApp } from '../../support/testApp.js';

export const PASSWORD = 'correct horse battery staple';

/** One argon2 hash for every test user of a file: hashing is deliberately slow. */
const PASSWORD_HASH = hashPassword(PASSWORD);

/** Creates a user straight in the store, as `npm run user:create` would. */
export async function addUser(
  app: TestApp,
  username: string,
  roles: Role[],
  options: { disabled?: boolean } = {},
): Promise<string> {
  const now = new Date().toISOString();
  const id = `id-${username}`;
  await app.app.store.users.create({
    id,
    username,
    displayName: username.toUpperCase(),
    roles,
    languages: ['en', 'es'],
    maxChats: 3,
    passwordHash: await PASSWORD_HASH,
    disabled: options.disabled ?? false,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** Signs in over HTTP and returns the session token (the sign-in cookie's value), to send as a bearer token. */
export async function login(app: TestApp, username: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  await response.arrayBuffer();
  return sessionTokenOf(response);
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ApiErrorBody {
  /** The bad fields (`Array<{ field, message }>`), or for a conflict `{ currentRevision }`: read with a type. */
  error: { code: string; message: string; details?: unknown };
}

/** A small client: JSON in and out, the token and extra headers when given. */
export function apiClient(app: TestApp, token?: string) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };
}

export type ApiCall = ReturnType<typeof apiClient>;

/** Creates the user and signs them in: a client that sends their token. */
export async function signedInClient(app: TestApp, username: string, roles: Role[]): Promise<ApiCall> {
  await addUser(app, username, roles);
  return apiClient(app, await login(app, username));
}

/** A valid article with a distinctive subject, so it is the only one that answers about it. */
export function sampleArticle(
  id: string,
  locale: Locale,
  overrides: Partial<KnowledgeArticle> = {},
): KnowledgeArticle {
  const es = locale === 'es';
  return {
    id,
    locale,
    title: es ? 'Permisos para cebras del zoológico' : 'Zoo zebra permits',
    answer: es
      ? 'Para tener una cebra necesita un permiso especial de cebras de la oficina del zoológico.'
      : 'To keep a zebra you need a special zebra permit from the zoo office.',
    body: es ? 'Más detalles sobre los permisos para cebras.' : 'More details about zebra permits.',
    questions: es
      ? ['¿cómo consigo un permiso para mi cebra?', 'permiso de cebra']
      : ['how do I get a permit for my zebra', 'zebra permit'],
    tags: ['zebra'],
    synonyms: [],
    related: [],
    links: [],
    updated: '2026-11-20',
    lastReviewed: '2026-11-20',
    ...overrides,
  };
}
