import type { ActivityHandler } from 'botbuilder';
import type { Server } from 'restify';
import type { AppConfig } from '../../config/config.js';
import { toProductLocale, type I18n } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import { clientAddress } from '../../server/clientAddress.js';
import type { TurnTracker } from '../../server/turnTracker.js';
import type { ConversationStore } from '../../storage/ports.js';
import { ConversationRecorder } from '../conversationRecorder.js';
import { BotFrameworkAdapter } from './botFrameworkAdapter.js';
import { EmulatorLimits } from './emulatorLimits.js';
import { registerBotFrameworkRoute } from './botFrameworkRoute.js';
import type { Clock } from '../../shared/clock.js';

export interface BotFrameworkChannelDeps {
  settings: AppConfig['botFramework'];
  bot: Pick<ActivityHandler, 'run'>;
  conversations: ConversationStore;
  tracker: TurnTracker;
  i18n: I18n;
  logger: Logger;
  clock: Clock;
  /** SOCKET_TRUST_PROXY: the caller's address from X-Forwarded-For (Emulator mode only). */
  trustProxy: boolean;
  /** The per-address limits of the unauthenticated (Emulator) mode. */
  limits: { ipConversationsPerMinute: number; ipMessagesPerMinute: number };
}

export interface BotFrameworkChannel {
  /** For proactive messages (`continueConversationAsync` with a stored reference) and more middleware. */
  readonly adapter: BotFrameworkAdapter;
  /** The bot's app id ('' in the Emulator's unauthenticated mode). */
  readonly appId: string;
}

/**
 * The Bot Framework channel: POST /api/messages on `server`, through botbuilder's CloudAdapter.
 * Unlike the widget's adapter, botbuilder's does not record transcripts by itself: the recorder is
 * its first middleware, so anything added later (the handoff's routing) sees the turn recorded.
 * It records proactive turns too (agent replies, notices), with the role in their channelData.
 */
export function attachBotFrameworkChannel(
  server: Server,
  deps: BotFrameworkChannelDeps,
): BotFrameworkChannel {
  const adapter = new BotFrameworkAdapter(deps.settings);
  adapter.use(new ConversationRecorder(deps.conversations, deps.clock).middleware('botframework'));
  adapter.onTurnError = async (context, error) => {
    deps.logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'turn failed');
    const t = deps.i18n.getFixedT(toProductLocale(context.activity.locale));
    await context.sendActivity({ type: 'message', text: t('error.turn'), channelData: { answer: null } });
  };
  const emulatorLimits = deps.settings.appId ? null : new EmulatorLimits(deps.limits);
  registerBotFrameworkRoute(server, {
    adapter,
    ...(emulatorLimits && {
      admit: (address: string, conversationId: string) => emulatorLimits.admit(address, conversationId),
    }),
    visitorAddress: (req) =>
      deps.settings.appId
        ? null
        : clientAddress({ address: req.socket.remoteAddress ?? '', headers: req.headers }, deps.trustProxy),
    bot: deps.bot,
    tracker: deps.tracker,
    i18n: deps.i18n,
    logger: deps.logger,
  });
  return { adapter, appId: deps.settings.appId };
}
