/**
 * The one entry point to storage: opens a backend and returns the typed stores over it. Both
 * backends share every store; only the driver underneath differs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { COLLECTION_SPECS } from './collections.js';
import type { Driver } from './driver.js';
import { openMongoDriver } from './drivers/openMongoDriver.js';
import { openSqliteDriver, type SqliteDriver } from './drivers/openSqliteDriver.js';
import { importNedbFolder, type NedbImportSummary } from './embedded/nedbImport.js';
import type { Store } from './ports.js';
import { AnalyticsStore } from './stores/analyticsStore.js';
import { ArticleStore } from './stores/articleStore.js';
import { AuditStore } from './stores/auditStore.js';
import { BotStateStore } from './stores/botStateStore.js';
import { CannedReplyStore } from './stores/cannedReplyStore.js';
import { ChatNoteStore } from './stores/chatNoteStore.js';
import { ConversationStore } from './stores/conversationStore.js';
import { ChatRatingStore } from './stores/chatRatingStore.js';
import { FeedbackStore } from './stores/feedbackStore.js';
import { HandoffStore } from './stores/handoffStore.js';
import { PresenceStore } from './stores/presenceStore.js';
import { ServiceRequestStore } from './stores/serviceRequestStore.js';
import { SessionStore } from './stores/sessionStore.js';
import { UserStore } from './stores/userStore.js';
import { parse } from './validation.js';

export interface EmbeddedStoreOptions {
  kind: 'embedded';
  /** The SQLite file `store.sqlite` is kept here (both created when missing). */
  dataDir: string;
  /**
   * How often the write-ahead log is folded back into the file and the query planner's statistics
   * refreshed; default 10 minutes. (The name is the previous store's, whose files were compacted.)
   */
  compactionIntervalMs?: number;
  /**
   * When the folder holds the previous version's files (NeDB) with unreadable lines: import the
   * rest and keep those lines aside, instead of refusing to start (`npm run store:import`).
   */
  setAsideBadLines?: boolean;
  /**
   * The file's integrity check, `before-opening` (the default) or `in-background` on a worker
   * thread (the service: it awaits `Store.checked()` before it serves anyone).
   */
  integrityCheck?: 'before-opening' | 'in-background';
}

export interface MongoStoreOptions {
  kind: 'mongodb';
  uri: string;
  dbName: string;
}

export type OpenStoreOptions = EmbeddedStoreOptions | MongoStoreOptions;

export interface OpenStoreEvents {
  /** The previous version's files were imported (at the first start after the upgrade). */
  imported?(summary: NedbImportSummary): void;
}

const DEFAULT_COMPACTION_INTERVAL_MS = 10 * 60_000;

/** The embedded store's file, in `DATA_DIR`. */
export const EMBEDDED_STORE_FILE = 'store.sqlite';

/** What a damaged file's error names as the way back. */
const RESTORE_HINT =
  'Restore the newest backup with "npm run store:restore -- --from FILE" (docs/operations.md, "Backups").';

const optionsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('embedded'),
    dataDir: z.string().min(1),
    compactionIntervalMs: z.number().int().positive().optional(),
    setAsideBadLines: z.boolean().optional(),
    integrityCheck: z.enum(['before-opening', 'in-background']).optional(),
  }),
  z.strictObject({
    kind: z.literal('mongodb'),
    uri: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://'),
    dbName: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a plain database name'),
  }),
]);

export async function openStore(options: OpenStoreOptions, events: OpenStoreEvents = {}): Promise<Store> {
  const checked = parse(optionsSchema, options, 'store options');
  if (checked.kind === 'mongodb') return openMongoStore(checked);
  return createStore(await openEmbeddedDriver(checked, events));
}

/**
 * The SQLite file under `dataDir`: no database server to run; one service instance, and any
 * number of command-line tools beside it. A folder still holding the previous version's NeDB
 * files is imported first (once), and each import is reported through `events.imported`, or else
 * on stderr, never silently.
 */
export async function openEmbeddedDriver(
  options: Omit<EmbeddedStoreOptions, 'kind'>,
  events: OpenStoreEvents = {},
): Promise<SqliteDriver> {
  // Owner-only: the folder holds transcripts, contact details and password hashes.
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const driver = await openSqliteDriver(COLLECTION_SPECS, {
    file: join(options.dataDir, EMBEDDED_STORE_FILE),
    maintenanceIntervalMs: options.compactionIntervalMs ?? DEFAULT_COMPACTION_INTERVAL_MS,
    repairHint: RESTORE_HINT,
    ...(options.integrityCheck === undefined ? {} : { integrityCheck: options.integrityCheck }),
  });
  try {
    const summary = await importNedbFolder(options.dataDir, COLLECTION_SPECS, driver.database, {
      setAsideBadLines: options.setAsideBadLines === true,
    });
    if (summary !== null) (events.imported ?? reportImport)(summary);
    return driver;
  } catch (error) {
    await driver.close();
    throw error;
  }
}

function reportImport(summary: NedbImportSummary): void {
  process.stderr.write(`${describeImport(summary)}\n`);
}

/** One line: how many records of each kind came over, and where the old files are. */
export function describeImport(summary: NedbImportSummary): string {
  const counts = Object.entries(summary.imported)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  const bad =
    summary.badLines > 0 ? `; ${summary.badLines} unreadable lines kept in ${summary.badLinesFile}` : '';
  return `Imported the previous version's data files (${counts})${bad}; the files are kept unchanged in ${summary.keptIn}.`;
}

/** A MongoDB database shared by every server instance. */
async function openMongoStore(options: Omit<MongoStoreOptions, 'kind'>): Promise<Store> {
  return createStore(await openMongoDriver(COLLECTION_SPECS, options));
}

/** The typed stores over an open driver (whose collections are those of COLLECTION_SPECS). */
export function createStore(driver: Driver): Store {
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
    chatRatings: new ChatRatingStore(driver),
    analytics: new AnalyticsStore(driver),
    audit: new AuditStore(driver),
    chatNotes: new ChatNoteStore(driver),
    cannedReplies: new CannedReplyStore(driver),
    ping: () => driver.ping(),
    checked: () => driver.checked ?? Promise.resolve(),
    activity: () => driver.activity?.() ?? null,
    close: () => driver.close(),
  };
}
