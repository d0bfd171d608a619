import type { SessionRecord } from '../../auth/records.js';
export type { SessionRecord } from '../../auth/records.js';

// Console sign-ins.

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** The session, if it exists and has not expired at `now`. */
  find(tokenHash: string, now: string): Promise<SessionRecord | null>;
  delete(tokenHash: string): Promise<void>;
  /** Every session of one user (a password reset signs them out everywhere). Returns how many. */
  deleteForUser(userId: string): Promise<number>;
  deleteExpired(now: string): Promise<number>;
}
