/**
 * The USCIS Case Status API client behind the `CaseStatusProvider` port
 * (/work/shared/design/case-status-api.md). A lookup goes:
 *
 *   normalise → response cache → same lookup already in flight? → daily limit / server-imposed
 *   pause → circuit breaker → attempts (token, GET, retries with back-off) → cache.
 *
 * Every request passes the shared limits (5 per second, daily budget, timeout) in `send`. Nothing
 * throws out of `getStatus` and no error text reaches the result; details go to the logger, with
 * the receipt number masked.
 */
import type {
  CaseStatusProvider,
  CaseStatusRequester,
  CaseStatusResult,
  CaseStatusUnavailableReason,
} from '../caseStatusProvider.js';
import type { UscisCaseStatusConfig } from '../caseStatusConfig.js';
import { systemClock, type Clock } from '../../shared/clock.js';
import { maskReceiptNumber, normaliseReceiptNumber } from '../receiptNumber.js';
import { AccessTokenSource, type TokenResult } from './accessTokenSource.js';
import { readCaseStatusAnswer } from './caseStatusResponse.js';
import { CircuitBreaker, type CircuitState } from './circuitBreaker.js';
import { DailyRequestBudget, saysDailyQuotaExhausted } from './dailyRequestBudget.js';
import { LookupAllowance } from './lookupAllowance.js';
import { backoffDelay, parseRetryAfter } from './retryTiming.js';
import { SlidingWindowRateLimiter } from './slidingWindowRateLimiter.js';
import { TtlLruCache } from './ttlLruCache.js';
import { createUscisHttpSender, type HttpAnswer, type SendOutcome } from './uscisHttpSender.js';

/** The slice of a pino logger this client uses. */
export interface CaseStatusLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface UscisCaseStatusProviderOptions {
  config: UscisCaseStatusConfig;
  fetch?: typeof fetch;
  clock?: Clock;
  /** [0, 1) for back-off jitter. */
  random?: () => number;
  logger?: CaseStatusLogger;
}

export interface UscisCaseStatusProvider extends CaseStatusProvider {
  readonly name: 'uscis';
  /** For health checks: is the API being avoided after failures? */
  readonly circuitState: CircuitState;
  /** Requests sent today by this process (token requests and retries included). */
  readonly requestsToday: number;
}

/** What a lookup's outcome says about the API's health, for the circuit breaker. */
type Health = 'success' | 'failure' | 'neutral';

type AttemptOutcome =
  | { kind: 'done'; result: CaseStatusResult; health: Health }
  /** Worth another try after a pause (`retryAfterMs` when the server named one). */
  | { kind: 'retry'; reason: 'outage' | 'rate_limited'; retryAfterMs: number | null }
  /** The API refused the token: renew it once and try again. */
  | { kind: 'unauthorized'; token: string };

const silentLogger: CaseStatusLogger = { warn: () => undefined, error: () => undefined };

function unavailable(reason: CaseStatusUnavailableReason): CaseStatusResult {
  return { kind: 'unavailable', reason };
}

