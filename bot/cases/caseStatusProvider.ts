/**
 * The port the assistant uses to look up a case: one method, one result type. Implementations
 * (the bundled sample cases, the USCIS Case Status API client) never throw and never return raw
 * error text; every outcome the visitor can be told about is a `kind` the dialog can localise.
 */

export interface CaseStatusText {
  title: string;
  description: string;
}

export interface CaseHistoryEntry {
  /** Null when the source gave no date or one that could not be read. */
  date: Date | null;
  en: string;
  /** Null when the source has no Spanish text; the bot shows English and says so. */
  es: string | null;
}

export interface CaseDetails {
  /** Normalised: 3 upper-case letters and 10 digits. Personal data: mask it in logs. */
  receiptNumber: string;
  /** As the source writes it, e.g. "I-130"; empty when unknown. */
  formType: string;
  status: {
    en: CaseStatusText;
    /** Null when the source has no Spanish status; the bot falls back to English and says so. */
    es: CaseStatusText | null;
  };
  lastChanged: Date | null;
  submitted: Date | null;
  /** As the source orders it; may be empty. */
  history: CaseHistoryEntry[];
}

/**
 * Why a lookup could not be answered right now: the service was too slow (`timeout`), failing
 * (`outage`), being avoided after repeated failures (`circuit_open`) or asking us to slow down
 * (`rate_limited`). All mean "try again later"; the bot may offer a live agent in business hours.
 */
export type CaseStatusUnavailableReason = 'timeout' | 'outage' | 'circuit_open' | 'rate_limited';

export type CaseStatusResult =
  | { kind: 'found'; case: CaseDetails }
  /** The number is well formed but no case has it. */
  | { kind: 'not_found' }
  /** The number is not a receipt number (the bot explains the format). */
  | { kind: 'invalid' }
  | { kind: 'unavailable'; reason: CaseStatusUnavailableReason }
  /** Today's request allowance is used up; lookups work again tomorrow. */
  | { kind: 'daily_limit' }
  /** This visitor's share of today's allowance (per conversation or per address) is used up. */
  | { kind: 'visitor_limit' };

/**
 * Who asks, for each visitor's share of the day's lookups: the conversation, and the client's
 * address when the channel knows it (the widget; not Bot Framework channels, whose requests all
 * come from the Bot Framework service).
 */
export interface CaseStatusRequester {
  conversationId: string;
  address: string | null;
}

export interface CaseStatusProvider {
  /** Which implementation answers, for health checks and logs. */
  readonly name: 'sample' | 'uscis';
  /**
   * Looks up one case. Accepts a receipt number in any common typing ("eac-99-991-03402");
   * anything that is not 3 letters + 10 digits is `invalid` without a request. With `requester`,
   * a lookup that would reach a paid API counts against that visitor's share of the day.
   */
  getStatus(receiptNumber: string, requester?: CaseStatusRequester): Promise<CaseStatusResult>;
}
