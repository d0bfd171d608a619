import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ActivityHandler } from 'botbuilder';
import type { Server } from 'restify';
import type { Server as SocketServer } from 'socket.io';
import { registerAdminRoutes } from './admin/adminRoutes.js';
import { KnowledgeChangeWatcher } from './articles/knowledgeChangeWatcher.js';
import { seedArticlesIfEmpty } from './articles/seedArticles.js';
import { registerAuthRoutes } from './auth/authRoutes.js';
import { AuthService } from './auth/authService.js';
import { PublishedKnowledge } from './articles/publishedKnowledge.js';
import { AnalysisCacheFiles } from './articles/analysisCacheFiles.js';
import { ClassifierCacheFiles } from './articles/classifierCacheFiles.js';
import { createKnowledgeIndexHolder } from '../knowledge/engine/index.js';
import { createAssistant } from './assistant/createAssistant.js';
import type { LiveAgentGateway } from './handoff/liveAgentGateway.js';
import { createCaseStatusProvider } from './cases/index.js';
import { createAssistantRehearsal } from './channels/rehearsal/assistantRehearsal.js';
import { agentMaxMessageLength, attachAgentChannel } from './channels/agent/agentChannel.js';
import { installMongoSocketAdapter } from './channels/socket/mongoSocketAdapter.js';
import {
  attachBotFrameworkChannel,
  type BotFrameworkChannel,
} from './channels/botframework/botFrameworkChannel.js';
import { AnswerEngineGate } from './channels/answerEngineGate.js';
import { HandoffRoutingMiddleware } from './channels/handoff/handoffRoutingMiddleware.js';
import { PENDING_TURN_SWEEP_MS } from './channels/socket/pendingTurns.js';
import { personalDataWarning } from './channels/personalDataWarning.js';
import { createSocketServer } from './channels/socket/socketServer.js';
import { attachVisitorChannel, type VisitorChannel } from './channels/socket/visitorChannel.js';
import type { AppConfig } from './config/config.js';
import { createBusinessHours } from './handoff/businessHours/index.js';
import { ChatRatings } from './handoff/chatRatings.js';
import { createHandoff, type Handoff } from './handoff/createHandoff.js';
import type { SweepReport } from './handoff/handoffService.js';
import { HandoffSweeper } from './handoff/handoffSweeper.js';
import { createI18n } from './i18n/i18n.js';
import { createLogger, type Logger } from './logging/logger.js';
import { DataRetention, retentionRules } from './privacy/dataRetention.js';
import { apiCors } from './server/apiCors.js';
import { registerHealthRoutes } from './server/healthRoutes.js';
import { makeServer } from './server/makeServer.js';
import { AllowedOrigins } from './shared/allowedOrigins.js';
import { PeriodicTask } from './shared/periodicTask.js';
import { registerStaticRoutes } from './server/staticRoutes.js';
import { TurnTracker } from './server/turnTracker.js';
import { describeImport, openStore } from './storage/openStore.js';
import type { Store } from './storage/ports.js';
import { systemClock, type Clock } from './shared/clock.js';

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
  /** Retention of personal data and the audit log; `sweep()` applies it now. */
  readonly retention: { sweep(): Promise<void> };
  /** Live-agent handoff: the queue service, service requests; `sweep()` runs this instance's periodic pass now. */
  readonly handoff: Handoff & { sweep(): Promise<SweepReport> };
  /**
   * Resolves once the answer engine can answer (its first index is built from the published
   * articles); rejects if that build failed. The engine trains while the service starts and
   * listens: /readyz says "not ready" until then, and turns that arrive earlier wait for it.
   */
  readonly ready: Promise<void>;
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
  clock?: Clock;
}

