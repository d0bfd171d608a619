import type { Request, Response } from 'restify';
import type { Locale } from '../../contracts/locale.js';
import type { I18n } from '../i18n/i18n.js';
import { toProductLocale } from '../i18n/i18n.js';
import type { FieldProblem } from '../shared/fieldProblems.js';
import { errorBody } from './httpErrors.js';

export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'too_many_requests'
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'duplicate'
  | 'payload_too_large'
  | 'origin_not_allowed'
  | 'csrf_failed'
  | 'invalid_content'
  | 'unsupported_media_type'
  | 'method_not_allowed'
  | 'invalid_activity'
  | 'shutting_down'
  | 'internal';

/** The caller's language for error messages: Accept-Language, English unless Spanish comes first. */
export function requestLocale(req: Request): Locale {
  const header = req.headers['accept-language'];
  const first = typeof header === 'string' ? header.split(',')[0] : undefined;
  return toProductLocale(first);
}

/**
 * Sends `{ error: { code, message, details? } }` with the message in the caller's language.
 * Clients branch on `code`; people read `message`; `details` lists bad fields when there are some.
 */
export function sendApiError(
  i18n: I18n,
  req: Request,
  res: Response,
  status: number,
  code: ApiErrorCode,
  options: { details?: unknown; values?: Record<string, unknown> } = {},
): void {
  res.send(status, errorBody(code, apiMessage(i18n, req, code, options.values), options.details));
}

/** The message of `code` in the caller's language. */
export function apiMessage(
  i18n: I18n,
  req: Request,
  code: ApiErrorCode,
  values: Record<string, unknown> = {},
): string {
  return i18n.getFixedT(requestLocale(req), 'api')(code, values);
}

/**
 * The bad fields of a 400, each said in the caller's language where the problem has a key; a key
 * the locale files lack (a zod type name never listed) falls back to the English text.
 */
export function localisedProblems(
  i18n: I18n,
  req: Request,
  problems: readonly FieldProblem[],
): Array<{ field: string; message: string }> {
  const t = i18n.getFixedT(requestLocale(req), 'api');
  return problems.map((problem) => ({
    field: problem.field,
    message: problem.messageKey
      ? t(problem.messageKey, { ...problem.values, defaultValue: problem.message })
      : problem.message,
  }));
}
