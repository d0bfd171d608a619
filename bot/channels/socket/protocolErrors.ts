import type { Locale } from '../../../contracts/locale.js';
import type { ConnectErrorData, ErrorCode, ProtocolError } from '../../../contracts/visitorEvents.js';
import type { I18n } from '../../i18n/i18n.js';
import { ChannelError } from './channelError.js';

/** Which `socket.*` string of bot.json explains each code; rate limits of new chats have their own. */
const MESSAGE_KEYS: Record<ErrorCode, string> = {
  invalid_payload: 'socket.invalidPayload',
  message_too_long: 'socket.messageTooLong',
  rate_limited: 'socket.rateLimited',
  shutting_down: 'socket.shuttingDown',
  internal: 'socket.internal',
  unknown_event: 'socket.unknownEvent',
  origin_not_allowed: 'socket.originNotAllowed',
  rating_not_allowed: 'socket.ratingNotAllowed',
};

/**
 * The error a client sees: a stable code and a message in the visitor's language. Unknown errors
 * become `internal`, so no exception message or stack trace ever reaches a socket.
 */
export function toProtocolError(i18n: I18n, locale: Locale, error: unknown): ProtocolError {
  const known = error instanceof ChannelError ? error : new ChannelError('internal');
  const key = known.messageKey ?? MESSAGE_KEYS[known.code];
  const seconds =
    known.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(known.retryAfterMs / 1000));
  const message = i18n.getFixedT(locale)(key, { ...known.params, seconds });
  return {
    code: known.code,
    message,
    ...(known.retryAfterMs === undefined ? {} : { retryAfterMs: Math.ceil(known.retryAfterMs) }),
  };
}

/** An Error for `next(err)` in a namespace middleware: the client gets `connect_error` with `err.data`. */
export function toConnectError(
  i18n: I18n,
  locale: Locale,
  error: unknown,
): Error & { data: ConnectErrorData } {
  const data = toProtocolError(i18n, locale, error);
  // The message is the code only: Socket.IO sends it to the client as it is.
  return Object.assign(new Error(data.code), { data });
}
