import { z } from 'zod';
import { ARTICLE_ID_PATTERN, MAX_ARTICLE_ID_LENGTH, articleIdSchema } from '../../../contracts/article.js';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type { Locale } from '../../../contracts/locale.js';
import type * as ports from '../ports.js';
import {
  idSchema,
  isId,
  isLocale,
  isPlainRecord,
  isText,
  isTimestamp,
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

const TYPES: ReadonlySet<unknown> = new Set(typeSchema.options);
const DECISIONS: ReadonlySet<unknown> = new Set(eventSchema.shape.decision.unwrap().options);

/**
 * The event as `eventSchema` accepts it. Every question records one, built by the assistant just
 * before, so the schema's rules are checked by hand first (validation.ts); anything that does not
 * pass them goes through the schema, which decides and says what is wrong.
 */
function checkedEvent(event: unknown): ports.AnalyticsEvent {
  if (
    isPlainRecord(event, 10) &&
    isId(event.id) &&
    TYPES.has(event.type) &&
    isId(event.conversationId) &&
    isLocale(event.locale) &&
    isTimestamp(event.at) &&
    (event.decision === null || DECISIONS.has(event.decision)) &&
    (event.articleId === null ||
      (isText(event.articleId, MAX_ARTICLE_ID_LENGTH) && ARTICLE_ID_PATTERN.test(event.articleId))) &&
    (event.score === null || (typeof event.score === 'number' && Number.isFinite(event.score))) &&
    (event.text === null || isText(event.text, 4000)) &&
    (event.outcome === null || isText(event.outcome, 100))
  ) {
    return event as unknown as ports.AnalyticsEvent;
  }
  return parse(eventSchema, event, 'analytics event');
}

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
    await this.events.insert(checkedEvent(event));
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
