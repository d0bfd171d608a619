import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ActivityHandler } from 'botbuilder';
import type { Server } from 'restify';
import type { Server as SocketServer } from 'socket.io';
import { loadArticleFiles } from '../knowledge/content/articleFiles.js';
import { registerAdminRoutes } from './admin/adminRoutes.js';
import { KnowledgeChangeWatcher } from './articles/knowledgeChangeWatcher.js';
import { seedArticlesIfEmpty } from './articles/seedArticles.js';
import { registerAuthRoutes } from './auth/authRoutes.js';
import { AuthService } from './auth/authService.js';
import { PublishedKnowledge } from './articles/publishedKnowledge.js';
import { createAssistant } from './assistant/createAssistant.js';
import type { LiveAgentGateway } from './assistant/liveAgentGateway.js';
import { createCaseStatusProvider } from './cases/createCaseStatusProvider.js';
import { attachAgentChannel } from './channels/agent/agentChannel.js';
import { installMongoSocketAdapter } from './channels/agent/mongoSocketAdapter.js';
import { ConversationRecorder } from './channels/conversationRecorder.js';
import { BotFrameworkAdapter } from './channels/botframework/botFrameworkAdapter.js';
import { registerBotFrameworkRoute } from './channels/botframework/botFrameworkRoute.js';
import { createSocketServer } from './channels/socket/socketServer.js';
import { attachVisitorChannel, type VisitorChannel } from './channels/socket/visitorChannel.js';
import type { AppConfig } from './config/config.js';
import { createBusinessHours } from './handoff/businessHours/businessHours.js';
import { createHandoff, type Handoff } from './handoff/createHandoff.js';
import type { SweepReport } from './handoff/handoffService.js';
import { HandoffSweeper } from './handoff/handoffSweeper.js';
import { createI18n } from './i18n/i18n.js';
import { createLogger, type Logger } from './logging/logger.js';
import { apiCors } from './server/apiCors.js';
import { registerHealthRoutes } from './server/healthRoutes.js';
import { makeServer } from './server/makeServer.js';
import { registerStaticRoutes } from './server/staticRoutes.js';
import { TurnTracker } from './server/turnTracker.js';
import { openStore } from './storage/openStore.js';
import type { ConversationStore, Store } from './storage/ports.js';

export interface App {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly server: Server;
  readonly store: Store;
  /** The published articles the assistant answers from (rebuilt on publishes and on `knowledgeChanges`). */
  readonly knowledge: PublishedKnowledge;
  /**
   * `check()` looks at the store's content version now and rebuilds the answer index when another
   * instance changed the articles (it also runs every KNOWLEDGE_CHECK_SECONDS). True when it did.
   */
  readonly knowledgeChanges: { check(): Promise<boolean> };
  /** The Socket.IO server (on `server.server`) the widget and the consoles share. */
  readonly io: SocketServer;
  /** The widget's channel: proactive messages to visitors go through `visitors.sendToConversation`. */
  readonly visitors: VisitorChannel;
  /** Live-agent handoff: the queue service, service requests; `sweep()` runs this instance's periodic pass now. */
  readonly handoff: Handoff & { sweep(): Promise<SweepReport> };
  /** Starts listening on the configured host and port (0: any free port). */
  listen(): Promise<AddressInfo>;
  /** Graceful stop: refuse new turns, finish the ones in flight, close connections, close the store. */
  stop(): Promise<void>;
}

export interface AppOverrides {
  logger?: Logger;
  /** Tests may run the channels with another bot; the product always runs AssistantBot. */
  bot?: ActivityHandler;
  /** Live-agent handoff for the assistant; without it visitors are told the hours and alternatives. */
  liveAgent?: LiveAgentGateway;
  /** The time everywhere it matters (business hours, the queue, transcripts); tests pass a fixed one. */
  clock?: () => Date;
}

