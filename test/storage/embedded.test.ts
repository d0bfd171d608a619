import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedDriver, openStore } from '../../bot/storage/openStore.js';
import type { Store } from '../../bot/storage/ports.js';
import { COLLECTIONS } from '../../bot/storage/collections.js';
import { Database } from '../../bot/storage/drivers/sqliteLibrary.js';
import { ConflictError } from '../../bot/storage/errors.js';
import { ArticleStore } from '../../bot/storage/stores/articleStore.js';
import * as records from './fixtures/records.js';
import {
  articleRecord,
  articleRevision,
  conversation,
  editedArticle,
  transcriptEntry,
} from './fixtures/records.js';
import { expectSample } from './fixtures/expectSample.js';
import { describeQueryPlans } from './queryPlans.js';
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

describeStoreContract('embedded (SQLite)', freshStore);
describeRetentionContract('embedded (SQLite)', freshStore);

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

  it('lets a second process (a command-line tool) use the folder while the first runs, and loses nothing', async () => {
    const dataDir = await tempDir();
    const writer = startWriter(dataDir);
    await writer.written;
    try {
      // What `npm run user:create` does while the server runs on the same folder.
      const tool = await openStore({ kind: 'embedded', dataDir });
      try {
        await tool.users.create(records.user('user-from-tool', 'bea'));
      } finally {
        await tool.close();
      }
    } finally {
      writer.child.kill('SIGTERM');
      await writer.exited;
    }
    await expectSample(dataDir);
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      expect(await store.users.findByUsername('bea')).toEqual(records.user('user-from-tool', 'bea'));
    } finally {
      await store.close();
    }
  });

  it('settles each write only once it is committed: another connection sees it at that moment, and writes made together all land', async () => {
    const dataDir = await tempDir();
    const store = await openStore({ kind: 'embedded', dataDir });
    // Another connection to the file (what a second process would read): committed data only.
    const other = new Database(join(dataDir, 'store.sqlite'), { readonly: true });
    const committed = () =>
      (
        other
          .prepare(
            `SELECT json_extract(doc, '$.conversationId') || ':' || json_extract(doc, '$.seq') AS entry ` +
              `FROM ${COLLECTIONS.transcripts} ORDER BY 1`,
          )
          .all() as Array<{ entry: string }>
      ).map((row) => row.entry);
    try {
      await store.conversations.create(conversation('conv-1'));
      await store.conversations.create(conversation('conv-2'));
      const visibleWhenSettled: boolean[] = [];
      // Appends to two conversations started in the same tick: they may share commits.
      await Promise.all(
        ['conv-1', 'conv-2', 'conv-1', 'conv-2'].map((id, n) =>
          store.conversations.append(transcriptEntry(id, `m${n}`)).then((entry) => {
            visibleWhenSettled.push(committed().includes(`${entry.conversationId}:${entry.seq}`));
          }),
        ),
      );
      expect(visibleWhenSettled).toEqual([true, true, true, true]);
      expect(committed()).toEqual(['conv-1:1', 'conv-1:2', 'conv-2:1', 'conv-2:2']);
    } finally {
      other.close();
      await store.close();
    }
  });

  it("keeps a conversation's sequence numbers in columns of their own: bumping one rewrites no index over the document, and a file of the earlier layout (all in the document) is moved over once, numbers kept", async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, 'store.sqlite');
    // The earlier layout: the whole record in `doc`.
    const earlier = new Database(file);
    earlier.exec(
      `CREATE TABLE ${COLLECTIONS.conversations} (_id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`,
    );
    earlier
      .prepare(`INSERT INTO ${COLLECTIONS.conversations} (_id, doc) VALUES (?, ?)`)
      .run('conv-1', JSON.stringify({ ...conversation('conv-1'), lastSeq: 7, turnSeq: 5 }));
    earlier.close();

    const store = await openStore({ kind: 'embedded', dataDir });
    const other = new Database(file, { readonly: true });
    const stored = () =>
      other
        .prepare(`SELECT doc, "lastSeq", "turnSeq" FROM ${COLLECTIONS.conversations} WHERE _id = ?`)
        .get('conv-1') as { doc: string; lastSeq: number; turnSeq: number };
    try {
      expect(await store.conversations.get('conv-1')).toEqual({
        ...conversation('conv-1'),
        lastSeq: 7,
        turnSeq: 5,
      });
      // Moved, not copied: the document no longer holds them.
      const document = stored().doc;
      expect(Object.keys(JSON.parse(document) as object)).not.toContain('lastSeq');
      expect(Object.keys(JSON.parse(document) as object)).not.toContain('turnSeq');
      expect((await store.conversations.append(transcriptEntry('conv-1', 'm8'))).seq).toBe(8);
      expect(await store.conversations.finishTurn('conv-1', 8)).toBe(true);
      expect(await store.conversations.get('conv-1')).toEqual({
        ...conversation('conv-1'),
        lastSeq: 8,
        turnSeq: 8,
      });
      // The numbers moved in their columns; the document was not written at all.
      expect(stored()).toEqual({ doc: document, lastSeq: 8, turnSeq: 8 });
      // SQLite's own plan of the bump: the table's row alone, no index over `doc` written.
      const plan = (
        other
          .prepare(
            `EXPLAIN UPDATE ${COLLECTIONS.conversations} SET "lastSeq" = coalesce("lastSeq", 0) + 1 WHERE _id = 'conv-1'`,
          )
          .all() as Array<{ opcode: string }>
      ).map((step) => step.opcode);
      expect(plan).not.toContain('IdxDelete');
      expect(plan).not.toContain('IdxInsert');
    } finally {
      other.close();
      await store.close();
    }
  });

  it('folds its write-ahead log into the data file on close: the folder then holds the one file', async () => {
    const dataDir = await tempDir();
    const store = await openStore({ kind: 'embedded', dataDir, compactionIntervalMs: 60_000 });
    await store.conversations.create(conversation('conv-1'));
    for (let n = 0; n < 10; n += 1) await store.conversations.append(transcriptEntry('conv-1', `m${n}`));
    expect((await readdir(dataDir)).sort()).toEqual(['store.sqlite', 'store.sqlite-shm', 'store.sqlite-wal']);
    await store.close();
    expect(await readdir(dataDir)).toEqual(['store.sqlite']);
    const reopened = await openStore({ kind: 'embedded', dataDir });
    try {
      expect((await reopened.conversations.get('conv-1'))?.lastSeq).toBe(10);
    } finally {
      await reopened.close();
    }
  });

  it("lays out documents inserted together as one inserted alone: a conversation's sequence numbers in their columns", async () => {
    const dataDir = await tempDir();
    const driver = await openEmbeddedDriver({ dataDir });
    const other = new Database(join(dataDir, 'store.sqlite'), { readonly: true });
    try {
      await driver.collection(COLLECTIONS.conversations).insertMany([
        { _id: 'conv-1', ...conversation('conv-1'), lastSeq: 3, turnSeq: 2 },
        { _id: 'conv-2', ...conversation('conv-2'), lastSeq: 9, turnSeq: 9 },
      ]);
      const row = other
        .prepare(`SELECT doc, "lastSeq", "turnSeq" FROM ${COLLECTIONS.conversations} WHERE _id = ?`)
        .get('conv-1') as { doc: string; lastSeq: number; turnSeq: number };
      expect(row).toMatchObject({ lastSeq: 3, turnSeq: 2 });
      expect(Object.keys(JSON.parse(row.doc) as object)).not.toContain('lastSeq');
      const found = await driver
        .collection(COLLECTIONS.conversations)
        .findOneAndUpdate({ _id: 'conv-2' }, { $inc: { lastSeq: 1 } });
      expect(found).toMatchObject({ _id: 'conv-2', lastSeq: 10, turnSeq: 9 });
    } finally {
      other.close();
      await driver.close();
    }
  });

  it('frees an article whose update crashed between its two writes, once that lock is old', async () => {
    const driver = await openEmbeddedDriver({ dataDir: await tempDir() });
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

describeQueryPlans('embedded (SQLite)', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'va-store-'));
  const driver = await openEmbeddedDriver({ dataDir });
  return {
    ...driver,
    close: async () => {
      try {
        await driver.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
});
