import type { Locale } from '../../contracts/locale.js';
import type { AnswerDecision } from '../../contracts/rehearsalApi.js';

/**
 * What the assistant keeps of its conversations for the editors' reports: an event per question,
 * agent request and case-status lookup, and the visitors' "Was this helpful?" votes. The storage
 * ports (bot/storage/ports/) keep them; they are defined here, beside the code that records them
 * (assistantAnalytics.ts, feedbackCollector.ts). Personal data is masked before anything is kept.
 */

export type AnalyticsEventType = 'question' | 'handoff_request' | 'case_status';

export interface AnalyticsEvent {
  id: string;
  type: AnalyticsEventType;
  conversationId: string;
  locale: Locale;
  at: string;
  /** For questions: what the answer engine decided. */
  decision: AnswerDecision | null;
  articleId: string | null;
  score: number | null;
  /** The visitor's words, personal data masked. */
  text: string | null;
  /** Free-form outcome for handoffs and case status lookups (e.g. "queued", "out_of_hours", "found"). */
  outcome: string | null;
}

/** A visitor's vote on an answer. */
export interface FeedbackRecord {
  id: string;
  conversationId: string;
  articleId: string;
  locale: Locale;
  /** The visitor's question, personal data masked. */
  question: string;
  helpful: boolean;
  at: string;
}
