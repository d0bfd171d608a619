import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../bot/storage/openStore.js';
import type { Store } from '../../bot/storage/ports.js';
import { COLLECTION_SPECS, COLLECTIONS } from '../../bot/storage/collections.js';
import { openNedbDriver } from '../../bot/storage/drivers/openNedbDriver.js';
import { ConflictError, StoreError } from '../../bot/storage/errors.js';
import { ArticleStore } from '../../bot/storage/stores/articleStore.js';
import {
  articleRecord,
  articleRevision,
  conversation,
  editedArticle,
  transcriptEntry,
} from './fixtures/records.js';
import { sampleData } from './fixtures/sample.js';
import { describeRetentionContract } from './retentionContract.js';
import { describeStoreContract } from './storeContract.js';

/** An empty embedded store in a fresh temporary directory, removed when the store is closed. */
async function freshStore(): Promise<Store> {
  const dataDir = await mkdtemp(join(tmpdir(), 'va-store-'));
  const store = await openStore({ kind: 'embedded', dataDir });
  return {
    ...store,
    close: async () => {
      try {
        await store.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

describeStoreContract('embedded (NeDB)', freshStore);
describeRetentionContract('embedded (NeDB)', freshStore);

describe('embedded store on disk', () => {
  const dirs: string[] = [];

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'va-store-'));
    dirs.push(dir);
    return dir;
  }

  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** Runs the fixture in its own Node process; resolves once it reports its writes are done. */
  function startWriter(dataDir: string) {
    const script = fileURLToPath(new URL('./fixtures/writeThenWait.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const written = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('written')) resolve();
      });
      void exited.then(({ code }) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
    });
    return { child, written, exited };
  }

  async function expectSample(dataDir: string): Promise<void> {
    const data = sampleData();
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      expect(await store.articles.get('es', 'contact-center')).toEqual(data.article);
      expect(await store.articles.revisions('es', 'contact-center')).toEqual([data.articleRevision]);
      expect(await store.conversations.get(data.conversation.id)).toEqual({
        ...data.conversation,
        lastSeq: 3,
        turnSeq: 0,
      });
      expect(await store.conversations.transcript(data.conversation.id)).toEqual(
        data.entries.map((entry, index) => ({ ...entry, seq: index + 1 })),
      );
      expect((await store.botState.read([data.stateKey]))[data.stateKey]).toEqual({
        ...data.state,
        eTag: expect.any(String),
      });
      expect(await store.handoff.activeForConversation(data.conversation.id)).toEqual(data.handoff);
      expect(await store.presence.get(data.presence.agentId)).toEqual(data.presence);
      expect(await store.users.findByUsername(data.user.username)).toEqual(data.user);
      expect(await store.sessions.find(data.session.tokenHash, data.session.createdAt)).toEqual(data.session);
      expect(await store.serviceRequests.get(data.serviceRequest.id)).toEqual(data.serviceRequest);
      expect(await store.feedback.list({ from: data.feedback.at, to: '9999-01-01T00:00:00.000Z' })).toEqual([
        data.feedback,
      ]);
      expect(await store.analytics.list({ from: data.analytics.at, to: '9999-01-01T00:00:00.000Z' })).toEqual(
        [data.analytics],
      );
      expect(await store.audit.list()).toEqual([data.audit]);
      // The unique indexes came back with the data.
      await expect(store.users.create({ ...data.user, id: 'someone-else' })).rejects.toMatchObject({
        code: 'duplicate',
      });
    } finally {
      await store.close();
    }
  }

  it('keeps everything written by a process stopped with SIGTERM (it closes the store)', async () => {
    const dataDir = await tempDir();
    const writer = startWriter(dataDir);
    await writer.written;
    writer.child.kill('SIGTERM');
    expect(await writer.exited).toEqual({ code: 0, signal: null });
    await expectSample(dataDir);
  });

  it('keeps everything acknowledged by a process killed with SIGKILL (no chance to close)', async () => {
    const dataDir = await tempDir();
    const writer = startWriter(dataDir);
    await writer.written;
    writer.child.kill('SIGKILL');
    expect(await writer.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await expectSample(dataDir);
  });

  it('refuses a second process on a data folder in use, with a clear error, and loses nothing', async () => {
    const dataDir = await tempDir();
    const writer = startWriter(dataDir);
    await writer.written;
    try {
      // What `npm run user:create` would meet while the server runs on the same folder: NeDB
      // would keep a stale copy in memory and drop the other process's writes at compaction.
      const attempt = openStore({ kind: 'embedded', dataDir }).catch((error: unknown) => error);
      const error = await attempt;
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('unavailable');
      expect((error as StoreError).message).toMatch(new RegExp(`in use by process ${writer.child.pid}`));
    } finally {
      writer.child.kill('SIGTERM');
      await writer.exited;
    }
    // Once the holder has stopped, the folder opens and holds everything it wrote.
    await expectSample(dataDir);
  });

  it('compacts on close: each data file then holds one line per record', async () => {
    const dataDir = await tempDir();
    const store = await openStore({ kind: 'embedded', dataDir, compactionIntervalMs: 60_000 });
    await store.conversations.create(conversation('conv-1'));
    for (let n = 0; n < 10; n += 1) await store.conversations.append(transcriptEntry('conv-1', `m${n}`));
    await store.close();
    const lines = (await readFile(join(dataDir, 'conversations.db'), 'utf8')).split('\n').filter(Boolean);
    const records = lines.filter((line) => !line.includes('$$indexCreated'));
    expect(records).toHaveLength(1);
    expect(JSON.parse(records[0] ?? '{}')).toMatchObject({ _id: 'conv-1', lastSeq: 10 });
  });

  it('frees an article whose update crashed between its two writes, once that lock is old', async () => {
    const driver = await openNedbDriver(COLLECTION_SPECS, {
      dataDir: await tempDir(),
      compactionIntervalMs: 60_000,
    });
    try {
      const articles = new ArticleStore(driver);
      const first = articleRecord('fees', 'en');
      await articles.create(first, articleRevision(first));
      const crashed = editedArticle(first, 'Never finished');
      const leaveLock = (ageMs: number) =>
        driver.collection(COLLECTIONS.articleRevisions).insertOne({
          _id: 'en:fees:2',
          ...articleRevision(crashed),
          writtenAtMs: Date.now() - ageMs,
        });
      const next = editedArticle(first, 'Edited after the crash');

      // A recent lock may belong to an update still in flight: the caller is told to retry.
      await leaveLock(1_000);
      await expect(articles.update(next, 1, articleRevision(next))).rejects.toBeInstanceOf(ConflictError);
      await driver.collection(COLLECTIONS.articleRevisions).deleteMany({ _id: 'en:fees:2' });

      await leaveLock(10 * 60_000);
      await articles.update(next, 1, articleRevision(next));
      expect((await articles.get('en', 'fees'))?.draft.title).toBe('Edited after the crash');
      expect(await articles.revision('en', 'fees', 2)).toEqual(articleRevision(next));
    } finally {
      await driver.close();
    }
  });
});
