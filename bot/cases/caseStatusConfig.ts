/**
 * The `caseStatus` section of the app config: which provider answers case-status lookups, and the
 * USCIS API client's settings. Exported for the app's config module; every key has a default, so
 * `{}` means the bundled sample cases. Limits default to the API's published ones.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';

const wholeMs = z.int().min(0);

export const uscisCaseStatusConfigSchema = z.strictObject({
  /** Sandbox by default; production is granted per app. Never hard-coded elsewhere. */
  baseUrl: z.url({ protocol: /^https?$/ }).default('https://api-int.uscis.gov'),
  clientId: z.string().default(''),
  clientSecret: z.string().default(''),
  /** Whole exchange (headers and body) per request. */
  requestTimeoutMs: z.int().min(1).max(60_000).default(8_000),
  /** Retries after a 5xx, a 429 or a network error (not after a timeout: the visitor already waited). */
  maxRetries: z.int().min(0).max(5).default(2),
  backoffBaseMs: wholeMs.default(250),
  backoffMaxMs: wholeMs.default(4_000),
  /** A `Retry-After` longer than this is not waited for: the lookup answers "rate limited" instead. */
  maxRetryAfterMs: wholeMs.default(5_000),
  rateLimit: z
    .strictObject({
      maxRequests: z.int().min(1).default(5),
      windowMs: z.int().min(1).default(1_000),
      /** Longest wait for a slot before answering "rate limited". */
      maxWaitMs: wholeMs.default(5_000),
    })
    .prefault({}),
  /** Requests per day this process may send (token requests and retries count). */
  dailyBudget: z.int().min(1).default(1_000),
  /** Lookups one conversation may make per day, within the daily budget. */
  conversationDailyLookups: z.int().min(1).default(10),
  /** Lookups all conversations from one address may make per day, within the daily budget. */
  addressDailyLookups: z.int().min(1).default(50),
  dailyResetTimeZone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as "UTC"')
    .default('UTC'),
  tokenRefreshMarginMs: wholeMs.default(60_000),
  circuitBreaker: z
    .strictObject({
      failureThreshold: z.int().min(1).default(5),
      cooldownMs: wholeMs.default(30_000),
    })
    .prefault({}),
  cache: z
    .strictObject({
      /** Same receipt number within this time: answered from memory (0 turns the cache off). */
      ttlMs: wholeMs.default(60_000),
      maxEntries: z.int().min(1).default(500),
    })
    .prefault({}),
});

export const caseStatusConfigSchema = z
  .strictObject({
    provider: z.enum(['sample', 'uscis']).default('sample'),
    uscis: uscisCaseStatusConfigSchema.prefault({}),
  })
  .superRefine((config, context) => {
    if (config.provider !== 'uscis') return;
    for (const key of ['clientId', 'clientSecret'] as const) {
      if (config.uscis[key].trim() === '') {
        context.addIssue({
          code: 'custom',
          path: ['uscis', key],
          message: 'is required when provider is "uscis"',
        });
      }
    }
  });

export type CaseStatusConfig = z.output<typeof caseStatusConfigSchema>;
export type CaseStatusConfigInput = z.input<typeof caseStatusConfigSchema>;
export type UscisCaseStatusConfig = z.output<typeof uscisCaseStatusConfigSchema>;
export type UscisCaseStatusConfigInput = z.input<typeof uscisCaseStatusConfigSchema>;
