import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type * as ports from '../ports.js';
import { idSchema, parse, sha256HexSchema, timestampSchema } from '../validation.js';
import { RecordCollection } from './recordCollection.js';

const sessionSchema = z.strictObject({
  tokenHash: sha256HexSchema,
  userId: idSchema,
  roles: z.array(z.enum(['agent', 'editor', 'admin'])).max(3),
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
}) satisfies z.ZodType<ports.SessionRecord>;

export class SessionStore implements ports.SessionStore {
  private readonly sessions: RecordCollection<ports.SessionRecord>;

  constructor(driver: Driver) {
    this.sessions = new RecordCollection<ports.SessionRecord>(driver.collection(COLLECTIONS.sessions), {
      key: (session) => session.tokenHash,
    });
  }

  async create(session: ports.SessionRecord): Promise<void> {
    await this.sessions.insert(parse(sessionSchema, session, 'session'));
  }

  /** An expired session is as good as none, even before `deleteExpired` has removed it. */
  async find(tokenHash: string, now: string): Promise<ports.SessionRecord | null> {
    return this.sessions.findOne({
      _id: parse(sha256HexSchema, tokenHash, 'token hash'),
      expiresAt: { $gt: parse(timestampSchema, now, 'now') },
    });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.sessions.documents.deleteMany({ _id: parse(sha256HexSchema, tokenHash, 'token hash') });
  }

  async deleteForUser(userId: string): Promise<number> {
    return this.sessions.documents.deleteMany({ userId: parse(idSchema, userId, 'user id') });
  }

  async deleteExpired(now: string): Promise<number> {
    return this.sessions.documents.deleteMany({ expiresAt: { $lte: parse(timestampSchema, now, 'now') } });
  }
}
