import type { AddressInfo } from 'node:net';
import type { ActivityHandler } from 'botbuilder';
import type { Server } from 'restify';
import { loadArticleFiles } from '../knowledge/content/articleFiles.js';
import { seedArticlesIfEmpty } from './articles/seedArticles.js';
import { AssistantBot } from './assistant/assistantBot.js';
import { BotFrameworkAdapter } from './channels/botframework/botFrameworkAdapter.js';
import { registerBotFrameworkRoute } from './channels/botframework/botFrameworkRoute.js';
import type { AppConfig } from './config/config.js';
import { createI18n } from './i18n/i18n.js';
import { createLogger, type Logger } from './logging/logger.js';
import { registerHealthRoutes } from './server/healthRoutes.js';
import { makeServer } from './server/makeServer.js';
import { registerStaticRoutes } from './server/staticRoutes.js';
import { TurnTracker } from './server/turnTracker.js';
import { openStore } from './storage/openStore.js';
import type { Store } from './storage/ports.js';

export interface App {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly server: Server;
  readonly store: Store;
  /** Starts listening on the configured host and port (0: any free port). */
  listen(): Promise<AddressInfo>;
  /** Graceful stop: refuse new turns, finish the ones in flight, close connections, close the store. */
  stop(): Promise<void>;
}

export interface AppOverrides {
  logger?: Logger;
  /** Tests may run the channels with another bot; the product always runs AssistantBot. */
  bot?: ActivityHandler;
}

/**
 * The composition root: picks the implementations from config and wires them together. Nothing
 * here listens until `listen()`; `main` does that, tests call it with port 0.
 */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.log);
  const store = await openStore(
    config.store.kind === 'mongodb'
      ? { kind: 'mongodb', uri: config.store.uri, dbName: config.store.dbName }
      : { kind: 'embedded', dataDir: config.store.dataDir, compactionIntervalMs: config.store.compactionIntervalMs },
  );
  try {
    const i18n = await createI18n();
    const files = await loadArticleFiles(config.knowledge.articlesDir);
    for (const problem of files.problems) logger.warn({ file: problem.file, field: problem.field }, problem.message);
    const { seeded } = await seedArticlesIfEmpty(store, files.articles);
    if (seeded > 0) logger.info({ seeded }, 'articles loaded into the store on first start');

    const tracker = new TurnTracker();
    const bot = overrides.bot ?? new AssistantBot(i18n);
    const server = makeServer({ logger });

    registerHealthRoutes(server, {
      checks: {
        store: async () => {
          await store.ping();
          return true;
        },
      },
    });
    if (config.botFramework.enabled) {
      const adapter = new BotFrameworkAdapter(config.botFramework);
      adapter.onTurnError = async (context, error) => {
        logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'turn failed');
        const t = i18n.getFixedT(context.activity.locale?.startsWith('es') ? 'es' : 'en');
        await context.sendActivity({ type: 'message', text: t('error.turn'), channelData: { answer: null } });
      };
      registerBotFrameworkRoute(server, { adapter, bot, tracker, logger });
    }
    registerStaticRoutes(server, { publicDir: config.http.publicDir, logger });

    return {
      config,
      logger,
      server,
      store,
      listen: () =>
        new Promise((resolve, reject) => {
          server.server.once('error', reject);
          server.listen(config.http.port, config.http.host, () => {
            server.server.off('error', reject);
            resolve(server.server.address() as AddressInfo);
          });
        }),
      stop: async () => {
        const httpServer = server.server;
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        const { drained } = await tracker.close(config.shutdownTimeoutMs);
        if (!drained) logger.warn({ active: tracker.active }, 'stopping with turns still in flight');
        httpServer.closeAllConnections();
        await closed;
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
