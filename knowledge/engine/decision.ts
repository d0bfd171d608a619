import type { DecisionThresholds } from './calibrationFile.js';
import type { AnswerDecision, IndexDocument, RankedDocument } from './types.js';

/** At most this many documents are offered in a "Did you mean…?" (as QnA Maker does). */
export const MAX_CLARIFY_OPTIONS = 3;

export interface Decision<D extends IndexDocument> {
  decision: AnswerDecision;
  alternatives: RankedDocument<D>[];
}

/**
 * Turns a ranking (best first) into what to do:
 * - none: the best is below `clarify`;
 * - answer: the best reaches `answer` and leads the second by at least `margin`, or (when set)
 *   leads it by at least `lead`, or the second scores at most `ratio` of it: so far ahead that
 *   there is nothing to choose between;
 * - clarify otherwise: the best and the runners-up that reach `clarify` (up to three).
 * With "answer", `alternatives` holds the other documents that reached `clarify` (related reading).
 */
export function decide<D extends IndexDocument>(
  ranking: readonly RankedDocument<D>[],
  thresholds: DecisionThresholds,
): Decision<D> {
  const [best, ...others] = ranking;
  if (!best || best.score < thresholds.clarify) return { decision: 'none', alternatives: [] };
  const plausible = others.filter((candidate) => candidate.score >= thresholds.clarify);
  const second = others[0]?.score ?? 0;
  const lead = best.score - second;
  const confident = best.score >= thresholds.answer && lead >= thresholds.margin;
  const unrivalled =
    (thresholds.lead !== undefined && lead >= thresholds.lead) ||
    (thresholds.ratio !== undefined && second <= thresholds.ratio * best.score);
  if (confident || unrivalled) {
    return { decision: 'answer', alternatives: plausible.slice(0, MAX_CLARIFY_OPTIONS - 1) };
  }
  return { decision: 'clarify', alternatives: [best, ...plausible].slice(0, MAX_CLARIFY_OPTIONS) };
}