/**
 * The composition root: picks the implementations from config and wires them together. Nothing
 * here listens until `listen()`; `main` does that, tests call it with port 0.
 */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.log);
  const clock = overrides.clock ?? systemClock;
  // The file's integrity check runs on a worker thread while this one starts; it is awaited
  // before any turn runs or the service listens.
  const storeOptions =
    config.store.kind === 'embedded'
      ? { ...config.store, integrityCheck: 'in-background' as const }
      : config.store;
  const store = await openStore(storeOptions, {
    imported: (summary) =>
      logger.info({ imported: summary.imported, badLines: summary.badLines }, describeImport(summary)),
  });
  // Timers started so far (retention, article checks, handoff sweeps), stopped in reverse order
  // by `stop`, or when start-up fails halfway; each waits for its pass in progress.
  const background: Array<{ stop(): Promise<void> }> = [];
  let socketEvents: { close(): Promise<void> } | undefined;
  const stopBackground = async () => {
    for (const task of background.splice(0).reverse()) await task.stop();
  };
  try {
    const i18n = await createI18n();

    const tracker = new TurnTracker();
    const retention = new DataRetention({
      rules: retentionRules(store),
      days: { visitor: config.transcriptRetentionDays, audit: config.auditRetentionDays },
      logger,
      clock,
    });
    background.push(retention);
    // On the embedded store, the articles' analysed words and the classifier's trained weights are
    // kept in the data folder, so a restart with the same articles is ready without analysing and
    // training again (see AnalysisCacheFiles, ClassifierCacheFiles).
    const indexCacheDir =
      config.store.kind === 'embedded' ? path.join(config.store.dataDir, 'answer-index') : undefined;
    const knowledge = new PublishedKnowledge(
      store,
      createKnowledgeIndexHolder(
        indexCacheDir === undefined
          ? {}
          : {
              analysisCache: new AnalysisCacheFiles(indexCacheDir, logger),
              classifierCache: new ClassifierCacheFiles(indexCacheDir, logger),
            },
      ),
    );
    // Every rebuild goes through the watcher, so it knows which content version the index holds.
    const watcher = new KnowledgeChangeWatcher({
      articles: store.articles,
      knowledge,
      intervalMs: config.knowledge.checkIntervalMs,
      logger,
    });
    background.push(watcher);
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
    const caseStatus = createCaseStatusProvider(config.caseStatus, { logger, clock });
    const bot =
      overrides.bot ??
      createAssistant({
        i18n,
        storage: store.botState,
        answers: knowledge,
        catalog: knowledge,
        passages: knowledge.passages,
        caseStatus,
        businessHours,
        analytics: store.analytics,
        feedback: store.feedback,
        logger,
        liveAgent: overrides.liveAgent ?? handoff.gateway,
        leaveMessage: { desk: handoff.desk, offer: handoff.leaveOffer, text: handoff.text },
        // The stored conversation follows the assistant's language (agents, reports, a resumed widget).
        conversationLanguage: {
          setLocale: async (conversationId, locale) => {
            await store.conversations.update(conversationId, { locale });
          },
        },
        clock,
      });

    const server = makeServer({ logger, i18n, publicOrigins: config.http.publicOrigins });
    const origins = new AllowedOrigins(config.http.publicOrigins);
    registerHealthRoutes(server, {
      checks: {
        store: async () => {
          await store.ping();
          return true;
        },
        answerIndex: () => knowledge.ready,
      },
    });
    const botFramework: BotFrameworkChannel | null = config.botFramework.enabled
      ? attachBotFrameworkChannel(server, {
          settings: config.botFramework,
          bot,
          conversations: store.conversations,
          tracker,
          i18n,
          logger,
          clock,
          trustProxy: config.socket.trustProxy,
          limits: config.widget,
        })
      : null;
    const auth = new AuthService({
      users: store.users,
      sessions: store.sessions,
      audit: store.audit,
      sessionTtlMs: config.auth.sessionTtlMs,
      signIn: config.auth.signIn,
      clock,
      cookieAlwaysSecure: config.isProduction,
    });
    // Before the APIs' own pre handlers, so even their early refusals (413) carry CORS headers.
    server.pre(apiCors({ i18n, origins }));
    registerAuthRoutes(server, { auth, i18n, trustProxy: config.socket.trustProxy });
    registerAdminRoutes(server, {
      auth,
      i18n,
      logger,
      store,
      knowledge: watcher,
      rehearsal: createAssistantRehearsal({ i18n, caseStatus, businessHours, logger, clock }),
      hours: businessHours,
      clock,
    });
    registerStaticRoutes(server, {
      publicDir: config.http.publicDir,
      logger,
      i18n,
      isProduction: config.isProduction,
    });

    const io = createSocketServer(server.server, {
      maxBufferBytes: config.socket.maxBufferBytes,
      recoveryMs: config.socket.recoveryMs,
      origins,
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
    const ratings = new ChatRatings({ handoff: store.handoff, ratings: store.chatRatings, clock });
    const visitors = attachVisitorChannel(io, {
      bot,
      conversations: store.conversations,
      tracker,
      i18n,
      logger,
      settings: config.widget,
      origins,
      trustProxy: config.socket.trustProxy,
      liveChat: {
        leave: async (conversationId) => (await handoff.service.leave(conversationId)) !== null,
        rate: (conversationId, chatId, rating) => ratings.rate(conversationId, chatId, rating),
      },
      clock,
    });
    // On both channels, after their transcript recording: while an agent has the chat, the
    // visitor's messages go to the agent, not to the bot.
    // First, a visitor who typed a Social Security number is warned, and it is hidden from the turn.
    const warning = personalDataWarning(i18n);
    visitors.adapter.use(warning);
    botFramework?.adapter.use(warning);
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
      origins,
      maxMessageLength: agentMaxMessageLength(config.widget.maxMessageLength, config.socket.maxBufferBytes),
    });
    // Then the handoff's routing, relaying to the agent channel built just above (no other
    // middleware comes between, and no turn runs before listen()).
    const handoffRouting = new HandoffRoutingMiddleware({
      router: handoff.router,
      inbox: agents.inbox,
      logger,
    });
    visitors.adapter.use(handoffRouting);
    botFramework?.adapter.use(handoffRouting);
    // Up to here nothing was written, nothing started: the wiring ran while the file's integrity
    // check read it on its worker thread. Nothing writes, runs a turn or listens on a damaged file.
    await store.checked();
    await seedArticlesIfEmpty(store, { articlesDir: config.knowledge.articlesDir, logger, now: clock.now() });
    retention.start();
    const seeded = await handoff.canned.seedIfNeverManaged(handoff.text.cannedDefaults());
    if (seeded > 0) logger.info({ seeded }, 'default canned replies stored');
    // The answer engine trains in time slices from here, after the rest is wired and while the
    // service listens (it is the biggest part of start-up); readiness reports it.
    const ready = watcher.refresh().then(({ articles }) => {
      logger.info({ articles }, 'answer index built from the published articles');
    });
    ready.catch(() => undefined);
    // Last: only the assistant's own turns wait for it (the live chat's relay never does).
    const engineGate = new AnswerEngineGate(ready);
    visitors.adapter.use(engineGate);
    botFramework?.adapter.use(engineGate);
    // At start-up on the embedded store no other process can be holding a visitor's message
    // (the data folder is locked), so whatever was acknowledged and never answered is due now.
    await visitors.resumePendingTurns(config.store.kind === 'mongodb' ? undefined : 0);
    const pendingTurns = new PeriodicTask({
      name: 'pending visitor turns',
      intervalMs: PENDING_TURN_SWEEP_MS,
      run: () => visitors.resumePendingTurns(),
      logger,
    });
    background.push(pendingTurns);
    pendingTurns.start();
    const sweeper = new HandoffSweeper({
      service: handoff.service,
      presence: handoff.presence,
      intervalMs: config.handoff.sweepIntervalMs,
      localAgents: () => agents.localAgents(),
      revalidateAgents: () => agents.revalidateSessions(),
      logger,
    });
    background.push(sweeper);
    sweeper.start();
    watcher.start();

    return {
      config,
      logger,
      server,
      store,
      knowledge,
      knowledgeChanges: { check: () => watcher.check() },
      ready,
      retention: { sweep: () => retention.sweep() },
      io,
      visitors,
      handoff: { ...handoff, sweep: () => sweeper.runOnce() },
      listen: () =>
        new Promise((resolve, reject) => {
          server.server.once('error', reject);
          server.listen(config.http.port, config.http.host, () => {
            server.server.off('error', reject);
            const address = server.server.address() as AddressInfo;
            // The service's own pages, on the address it listens on (a port 0 is known only now).
            origins.addListeningAddress(config.http.host, address.port);
            resolve(address);
          });
        }),
      stop: async () => {
        const httpServer = server.server;
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        const { drained } = await tracker.close(config.shutdownTimeoutMs);
        if (!drained) logger.warn({ active: tracker.active }, 'stopping with turns still in flight');
        await stopBackground();
        // Upgraded WebSocket connections are not the HTTP server's to close: Socket.IO closes them
        // (clients see a recoverable disconnect and reconnect elsewhere), before the store goes.
        await io.close();
        await socketEvents?.close();
        httpServer.closeAllConnections();
        await closed;
        await store.close();
      },
    };
  } catch (error) {
    await stopBackground();
    await socketEvents?.close();
    // A damaged file can fail an earlier step first; its integrity report is what the operator needs.
    const damage = await store.checked().then(
      () => null,
      (report: unknown) => report,
    );
    await store.close();
    throw damage ?? error;
  }
}
