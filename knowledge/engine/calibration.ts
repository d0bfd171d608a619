import type { AnswerIndex, ScoredCandidate } from './answerIndex.js';
import { rankCandidates } from './answerIndex.js';
import {
  languageOf,
  type DecisionThresholds,
  type EngineCalibration,
  type LocaleCalibration,
} from './calibrationFile.js';
import {
  DEFAULT_CONFIDENCE_WEIGHTS,
  fitConfidenceWeights,
  type ConfidenceWeights,
  type LabeledCandidate,
} from './confidenceModel.js';
import { decide } from './decision.js';
import {
  decisionOutcome,
  measureDecisions,
  type DecisionMetrics,
  type DecisionOutcome,
  type LabeledQuestion,
} from './evaluation.js';
import type { AnswerDecision, IndexDocument, RankedDocument } from './types.js';

/**
 * Chooses the confidence weights and the answer/clarify/none thresholds on a validation file, so the
 * cut-offs come from data rather than guesses. Deterministic: full-batch fitting, a fixed grid of
 * cut points taken from the data, and a fixed search order with strict improvement, so the same
 * index and file always give the same calibration.
 */

/** One validation question with the engine's ranking for it (ids and confidences, best first). */
export interface RankedQuestion {
  expect: string | null;
  ranking: readonly { id: string; score: number }[];
  /** An in-scope question asked with its article taken away (it should get "none"). */
  absentArticle?: boolean;
}

/**
 * What each outcome is worth. A wrong direct answer is worse than admitting ignorance, and a
 * "Did you mean…?" is worth a little less than a direct answer because the visitor has to pick.
 */
export const DECISION_UTILITY = {
  inScope: {
    answerRight: 1,
    answerWrong: -1,
    clarifyFirst: 0.8,
    clarifyListed: 0.5,
    clarifyMissing: -0.3,
    none: 0,
  },
  outOfScope: { none: 1, clarify: -0.3, answer: -1 },
} as const;

export interface CalibrationOptions {
  /**
   * Weight of out-of-scope questions in the objective (in-scope get 1 − this), whatever their counts
   * in the file: 0.5 values both kinds of question equally.
   */
  outOfScopeWeight: number;
  /** A language with fewer validation questions than this uses the pooled calibration. */
  minQuestionsPerLocale: number;
  /** Candidates per question used to fit the weights (best first by the default weights). */
  candidatesPerQuestion: number;
  /**
   * Share of the out-of-scope weight given to "absent article" questions: every in-scope validation
   * question asked again with its own article taken away (see `absentArticleCandidates`). They are
   * the near-domain questions a validation file never has enough of: in the domain, sharing words
   * with other articles, and answered by none of them. 0 leaves them out.
   */
  absentArticleShare: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = {
  outOfScopeWeight: 0.5,
  minQuestionsPerLocale: 500,
  candidatesPerQuestion: 10,
  absentArticleShare: 0.5,
};

const MARGINS = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];
/** `lead` values tried; "not set" comes first so it wins ties. */
const LEADS: (number | undefined)[] = [undefined, 0.9, 0.8, 0.7, 0.6, 0.5];
const MAX_CUT_POINTS = 120;

/** The decision for a ranking under thresholds, as `AnswerIndex.answer` would take it. */
export function outcomeFor(
  ranking: RankedQuestion['ranking'],
  thresholds: DecisionThresholds,
): DecisionOutcome {
  const asRanked = ranking.map((item) => ({
    document: { id: item.id },
    score: item.score,
  })) as unknown as RankedDocument[];
  const { decision, alternatives } = decide(asRanked, thresholds);
  return decisionOutcome(decision, asRanked, alternatives);
}

/** A question reduced to what the decision looks at: its three best scores and which one is right. */
interface CompactQuestion {
  outOfScope: boolean;
  absentArticle: boolean;
  scores: [number, number, number];
  /** Rank (0–2) of the expected document among the three best, or -1. */
  expectedRank: number;
}

function compact(question: RankedQuestion): CompactQuestion {
  const score = (rank: number): number => question.ranking[rank]?.score ?? -1;
  const expectedRank = question.ranking.slice(0, 3).findIndex((item) => item.id === question.expect);
  return {
    outOfScope: question.expect === null,
    absentArticle: question.absentArticle === true,
    scores: [score(0), score(1), score(2)],
    expectedRank,
  };
}

