import { randomUUID } from 'node:crypto';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Locale } from '../../../contracts/locale.js';
import { hashToken, newOpaqueToken } from '../../auth/sessionTokens.js';
import type { I18n } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import { clientAddress } from '../../server/clientAddress.js';
import type { AllowedOrigins } from '../../shared/allowedOrigins.js';
import type { ConversationStore } from '../../storage/ports.js';
import { ChannelError } from './channelError.js';
import { toConnectError } from './protocolErrors.js';
import type { VisitorLimits } from './visitorLimits.js';
import { startPageOf } from './visitorPage.js';
import { handshakeAuthSchema } from './visitorSchemas.js';
import type { VisitorSocket } from './visitorSocket.js';
import type { Clock } from '../../shared/clock.js';

/**
 * botbuilder's channel id for this channel. `webchat` because botbuilder's prompts decide from
 * the channel id whether suggested actions can be shown, and the widget shows them as Web Chat does.
 */
const SOCKET_CHANNEL_ID = 'webchat';
const BOT_ACCOUNT = { id: 'assistant', name: 'Virtual assistant', role: 'bot' } as const;

function visitorAccountId(conversationId: string): string {
  return `visitor:${conversationId}`;
}

/** How the bot reaches a widget conversation proactively (stored in ConversationRecord.reference). */
export function socketConversationReference(
  conversationId: string,
  locale: Locale,
): Partial<ConversationReference> {
  return {
    channelId: SOCKET_CHANNEL_ID,
    serviceUrl: '',
    locale,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    user: { id: visitorAccountId(conversationId), name: '', role: 'user' },
    bot: { ...BOT_ACCOUNT },
  };
}

/**
 * An inbound activity of a widget conversation (`fields` says what it is): addressed from the
 * visitor to the bot the way botbuilder addresses any inbound activity of a conversation reference.
 */
export function visitorTurnActivity(
  conversationId: string,
  locale: Locale,
  fields: Partial<Activity>,
): Partial<Activity> {
  return TurnContext.applyConversationReference(
    { ...fields, locale },
    socketConversationReference(conversationId, locale),
    true,
  );
}

export interface VisitorSessionDeps {
  conversations: ConversationStore;
  limits: VisitorLimits;
  i18n: I18n;
  logger: Logger;
  origins: AllowedOrigins;
  trustProxy: boolean;
  clock: Clock;
}

/**
 * The `/visitor` handshake: checks the page's origin, then binds the socket to a conversation.
 * A token the store knows resumes its conversation; no token, a malformed one or an unknown one
 * starts a new conversation with a new token (never an error, so a visitor is never stuck), within
 * the per-IP limit of new conversations.
 */
export function createVisitorSessionMiddleware(deps: VisitorSessionDeps) {
  return async (socket: VisitorSocket, next: (error?: Error) => void): Promise<void> => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
    const requested = auth.success ? auth.data : {};
    const locale: Locale = requested.locale ?? 'en';
    try {
      const { headers } = socket.handshake;
      if (!deps.origins.allows(headers.origin)) {
        deps.logger.warn({ origin: headers.origin }, 'visitor socket refused: origin not allowed');
        next(toConnectError(deps.i18n, locale, new ChannelError('origin_not_allowed')));
        return;
      }
      const ip = clientAddress(socket.handshake, deps.trustProxy);
      if (requested.token) {
        const record = await deps.conversations.findByTokenHash(hashToken(requested.token));
        if (record && record.channel === 'socket') {
          socket.data = {
            conversationId: record.id,
            token: requested.token,
            locale: requested.locale ?? record.locale,
            ip,
            resumed: true,
            lastSeq: record.lastSeq,
            isNew: false,
            touchedAt: 0,
          };
          next();
          return;
        }
      }
      const retryAfterMs = await deps.limits.conversation(ip);
      if (retryAfterMs !== null) {
        next(
          toConnectError(
            deps.i18n,
            locale,
            new ChannelError('rate_limited', { retryAfterMs, messageKey: 'socket.tooManyConversations' }),
          ),
        );
        return;
      }
      // The visitor keeps the token (sessionStorage); the store keeps only its SHA-256, so a copy
      // of the database cannot be used to take over a conversation.
      const token = newOpaqueToken();
      const conversationId = randomUUID();
      const now = deps.clock.now().toISOString();
      await deps.conversations.create({
        id: conversationId,
        channel: 'socket',
        locale,
        tokenHash: hashToken(token),
        reference: JSON.stringify(socketConversationReference(conversationId, locale)),
        createdAt: now,
        lastActivityAt: now,
        startPage: startPageOf(requested.page),
        browserHash: requested.browser ? hashToken(requested.browser) : null,
      });
      socket.data = {
        conversationId,
        token,
        locale,
        ip,
        resumed: false,
        lastSeq: 0,
        isNew: true,
        touchedAt: Date.parse(now),
      };
      next();
    } catch (error) {
      deps.logger.error({ err: error }, 'visitor socket handshake failed');
      next(toConnectError(deps.i18n, locale, error));
    }
  };
}
