/**
 * The default case-status provider: answers from `sampleCases.json`, no network. For demos,
 * development and tests of the dialogs. A few reserved receipt numbers (`simulatedOutcomes`)
 * answer with an error outcome so every reply of the case-status dialog can be rehearsed.
 */
import { z } from 'zod';
import type { CaseDetails, CaseStatusProvider, CaseStatusResult } from './caseStatusProvider.js';
import { parseCaseDate } from './parseCaseDate.js';
import { RECEIPT_NUMBER_PATTERN, normaliseReceiptNumber } from './receiptNumber.js';
import bundledSampleCases from './sampleCases.json' with { type: 'json' };

const statusTextSchema = z.strictObject({ title: z.string().min(1), description: z.string().min(1) });
const isoDateOrNull = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .nullable();

const sampleCaseSchema = z.strictObject({
  receiptNumber: z.string().regex(RECEIPT_NUMBER_PATTERN, 'must be 3 upper-case letters and 10 digits'),
  formType: z.string(),
  submitted: isoDateOrNull,
  lastChanged: isoDateOrNull,
  status: z.strictObject({ en: statusTextSchema, es: statusTextSchema.nullable() }),
  history: z.array(
    z.strictObject({ date: isoDateOrNull, en: z.string().min(1), es: z.string().min(1).nullable() }),
  ),
});

const simulatedOutcomeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('unavailable'),
    reason: z.enum(['timeout', 'outage', 'circuit_open', 'rate_limited']),
  }),
  z.strictObject({ kind: z.literal('daily_limit') }),
  z.strictObject({ kind: z.literal('invalid') }),
  z.strictObject({ kind: z.literal('not_found') }),
]);

export const sampleCaseFileSchema = z.strictObject({
  about: z.string().optional(),
  cases: z.array(sampleCaseSchema),
  simulatedOutcomes: z.record(z.string().regex(RECEIPT_NUMBER_PATTERN), simulatedOutcomeSchema).default({}),
});
export type SampleCaseFile = z.input<typeof sampleCaseFileSchema>;
type SampleCase = z.output<typeof sampleCaseSchema>;

/** A fresh object per answer, so a caller changing a result cannot change the sample data. */
function toCaseDetails(sample: SampleCase): CaseDetails {
  return {
    receiptNumber: sample.receiptNumber,
    formType: sample.formType,
    status: { en: { ...sample.status.en }, es: sample.status.es ? { ...sample.status.es } : null },
    lastChanged: parseCaseDate(sample.lastChanged),
    submitted: parseCaseDate(sample.submitted),
    history: sample.history.map((entry) => ({ date: parseCaseDate(entry.date), en: entry.en, es: entry.es })),
  };
}

/** `cases` defaults to the bundled file; a bad file fails here, at start-up, with zod's message. */
export function createSampleCaseStatusProvider(cases?: SampleCaseFile): CaseStatusProvider {
  // The bundled JSON is typed loosely by TypeScript (strings, not literals), hence the schema.
  const data = sampleCaseFileSchema.parse(cases ?? bundledSampleCases);
  const byReceipt = new Map(data.cases.map((sample) => [sample.receiptNumber, sample]));
  return {
    name: 'sample',
    async getStatus(receiptNumber: string): Promise<CaseStatusResult> {
      const normalised = normaliseReceiptNumber(receiptNumber);
      if (!normalised) return { kind: 'invalid' };
      const simulated = data.simulatedOutcomes[normalised];
      if (simulated) return { ...simulated };
      const sample = byReceipt.get(normalised);
      return sample ? { kind: 'found', case: toCaseDetails(sample) } : { kind: 'not_found' };
    },
  };
}
