import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: unguessable bearer tokens for consoles and resume tokens for visitors. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so a leaked database does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What a console may present as its bearer token (ours are 43 characters of base64url). */
export const BEARER_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,200}$/;

/** "Bearer abc" → "abc"; anything else → null. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer (\S+)$/.exec(header.trim());
  const token = match?.[1];
  return token !== undefined && BEARER_TOKEN_PATTERN.test(token) ? token : null;
}
