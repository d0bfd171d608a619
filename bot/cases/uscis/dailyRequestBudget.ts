/**
 * The API allows about 1,000 requests a day per app. This counts every request this client sends
 * (token requests and retries included: the server counts them too) and stops at the budget, and
 * it remembers when the server itself says the day's quota is used up. Either way lookups answer
 * `daily_limit` until the next day starts in `timeZone`.
 *
 * The count lives in this process: several instances behind a load balancer each count their own,
 * so give each a share of the budget (or a shared counter later).
 */
import { DateTime } from 'luxon';

export interface DailyRequestBudgetOptions {
  limit: number;
  /** The zone whose midnight starts a new quota day. */
  timeZone: string;
  now: () => number;
}

export class DailyRequestBudget {
  #day = '';
  #used = 0;
  /** Set when the server reported the quota exhausted: no requests before this instant. */
  #blockedUntil = 0;

  constructor(private readonly options: DailyRequestBudgetOptions) {}

  get used(): number {
    this.#rollOver();
    return this.#used;
  }

  isExhausted(): boolean {
    this.#rollOver();
    return this.options.now() < this.#blockedUntil || this.#used >= this.options.limit;
  }

  /** Counts one request; false (and nothing counted) when the budget is used up. */
  tryConsume(): boolean {
    if (this.isExhausted()) return false;
    this.#used += 1;
    return true;
  }

  /** The server says the quota is used up: block until `until`, or the start of the next day. */
  markExhausted(until?: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, until ?? this.#startOfNextDay());
  }

  #startOfNextDay(): number {
    return DateTime.fromMillis(this.options.now(), { zone: this.options.timeZone })
      .plus({ days: 1 })
      .startOf('day')
      .toMillis();
  }

  #rollOver(): void {
    const day = DateTime.fromMillis(this.options.now(), { zone: this.options.timeZone }).toISODate() ?? '';
    if (day !== this.#day) {
      this.#day = day;
      this.#used = 0;
    }
  }
}

/**
 * Does a 429 answer say the daily quota (not the per-second rate) is exhausted? The API sits behind
 * an Apigee-style gateway: a quota violation mentions "quota" ("policies.ratelimit.QuotaViolation",
 * "Rate limit quota violation"), a rate violation "spike arrest". Other wordings of a daily limit
 * are accepted too; anything unclear is treated as the per-second limit, which is retried.
 */
export function saysDailyQuotaExhausted(body: string): boolean {
  if (/spike\s*arrest/i.test(body)) return false;
  return /quota|daily|per[\s_-]?day|day[\s_-]?limit/i.test(body);
}
