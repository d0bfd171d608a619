/**
 * Errors of the article use-cases that the storage ports do not already name. Not-found and
 * stale-revision cases reuse the ports' `NotFoundError` and `ConflictError`, so the HTTP edge maps
 * one vocabulary whichever layer noticed the problem.
 */

/** One bad field: `field` is a dotted path (`article.questions.3`), `message` says why. */
export interface FieldProblem {
  field: string;
  message: string;
  /**
   * A key of the API's locale files (`api.json`) for problems these use-cases find themselves, so
   * the edge can say them in the caller's language; zod's own messages have none.
   */
  messageKey?: string;
  /** Values interpolated into the localised message. */
  values?: Record<string, string | number>;
}

/** The request is well-formed JSON but breaks an article rule; carries every bad field. */
export class ArticleInputError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'ArticleInputError';
  }
}
