/**
 * Picks the case-status provider the config asks for: the bundled sample cases (default) or the
 * USCIS Case Status API client. The composition root calls this once; tests pass `deps` to
 * replace fetch, the clock, the jitter and the logger.
 */
import type { CaseStatusProvider } from './caseStatusProvider.js';
import { caseStatusConfigSchema, type CaseStatusConfigInput } from './caseStatusConfig.js';
import type { Clock } from '../shared/clock.js';
import { createSampleCaseStatusProvider } from './sampleCaseStatusProvider.js';
import { createUscisCaseStatusProvider, type CaseStatusLogger } from './uscis/uscisCaseStatusProvider.js';

export interface CaseStatusProviderDeps {
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  logger?: CaseStatusLogger;
}

/** Parses `config` with `caseStatusConfigSchema` (throws a ZodError naming the bad key). */
export function createCaseStatusProvider(
  config: CaseStatusConfigInput = {},
  deps: CaseStatusProviderDeps = {},
): CaseStatusProvider {
  const parsed = caseStatusConfigSchema.parse(config);
  if (parsed.provider === 'sample') return createSampleCaseStatusProvider();
  return createUscisCaseStatusProvider({ config: parsed.uscis, ...deps });
}
