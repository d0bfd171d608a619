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
  isVague,
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
  /** A vague question: the articles it could mean (see `LabeledQuestion.clarify`). */
  clarify?: readonly string[];
  ranking: readonly { id: string; score: number }[];
  /** An in-scope question asked with its article taken away (it should get "none"). */
  absentArticle?: boolean;
}

export interface CalibrationOptions {
  /**
   * Share of the validation file's out-of-scope questions that must get "none": the "clarify" cut is
   * the lowest that keeps at least this share unanswered. Real visitors' questions are mostly in
   * scope, so every point of this share is paid for in in-scope questions turned away: the cut is
   * a stated target, not a weighted guess.
   */
  outOfScopeTarget: number;
  /**
   * The largest wrong-answer rate allowed on the validation questions (in-scope answered with another
   * article, plus out-of-scope answered at all, among all of them): within it, the "answer" cut,
   * margin, lead and ratio that answer most in-scope questions directly win.
   */
  wrongAnswerLimit: number;
  /** A language with fewer validation questions than this uses the pooled calibration. */
  minQuestionsPerLocale: number;
  /** Candidates per question used to fit the weights (best first by the default weights). */
  candidatesPerQuestion: number;
  /**
   * Share of the irrelevant examples' weight, when fitting the signal weights, given to "absent
   * article" questions: every in-scope validation question asked again with its own article taken
   * away (see `absentArticleCandidates`). They teach the weights what a near-domain miss looks like
   * (in the domain, sharing words with other articles, answered by none of them); the cuts are
   * chosen on real questions only. 0 leaves them out.
   */
  absentArticleShare: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = {
  outOfScopeTarget: 0.9,
  wrongAnswerLimit: 0.02,
  minQuestionsPerLocale: 500,
  candidatesPerQuestion: 10,
  absentArticleShare: 1 / 3,
};

/** The two targets the thresholds are chosen for. */
export type ThresholdTargets = Pick<CalibrationOptions, 'outOfScopeTarget' | 'wrongAnswerLimit'>;

const MARGINS = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];
/** `lead` values tried; "not set" comes first so it wins ties. */
const LEADS: (number | undefined)[] = [undefined, 0.9, 0.8, 0.7, 0.6, 0.5];
/** `ratio` values tried (second ≤ ratio × best answers from `clarify` up); "not set" first. */
const RATIOS: (number | undefined)[] = [undefined, 0.2, 0.3, 0.4];
const MAX_CUT_POINTS = 120;
/**
 * What answering a vague question directly costs, in direct right answers: a visitor who typed
 * "green card" and got one article (renewal, when they lost it) acts on a guess. At 1, a setting
 * may answer one more vague question only if it answers one more in-scope question right.
 */
const VAGUE_ANSWER_COST = 1;

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

/** A real validation question reduced to what the decision looks at: its two best scores and whether the best is right. */
interface CompactQuestion {
  outOfScope: boolean;
  /** A vague question: answering it directly is a cost (see `VAGUE_ANSWER_COST`). */
  vague: boolean;
  /** For a vague question: the best-ranked document is one of those it could mean. */
  bestIsMeant: boolean;
  best: number;
  second: number;
  /** The best-ranked document is the expected one. */
  bestIsRight: boolean;
}

function compact(question: RankedQuestion): CompactQuestion {
  const vague = isVague(question);
  const bestId = question.ranking[0]?.id;
  return {
    outOfScope: question.expect === null && !vague,
    vague,
    bestIsMeant: vague && bestId !== undefined && (question.clarify ?? []).includes(bestId),
    best: question.ranking[0]?.score ?? -1,
    second: question.ranking[1]?.score ?? -1,
    bestIsRight: question.expect !== null && question.ranking[0]?.id === question.expect,
  };
}

