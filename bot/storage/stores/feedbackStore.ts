import { z } from 'zod';
import { articleIdSchema } from '../../../contracts/article.js';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type { Locale } from '../../../contracts/locale.js';
import type * as ports from '../ports.js';
import {
  idSchema,
  localeSchema,
  parse,
  textSchema,
  timeRangeSchema,
  timestampSchema,
} from '../validation.js';
import { RecordCollection, timeRange } from './recordCollection.js';

const feedbackSchema = z.strictObject({
  id: idSchema,
  conversationId: idSchema,
  articleId: articleIdSchema,
  locale: localeSchema,
  question: textSchema(4000),
  helpful: z.boolean(),
  at: timestampSchema,
}) satisfies z.ZodType<ports.FeedbackRecord>;

const listFilterSchema = timeRangeSchema.extend({ locale: localeSchema.optional() });

export class FeedbackStore implements ports.FeedbackStore {
  private readonly records: RecordCollection<ports.FeedbackRecord>;

  constructor(driver: Driver) {
    this.records = new RecordCollection<ports.FeedbackRecord>(driver.collection(COLLECTIONS.feedback), {
      key: (record) => record.id,
    });
  }

  async add(record: ports.FeedbackRecord): Promise<void> {
    await this.records.insert(parse(feedbackSchema, record, 'feedback'));
  }

  async forgetQuestionsBefore(cutoff: string): Promise<number> {
    return this.records.setOnEach(
      { at: { $lt: parse(timestampSchema, cutoff, 'cutoff') }, question: { $gt: '' } },
      { question: '' },
    );
  }

  async list(filter: { from: string; to: string; locale?: Locale }): Promise<ports.FeedbackRecord[]> {
    const { locale, ...range } = parse(listFilterSchema, filter, 'feedback filter');
    return this.records.find(
      { ...timeRange('at', range), ...(locale !== undefined && { locale }) },
      { sort: { at: 1 } },
    );
  }
}
