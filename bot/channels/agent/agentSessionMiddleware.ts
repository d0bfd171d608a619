import { z } from 'zod';
import { LOCALES, type Locale } from '../../../contracts/locale.js';
import type { AuthService, Principal } from '../../auth/authService.js';
import { isOwnOrigin } from '../../auth/csrf.js';
import { BEARER_TOKEN_PATTERN } from '../../auth/sessionTokens.js';
import type { I18n } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import type { AllowedOrigins } from '../../shared/allowedOrigins.js';
import { AgentChannelError, toAgentConnectError } from './agentChannelError.js';
import type { AgentSocket } from './agentSocket.js';

const handshakeSchema = z.object({
  /** A console on another allowed origin signs in by token; the consoles served here by the cookie. */
  token: z.string().regex(BEARER_TOKEN_PATTERN).optional(),
  locale: z.enum(LOCALES).optional(),
});

/** May use the agent console: the agent role, or admin (who may do everything). */
export function isAgent(principal: Pick<Principal, 'roles'>): boolean {
  return principal.roles.some((role) => role === 'agent' || role === 'admin');
}

/**
 * The `/agent` handshake: the page's origin, then the console's sign-in: the HttpOnly cookie the
 * browser sends with the handshake (only from the service's own pages: SameSite=Strict keeps other
 * sites' pages from sending it, and the Origin check keeps out allowed sites on the same domain),
 * or a bearer token in the handshake's `auth`. Only a live session of a user with the agent or
 * admin role gets in; a visitor's resume token is not a session (their hashes live in different
 * collections), so it is refused like any unknown token.
 */
export function createAgentSessionMiddleware(deps: {
  auth: AuthService;
  i18n: I18n;
  logger: Logger;
  origins: AllowedOrigins;
}) {
  return async (socket: AgentSocket, next: (error?: Error) => void): Promise<void> => {
    const raw = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const locale: Locale = raw.locale === 'es' ? 'es' : 'en';
    try {
      const { headers } = socket.handshake;
      if (!deps.origins.allows(headers.origin)) {
        deps.logger.warn({ origin: headers.origin }, 'agent socket refused: origin not allowed');
        next(toAgentConnectError(deps.i18n, locale, new AgentChannelError('origin_not_allowed')));
        return;
      }
      const parsed = handshakeSchema.safeParse(raw);
      const token = !parsed.success
        ? null
        : (parsed.data.token ??
          (headers.origin === undefined || isOwnOrigin(headers.origin, headers.host)
            ? deps.auth.cookie.read(headers)
            : null));
      const principal = token ? await deps.auth.authenticate(token) : null;
      if (!token || !principal) {
        next(toAgentConnectError(deps.i18n, locale, new AgentChannelError('unauthorized')));
        return;
      }
      if (!isAgent(principal)) {
        deps.logger.warn({ userId: principal.userId }, 'agent socket refused: not an agent');
        next(toAgentConnectError(deps.i18n, locale, new AgentChannelError('forbidden')));
        return;
      }
      socket.data = { principal, locale, token };
      next();
    } catch (error) {
      deps.logger.error({ err: error }, 'agent socket handshake failed');
      next(toAgentConnectError(deps.i18n, locale, error));
    }
  };
}
