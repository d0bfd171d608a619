import type { Locale } from '../../../contracts/locale.js';

// What visitors asked and what they got, for the reports.

export type AnalyticsEventType = 'question' | 'handoff_request' | 'case_status';

export interface AnalyticsEvent {
  id: string;
  type: AnalyticsEventType;
  conversationId: string;
  locale: Locale;
  at: string;
  /** For questions: what the answer engine decided. */
  decision: 'answer' | 'clarify' | 'none' | null;
  articleId: string | null;
  score: number | null;
  /** The visitor's words, personal data masked. */
  text: string | null;
  /** Free-form outcome for handoffs and case status lookups (e.g. "queued", "out_of_hours", "found"). */
  outcome: string | null;
}

export interface AnalyticsStore {
  record(event: AnalyticsEvent): Promise<void>;
  /** In time order, `from` inclusive, `to` exclusive. */
  list(filter: {
    from: string;
    to: string;
    type?: AnalyticsEventType;
    locale?: Locale;
  }): Promise<AnalyticsEvent[]>;
  /** Retention: sets `text` to null on events older than `cutoff`, keeping the rest. Returns how many. */
  forgetTextBefore(cutoff: string): Promise<number>;
}
