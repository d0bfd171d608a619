import { AuthenticationError } from 'botframework-connector';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { rememberVisitorAddress } from '../../assistant/visitorAddress.js';
import type { I18n } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import { sendApiError } from '../../server/apiResponses.js';
import type { TurnTracker } from '../../server/turnTracker.js';
import { ConversationTurnQueue } from '../conversationTurnQueue.js';
import type { BotFrameworkAdapter } from './botFrameworkAdapter.js';

/**
 * The minimum an inbound activity must have before botbuilder sees it: what every Bot Framework
 * channel sends, and what a turn cannot run without (the conversation and channel key the state,
 * the service URL and sender address the replies). botbuilder validates the rest; this keeps a
 * malformed body from turning into an exception and a 500.
 */
const inboundActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(256).optional(),
    text: z.string().max(10_000).optional(),
    locale: z.string().max(32).optional(),
    channelId: z.string().min(1).max(128),
    serviceUrl: z.string().min(1).max(2048),
    conversation: z.object({ id: z.string().min(1).max(512) }).loose(),
    from: z.object({ id: z.string().min(1).max(512) }).loose(),
  })
  .loose();

/** A string of `min` to `max` characters, as `z.string().min(min).max(max)` accepts. */
function isString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** An object with a string `id` of 1 to 512 characters, as the loose `{ id }` schemas accept. */
function hasId(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    isString((value as { id?: unknown }).id, 1, 512)
  );
}

/**
 * The activity as `inboundActivitySchema` accepts it. Every turn comes through here, so what every
 * channel sends is checked by hand first (the same rules, never looser); anything else goes through
 * the schema, which decides.
 */
function inboundActivity(body: unknown): z.output<typeof inboundActivitySchema> | null {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const activity = body as Record<string, unknown>;
    if (
      isString(activity.type, 1, 64) &&
      (activity.id === undefined || isString(activity.id, 0, 256)) &&
      (activity.text === undefined || isString(activity.text, 0, 10_000)) &&
      (activity.locale === undefined || isString(activity.locale, 0, 32)) &&
      isString(activity.channelId, 1, 128) &&
      isString(activity.serviceUrl, 1, 2048) &&
      hasId(activity.conversation) &&
      hasId(activity.from)
    ) {
      return activity as z.output<typeof inboundActivitySchema>;
    }
  }
  const parsed = inboundActivitySchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export interface BotFrameworkRouteDeps {
  adapter: BotFrameworkAdapter;
  /**
   * The caller's address for the per-address limits inside a turn, or null. Only in the
   * unauthenticated (Emulator) mode is the caller the visitor: authenticated requests all come
   * from the Bot Framework service.
   */
  visitorAddress(req: Request): string | null;
  /**
   * Unauthenticated mode only: may this caller post this activity now? Seconds to wait, or null.
   * (`admit` is given the caller's address and the activity's conversation id.)
   */
  admit?(address: string, conversationId: string): Promise<number | null>;
  bot: Pick<ActivityHandler, 'run'>;
  tracker: TurnTracker;
  i18n: I18n;
  logger: Logger;
}

/**
 * POST /api/messages: the Bot Framework endpoint (Azure Bot Service channels, the Emulator).
 * Honours `deliveryMode: "expectReplies"` through the adapter's invoke response. A request that
 * fails authentication gets 401 and runs no bot code.
 */
export function registerBotFrameworkRoute(server: Server, deps: BotFrameworkRouteDeps): void {
  // Channels may deliver two messages of one conversation at once (a double click, a retry): they
  // run one after the other, in arrival order, so they never race on the same dialog state.
  const queue = new ConversationTurnQueue();
  server.post('/api/messages', async (req: Request, res: Response) => {
    if (deps.tracker.isClosed) {
      res.header('Retry-After', '5');
      sendApiError(deps.i18n, req, res, 503, 'shutting_down');
      return;
    }
    const activity = inboundActivity(req.body);
    if (activity === null) {
      sendApiError(deps.i18n, req, res, 400, 'invalid_activity');
      return;
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    const address = deps.visitorAddress(req);
    if (address !== null && deps.admit) {
      const waitSeconds = await deps.admit(address, activity.conversation.id);
      if (waitSeconds !== null) {
        res.header('Retry-After', String(waitSeconds));
        sendApiError(deps.i18n, req, res, 429, 'too_many_requests', { values: { count: waitSeconds } });
        return;
      }
    }
    let botCodeStarted = false;
    try {
      const processTurn = () =>
        deps.adapter.handleActivity(authHeader, activity as unknown as Activity, async (context) => {
          botCodeStarted = true;
          if (address !== null) rememberVisitorAddress(context, address);
          await deps.bot.run(context);
        });
      // The whole turn is queued (middleware included) so the transcript records it in order too.
      const invokeResponse = await deps.tracker.run(() => queue.run(activity.conversation.id, processTurn));
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
      else res.send(invokeResponse?.status ?? 200);
    } catch (error) {
      // Anything thrown before the bot ran is a failed authentication (a bad or missing token, or a
      // token that could not be checked): the caller is not let in. Errors inside a turn are
      // handled by the adapter's onTurnError and never reach here.
      if (error instanceof AuthenticationError || !botCodeStarted) {
        deps.logger.warn({ reason: (error as Error).message }, 'Bot Framework request refused');
        sendApiError(deps.i18n, req, res, 401, 'unauthorized');
        return;
      }
      deps.logger.error({ err: error }, 'Bot Framework request failed');
      sendApiError(deps.i18n, req, res, 500, 'internal');
    }
  });
}
