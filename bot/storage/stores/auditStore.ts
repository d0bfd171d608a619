import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type * as ports from '../ports.js';
import { idSchema, jsonTextSchema, limitSchema, parse, textSchema, timestampSchema } from '../validation.js';
import { RecordCollection, timeRange } from './recordCollection.js';

const entrySchema = z.strictObject({
  id: idSchema,
  at: timestampSchema,
  actor: idSchema,
  action: textSchema(100).min(1),
  target: textSchema(500).nullable(),
  details: jsonTextSchema(20_000).nullable(),
}) satisfies z.ZodType<ports.AuditEntry>;

const listFilterSchema = z.strictObject({
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
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

  async list(filter: { from?: string; to?: string; limit?: number } = {}): Promise<ports.AuditEntry[]> {
    const { limit, ...range } = parse(listFilterSchema, filter, 'audit filter');
    return this.entries.find(timeRange('at', range), {
      sort: { at: -1 },
      ...(limit !== undefined && { limit }),
    });
  }
}
