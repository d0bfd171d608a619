import { SIGNAL_NAMES, type SignalName, type SignalScores } from './types.js';

/**
 * Combines a candidate's signals into one confidence: a logistic function of a weighted sum.
 * Explainable by construction: each signal's contribution is its weight times its score, and the
 * "Try it" screen can list them. The weights are fitted on a validation file by `calibrate`
 * (see `calibration.ts`); the defaults below are what that fitting found on the public CLINC150
 * validation data, for article sets that were never calibrated.
 */

export interface ConfidenceWeights {
  bias: number;
  signals: SignalScores;
}

export const DEFAULT_CONFIDENCE_WEIGHTS: ConfidenceWeights = {
  bias: -4.43,
  signals: {
    bm25: 1.77,
    coverage: 1.47,
    nameCoverage: 0,
    subject: 0,
    questionMatch: -0.51,
    charMatch: 1.35,
    classifier: 5.05,
    otherAgency: 0,
  },
};

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

export function confidence(signals: SignalScores, weights: ConfidenceWeights): number {
  let sum = weights.bias;
  for (const name of SIGNAL_NAMES) sum += weights.signals[name] * signals[name];
  return sigmoid(sum);
}

/** What each signal added to the weighted sum before the logistic function: the explanation. */
export function signalContributions(
  signals: SignalScores,
  weights: ConfidenceWeights,
): Record<SignalName, number> {
  const contributions = {} as Record<SignalName, number>;
  for (const name of SIGNAL_NAMES) contributions[name] = weights.signals[name] * signals[name];
  return contributions;
}

/** One candidate of one validation question: its signals and whether it is the expected document. */
export interface LabeledCandidate {
  signals: SignalScores;
  relevant: boolean;
  /** How much this example counts; relative within its class (relevant or not). Default 1. */
  weight?: number;
}

export interface FitOptions {
  iterations: number;
  learningRate: number;
  /** L2 penalty: keeps weights modest when a signal is nearly constant on a small validation file. */
  l2: number;
}

const DEFAULT_FIT_OPTIONS: FitOptions = { iterations: 3000, learningRate: 2, l2: 1e-3 };

/**
 * Logistic regression by full-batch gradient descent: deterministic (no sampling), same input gives
 * the same weights. Relevant and irrelevant candidates weigh the same in total, whatever their
 * counts, so the fit does not just learn "most candidates are wrong".
 */
export function fitConfidenceWeights(
  candidates: readonly LabeledCandidate[],
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): ConfidenceWeights {
  let relevantTotal = 0;
  let irrelevantTotal = 0;
  for (const candidate of candidates) {
    if (candidate.relevant) relevantTotal += candidate.weight ?? 1;
    else irrelevantTotal += candidate.weight ?? 1;
  }
  if (relevantTotal === 0 || irrelevantTotal === 0) return DEFAULT_CONFIDENCE_WEIGHTS;
  const relevantWeight = 0.5 / relevantTotal;
  const irrelevantWeight = 0.5 / irrelevantTotal;
  const dimensions = SIGNAL_NAMES.length;
  const rows = candidates.map((candidate) => SIGNAL_NAMES.map((name) => candidate.signals[name]));
  const weights = new Float64Array(dimensions);
  let bias = 0;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const gradient = new Float64Array(dimensions);
    let biasGradient = 0;
    rows.forEach((row, i) => {
      const candidate = candidates[i] as LabeledCandidate;
      let sum = bias;
      for (let d = 0; d < dimensions; d++) sum += (weights[d] as number) * (row[d] as number);
      const classWeight = candidate.relevant ? relevantWeight : irrelevantWeight;
      const error = (sigmoid(sum) - (candidate.relevant ? 1 : 0)) * classWeight * (candidate.weight ?? 1);
      biasGradient += error;
      for (let d = 0; d < dimensions; d++) gradient[d] = (gradient[d] as number) + error * (row[d] as number);
    });
    bias -= options.learningRate * biasGradient;
    for (let d = 0; d < dimensions; d++) {
      const w = weights[d] as number;
      weights[d] = w - options.learningRate * ((gradient[d] as number) + options.l2 * w);
    }
  }
  const signals = {} as SignalScores;
  SIGNAL_NAMES.forEach((name, d) => {
    signals[name] = roundTo(weights[d] as number, 4);
  });
  return { bias: roundTo(bias, 4), signals };
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
