/**
 * Where the in-scope questions that missed top-1 were lost: another article ranked first (a
 * matter for the ranking), or the right one ranked first but held back ("none": below the
 * `clarify` cut, a matter for the confidence and its cut). The two call for different remedies,
 * so the evaluation reports both.
 */

/** One evaluated question: what it expects, the best-ranked document, and whether the decision counted as right. */
export interface EvaluatedQuestion {
  expect: string | null;
  best: string | null;
  right: boolean;
}

export interface InScopeMisses {
  inScope: number;
  /** The expected document was ranked first, whatever the decision. */
  rankedFirst: number;
  /** Another document was ranked first (or none at all). */
  anotherFirst: number;
  /** The expected document was ranked first, but the decision did not give it. */
  heldBack: number;
}

export function countInScopeMisses(questions: readonly EvaluatedQuestion[]): InScopeMisses {
  const inScope = questions.filter((question) => question.expect !== null);
  const rankedFirst = inScope.filter((question) => question.best === question.expect);
  return {
    inScope: inScope.length,
    rankedFirst: rankedFirst.length,
    anotherFirst: inScope.length - rankedFirst.length,
    heldBack: rankedFirst.filter((question) => !question.right).length,
  };
}
