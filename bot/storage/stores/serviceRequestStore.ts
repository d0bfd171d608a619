import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type * as ports from '../ports.js';
import { dateSchema, idSchema, localeSchema, parse, textSchema, timestampSchema } from '../validation.js';
import { RecordCollection } from './recordCollection.js';

const statusSchema = z.enum(['open', 'closed']);

const requestSchema = z.strictObject({
  id: idSchema,
  conversationId: idSchema,
  locale: localeSchema,
  name: textSchema(200),
  email: textSchema(320).nullable(),
  phone: textSchema(50).nullable(),
  question: textSchema(4000),
  urgent: z.boolean(),
  dueDate: dateSchema,
  status: statusSchema,
  createdAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
  closedBy: idSchema.nullable(),
}) satisfies z.ZodType<ports.ServiceRequestRecord>;

const listFilterSchema = z.strictObject({ status: statusSchema.optional() });

export class ServiceRequestStore implements ports.ServiceRequestStore {
  private readonly requests: RecordCollection<ports.ServiceRequestRecord>;

  constructor(driver: Driver) {
    this.requests = new RecordCollection<ports.ServiceRequestRecord>(
      driver.collection(COLLECTIONS.serviceRequests),
      { key: (request) => request.id },
    );
  }

  async create(request: ports.ServiceRequestRecord): Promise<void> {
    await this.requests.insert(parse(requestSchema, request, 'service request'));
  }

  async get(id: string): Promise<ports.ServiceRequestRecord | null> {
    return this.requests.get(parse(idSchema, id, 'service request id'));
  }

  async list(filter: { status?: 'open' | 'closed' } = {}): Promise<ports.ServiceRequestRecord[]> {
    const { status } = parse(listFilterSchema, filter, 'service request filter');
    return this.requests.find(status === undefined ? {} : { status }, { sort: { dueDate: 1, createdAt: 1 } });
  }

  async deleteClosedBefore(cutoff: string): Promise<number> {
    return this.requests.documents.deleteMany({
      status: 'closed',
      closedAt: { $lt: parse(timestampSchema, cutoff, 'cutoff') },
    });
  }

  /** Compare-and-set on `open`: of two agents closing the same request, one gets null. */
  async close(id: string, closedBy: string, at: string): Promise<ports.ServiceRequestRecord | null> {
    return this.requests.findOneAndUpdate(
      { _id: parse(idSchema, id, 'service request id'), status: 'open' },
      {
        $set: {
          status: 'closed',
          closedBy: parse(idSchema, closedBy, 'closed by'),
          closedAt: parse(timestampSchema, at, 'time'),
        },
      },
    );
  }
}
