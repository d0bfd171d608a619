import type { AnswerDecision } from './types.js';

/**
 * How decisions are scored, in one place so the calibration optimizes what the evaluation reports.
 */

/**
 * A labelled question: `expect` is the id of the right document, or null when out of scope.
 * A vague question ("green card", "mica") names a subject several articles are about: `clarify`
 * lists them, the right reply asks which one the visitor means ("Did you mean…?"), and `expect`
 * is null. Vague questions are counted apart: neither in scope nor out of scope.
 */
export interface LabeledQuestion {
  text: string;
  locale: string;
  expect: string | null;
  clarify?: readonly string[];
}

/** Whether a labelled question is vague (see `LabeledQuestion.clarify`). */
export function isVague(question: { clarify?: readonly string[] | undefined }): boolean {
  return question.clarify !== undefined && question.clarify.length > 0;
}

/** What the engine did with one question, reduced to what scoring needs. */
export interface DecisionOutcome {
  decision: AnswerDecision;
  /** For "answer": the document; for "clarify": the first offered one. */
  firstId: string | undefined;
  /** Every offered id ("answer": one; "clarify": up to three). */
  offeredIds: readonly string[];
}

export interface DecisionMetrics {
  inScopeN: number;
  oosN: number;
  /**
   * In-scope questions whose answer is the expected document, or whose "clarify" offers it first
   * (a clarify that lists it second or third does not count).
   */
  inScopeTop1: number;
  /** Out-of-scope questions answered "none" (a clarify does not count as handled). */
  oosRecall: number;
  /** Share of in-scope questions answered directly / clarified / declined. */
  answerRate: number;
  clarifyRate: number;
  noneRate: number;
  /** Share of in-scope questions answered directly with a wrong document. */
  inScopeWrongRate: number;
  /** Share of out-of-scope questions answered directly (with any document). */
  oosAnswerRate: number;
  /**
   * The wrong-answer rate: questions that got a confident wrong article (in-scope answered with
   * another article, or out-of-scope answered at all) among all questions. The worst thing the
   * assistant can do is a confident wrong answer: the visitor acts on it.
   */
  wrongAnswerRate: number;
  /**
   * Calibration only: share of in-scope validation questions that get "none" once their own article
   * is taken away (see `absentArticleCandidates` in calibration.ts).
   */
  absentArticleRecall?: number;
  /** Vague questions (see `LabeledQuestion.clarify`), when there are some. */
  vagueN?: number;
  /** Share of the vague questions answered directly instead of asked "Did you mean…?". */
  vagueAnswerRate?: number;
}

/** What a decision offered the visitor: the answer's document, the clarify options, or nothing. */
export function decisionOutcome(
  decision: AnswerDecision,
  ranking: readonly { document: { id: string } }[],
  alternatives: readonly { document: { id: string } }[],
): DecisionOutcome {
  const offered = decision === 'answer' ? ranking.slice(0, 1) : decision === 'clarify' ? alternatives : [];
  const offeredIds = offered.map((item) => item.document.id);
  return { decision, firstId: offeredIds[0], offeredIds };
}

export function isTop1Correct(expect: string, outcome: DecisionOutcome): boolean {
  return outcome.decision !== 'none' && outcome.firstId === expect;
}

export function measureDecisions(
  questions: readonly LabeledQuestion[],
  outcomes: readonly DecisionOutcome[],
): DecisionMetrics {
  let inScopeN = 0;
  let oosN = 0;
  let top1 = 0;
  let handled = 0;
  let answers = 0;
  let clarifies = 0;
  let nones = 0;
  let wrongAnswers = 0;
  let oosAnswers = 0;
  let vagueN = 0;
  let vagueAnswers = 0;
  questions.forEach((question, i) => {
    const outcome = outcomes[i] as DecisionOutcome;
    if (isVague(question)) {
      vagueN++;
      if (outcome.decision === 'answer') vagueAnswers++;
      return;
    }
    if (question.expect === null) {
      oosN++;
      if (outcome.decision === 'none') handled++;
      if (outcome.decision === 'answer') oosAnswers++;
      return;
    }
    inScopeN++;
    if (isTop1Correct(question.expect, outcome)) top1++;
    if (outcome.decision === 'answer') {
      answers++;
      if (outcome.firstId !== question.expect) wrongAnswers++;
    } else if (outcome.decision === 'clarify') clarifies++;
    else nones++;
  });
  const share = (count: number, total: number): number => (total === 0 ? 0 : round4(count / total));
  const vague = vagueN === 0 ? {} : { vagueN, vagueAnswerRate: share(vagueAnswers, vagueN) };
  return {
    inScopeN,
    oosN,
    inScopeTop1: share(top1, inScopeN),
    oosRecall: share(handled, oosN),
    answerRate: share(answers, inScopeN),
    clarifyRate: share(clarifies, inScopeN),
    noneRate: share(nones, inScopeN),
    inScopeWrongRate: share(wrongAnswers, inScopeN),
    oosAnswerRate: share(oosAnswers, oosN),
    wrongAnswerRate: share(wrongAnswers + oosAnswers, inScopeN + oosN),
    ...vague,
  };
}

export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
