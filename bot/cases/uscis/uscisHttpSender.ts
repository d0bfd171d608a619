/**
 * Sends one HTTP request to the Case Status API under the client's shared limits: the daily budget,
 * the per-second rate limit and a timeout covering the whole exchange (headers and body). Never
 * throws; every way a request can end is an outcome the provider maps to a result.
 */
import type { DailyRequestBudget } from './dailyRequestBudget.js';
import type { SlidingWindowRateLimiter } from './slidingWindowRateLimiter.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export type SendOutcome =
  | { kind: 'answer'; answer: HttpAnswer }
  | { kind: 'timeout' }
  /** Connection refused or reset, DNS failure, redirect: nothing usable came back. */
  | { kind: 'network_error'; errorName: string }
  /** Not sent: the local rate limit would have kept the visitor waiting too long. */
  | { kind: 'rate_limited' }
  /** Not sent: the day's request budget is used up. */
  | { kind: 'daily_limit' };

export type SendRequest = (url: string, init: RequestInit) => Promise<SendOutcome>;

export interface UscisHttpSenderOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  rateLimiter: SlidingWindowRateLimiter;
  budget: DailyRequestBudget;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  const causeName = (error as { cause?: { name?: unknown } } | null)?.cause?.name;
  return name === 'TimeoutError' || causeName === 'TimeoutError';
}

export function createUscisHttpSender({
  fetch,
  timeoutMs,
  rateLimiter,
  budget,
}: UscisHttpSenderOptions): SendRequest {
  return async (url, init) => {
    if (budget.isExhausted()) return { kind: 'daily_limit' };
    if (!(await rateLimiter.acquire())) return { kind: 'rate_limited' };
    if (!budget.tryConsume()) return { kind: 'daily_limit' };
    try {
      // One signal for the whole exchange: a server that sends headers and then stalls the body
      // times out too.
      const response = await fetch(url, {
        ...init,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await response.text();
      return { kind: 'answer', answer: { status: response.status, headers: response.headers, body } };
    } catch (error) {
      if (isTimeout(error)) return { kind: 'timeout' };
      return { kind: 'network_error', errorName: (error as { name?: string } | null)?.name ?? 'Error' };
    }
  };
}
