import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type * as ports from '../ports.js';
import { definedOnly, idSchema, localeSchema, parse, textSchema, timestampSchema } from '../validation.js';
import { RecordCollection } from './recordCollection.js';

const usernameSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((value) => value === value.toLowerCase(), 'must be lower case');

const userSchema = z.strictObject({
  id: idSchema,
  username: usernameSchema,
  displayName: textSchema(200),
  roles: z.array(z.enum(['agent', 'editor', 'admin'])).max(3),
  languages: z.array(localeSchema).max(10),
  maxChats: z.number().int().min(0).max(100),
  passwordHash: z.string().min(1).max(1000),
  disabled: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
}) satisfies z.ZodType<ports.UserRecord>;

const patchSchema = userSchema.omit({ id: true, createdAt: true }).partial();

export class UserStore implements ports.UserStore {
  private readonly users: RecordCollection<ports.UserRecord>;

  constructor(driver: Driver) {
    // `username` has its own unique index (see collections.ts).
    this.users = new RecordCollection<ports.UserRecord>(driver.collection(COLLECTIONS.users), {
      key: (user) => user.id,
    });
  }

  async create(user: ports.UserRecord): Promise<void> {
    await this.users.insert(parse(userSchema, user, 'user'));
  }

  async get(id: string): Promise<ports.UserRecord | null> {
    return this.users.get(parse(idSchema, id, 'user id'));
  }

  /** Usernames are stored in lower case; what a person types at sign-in may not be. */
  async findByUsername(username: string): Promise<ports.UserRecord | null> {
    return this.users.findOne({
      username: parse(z.string().min(1).max(100), username, 'username').toLowerCase(),
    });
  }

  async list(): Promise<ports.UserRecord[]> {
    return this.users.find({}, { sort: { username: 1 } });
  }

  async update(
    id: string,
    patch: Partial<Omit<ports.UserRecord, 'id' | 'createdAt'>>,
  ): Promise<ports.UserRecord | null> {
    const checkedId = parse(idSchema, id, 'user id');
    return this.users.patch({ _id: checkedId }, definedOnly(parse(patchSchema, patch, 'user patch')));
  }
}
