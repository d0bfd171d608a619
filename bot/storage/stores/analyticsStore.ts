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

const typeSchema = z.enum(['question', 'handoff_request', 'case_status']);

const eventSchema = z.strictObject({
  id: idSchema,
  type: typeSchema,
  conversationId: idSchema,
  locale: localeSchema,
  at: timestampSchema,
  decision: z.enum(['answer', 'clarify', 'none']).nullable(),
  articleId: articleIdSchema.nullable(),
  score: z.number().finite().nullable(),
  text: textSchema(4000).nullable(),
  outcome: textSchema(100).nullable(),
}) satisfies z.ZodType<ports.AnalyticsEvent>;

const listFilterSchema = timeRangeSchema.extend({
  type: typeSchema.optional(),
  locale: localeSchema.optional(),
});

export class AnalyticsStore implements ports.AnalyticsStore {
  private readonly events: RecordCollection<ports.AnalyticsEvent>;

  constructor(driver: Driver) {
    this.events = new RecordCollection<ports.AnalyticsEvent>(driver.collection(COLLECTIONS.analytics), {
      key: (event) => event.id,
    });
  }

  async record(event: ports.AnalyticsEvent): Promise<void> {
    await this.events.insert(parse(eventSchema, event, 'analytics event'));
  }

  async forgetTextBefore(cutoff: string): Promise<number> {
    return this.events.setOnEach(
      // A non-empty string: null and '' (nothing to forget) do not match, so the loop ends.
      { at: { $lt: parse(timestampSchema, cutoff, 'cutoff') }, text: { $gt: '' } },
      { text: null },
    );
  }

  async list(filter: {
    from: string;
    to: string;
    type?: ports.AnalyticsEventType;
    locale?: Locale;
  }): Promise<ports.AnalyticsEvent[]> {
    const { type, locale, ...range } = parse(listFilterSchema, filter, 'analytics filter');
    return this.events.find(
      {
        ...timeRange('at', range),
        ...(type !== undefined && { type }),
        ...(locale !== undefined && { locale }),
      },
      { sort: { at: 1 } },
    );
  }
}
