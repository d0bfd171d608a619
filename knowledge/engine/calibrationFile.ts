import { z } from 'zod';
import { DEFAULT_CONFIDENCE_WEIGHTS, type ConfidenceWeights } from './confidenceModel.js';

/**
 * The calibration an index runs with: how to combine the signals (weights) and where to cut
 * (thresholds), per locale. `scripts/calibrate.ts` writes it as JSON next to the engine
 * (`thresholds.json`); this module reads and checks it.
 */

export interface DecisionThresholds {
  /** Minimum confidence to answer with the best document. */
  answer: number;
  /** Minimum confidence for a document to be offered at all (below it for the best: "none"). */
  clarify: number;
  /** The best must lead the second by this much to be answered directly; closer, the visitor chooses. */
  margin: number;
  /**
   * Optional: a best that leads the second by this much (and reaches `clarify`) is answered even
   * below `answer`: with no rival, "Did you mean…?" would only ask the visitor to confirm.
   */
  lead?: number;
  /**
   * Optional: a best that reaches `clarify` and whose runner-up scores at most this share of it
   * (second ≤ ratio × best) is answered even below `answer`. A lead measured in proportion: a best
   * of 0.69 with a runner-up of 0.19 has no rival however the absolute difference falls. It only
   * turns "Did you mean…?" into an answer, never "none": out-of-scope questions below `clarify`
   * stay unanswered.
   */
  ratio?: number;
}

export interface LocaleCalibration {
  weights: ConfidenceWeights;
  thresholds: DecisionThresholds;
}

export interface EngineCalibration {
  /** Used for locales without their own entry. */
  default: LocaleCalibration;
  /** Keyed by language code ("en", "es"). */
  locales: Record<string, LocaleCalibration>;
  /** Where the figures came from (written by the calibration script, for people). */
  source?: Record<string, unknown>;
}

/** What calibration chose on the CLINC150 validation data (see `DEFAULT_CONFIDENCE_WEIGHTS`). */
export const DEFAULT_THRESHOLDS: DecisionThresholds = { answer: 0.88, clarify: 0.76, margin: 0.3 };

export const DEFAULT_CALIBRATION: EngineCalibration = {
  default: { weights: DEFAULT_CONFIDENCE_WEIGHTS, thresholds: DEFAULT_THRESHOLDS },
  locales: {},
};

const signalWeightsSchema = z.object({
  bm25: z.number(),
  coverage: z.number(),
  // Files written before these signals existed weigh them 0 (the behaviour they were calibrated with).
  nameCoverage: z.number().default(0),
  subject: z.number().default(0),
  questionMatch: z.number(),
  charMatch: z.number(),
  classifier: z.number(),
  otherAgency: z.number().default(0),
});

const localeCalibrationSchema = z.object({
  weights: z.object({ bias: z.number(), signals: signalWeightsSchema }),
  thresholds: z
    .object({
      answer: z.number().min(0).max(1),
      clarify: z.number().min(0).max(1),
      margin: z.number().min(0).max(1),
      lead: z.number().min(0).max(1).optional(),
      ratio: z.number().min(0).max(1).optional(),
    })
    .refine((value) => value.clarify <= value.answer, 'clarify must not exceed answer'),
});

export const engineCalibrationSchema = z.object({
  default: localeCalibrationSchema,
  locales: z.record(z.string(), localeCalibrationSchema),
  source: z.record(z.string(), z.unknown()).optional(),
});

/** Checks a parsed JSON value; throws a readable error naming the bad field. */
export function parseCalibration(value: unknown): EngineCalibration {
  const parsed = engineCalibrationSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid calibration: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** The language part of a locale tag: "es-US" → "es". Documents and questions are matched on it. */
export function languageOf(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? locale;
}

export function calibrationFor(calibration: EngineCalibration, locale: string): LocaleCalibration {
  return calibration.locales[languageOf(locale)] ?? calibration.default;
}
