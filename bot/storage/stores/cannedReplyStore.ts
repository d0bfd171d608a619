import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type { Locale } from '../../../contracts/locale.js';
import type * as ports from '../ports.js';
import { idSchema, localeSchema, parse, textSchema, timestampSchema } from '../validation.js';
import { RecordCollection } from './recordCollection.js';

const replySchema = z.strictObject({
  id: idSchema,
  locale: localeSchema,
  title: textSchema(200).min(1),
  text: textSchema(4000).min(1),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  updatedBy: idSchema,
}) satisfies z.ZodType<ports.CannedReply>;

const patchSchema = replySchema.pick({ title: true, text: true, updatedAt: true, updatedBy: true });

const listFilterSchema = z.strictObject({ locale: localeSchema.optional() });

export class CannedReplyStore implements ports.CannedReplyStore {
  private readonly replies: RecordCollection<ports.CannedReply>;

  constructor(driver: Driver) {
    this.replies = new RecordCollection<ports.CannedReply>(driver.collection(COLLECTIONS.cannedReplies), {
      key: (reply) => reply.id,
    });
  }

  async list(filter: { locale?: Locale } = {}): Promise<ports.CannedReply[]> {
    const { locale } = parse(listFilterSchema, filter, 'canned reply filter');
    return this.replies.find(locale === undefined ? {} : { locale }, { sort: { locale: 1, title: 1 } });
  }

  async get(id: string): Promise<ports.CannedReply | null> {
    return this.replies.get(parse(idSchema, id, 'canned reply id'));
  }

  async count(locale: Locale): Promise<number> {
    return this.replies.documents.count({ locale: parse(localeSchema, locale, 'locale') });
  }

  async create(reply: ports.CannedReply): Promise<void> {
    await this.replies.insert(parse(replySchema, reply, 'canned reply'));
  }

  async update(
    id: string,
    patch: Pick<ports.CannedReply, 'title' | 'text' | 'updatedAt' | 'updatedBy'>,
  ): Promise<ports.CannedReply | null> {
    const checkedId = parse(idSchema, id, 'canned reply id');
    return this.replies.patch({ _id: checkedId }, parse(patchSchema, patch, 'canned reply patch'));
  }

  async delete(id: string): Promise<boolean> {
    return (await this.replies.documents.deleteMany({ _id: parse(idSchema, id, 'canned reply id') })) > 0;
  }
}
