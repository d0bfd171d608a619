import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { z } from 'zod';
import { createApp, type App, type AppOverrides } from '../../bot/app.js';
import { loadConfig } from '../../bot/config/config.js';
import { createLogger } from '../../bot/logging/logger.js';
import { seedKeptAnswerIndex } from './keptAnswerIndex.js';
import { REPO_ROOT } from './paths.js';

export { REPO_ROOT };

export interface TestApp {
  app: App;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Stops the app; removes the data folder unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts the whole product in-process on an ephemeral port, with the embedded store in a fresh
 * temp folder, exactly as `main` does. `env` overrides settings by their environment names.
 * Resolves once the app is ready (the answer engine trained), unless `untilReady` is false: then
 * as soon as it listens.
 *
 * In the fresh folder, the app finds the answer-index files of the repository's articles made
 * once for the run (see keptAnswerIndex.ts), as a restarted service finds its own, unless
 * `keptIndex` is false: then it analyses the articles and trains as on a first start. A test that
 * passes its own DATA_DIR gets nothing added to it.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
  { untilReady = true, keptIndex = true }: { untilReady?: boolean; keptIndex?: boolean } = {},
): Promise<TestApp> {
  // The kept files are those of the repository's articles, seeded into a new store.
  const sharesIndex = keptIndex && env.DATA_DIR === undefined && env.KNOWLEDGE_DIR === undefined;
  const dataDir = env.DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'va-test-')));
  if (sharesIndex) await seedKeptAnswerIndex(inject('keptAnswerIndexDir'), dataDir);
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PUBLIC_DIR: path.join(REPO_ROOT, 'dist/public'),
      KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge/articles'),
      ...env,
      DATA_DIR: dataDir,
    },
    REPO_ROOT,
  );
  const logger = overrides.logger ?? createLogger({ level: config.log.level, pretty: false });
  const app = await createApp(config, { ...overrides, logger });
  const address = await app.listen();
  // As an orchestrator would: visitors are sent once readiness says so (the answer engine trained).
  if (untilReady) await app.ready;
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    port: address.port,
    dataDir,
    stop: async (options = {}) => {
      await app.stop();
      if (!options.keepData && !env.DATA_DIR) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new temp data folder holding the run's kept answer-index files of the repository's articles,
 * for a test that starts the app on a folder of its own (to restart it, or to share it with a
 * command) and is not about those files: its first start is ready without training, as on the
 * folders `startTestApp` makes. The caller removes it.
 */
export async function dataDirWithKeptIndex(prefix: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await seedKeptAnswerIndex(inject('keptAnswerIndexDir'), dataDir);
  return dataDir;
}

/**
 * A reply activity as a channel receives it: the fields the tests read are checked against the
 * Bot Framework's shape (a reply that breaks it fails the test here, with zod's message); every
 * other field is kept as it came.
 */
const replyActivity = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  locale: z.string().optional(),
  channelData: z.unknown().optional(),
  suggestedActions: z
    .looseObject({ actions: z.array(z.looseObject({ title: z.string(), value: z.unknown().optional() })) })
    .optional(),
});
export type ReplyActivity = z.infer<typeof replyActivity>;

/** The `expectReplies` answer: `{ activities: [...] }`. */
const expectedReplies = z.looseObject({ activities: z.array(replyActivity) });

/** POSTs an activity to /api/messages the way the Emulator does with `expectReplies`; returns the replies. */
export async function postActivity(
  baseUrl: string,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; activities: ReplyActivity[]; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      type: 'message',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/unused',
      deliveryMode: 'expectReplies',
      from: { id: 'visitor-1', name: 'Visitor' },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: `conv-${Math.random().toString(36).slice(2)}` },
      timestamp: new Date().toISOString(),
      ...activity,
    }),
  });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  // An answer without replies (an error, 202) has none; one with replies must have them well formed.
  const activities =
    body && typeof body === 'object' && 'activities' in body ? expectedReplies.parse(body).activities : [];
  return { status: response.status, activities, body };
}
