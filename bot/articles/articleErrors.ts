/**
 * Errors of the article use-cases that the storage ports do not already name. Not-found and
 * stale-revision cases reuse the ports' `NotFoundError` and `ConflictError`, so the HTTP edge maps
 * one vocabulary whichever layer noticed the problem.
 */

export type { FieldProblem } from '../server/fieldProblems.js';
import type { FieldProblem } from '../server/fieldProblems.js';

/** The request is well-formed JSON but breaks an article rule; carries every bad field. */
export class ArticleInputError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'ArticleInputError';
  }
}
