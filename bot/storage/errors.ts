/**
 * Typed errors of the storage layer. Callers branch on `code`, never on messages; the HTTP and
 * socket edges map them to localised replies (409, 400, ...), never to a stack trace.
 */
export type StoreErrorCode = 'invalid_input' | 'duplicate' | 'conflict' | 'not_found' | 'unavailable';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that must never reach a query: unknown fields, `$`-prefixed keys, non-string ids. */
export class StoreInputError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_input', message, details);
  }
}

/** A unique key (id, username, message id...) is already taken. */
export class DuplicateKeyError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('duplicate', message, details);
  }
}

/** A compare-and-set lost: the stored revision or eTag is not the one the caller read. */
export class ConflictError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', message, details);
  }
}

export class NotFoundError extends StoreError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('not_found', message, details);
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
