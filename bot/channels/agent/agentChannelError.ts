import type { Locale } from '../../../contracts/locale.js';
import type {
  AgentConnectErrorData,
  AgentErrorCode,
  AgentProtocolError,
} from '../../../contracts/agentEvents.js';
import { HandoffError } from '../../handoff/handoffError.js';
import type { I18n } from '../../i18n/i18n.js';

/**
 * A request the agent channel refuses on purpose. The edge turns it (and the handoff's own
 * `HandoffError`) into a localised `{ code, message }`; anything else becomes `internal`, so no
 * exception message or stack trace reaches a console.
 */
export class AgentChannelError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AgentChannelError';
  }
}

export function toAgentProtocolError(i18n: I18n, locale: Locale, error: unknown): AgentProtocolError {
  const known: AgentChannelError =
    error instanceof AgentChannelError
      ? error
      : error instanceof HandoffError
        ? new AgentChannelError(error.code, error.params)
        : new AgentChannelError('internal');
  return {
    code: known.code,
    message: i18n.t(`handoff.errors.${known.code}`, { ...known.params, lng: locale, ns: 'bot' }),
  };
}

/** An Error for `next(err)` in the namespace middleware: the client gets `connect_error` with `err.data`. */
export function toAgentConnectError(
  i18n: I18n,
  locale: Locale,
  error: unknown,
): Error & { data: AgentConnectErrorData } {
  const data = toAgentProtocolError(i18n, locale, error);
  return Object.assign(new Error(data.code), { data: { code: data.code, message: data.message } });
}