export function createUscisCaseStatusProvider(
  options: UscisCaseStatusProviderOptions,
): UscisCaseStatusProvider {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const now = () => clock.now().getTime();
  const baseUrl = config.baseUrl.replace(/\/+$/, '');

  const budget = new DailyRequestBudget({
    limit: config.dailyBudget,
    timeZone: config.dailyResetTimeZone,
    now,
  });
  const allowance = new LookupAllowance({
    perConversation: config.conversationDailyLookups,
    perAddress: config.addressDailyLookups,
    timeZone: config.dailyResetTimeZone,
    now,
  });
  const send = createUscisHttpSender({
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: config.requestTimeoutMs,
    rateLimiter: new SlidingWindowRateLimiter({ ...config.rateLimit, clock }),
    budget,
  });
  const tokens = new AccessTokenSource({
    tokenUrl: `${baseUrl}/oauth/accesstoken`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    refreshMarginMs: config.tokenRefreshMarginMs,
    send,
    now,
  });
  const breaker = new CircuitBreaker({ ...config.circuitBreaker, now });
  const cache = new TtlLruCache<CaseStatusResult>({ ...config.cache, now });
  const inFlight = new Map<string, Promise<CaseStatusResult>>();
  /** A server-imposed pause (a long `Retry-After`): no requests before `until`. */
  let pause: { until: number; reason: 'outage' | 'rate_limited' } = { until: 0, reason: 'rate_limited' };

  function settle(health: Health, receipt: string): void {
    if (health === 'success') breaker.recordSuccess();
    else if (health === 'neutral') breaker.recordNeutral();
    else if (breaker.recordFailure()) {
      logger.warn(
        { receipt: maskReceiptNumber(receipt), cooldownMs: config.circuitBreaker.cooldownMs },
        'case status API failing: circuit opened',
      );
    }
  }

  /** 429 and 5xx, from the token endpoint or the status endpoint alike. */
  function classifyBusyOrFailing(answer: HttpAnswer): AttemptOutcome | null {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now());
    if (answer.status === 429) {
      if (saysDailyQuotaExhausted(answer.body)) {
        budget.markExhausted(retryAfterMs === null ? undefined : now() + retryAfterMs);
        logger.warn({ status: 429 }, 'case status API daily quota exhausted');
        return { kind: 'done', result: { kind: 'daily_limit' }, health: 'neutral' };
      }
      return { kind: 'retry', reason: 'rate_limited', retryAfterMs };
    }
    if (answer.status >= 500 && answer.status <= 599) {
      return { kind: 'retry', reason: 'outage', retryAfterMs };
    }
    return null;
  }

  function classifyNoAnswer(outcome: Exclude<SendOutcome, { kind: 'answer' }>): AttemptOutcome {
    switch (outcome.kind) {
      case 'timeout':
        return { kind: 'done', result: unavailable('timeout'), health: 'failure' };
      case 'network_error':
        logger.warn({ error: outcome.errorName }, 'case status API unreachable');
        return { kind: 'retry', reason: 'outage', retryAfterMs: null };
      case 'rate_limited':
        return { kind: 'done', result: unavailable('rate_limited'), health: 'neutral' };
      case 'daily_limit':
        return { kind: 'done', result: { kind: 'daily_limit' }, health: 'neutral' };
    }
  }

  function classifyTokenFailure(result: Exclude<TokenResult, { kind: 'token' }>): AttemptOutcome {
    if (result.kind === 'no_answer') return classifyNoAnswer(result.outcome);
    if (result.kind === 'refused') {
      const busy = classifyBusyOrFailing(result.answer);
      if (busy) return busy;
      // 400/401/403 here mean the client id or secret is wrong: an operator problem, not a visitor's.
      logger.error({ status: result.answer.status }, 'case status API refused the client credentials');
    } else {
      logger.error({}, 'case status API token answer unreadable');
    }
    return { kind: 'done', result: unavailable('outage'), health: 'failure' };
  }

  async function attempt(receipt: string): Promise<AttemptOutcome> {
    const token = await tokens.get();
    if (token.kind !== 'token') return classifyTokenFailure(token);
    const sent = await send(`${baseUrl}/case-status/${encodeURIComponent(receipt)}`, {
      method: 'GET',
      headers: { authorization: `Bearer ${token.token}`, accept: 'application/json' },
    });
    if (sent.kind !== 'answer') return classifyNoAnswer(sent);
    const { answer } = sent;
    if (answer.status >= 200 && answer.status <= 299) {
      const details = readCaseStatusAnswer(answer.body, receipt);
      if (details) return { kind: 'done', result: { kind: 'found', case: details }, health: 'success' };
      logger.warn(
        { receipt: maskReceiptNumber(receipt), status: answer.status },
        'case status answer unreadable',
      );
      return { kind: 'done', result: unavailable('outage'), health: 'failure' };
    }
    if (answer.status === 400 || answer.status === 422) {
      return { kind: 'done', result: { kind: 'invalid' }, health: 'success' };
    }
    if (answer.status === 404) return { kind: 'done', result: { kind: 'not_found' }, health: 'success' };
    if (answer.status === 401) return { kind: 'unauthorized', token: token.token };
    const busy = classifyBusyOrFailing(answer);
    if (busy) return busy;
    logger.warn(
      { receipt: maskReceiptNumber(receipt), status: answer.status },
      'case status API unexpected status',
    );
    return { kind: 'done', result: unavailable('outage'), health: 'failure' };
  }

  /** Attempts until a result: one token renewal on 401, up to `maxRetries` retries on 5xx/429/network. */
  async function lookUp(receipt: string): Promise<{ result: CaseStatusResult; health: Health }> {
    let retries = 0;
    let renewedToken = false;
    for (;;) {
      const outcome = await attempt(receipt);
      if (outcome.kind === 'done') return outcome;
      if (outcome.kind === 'unauthorized') {
        if (renewedToken) {
          logger.error({ receipt: maskReceiptNumber(receipt) }, 'case status API refused a fresh token');
          return { result: unavailable('outage'), health: 'failure' };
        }
        renewedToken = true;
        tokens.invalidate(outcome.token);
        continue;
      }
      const health: Health = outcome.reason === 'outage' ? 'failure' : 'neutral';
      const { retryAfterMs } = outcome;
      if (retryAfterMs !== null && retryAfterMs > config.maxRetryAfterMs) {
        // Honour the server: no request from this client until then, rather than retrying early.
        const until = now() + retryAfterMs;
        if (until > pause.until) pause = { until, reason: outcome.reason };
        logger.warn({ retryAfterMs, reason: outcome.reason }, 'case status API asked to pause');
        return { result: unavailable(outcome.reason), health };
      }
      if (retries >= config.maxRetries) return { result: unavailable(outcome.reason), health };
      const delayMs =
        retryAfterMs ??
        backoffDelay(retries, { baseMs: config.backoffBaseMs, maxMs: config.backoffMaxMs, random });
      retries += 1;
      await clock.sleep(delayMs);
    }
  }

  async function guardedLookUp(receipt: string): Promise<CaseStatusResult> {
    if (budget.isExhausted()) return { kind: 'daily_limit' };
    if (now() < pause.until) return unavailable(pause.reason);
    if (!breaker.tryAcquire()) return unavailable('circuit_open');
    let outcome: { result: CaseStatusResult; health: Health };
    try {
      outcome = await lookUp(receipt);
    } catch (error) {
      // A bug, not an API answer; still no raw text for the visitor.
      logger.error(
        { receipt: maskReceiptNumber(receipt), err: error },
        'case status lookup failed unexpectedly',
      );
      outcome = { result: unavailable('outage'), health: 'failure' };
    }
    settle(outcome.health, receipt);
    if (outcome.health === 'success') cache.set(receipt, structuredClone(outcome.result));
    return outcome.result;
  }

  return {
    name: 'uscis',
    get circuitState() {
      return breaker.state;
    },
    get requestsToday() {
      return budget.used;
    },
    async getStatus(receiptNumber: string, requester?: CaseStatusRequester): Promise<CaseStatusResult> {
      try {
        const receipt = typeof receiptNumber === 'string' ? normaliseReceiptNumber(receiptNumber) : null;
        if (!receipt) return { kind: 'invalid' };
        const cached = cache.get(receipt);
        if (cached) return structuredClone(cached);
        // Two visitors (or a double click) asking for the same case share one lookup.
        const pending = inFlight.get(receipt);
        if (pending) return structuredClone(await pending);
        // A lookup that would reach the API: said as the day's limit when the whole budget is
        // gone, else counted against this visitor's share.
        if (budget.isExhausted()) return { kind: 'daily_limit' };
        if (!allowance.tryConsume(requester)) return { kind: 'visitor_limit' };
        const lookup = guardedLookUp(receipt).finally(() => inFlight.delete(receipt));
        inFlight.set(receipt, lookup);
        return await lookup;
      } catch (error) {
        logger.error({ err: error }, 'case status lookup failed unexpectedly');
        return unavailable('outage');
      }
    },
  };
}
