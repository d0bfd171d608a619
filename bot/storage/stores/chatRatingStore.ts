import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type { Locale } from '../../../contracts/locale.js';
import type * as ports from '../ports.js';
import { idSchema, localeSchema, parse, timeRangeSchema, timestampSchema } from '../validation.js';
import { RecordCollection, timeRange } from './recordCollection.js';

const ratingSchema = z.strictObject({
  chatId: idSchema,
  conversationId: idSchema,
  agentId: idSchema,
  locale: localeSchema,
  // 1 (very poor) to 5 (very good).
  rating: z.number().int().min(1).max(5),
  at: timestampSchema,
}) satisfies z.ZodType<ports.ChatRating>;

const listFilterSchema = timeRangeSchema.extend({ locale: localeSchema.optional() });

/** Visitors' ratings of live-agent chats, keyed by chat: one rating per chat, whoever asks twice. */
export class ChatRatingStore implements ports.ChatRatingStore {
  private readonly records: RecordCollection<ports.ChatRating>;

  constructor(driver: Driver) {
    this.records = new RecordCollection<ports.ChatRating>(driver.collection(COLLECTIONS.chatRatings), {
      key: (record) => record.chatId,
    });
  }

  async add(rating: ports.ChatRating): Promise<void> {
    await this.records.insert(parse(ratingSchema, rating, 'chat rating'));
  }

  async list(filter: { from: string; to: string; locale?: Locale }): Promise<ports.ChatRating[]> {
    const { locale, ...range } = parse(listFilterSchema, filter, 'chat rating filter');
    return this.records.find(
      { ...timeRange('at', range), ...(locale !== undefined && { locale }) },
      { sort: { at: 1 } },
    );
  }
}
