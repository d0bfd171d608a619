import type { Locale } from '../../../contracts/locale.js';
import type { AnalyticsEvent, AnalyticsEventType } from '../../assistant/records.js';
export type { AnalyticsEvent, AnalyticsEventType } from '../../assistant/records.js';

// What visitors asked and what they got, for the reports.

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
