/** Case status: finding receipt numbers in messages and looking cases up (sample data or the USCIS API). */
export type {
  CaseDetails,
  CaseHistoryEntry,
  CaseStatusProvider,
  CaseStatusResult,
  CaseStatusText,
  CaseStatusUnavailableReason,
} from './caseStatusProvider.js';
export {
  COMMON_RECEIPT_NUMBER_PREFIXES,
  RECEIPT_NUMBER_PATTERN,
  RECEIPT_NUMBER_PREFIXES,
  findReceiptNumber,
  maskReceiptNumber,
  normaliseReceiptNumber,
  type MalformedReceiptProblem,
  type ReceiptNumberSearch,
} from './receiptNumber.js';
export {
  caseStatusConfigSchema,
  uscisCaseStatusConfigSchema,
  type CaseStatusConfig,
  type CaseStatusConfigInput,
  type UscisCaseStatusConfig,
  type UscisCaseStatusConfigInput,
} from './caseStatusConfig.js';
export { createCaseStatusProvider, type CaseStatusProviderDeps } from './createCaseStatusProvider.js';
export {
  createSampleCaseStatusProvider,
  sampleCaseFileSchema,
  type SampleCaseFile,
} from './sampleCaseStatusProvider.js';
export {
  createUscisCaseStatusProvider,
  type CaseStatusLogger,
  type UscisCaseStatusProvider,
  type UscisCaseStatusProviderOptions,
} from './uscis/uscisCaseStatusProvider.js';
export { CASE_DATA_TIME_ZONE, parseCaseDate } from './parseCaseDate.js';
export { findAlienNumber } from './alienNumber.js';
export { caseStatusKindOf, type CaseStatusKind } from './caseStatusKind.js';
export { systemClock, type Clock } from '../shared/clock.js';