/** The decision `decide` would take; written out flat because the grid search runs it many times. */
function compactDecision(question: CompactQuestion, thresholds: DecisionThresholds): AnswerDecision {
  const { best, second } = question;
  if (best < thresholds.clarify || best < 0) return 'none';
  const lead = best - Math.max(second, 0);
  const unrivalled =
    (thresholds.lead !== undefined && lead >= thresholds.lead) ||
    (thresholds.ratio !== undefined && Math.max(second, 0) <= thresholds.ratio * best);
  return (best >= thresholds.answer && lead >= thresholds.margin) || unrivalled ? 'answer' : 'clarify';
}

const floor4 = (value: number): number => Math.floor(value * 10_000) / 10_000;

/** Every observed best score (rounded down to four decimals) and 0, ascending. */
function observedScores(questions: readonly CompactQuestion[]): number[] {
  return [...new Set([0, ...questions.map((question) => floor4(Math.max(question.best, 0)))])].sort(
    (a, b) => a - b,
  );
}

/**
 * Cut points for `answer`: evenly spaced (by rank) among the observed best scores, plus 0, so the
 * search over answer × margin × lead × ratio stays small. Rounded down to four decimals so the file
 * stays readable; a score equal to a cut point stays above it.
 */
function cutPoints(questions: readonly CompactQuestion[]): number[] {
  const scores = [...new Set(questions.map((question) => floor4(Math.max(question.best, 0))))].sort(
    (a, b) => a - b,
  );
  const step = Math.max(1, Math.ceil(scores.length / MAX_CUT_POINTS));
  const points = new Set<number>([0]);
  for (let i = 0; i < scores.length; i += step) points.add(scores[i] as number);
  return [...points].sort((a, b) => a - b);
}

/**
 * The "clarify" cut: the lowest observed best score that leaves at least `target` of the
 * out-of-scope questions below it ("none"). Every observed score is tried, not only the thinned
 * grid of `cutPoints`: a coarse grid stops at the next of its points above the last out-of-scope
 * question let through, and turns away the in-scope questions that score in between for nothing
 * (on validation.jsonl, 0.611 instead of 0.595 in Spanish). Every in-scope question whose best
 * candidate is right and reaches the cut is then offered, first, to the visitor, so the lowest
 * such cut is the one that serves most of them. The exact cut-off score of the highest out-of-scope question allowed through, when
 * no cut point works (1: nothing is offered).
 */
function clarifyCut(
  questions: readonly CompactQuestion[],
  points: readonly number[],
  target: number,
): number {
  const outOfScope = questions.filter((question) => question.outOfScope).map((question) => question.best);
  if (outOfScope.length === 0) return points[0] ?? 0;
  for (const point of points) {
    const declined = outOfScope.filter((best) => best < point).length;
    if (declined >= target * outOfScope.length - 1e-9) return point;
  }
  return 1;
}

/**
 * What a setting does on the real validation questions: direct right answers, wrong answers, and
 * vague questions answered directly (a wrong answer too when the article is none they could mean).
 */
function answerCounts(
  questions: readonly CompactQuestion[],
  thresholds: DecisionThresholds,
): { directRight: number; wrong: number; vagueAnswered: number } {
  let directRight = 0;
  let wrong = 0;
  let vagueAnswered = 0;
  for (const question of questions) {
    if (compactDecision(question, thresholds) !== 'answer') continue;
    if (question.vague) {
      vagueAnswered++;
      if (!question.bestIsMeant) wrong++;
    } else if (question.bestIsRight) directRight++;
    else wrong++;
  }
  return { directRight, wrong, vagueAnswered };
}

/** How much a setting serves visitors: direct right answers, less the vague questions it answers directly. */
function gain(counts: { directRight: number; vagueAnswered: number }): number {
  return counts.directRight - VAGUE_ANSWER_COST * counts.vagueAnswered;
}

