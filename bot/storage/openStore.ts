/**
 * The one entry point to storage: opens a backend and returns the typed stores over it. Both
 * backends share every store; only the driver underneath differs.
 */
import { z } from 'zod';
import { COLLECTION_SPECS } from './collections.js';
import type { Driver } from './driver.js';
import { openMongoDriver } from './drivers/openMongoDriver.js';
import { openNedbDriver } from './drivers/openNedbDriver.js';
import type { Store } from './ports.js';
import { AnalyticsStore } from './stores/analyticsStore.js';
import { ArticleStore } from './stores/articleStore.js';
import { AuditStore } from './stores/auditStore.js';
import { BotStateStore } from './stores/botStateStore.js';
import { CannedReplyStore } from './stores/cannedReplyStore.js';
import { ChatNoteStore } from './stores/chatNoteStore.js';
import { ConversationStore } from './stores/conversationStore.js';
import { FeedbackStore } from './stores/feedbackStore.js';
import { HandoffStore } from './stores/handoffStore.js';
import { PresenceStore } from './stores/presenceStore.js';
import { ServiceRequestStore } from './stores/serviceRequestStore.js';
import { SessionStore } from './stores/sessionStore.js';
import { UserStore } from './stores/userStore.js';
import { parse } from './validation.js';

export interface EmbeddedStoreOptions {
  kind: 'embedded';
  /** One `.db` file per collection is kept here (created when missing). */
  dataDir: string;
  /** How often the append-only data files are compacted; default 10 minutes, at least 5 s. */
  compactionIntervalMs?: number;
}

export interface MongoStoreOptions {
  kind: 'mongodb';
  uri: string;
  dbName: string;
}

export type OpenStoreOptions = EmbeddedStoreOptions | MongoStoreOptions;

const DEFAULT_COMPACTION_INTERVAL_MS = 10 * 60_000;

const optionsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('embedded'),
    dataDir: z.string().min(1),
    compactionIntervalMs: z.number().int().positive().optional(),
  }),
  z.strictObject({
    kind: z.literal('mongodb'),
    uri: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://'),
    dbName: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a plain database name'),
  }),
]);

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const checked = parse(optionsSchema, options, 'store options');
  return checked.kind === 'embedded' ? openEmbeddedStore(checked) : openMongoStore(checked);
}

/** NeDB files under `dataDir`: a single server instance, no database to run. */
async function openEmbeddedStore(options: Omit<EmbeddedStoreOptions, 'kind'>): Promise<Store> {
  const driver = await openNedbDriver(COLLECTION_SPECS, {
    dataDir: options.dataDir,
    compactionIntervalMs: options.compactionIntervalMs ?? DEFAULT_COMPACTION_INTERVAL_MS,
  });
  return createStore(driver);
}

/** A MongoDB database shared by every server instance. */
async function openMongoStore(options: Omit<MongoStoreOptions, 'kind'>): Promise<Store> {
  return createStore(await openMongoDriver(COLLECTION_SPECS, options));
}

/** The typed stores over an open driver (whose collections are those of COLLECTION_SPECS). */
function createStore(driver: Driver): Store {
  return {
    kind: driver.kind,
    articles: new ArticleStore(driver),
    conversations: new ConversationStore(driver),
    botState: new BotStateStore(driver),
    handoff: new HandoffStore(driver),
    presence: new PresenceStore(driver),
    users: new UserStore(driver),
    sessions: new SessionStore(driver),
    serviceRequests: new ServiceRequestStore(driver),
    feedback: new FeedbackStore(driver),
    analytics: new AnalyticsStore(driver),
    audit: new AuditStore(driver),
    chatNotes: new ChatNoteStore(driver),
    cannedReplies: new CannedReplyStore(driver),
    ping: () => driver.ping(),
    close: () => driver.close(),
  };
}