/**
 * The composition root: picks the implementations from config and wires them together. Nothing
 * here listens until `listen()`; `main` does that, tests call it with port 0.
 */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.log);
  const store = await openStore(config.store);
  let retention: { stop(): Promise<void> } | undefined;
  let knowledgeChanges: KnowledgeChangeWatcher | undefined;
  let sweeper: HandoffSweeper | undefined;
  let socketEvents: { close(): Promise<void> } | undefined;
  try {
    const i18n = await createI18n();
    const files = await loadArticleFiles(config.knowledge.articlesDir);
    for (const problem of files.problems)
      logger.warn({ file: problem.file, field: problem.field }, problem.message);
    const { seeded } = await seedArticlesIfEmpty(store, files.articles);
    if (seeded > 0) logger.info({ seeded }, 'articles loaded into the store on first start');

    const tracker = new TurnTracker();
    const clock = overrides.clock ?? (() => new Date());
    retention = startTranscriptRetention(store.conversations, config.transcriptRetentionDays, logger, clock);
    const knowledge = new PublishedKnowledge(store);
    // Every rebuild goes through the watcher, so it knows which content version the index holds.
    const watcher = new KnowledgeChangeWatcher({
      articles: store.articles,
      knowledge,
      intervalMs: config.knowledge.checkIntervalMs,
      logger,
    });
    knowledgeChanges = watcher;
    const { articles } = await watcher.refresh();
    logger.info({ articles }, 'answer index built from the published articles');
    const businessHours = createBusinessHours(config.businessHours);
    const handoff = createHandoff({
      store,
      hours: businessHours,
      policy: config.handoff,
      i18n,
      logger,
      instanceId: randomUUID(),
      clock,
    });
    const bot =
      overrides.bot ??
      createAssistant({
        i18n,
        storage: store.botState,
        answers: knowledge,
        catalog: knowledge,
        caseStatus: createCaseStatusProvider(config.caseStatus, { logger }),
        businessHours,
        analytics: store.analytics,
        feedback: store.feedback,
        logger,
        liveAgent: overrides.liveAgent ?? handoff.gateway,
        leaveMessage: { desk: handoff.desk, offer: handoff.leaveOffer, text: handoff.text },
        clock,
      });
    const server = makeServer({ logger });

    registerHealthRoutes(server, {
      checks: {
        store: async () => {
          await store.ping();
          return true;
        },
        answerIndex: () => knowledge.ready,
      },
    });
    let botFramework: { adapter: BotFrameworkAdapter; appId: string } | null = null;
    if (config.botFramework.enabled) {
      const adapter = new BotFrameworkAdapter(config.botFramework);
      // The widget's channel records by itself; this one needs the recorder as middleware. It
      // records proactive turns too (agent replies, notices), with the role in their channelData.
      adapter.use(new ConversationRecorder(store.conversations, clock).middleware('botframework'));
      // After the recorder: while an agent has the chat, messages go to them, not to the bot.
      adapter.use(handoff.middleware);
      botFramework = { adapter, appId: config.botFramework.appId };
      adapter.onTurnError = async (context, error) => {
        logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'turn failed');
        const t = i18n.getFixedT(context.activity.locale?.startsWith('es') ? 'es' : 'en');
        await context.sendActivity({ type: 'message', text: t('error.turn'), channelData: { answer: null } });
      };
      registerBotFrameworkRoute(server, { adapter, bot, tracker, logger });
    }
    const auth = new AuthService({
      users: store.users,
      sessions: store.sessions,
      audit: store.audit,
      sessionTtlMs: config.auth.sessionTtlMs,
      maxFailuresPerUser: config.auth.maxFailuresPerUser,
    });
    // Before the APIs' own pre handlers, so even their early refusals (413) carry CORS headers.
    server.pre(apiCors({ i18n, publicOrigins: config.http.publicOrigins }));
    registerAuthRoutes(server, { auth, i18n });
    registerAdminRoutes(server, { auth, i18n, logger, store, knowledge: watcher });
    registerStaticRoutes(server, { publicDir: config.http.publicDir, logger });

    const io = createSocketServer(server.server, {
      maxBufferBytes: config.socket.maxBufferBytes,
      recoveryMs: config.socket.recoveryMs,
      publicOrigins: config.http.publicOrigins,
    });
    if (config.store.kind === 'mongodb') {
      socketEvents = await installMongoSocketAdapter(io, {
        uri: config.store.uri,
        dbName: config.store.dbName,
        logger,
      });
    } else if (config.instances > 1) {
      logger.warn(
        { instances: config.instances },
        'INSTANCES > 1 needs MONGODB_URI: the embedded store serves one instance only, so this instance runs alone (see docs/operations.md)',
      );
    }
    const visitors = attachVisitorChannel(io, {
      bot,
      conversations: store.conversations,
      tracker,
      i18n,
      logger,
      settings: config.widget,
      publicOrigins: config.http.publicOrigins,
      trustProxy: config.socket.trustProxy,
      clock,
    });
    visitors.adapter.use(handoff.middleware);
    const agents = attachAgentChannel(io, {
      handoff,
      auth,
      users: store.users,
      conversations: store.conversations,
      visitorChannel: visitors,
      botFramework,
      tracker,
      i18n,
      logger,
      publicOrigins: config.http.publicOrigins,
      // Agents write longer answers than visitors, within what one Socket.IO packet may carry.
      maxMessageLength: Math.max(
        config.widget.maxMessageLength,
        Math.min(2000, Math.floor((config.socket.maxBufferBytes - 1024) / 6)),
      ),
    });
    const handoffSweeper = new HandoffSweeper({
      service: handoff.service,
      intervalMs: config.handoff.sweepIntervalMs,
      localAgents: () => agents.localAgents(),
      logger,
    });
    sweeper = handoffSweeper;
    handoffSweeper.start();
    watcher.start();

    return {
      config,
      logger,
      server,
      store,
      knowledge,
      knowledgeChanges: { check: () => watcher.check() },
      io,
      visitors,
      handoff: { ...handoff, sweep: () => handoffSweeper.runOnce() },
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
        await handoffSweeper.stop();
        await watcher.stop();
        // Upgraded WebSocket connections are not the HTTP server's to close: Socket.IO closes them
        // (clients see a recoverable disconnect and reconnect elsewhere), before the store goes.
        await io.close();
        await socketEvents?.close();
        httpServer.closeAllConnections();
        await closed;
        await retention?.stop();
        await store.close();
      },
    };
  } catch (error) {
    await retention?.stop();
    await knowledgeChanges?.stop();
    await sweeper?.stop();
    await socketEvents?.close();
    await store.close();
    throw error;
  }
}

/** How often conversations past the retention period are looked for. */
const RETENTION_SWEEP_MS = 60 * 60_000;

/**
 * Deletes conversations (with their transcripts) idle for longer than the retention period: once
 * at start, then every hour on an unref'd timer (it never keeps the process alive). `stop` clears
 * the timer and waits for a sweep in progress, so the store is not closed under it.
 */
function startTranscriptRetention(
  conversations: ConversationStore,
  retentionDays: number,
  logger: Logger,
  clock: () => Date,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    const cutoff = new Date(clock().getTime() - retentionDays * 86_400_000).toISOString();
    running = conversations.deleteInactiveSince(cutoff).then(
      (deleted) => {
        if (deleted > 0) logger.info({ deleted, cutoff }, 'conversations past the retention period deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'transcript retention sweep failed'),
    );
  };
  sweep();
  const timer = setInterval(sweep, RETENTION_SWEEP_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
