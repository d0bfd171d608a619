import type { ErrorCode } from '../../../contracts/visitorEvents.js';

export interface ChannelErrorOptions {
  /** Values for the localised message (`{{max}}`...). */
  params?: Record<string, string | number>;
  retryAfterMs?: number;
  /** A more specific `socket.*` string than the code's usual one. */
  messageKey?: string;
}

/**
 * A request the visitor channel refuses on purpose (too long, too fast, malformed...). The edge
 * turns it into a localised `{ code, message }` for the client; anything else thrown is an
 * internal error and shows the visitor nothing but a generic message.
 */
export class ChannelError extends Error {
  readonly params: Record<string, string | number>;
  readonly retryAfterMs: number | undefined;
  readonly messageKey: string | undefined;

  constructor(
    readonly code: ErrorCode,
    options: ChannelErrorOptions = {},
  ) {
    super(code);
    this.name = 'ChannelError';
    this.params = options.params ?? {};
    this.retryAfterMs = options.retryAfterMs;
    this.messageKey = options.messageKey;
  }
}
