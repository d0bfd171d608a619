/**
 * The editors' reports (`/api/admin/reports/…`): what visitors asked, how the assistant answered,
 * how live chats were rated. Part of the admin API (adminApi.ts re-exports it). Types only.
 */
import type { Locale } from './locale.js';

// ---------------------------------------------------------------------------------------------
// Reports (/api/admin/reports/…?from&to&locale; each also as `.csv`).

/** Days as YYYY-MM-DD (UTC); both ends optional. */
export interface PeriodQuery {
  from?: string;
  to?: string;
  locale?: Locale;
}

export interface QuestionGroup {
  /** Stable for the same wording: the console uses it as a key. */
  id: string;
  locale: Locale;
  /** The wording asked most often in the group: what "add as alternate question" adds. */
  wording: string;
  /** Other wordings in the group, most frequent first (at most five). */
  examples: string[];
  count: number;
  unanswered: number;
  notHelpful: number;
  /** Articles that were shown and did not help, most frequent first. */
  articleIds: string[];
  firstAt: string;
  lastAt: string;
}

/** `GET /api/admin/reports/unanswered`. */
export interface UnansweredReport {
  from: string;
  to: string;
  locale: Locale | null;
  /** Questions counted (before grouping). */
  total: number;
  groups: QuestionGroup[];
}

/** One day of one locale: the figures behind the charts. */
export interface DayFigures {
  date: string;
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  helpful: number;
  notHelpful: number;
  handoffRequests: number;
  caseStatusLookups: number;
}

export interface ArticleFigures {
  articleId: string;
  /** Questions the engine answered directly with it. */
  answered: number;
  helpful: number;
  notHelpful: number;
}

export interface LocaleFigures {
  locale: Locale;
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  /** Shares of `questions`, 0 when there were none (rounded to 0.001). */
  answeredRate: number;
  clarifiedRate: number;
  unansweredRate: number;
  helpful: number;
  notHelpful: number;
  handoffRequests: number;
  /** By outcome ("queued", "out_of_hours"...). */
  handoffOutcomes: Record<string, number>;
  caseStatusLookups: number;
  caseStatusOutcomes: Record<string, number>;
  /** Most answered first. */
  articles: ArticleFigures[];
  days: DayFigures[];
}

/** How visitors rated live-agent chats: 1 (very poor) to 5 (very good). */
export interface RatingFigures {
  ratings: number;
  /** The mean, rounded to 0.01; null without ratings. */
  average: number | null;
  /** How many of each rating: index 0 counts the 1s, index 4 the 5s. */
  distribution: number[];
}

export interface LocaleRatingFigures extends RatingFigures {
  locale: Locale;
}

export interface AgentRatingFigures extends RatingFigures {
  agentId: string;
  /** The agent's display name now ("(deleted user)" style fallbacks are the console's to choose: null). */
  displayName: string | null;
  /** The same per language of the chats rated (both languages, with zeros). */
  locales: LocaleRatingFigures[];
}

/** `GET /api/admin/reports/ratings`: ratings given in the period, per language and per agent. */
export interface ChatRatingReport {
  from: string;
  to: string;
  locales: LocaleRatingFigures[];
  /** Agents with at least one rating in the period, most ratings first. */
  agents: AgentRatingFigures[];
}

/** `GET /api/admin/reports/analytics`. */
export interface AnalyticsReport {
  from: string;
  to: string;
  locales: LocaleFigures[];
}