/**
 * The thresholds for ranked validation questions, in two steps, each against a stated target:
 * 1. `clarify`, the lowest cut that keeps `outOfScopeTarget` of the out-of-scope questions
 *    unanswered (see `clarifyCut`); it decides in-scope top-1 and out-of-scope "none" together.
 * 2. `answer`, `margin`, `lead` and `ratio`: of the settings whose wrong-answer rate stays within
 *    `wrongAnswerLimit`, the one that answers most in-scope questions directly (every "Did you
 *    mean…?" costs the visitor a turn), less the vague questions it answers directly (they need a
 *    "Did you mean…?": see `VAGUE_ANSWER_COST`); ties go to fewer wrong answers, then to the higher
 *    `answer` cut and the smaller margin, first in the order of `LEADS` and `RATIOS`.
 * Absent-article questions take no part: they shape the weights (see `fitWeights`), not the cuts.
 * Vague questions take part in step 2 only.
 */
export function chooseThresholds(
  questions: readonly RankedQuestion[],
  targets: ThresholdTargets = DEFAULT_CALIBRATION_OPTIONS,
): { thresholds: DecisionThresholds } {
  const real = questions.filter((question) => !question.absentArticle).map(compact);
  const points = cutPoints(real);
  const clarify = clarifyCut(real, observedScores(real), targets.outOfScopeTarget);
  const labelled = real.filter((question) => !question.vague).length;
  const allowedWrong = targets.wrongAnswerLimit * labelled + 1e-9;
  let chosen: DecisionThresholds = { answer: Math.max(1, clarify), clarify, margin: 0 };
  let chosenCounts = { directRight: 0, wrong: 0, vagueAnswered: 0 };
  const answers = points.filter((point) => point >= clarify).reverse();
  for (const answer of answers) {
    for (const margin of MARGINS) {
      for (const lead of LEADS) {
        for (const ratio of RATIOS) {
          const thresholds: DecisionThresholds = { answer, clarify, margin };
          if (lead !== undefined) thresholds.lead = lead;
          if (ratio !== undefined) thresholds.ratio = ratio;
          const counts = answerCounts(real, thresholds);
          if (counts.wrong > allowedWrong) continue;
          const better =
            gain(counts) > gain(chosenCounts) ||
            (gain(counts) === gain(chosenCounts) && counts.wrong < chosenCounts.wrong);
          if (better) {
            chosen = thresholds;
            chosenCounts = counts;
          }
        }
      }
    }
  }
  return { thresholds: chosen };
}

export function measureRanked(
  questions: readonly RankedQuestion[],
  thresholds: DecisionThresholds,
): DecisionMetrics {
  const labeled: LabeledQuestion[] = questions.map((question) => ({
    text: '',
    locale: '',
    expect: question.expect,
    ...(question.clarify ? { clarify: question.clarify } : {}),
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
  clarify?: readonly string[];
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
    prepared.push({
      language,
      expect: question.expect,
      ...(isVague(question) ? { clarify: question.clarify } : {}),
      absentArticle: false,
      candidates,
    });
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
 * candidates, in groups: the best candidate of each absent-article question gets
 * `absentArticleShare` of the irrelevant weight; the best candidate of each out-of-scope question
 * (what "none" must reject) and every other wrong candidate (what ranking must push down) split the
 * rest equally. Vague questions take no part: no one document is right or wrong for them.
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
    if (isVague(question)) continue;
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
  // The absent-article group gets its share; the others split the rest equally.
  const absentShare = absentBest.length > 0 ? options.absentArticleShare : 0;
  const otherGroups = [outOfScopeBest, otherWrong].filter((group) => group.length > 0);
  return fitConfidenceWeights([
    ...relevant,
    ...share(absentBest, absentShare),
    ...otherGroups.flatMap((group) => share(group, (1 - absentShare) / otherGroups.length)),
  ]);
}

function rankQuestions<D extends IndexDocument>(
  questions: readonly PreparedQuestion<D>[],
  weights: ConfidenceWeights,
): RankedQuestion[] {
  return questions.map((question) => ({
    expect: question.expect,
    ...(question.clarify ? { clarify: question.clarify } : {}),
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
  const { thresholds } = chooseThresholds(ranked, options);
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
