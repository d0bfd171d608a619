import type { z } from 'zod';

/**
 * One bad field of a request, said so that the HTTP edge can put it in the caller's language:
 * `messageKey` names a message of the API's locale files (`api.json`, under `field.`), `values`
 * fill it in, and `message` is the English wording for logs and for anything without a key.
 */
export interface FieldProblem {
  /** A dotted path: `body.article.questions.3`. */
  field: string;
  message: string;
  messageKey?: string;
  values?: Record<string, string | number>;
}

/**
 * A request refused for what its fields hold (a bad schema field, or a rule of a use-case such as
 * an article's): carries every bad field, which the HTTP edge answers as a 400 listing them.
 */
export class FieldProblemsError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'FieldProblemsError';
  }
}

/**
 * zod refinement options that carry a localisable key: `.refine(check, keyed('field.notRealDate',
 * 'is not a real date'))`. The key travels in the issue's `params`.
 */
export function keyed(
  messageKey: string,
  message: string,
): { message: string; params: { messageKey: string } } {
  return { message, params: { messageKey } };
}

type Issue = z.core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };

/** What one zod issue means, as a key of `api.json` and its values. */
function describeIssue(issue: Issue): Pick<FieldProblem, 'messageKey' | 'values'> {
  // A key given with the rule itself (`keyed(...)`) says it best, whatever kind of check it is.
  if (typeof issue.params?.messageKey === 'string') return { messageKey: issue.params.messageKey };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { messageKey: 'field.required' };
      return { messageKey: `field.expected.${issue.expected}` };
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return minimum <= 1 || issue.input === ''
          ? { messageKey: 'field.empty' }
          : { messageKey: 'field.tooShort', values: { minimum } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return { messageKey: 'field.tooFewItems', values: { minimum } };
      }
      return { messageKey: 'field.tooSmall', values: { minimum } };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { messageKey: 'field.tooLong', values: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') {
        return { messageKey: 'field.tooManyItems', values: { maximum } };
      }
      return { messageKey: 'field.tooBig', values: { maximum } };
    }
    case 'invalid_value':
      return { messageKey: 'field.oneOf', values: { values: issue.values.map(String).join(', ') } };
    case 'custom':
      return typeof issue.params?.messageKey === 'string' ? { messageKey: issue.params.messageKey } : {};
    case 'invalid_format':
      return { messageKey: issue.format === 'url' ? 'field.url' : 'field.format' };
    case 'not_multiple_of':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { messageKey: 'field.invalid' };
    default:
      return {};
  }
}

/**
 * Every problem of a failed parse, one per bad field. An unknown key is named as a field of its
 * own ("body.colour: is not a known field"), so the client sees exactly what to remove.
 */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return (error.issues as Issue[]).flatMap((issue): FieldProblem[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key].join('.'),
        message: 'is not a known field',
        messageKey: 'field.unknown',
      }));
    }
    return [
      { field: path.length > 0 ? path.join('.') : '(body)', message: issue.message, ...describeIssue(issue) },
    ];
  });
}