/** The decision `decide` would take; written out flat because the grid search runs it millions of times. */
function compactDecision(question: CompactQuestion, thresholds: DecisionThresholds): AnswerDecision {
  const [best, second] = question.scores;
  if (best < thresholds.clarify || best < 0) return 'none';
  const lead = best - Math.max(second, 0);
  const unrivalled = thresholds.lead !== undefined && lead >= thresholds.lead;
  return (best >= thresholds.answer && lead >= thresholds.margin) || unrivalled ? 'answer' : 'clarify';
}

function compactUtility(question: CompactQuestion, thresholds: DecisionThresholds): number {
  const decision = compactDecision(question, thresholds);
  if (question.outOfScope) return DECISION_UTILITY.outOfScope[decision];
  const inScope = DECISION_UTILITY.inScope;
  if (decision === 'none') return inScope.none;
  if (decision === 'answer') return question.expectedRank === 0 ? inScope.answerRight : inScope.answerWrong;
  if (question.expectedRank === 0) return inScope.clarifyFirst;
  const [, second, third] = question.scores;
  const listed =
    (question.expectedRank === 1 && second >= thresholds.clarify) ||
    (question.expectedRank === 2 && third >= thresholds.clarify && second >= thresholds.clarify);
  return listed ? inScope.clarifyListed : inScope.clarifyMissing;
}

/** Share of in-scope questions answered directly: the tie-breaker between equally good settings. */
function directAnswerShare(questions: readonly CompactQuestion[], thresholds: DecisionThresholds): number {
  let direct = 0;
  let inScope = 0;
  for (const question of questions) {
    if (question.outOfScope || question.absentArticle) continue;
    inScope++;
    if (compactDecision(question, thresholds) === 'answer') direct++;
  }
  return inScope === 0 ? 0 : direct / inScope;
}

/** How much each kind of validation question weighs in the objective, whatever their counts. */
interface GroupWeights {
  inScope: number;
  outOfScope: number;
  absentArticle: number;
}

function groupWeights(outOfScopeWeight: number, absentArticleShare: number): GroupWeights {
  return {
    inScope: 1 - outOfScopeWeight,
    outOfScope: outOfScopeWeight * (1 - absentArticleShare),
    absentArticle: outOfScopeWeight * absentArticleShare,
  };
}

/** Weighted mean utility: each kind of question averaged, then mixed (kinds with no question drop out). */
function compactObjective(
  questions: readonly CompactQuestion[],
  thresholds: DecisionThresholds,
  weights: GroupWeights,
): number {
  const sums = { inScope: 0, outOfScope: 0, absentArticle: 0 };
  const counts = { inScope: 0, outOfScope: 0, absentArticle: 0 };
  for (const question of questions) {
    const kind = question.absentArticle ? 'absentArticle' : question.outOfScope ? 'outOfScope' : 'inScope';
    sums[kind] += compactUtility(question, thresholds);
    counts[kind]++;
  }
  let value = 0;
  let total = 0;
  for (const kind of ['inScope', 'outOfScope', 'absentArticle'] as const) {
    if (counts[kind] === 0) continue;
    value += weights[kind] * (sums[kind] / counts[kind]);
    total += weights[kind];
  }
  return total === 0 ? 0 : value / total;
}

/**
 * Cut points: evenly spaced (by rank) among the observed best scores, plus 0. Rounded down to four
 * decimals so the file stays readable; a score equal to a cut point stays above it.
 */
function cutPoints(questions: readonly RankedQuestion[]): number[] {
  const floor4 = (value: number): number => Math.floor(value * 10_000) / 10_000;
  const scores = [...new Set(questions.map((question) => floor4(question.ranking[0]?.score ?? 0)))].sort(
    (a, b) => a - b,
  );
  const step = Math.max(1, Math.ceil(scores.length / MAX_CUT_POINTS));
  const points = new Set<number>([0]);
  for (let i = 0; i < scores.length; i += step) points.add(scores[i] as number);
  return [...points].sort((a, b) => a - b);
}

/**
 * Objective values this close to the best count as equally good; among them the setting that answers
 * most in-scope questions directly wins, since every "Did you mean…?" costs the visitor a turn.
 */
const OBJECTIVE_TOLERANCE = 0.005;

function* thresholdGrid(points: readonly number[]): Generator<DecisionThresholds> {
  for (const clarify of points) {
    for (const answer of points) {
      if (answer < clarify) continue;
      for (const margin of MARGINS) {
        for (const lead of LEADS)
          yield lead === undefined ? { answer, clarify, margin } : { answer, clarify, margin, lead };
      }
    }
  }
}

