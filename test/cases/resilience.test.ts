import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../bot/cases/uscis/circuitBreaker.js';
import { saysDailyQuotaExhausted } from '../../bot/cases/uscis/dailyRequestBudget.js';
import { backoffDelay, parseRetryAfter } from '../../bot/cases/uscis/retryTiming.js';
import { SlidingWindowRateLimiter } from '../../bot/cases/uscis/slidingWindowRateLimiter.js';
import { TtlLruCache } from '../../bot/cases/uscis/ttlLruCache.js';
import { TestClock } from '../support/testClock.js';

/** Monday, March 2, 2026, 10:00 a.m. Eastern, where the case-status tests' clock starts. */
const CASES_NOW = '2026-03-02T15:00:00.000Z';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T15:00:00.000Z');
  it.each([
    ['seconds', '2', 2_000],
    ['zero seconds', '0', 0],
    ['an HTTP date 90 s ahead', 'Mon, 02 Mar 2026 15:01:30 GMT', 90_000],
    ['an HTTP date in the past', 'Mon, 02 Mar 2026 14:00:00 GMT', 0],
    ['nothing', null, null],
    ['blank', ' ', null],
    ['a negative number', '-5', null],
    ['a fraction', '1.5', null],
    ['garbage', 'soon', null],
  ])('when Retry-After is %s (%j), then the wait is %j ms', (_label, header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('when retries go on, then the delay doubles up to the cap, with half of it jittered', () => {
    const options = { baseMs: 100, maxMs: 1_000 };
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, { ...options, random: () => 0 }))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect(
      [0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, { ...options, random: () => 0.999999 })),
    ).toEqual([100, 200, 400, 800, 1_000]);
  });
});

describe('CircuitBreaker', () => {
  it('when failures are not consecutive, then it stays closed', () => {
    const clock = new TestClock(CASES_NOW);
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1_000, now: () => clock.time });
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    expect(breaker.recordFailure()).toBe(true);
    expect(breaker.state).toBe('open');
  });

  it('when a half-open probe ends neutral, then the next caller may probe', () => {
    const clock = new TestClock(CASES_NOW);
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, now: () => clock.time });
    breaker.recordFailure();
    clock.advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordNeutral();
    expect(breaker.tryAcquire()).toBe(true);
  });
});

describe('SlidingWindowRateLimiter', () => {
  it('when more callers than the limit arrive, then they are spaced by the window, in order', async () => {
    const clock = new TestClock(0);
    const limiter = new SlidingWindowRateLimiter({
      maxRequests: 2,
      windowMs: 1_000,
      maxWaitMs: 10_000,
      clock,
    });
    const grantedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        expect(await limiter.acquire()).toBe(true);
        grantedAt.push(clock.time);
      }),
    );
    expect(grantedAt).toEqual([0, 0, 1_000, 1_000, 2_000]);
  });
});

describe('TtlLruCache', () => {
  it('when the TTL is 0, then nothing is kept', () => {
    const cache = new TtlLruCache<string>({ ttlMs: 0, maxEntries: 10, now: () => 0 });
    cache.set('a', 'A');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe('saysDailyQuotaExhausted', () => {
  it.each([
    [
      '{"fault":{"faultstring":"Rate limit quota violation","detail":{"errorcode":"policies.ratelimit.QuotaViolation"}}}',
      true,
    ],
    ['Daily limit exceeded', true],
    ['You have exceeded 1000 requests per day', true],
    [
      '{"fault":{"faultstring":"Spike arrest violation. Allowed rate : 5ps","detail":{"errorcode":"policies.ratelimit.SpikeArrestViolation"}}}',
      false,
    ],
    ['Too Many Requests', false],
    ['', false],
  ])('when a 429 body says %j, then daily is %s', (body, expected) => {
    expect(saysDailyQuotaExhausted(body)).toBe(expected);
  });
});
