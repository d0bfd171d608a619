import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type * as ports from '../ports.js';
import { isStoreError } from '../errors.js';
import {
  countSchema,
  idSchema,
  jsonTextSchema,
  limitSchema,
  parse,
  textSchema,
  timestampSchema,
} from '../validation.js';
import { RecordCollection, timeRange } from './recordCollection.js';

/**
 * Lower-case words joined by dots, most general first ("article.publish"): a prefix of whole words
 * is then a range of strings, which both databases answer from a query (see `list`).
 */
const actionSchema = z
  .string()
  .max(100)
  .regex(/^[a-z_]+(\.[a-z_]+)*$/);

const entrySchema = z.strictObject({
  id: idSchema,
  at: timestampSchema,
  actor: idSchema,
  action: actionSchema,
  target: textSchema(500).nullable(),
  details: jsonTextSchema(20_000).nullable(),
  count: countSchema.optional(),
  lastAt: timestampSchema.optional(),
}) satisfies z.ZodType<ports.AuditEntry>;

const listFilterSchema = z.strictObject({
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
  actor: idSchema.optional(),
  action: actionSchema.optional(),
  limit: limitSchema.optional(),
});

export class AuditStore implements ports.AuditStore {
  private readonly entries: RecordCollection<ports.AuditEntry>;

  constructor(driver: Driver) {
    this.entries = new RecordCollection<ports.AuditEntry>(driver.collection(COLLECTIONS.audit), {
      key: (entry) => entry.id,
    });
  }

  async record(entry: ports.AuditEntry): Promise<void> {
    await this.entries.insert(parse(entrySchema, entry, 'audit entry'));
  }

  async recordRepeated(entry: ports.AuditEntry): Promise<void> {
    const first = parse(entrySchema, { ...entry, count: 1, lastAt: entry.at }, 'audit entry');
    const again = { $inc: { count: 1 }, $set: { lastAt: first.at } };
    if (await this.entries.documents.updateOne({ _id: first.id }, again)) return;
    try {
      await this.entries.insert(first);
    } catch (error) {
      // Another call inserted it in between: count this one on it.
      if (!isStoreError(error, 'duplicate')) throw error;
      await this.entries.documents.updateOne({ _id: first.id }, again);
    }
  }

  async deleteBefore(cutoff: string): Promise<number> {
    return this.entries.documents.deleteMany({ at: { $lt: parse(timestampSchema, cutoff, 'cutoff') } });
  }

  async list(filter: ports.AuditFilter = {}): Promise<ports.AuditEntry[]> {
    const { limit, actor, action, ...range } = parse(listFilterSchema, filter, 'audit filter');
    return this.entries.find(
      {
        ...timeRange('at', range),
        ...(actor !== undefined && { actor }),
        // The action and its sub-actions: every string from "article" up to "article/" ("/"
        // follows "." in code order, and an action has only letters, "_" and dots).
        ...(action !== undefined && { action: { $gte: action, $lt: `${action}/` } }),
      },
      { sort: { at: -1 }, ...(limit !== undefined && { limit }) },
    );
  }
}
