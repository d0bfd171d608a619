import type { Locale } from '../../../contracts/locale.js';
import type { FeedbackRecord } from '../../assistant/records.js';
export type { FeedbackRecord } from '../../assistant/records.js';

// Visitors' votes on answers.

export interface FeedbackStore {
  add(record: FeedbackRecord): Promise<void>;
  /** In time order, `from` inclusive, `to` exclusive. */
  list(filter: { from: string; to: string; locale?: Locale }): Promise<FeedbackRecord[]>;
  /** Retention: empties the `question` of records older than `cutoff`, keeping the vote. Returns how many. */
  forgetQuestionsBefore(cutoff: string): Promise<number>;
}
