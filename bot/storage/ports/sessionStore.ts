import type { Role } from './userStore.js';

// Console sign-ins.

export interface SessionRecord {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  roles: Role[];
  createdAt: string;
  expiresAt: string;
}

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** The session, if it exists and has not expired at `now`. */
  find(tokenHash: string, now: string): Promise<SessionRecord | null>;
  delete(tokenHash: string): Promise<void>;
  /** Every session of one user (a password reset signs them out everywhere). Returns how many. */
  deleteForUser(userId: string): Promise<number>;
  deleteExpired(now: string): Promise<number>;
}
