import { describe, expect, it } from 'vitest';
import { caseStatusConfigSchema, createCaseStatusProvider } from '../../bot/cases/index.js';

describe('the caseStatus config section', () => {
  it('when nothing is configured, then the sample provider and the published API limits are the defaults', () => {
    const config = caseStatusConfigSchema.parse({});
    expect(config.provider).toBe('sample');
    expect(config.uscis).toMatchObject({
      baseUrl: 'https://api-int.uscis.gov',
      rateLimit: { maxRequests: 5, windowMs: 1_000 },
      dailyBudget: 1_000,
      cache: { ttlMs: 60_000 },
      circuitBreaker: { failureThreshold: 5 },
    });
  });

  it('when the provider is uscis without credentials, then the error names both missing keys', () => {
    const result = caseStatusConfigSchema.safeParse({ provider: 'uscis' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['uscis.clientId', 'uscis.clientSecret']);
    expect(result.error?.issues[0]?.message).toBe('is required when provider is "uscis"');
  });

  it.each([
    ['an unknown provider', { provider: 'soap' }, 'provider'],
    ['a base URL that is not http(s)', { uscis: { baseUrl: 'ftp://example.org' } }, 'uscis.baseUrl'],
    ['a negative timeout', { uscis: { requestTimeoutMs: -1 } }, 'uscis.requestTimeoutMs'],
    [
      'a fractional rate limit',
      { uscis: { rateLimit: { maxRequests: 2.5 } } },
      'uscis.rateLimit.maxRequests',
    ],
    ['an unknown time zone', { uscis: { dailyResetTimeZone: 'Mars/Olympus' } }, 'uscis.dailyResetTimeZone'],
    ['a misspelt key', { uscis: { baseURL: 'https://x' } }, 'uscis'],
  ])('when the config has %s, then parsing fails at %s', (_label, input, path) => {
    const result = caseStatusConfigSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});

describe('createCaseStatusProvider', () => {
  it('when nothing is configured, then the sample provider answers', async () => {
    const provider = createCaseStatusProvider();
    expect(provider.name).toBe('sample');
    expect((await provider.getStatus('EAC9999103402')).kind).toBe('found');
  });

  it('when uscis is configured, then the API client is built (no request until a lookup)', () => {
    const provider = createCaseStatusProvider(
      { provider: 'uscis', uscis: { baseUrl: 'http://127.0.0.1:9', clientId: 'id', clientSecret: 'secret' } },
      { fetch: () => Promise.reject(new Error('no request expected')) },
    );
    expect(provider.name).toBe('uscis');
  });

  it('when uscis is configured without credentials, then it refuses to start', () => {
    expect(() => createCaseStatusProvider({ provider: 'uscis' })).toThrow(/clientId/);
  });
});