/**
 * Grid search over (clarify ≤ answer, margin, lead): the best objective, then, within
 * `OBJECTIVE_TOLERANCE` of it, the most direct answers; the first such setting in grid order wins.
 */
export function chooseThresholds(
  questions: readonly RankedQuestion[],
  outOfScopeWeight = DEFAULT_CALIBRATION_OPTIONS.outOfScopeWeight,
  absentArticleShare = DEFAULT_CALIBRATION_OPTIONS.absentArticleShare,
): { thresholds: DecisionThresholds; objective: number } {
  const points = cutPoints(questions);
  const compacted = questions.map(compact);
  const weights = groupWeights(outOfScopeWeight, absentArticleShare);
  const values: number[] = [];
  let bestValue = -Infinity;
  for (const thresholds of thresholdGrid(points)) {
    const value = compactObjective(compacted, thresholds, weights);
    values.push(value);
    if (value > bestValue) bestValue = value;
  }
  let chosen: DecisionThresholds = { answer: 1, clarify: 1, margin: 0 };
  let chosenValue = -Infinity;
  let chosenDirect = -1;
  let position = 0;
  for (const thresholds of thresholdGrid(points)) {
    const value = values[position++] as number;
    if (value < bestValue - OBJECTIVE_TOLERANCE) continue;
    const direct = directAnswerShare(compacted, thresholds);
    if (direct > chosenDirect + 1e-12) {
      chosen = thresholds;
      chosenValue = value;
      chosenDirect = direct;
    }
  }
  return { thresholds: chosen, objective: chosenValue };
}

export function measureRanked(
  questions: readonly RankedQuestion[],
  thresholds: DecisionThresholds,
): DecisionMetrics {
  const labeled: LabeledQuestion[] = questions.map((question) => ({
    text: '',
    locale: '',
    expect: question.expect,
  }));
  return measureDecisions(
    labeled,
    questions.map((question) => outcomeFor(question.ranking, thresholds)),
  );
}

/** A validation question with its candidates, computed once (the expensive part) and ranked per weights. */
interface PreparedQuestion<D extends IndexDocument> {
  language: string;
  expect: string | null;
  absentArticle: boolean;
  candidates: ScoredCandidate<D>[];
}

/**
 * The candidates of an in-scope question as if its article did not exist: the expected document
 * is dropped and the classifier's probabilities renormalized over the others (the softmax over the
 * remaining documents, which is what it gives without that class). What is left is the engine's
 * view of a question no article covers but other articles share words with: the case "knowing
 * what it does not know" is about.
 */
export function absentArticleCandidates<D extends IndexDocument>(
  candidates: readonly ScoredCandidate<D>[],
  expect: string,
): ScoredCandidate<D>[] {
  const expected = candidates.find((candidate) => candidate.document.id === expect);
  const remaining = 1 - (expected?.signals.classifier ?? 0);
  return candidates
    .filter((candidate) => candidate !== expected)
    .map((candidate) => ({
      ...candidate,
      signals: {
        ...candidate.signals,
        classifier: remaining > 1e-9 ? Math.min(1, candidate.signals.classifier / remaining) : 0,
      },
    }));
}

function prepareQuestions<D extends IndexDocument>(
  index: AnswerIndex<D>,
  questions: readonly LabeledQuestion[],
  options: CalibrationOptions,
): PreparedQuestion<D>[] {
  const prepared: PreparedQuestion<D>[] = [];
  for (const question of questions) {
    const candidates = index.candidates(question.text, question.locale);
    const language = languageOf(question.locale);
    prepared.push({ language, expect: question.expect, absentArticle: false, candidates });
    if (question.expect !== null && options.absentArticleShare > 0) {
      prepared.push({
        language,
        expect: null,
        absentArticle: true,
        candidates: absentArticleCandidates(candidates, question.expect),
      });
    }
  }
  return prepared;
}

/**
 * Fits the weights on one group of questions. Relevant: the expected document. Irrelevant: the other
 * candidates, in groups of equal total weight: the best candidate of each out-of-scope question
 * and of each absent-article question (what "none" must reject), and every other wrong candidate
 * (what ranking must push down).
 */
