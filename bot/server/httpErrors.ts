/**
 * The one JSON shape of every HTTP error answer: `{ error: { code, message, details? } }`.
 * Clients branch on `code`; `message` is for people (localised by the callers, see
 * apiResponses.ts), never an exception's text; `details` lists bad fields when there are some.
 */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
