import type { Request, Response } from 'restify';
import type { I18n } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import { localisedProblems, sendApiError, type ApiErrorCode } from '../server/apiResponses.js';
import { FieldProblemsError } from '../shared/fieldProblems.js';
import { isStoreError, type StoreErrorCode } from '../storage/errors.js';

export interface AdminErrorDeps {
  i18n: I18n;
  logger: Logger;
}

/** How each storage error reads over HTTP. */
const STORE_ERRORS: Record<StoreErrorCode, { status: number; code: ApiErrorCode }> = {
  invalid_input: { status: 400, code: 'invalid_input' },
  duplicate: { status: 409, code: 'duplicate' },
  conflict: { status: 409, code: 'conflict' },
  not_found: { status: 404, code: 'not_found' },
  unavailable: { status: 503, code: 'internal' },
};

/**
 * The admin API's one error handler: input problems → 400 listing each bad field (in the caller's
 * language where the message is ours), stale revisions and taken ids → 409, unknown articles →
 * 404, anything else → 500 with a generic message (logged, never sent).
 */
function sendAdminError(deps: AdminErrorDeps, req: Request, res: Response, error: unknown): void {
  if (error instanceof FieldProblemsError) {
    sendApiError(deps.i18n, req, res, 400, 'invalid_input', {
      details: localisedProblems(deps.i18n, req, error.problems),
    });
    return;
  }
  if (isStoreError(error)) {
    const { status, code } = STORE_ERRORS[error.code];
    if (status >= 500) deps.logger.error({ err: error, path: req.path() }, 'admin request failed');
    sendApiError(deps.i18n, req, res, status, code, { details: publicDetails(error.code, error.details) });
    return;
  }
  deps.logger.error({ err: error, path: req.path() }, 'admin request failed');
  sendApiError(deps.i18n, req, res, 500, 'internal');
}

/** Runs an async route body and answers its errors through `sendAdminError`. */
export function handled(
  deps: AdminErrorDeps,
  body: (req: Request, res: Response) => Promise<void>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      await body(req, res);
    } catch (error) {
      sendAdminError(deps, req, res, error);
    }
  };
}

/**
 * Only what helps a client recover: the current revision after a conflict, the bad fields of a
 * refused store input. Internal keys and collection names stay on the server.
 */
function publicDetails(code: StoreErrorCode, details: Record<string, unknown> | undefined): unknown {
  if (code === 'conflict' && typeof details?.currentRevision === 'number') {
    return { currentRevision: details.currentRevision };
  }
  if (code === 'invalid_input' && Array.isArray(details?.issues)) {
    return (details.issues as Array<{ path?: string; message?: string }>).map((issue) => ({
      field: String(issue.path ?? ''),
      message: String(issue.message ?? ''),
    }));
  }
  return undefined;
}