function fitWeights<D extends IndexDocument>(
  questions: readonly PreparedQuestion<D>[],
  options: CalibrationOptions,
): ConfidenceWeights {
  const relevant: LabeledCandidate[] = [];
  const outOfScopeBest: LabeledCandidate[] = [];
  const absentBest: LabeledCandidate[] = [];
  const otherWrong: LabeledCandidate[] = [];
  for (const question of questions) {
    const { candidates } = question;
    const top = rankCandidates(candidates, DEFAULT_CONFIDENCE_WEIGHTS, options.candidatesPerQuestion);
    top.forEach((candidate, rank) => {
      if (candidate.document.id === question.expect) return;
      const labeled = { signals: candidate.signals, relevant: false };
      if (question.absentArticle) {
        if (rank === 0) absentBest.push(labeled);
      } else if (question.expect === null && rank === 0) outOfScopeBest.push(labeled);
      else otherWrong.push(labeled);
    });
    const expected = candidates.find((candidate) => candidate.document.id === question.expect);
    if (expected) relevant.push({ signals: expected.signals, relevant: true });
  }
  const share = (group: readonly LabeledCandidate[], total: number): LabeledCandidate[] =>
    group.map((candidate) => ({ ...candidate, weight: total / group.length }));
  const wrongGroups = [outOfScopeBest, absentBest, otherWrong].filter((group) => group.length > 0);
  return fitConfidenceWeights([
    ...relevant,
    ...wrongGroups.flatMap((group) => share(group, 1 / wrongGroups.length)),
  ]);
}

function rankQuestions<D extends IndexDocument>(
  questions: readonly PreparedQuestion<D>[],
  weights: ConfidenceWeights,
): RankedQuestion[] {
  return questions.map((question) => ({
    expect: question.expect,
    absentArticle: question.absentArticle,
    ranking: rankCandidates(question.candidates, weights, 5).map((item) => ({
      id: item.document.id,
      score: item.score,
    })),
  }));
}

export interface CalibrationReport {
  calibration: EngineCalibration;
  /** Figures on the validation questions at the chosen thresholds, per language and pooled ("all"). */
  metrics: Record<string, DecisionMetrics>;
}

/** Figures on the real validation questions, and how many absent-article questions got "none". */
function metricsOf(ranked: readonly RankedQuestion[], thresholds: DecisionThresholds): DecisionMetrics {
  const metrics = measureRanked(
    ranked.filter((question) => !question.absentArticle),
    thresholds,
  );
  const absent = ranked.filter((question) => question.absentArticle);
  if (absent.length === 0) return metrics;
  return { ...metrics, absentArticleRecall: measureRanked(absent, thresholds).oosRecall };
}

function calibrateGroup<D extends IndexDocument>(
  questions: readonly PreparedQuestion<D>[],
  options: CalibrationOptions,
): { calibration: LocaleCalibration; metrics: DecisionMetrics } {
  const weights = fitWeights(questions, options);
  const ranked = rankQuestions(questions, weights);
  const { thresholds } = chooseThresholds(ranked, options.outOfScopeWeight, options.absentArticleShare);
  return { calibration: { weights, thresholds }, metrics: metricsOf(ranked, thresholds) };
}

/** Calibrates an index on labelled validation questions: pooled, then per language with enough questions. */
export function calibrate<D extends IndexDocument>(
  index: AnswerIndex<D>,
  questions: readonly LabeledQuestion[],
  options: Partial<CalibrationOptions> = {},
): CalibrationReport {
  const settings = { ...DEFAULT_CALIBRATION_OPTIONS, ...options };
  const prepared = prepareQuestions(index, questions, settings);
  const pooled = calibrateGroup(prepared, settings);
  const locales: Record<string, LocaleCalibration> = {};
  const metrics: Record<string, DecisionMetrics> = { all: pooled.metrics };
  const languages = [...new Set(questions.map((question) => languageOf(question.locale)))].sort();
  for (const language of languages) {
    const realCount = questions.filter((question) => languageOf(question.locale) === language).length;
    const group = prepared.filter((question) => question.language === language);
    if (realCount < settings.minQuestionsPerLocale || languages.length === 1) {
      metrics[language] = metricsOf(
        rankQuestions(group, pooled.calibration.weights),
        pooled.calibration.thresholds,
      );
      continue;
    }
    const result = calibrateGroup(group, settings);
    locales[language] = result.calibration;
    metrics[language] = result.metrics;
  }
  return { calibration: { default: pooled.calibration, locales }, metrics };
}
