/**
 * The embedded store's file on disk: the previous version's data folder imported with nothing
 * lost, a damaged file refused with one line naming it and the way back, backups taken while the
 * service runs, and sequence numbers without gaps whenever a process is killed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { NedbImportSummary } from '../../bot/storage/embedded/nedbImport.js';
import { Database } from '../../bot/storage/drivers/sqliteLibrary.js';
import { openStore } from '../../bot/storage/openStore.js';
import type { Store } from '../../bot/storage/ports.js';
import { REPO_ROOT } from '../support/paths.js';
import { expectSample } from './fixtures/expectSample.js';
import * as records from './fixtures/records.js';
import { sampleData, writeSample } from './fixtures/sample.js';
import { anyString } from '../support/matchers.js';
import { BUILT_SERVICE, builtServiceEnv } from '../support/builtService.js';

/** A data folder written by the previous version's store (NeDB): see fixtures/nedb-v1/README.md. */
const NEDB_FOLDER = fileURLToPath(new URL('./fixtures/nedb-v1', import.meta.url));
const NEDB_FILES = [
  'analytics.db',
  'articleRevisions.db',
  'articles.db',
  'audit.db',
  'botState.db',
  'conversations.db',
  'feedback.db',
  'handoff.db',
  'presence.db',
  'serviceRequests.db',
  'sessions.db',
  'store.lock',
  'transcripts.db',
  'users.db',
];

/** The fixture's data files into `dataDir`, as the previous version left them. */
async function copyNedbFolder(dataDir: string): Promise<void> {
  for (const file of NEDB_FILES) await cp(join(NEDB_FOLDER, file), join(dataDir, file));
}

/** Generous: these tests start processes, which a busy machine makes slow. */
const PROCESS_TIMEOUT_MS = 120_000;

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'va-files-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ kind: 'embedded', dataDir });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A command-line tool of the product, as `npm run` runs it, on the store in `dataDir`. */
function runTool(script: string, args: string[], dataDir: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'scripts', script), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Spawns a fixture in its own Node process; `lines` collects what it reports. */
function startFixture(fixture: string, args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url)), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let stderr = '';
  const waiters: Array<() => void> = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    lines.push(...complete);
    waiters.splice(0).forEach((wake) => wake());
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const until = (check: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const test = () => (check() ? resolve() : waiters.push(test));
      void exited.then(({ code }) => reject(new Error(`fixture exited (${code}): ${stderr}`)));
      test();
    });
  return { child, lines, until, exited };
}

describe('a data folder from the previous version (NeDB files)', () => {
  it(
    'is imported at first start with every record, counted, and its files kept aside untouched',
    async () => {
      const dataDir = await tempDir();
      await copyNedbFolder(dataDir);
      const reports: NedbImportSummary[] = [];
      const store = await openStore(
        { kind: 'embedded', dataDir },
        { imported: (summary) => reports.push(summary) },
      );
      const data = sampleData();
      try {
        expect(reports).toEqual([
          {
            imported: {
              articles: 1,
              articleRevisions: 2,
              conversations: 2,
              transcripts: 5,
              botState: 1,
              handoff: 1,
              presence: 1,
              users: 1,
              sessions: 1,
              serviceRequests: 1,
              feedback: 1,
              analytics: 1,
              audit: 1,
            },
            badLines: 0,
            keptIn: join(dataDir, 'nedb-before-sqlite'),
            badLinesFile: null,
          },
        ]);
        const edited = records.editedArticle(data.article, 'Centro de contacto, segunda versión');
        expect(await store.articles.get('es', 'contact-center')).toEqual(edited);
        expect(await store.articles.revisions('es', 'contact-center')).toEqual([
          data.articleRevision,
          records.articleRevision(edited),
        ]);
        expect(await store.conversations.get(data.conversation.id)).toEqual({
          ...data.conversation,
          lastSeq: 3,
          turnSeq: 1,
        });
        expect(await store.conversations.transcript(data.conversation.id)).toEqual(
          data.entries.map((entry, index) => ({ ...entry, seq: index + 1 })),
        );
        expect((await store.conversations.transcript('bf-conv')).map((entry) => entry.seq)).toEqual([1, 2]);
        // The later line of an id wins, a deleted one stays deleted: as NeDB itself read its files.
        expect((await store.botState.read([data.stateKey]))[data.stateKey]).toEqual({
          ...data.state,
          turns: 2,
          eTag: anyString(),
        });
        expect(await store.sessions.find(records.sha256('token-gone'), data.session.createdAt)).toBeNull();
        expect(await store.sessions.find(data.session.tokenHash, data.session.createdAt)).toEqual(
          data.session,
        );
        expect(await store.handoff.activeForConversation(data.conversation.id)).toMatchObject({
          id: data.handoff.id,
          status: 'assigned',
          agentId: 'agent-restart',
        });
        expect(await store.presence.get(data.presence.agentId)).toEqual(data.presence);
        expect(await store.users.findByUsername(data.user.username)).toEqual(data.user);
        expect(await store.serviceRequests.get(data.serviceRequest.id)).toEqual(data.serviceRequest);
        expect(await store.audit.list()).toEqual([data.audit]);
        // It goes on from there: the next entry follows the imported ones.
        expect(
          (await store.conversations.append(records.transcriptEntry(data.conversation.id, 'm4'))).seq,
        ).toBe(4);
        // The unique indexes hold on the imported records.
        await expect(store.users.create({ ...data.user, id: 'someone-else' })).rejects.toMatchObject({
          code: 'duplicate',
        });
      } finally {
        await store.close();
      }
      // Kept aside byte for byte; only the new file is left in the folder.
      expect((await readdir(dataDir)).sort()).toEqual(['nedb-before-sqlite', 'store.sqlite']);
      for (const file of NEDB_FILES) {
        expect(await readFile(join(dataDir, 'nedb-before-sqlite', file))).toEqual(
          await readFile(join(NEDB_FOLDER, file)),
        );
      }
      // Imported once: the next start finds nothing to import and everything still there.
      const again: NedbImportSummary[] = [];
      const reopened = await openStore(
        { kind: 'embedded', dataDir },
        { imported: (summary) => again.push(summary) },
      );
      try {
        expect(again).toEqual([]);
        expect((await reopened.conversations.get(data.conversation.id))?.lastSeq).toBe(4);
      } finally {
        await reopened.close();
      }
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'with an unreadable line, refuses to start naming the file and line and the command, then that command imports the rest',
    async () => {
      const dataDir = await tempDir();
      await copyNedbFolder(dataDir);
      const transcripts = join(dataDir, 'transcripts.db');
      const lines = (await readFile(transcripts, 'utf8')).split('\n');
      // A line torn in half, as a crash in the middle of an append leaves it.
      lines[2] = lines[2]!.slice(0, 40);
      await writeFile(transcripts, lines.join('\n'));
      const damaged = await readFile(transcripts);

      const refusal = await openStore({ kind: 'embedded', dataDir }).catch(
        (error: unknown) => error as Error,
      );
      expect(refusal).toBeInstanceOf(Error);
      expect((refusal as Error).message).toBe(
        `${transcripts} line 3 is not a readable record (not JSON): nothing was imported or started. ` +
          'Run "npm run store:import -- --set-aside-bad-lines" to import the rest and keep the bad lines in nedb-before-sqlite/bad-lines.jsonl.',
      );
      // Nothing moved, nothing imported.
      expect(await readFile(transcripts)).toEqual(damaged);
      const file = new Database(join(dataDir, 'store.sqlite'), { readonly: true });
      try {
        expect(file.prepare('SELECT count(*) AS n FROM transcripts').get()).toEqual({ n: 0 });
        expect(file.prepare('SELECT count(*) AS n FROM _meta').get()).toEqual({ n: 0 });
      } finally {
        file.close();
      }

      const run = runTool('store-import.ts', ['--set-aside-bad-lines'], dataDir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^Imported the previous version's data files \(.*transcripts 4.*\); 1 unreadable lines kept in .*bad-lines\.jsonl; /,
      );
      const badLines = (await readFile(join(dataDir, 'nedb-before-sqlite', 'bad-lines.jsonl'), 'utf8'))
        .trim()
        .split('\n');
      expect(badLines.map((line) => JSON.parse(line) as unknown)).toEqual([
        { file: transcripts, line: 3, text: lines[2], reason: 'not JSON' },
      ]);
      expect(await readFile(join(dataDir, 'nedb-before-sqlite', 'transcripts.db'))).toEqual(damaged);
      await withStore(dataDir, async (store) => {
        expect(await store.users.findByUsername('ana')).not.toBeNull();
        expect(await store.conversations.transcript('conv-restart')).toHaveLength(2);
      });
      expect(runTool('store-import.ts', [], dataDir).stdout).toBe(`nothing to import in ${dataDir}\n`);
    },
    PROCESS_TIMEOUT_MS,
  );
});

describe('a damaged store file', () => {
  async function storeWithData(): Promise<string> {
    const dataDir = await tempDir();
    await withStore(dataDir, async (store) => {
      await writeSample(store);
      for (let n = 0; n < 200; n += 1) {
        await store.conversations.create(records.conversation(`c${n}`));
        await store.conversations.append(records.transcriptEntry(`c${n}`, 'm1'));
      }
    });
    return dataDir;
  }

  async function overwrite(file: string, offset: number, length: number): Promise<void> {
    const handle = await open(file, 'r+');
    try {
      await handle.write(Buffer.alloc(length, 0xa5), 0, length, offset);
    } finally {
      await handle.close();
    }
  }

  /** The product as `npm start` runs it, expected to stop at start-up: its exit code and output. */
  function startService(dataDir: string) {
    const result = spawnSync(process.execPath, [BUILT_SERVICE], {
      cwd: REPO_ROOT,
      env: builtServiceEnv(dataDir, { MONGODB_URI: '' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it(
    'with a page overwritten, stops start-up with one line naming the file and the command that restores it',
    async () => {
      const dataDir = await storeWithData();
      const file = join(dataDir, 'store.sqlite');
      const { size } = await stat(file);
      await overwrite(file, Math.floor(size / 4096 / 2) * 4096, 4096);
      const damaged = await readFile(file);

      const { code, output } = startService(dataDir);
      expect(code).toBe(1);
      // The check runs beside the rest of start-up, but nothing wrote to the file before its
      // verdict (no retention pass, no seeding): it is as the operator will restore it from.
      expect(await readFile(file)).toEqual(damaged);
      // The detail is SQLite's own (which page, which index): the rest is ours, on one line.
      expect(output).toMatch(
        new RegExp(
          `^Start-up failed: The embedded store ${file} is damaged \\([^\n]+\\): nothing was started\\. ` +
            'Restore the newest backup with "npm run store:restore -- --from FILE" \\(docs/operations\\.md, "Backups"\\)\\.\n$',
        ),
      );
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'with its header overwritten, stops start-up the same way',
    async () => {
      const dataDir = await storeWithData();
      const file = join(dataDir, 'store.sqlite');
      await overwrite(file, 0, 100);
      const { code, output } = startService(dataDir);
      expect(code).toBe(1);
      expect(output).toMatch(
        new RegExp(
          `^Start-up failed: The embedded store ${file} is damaged \\(file is not a database\\): nothing was started\\. Restore the newest backup with "npm run store:restore -- --from FILE"`,
        ),
      );
      expect(output.trim().split('\n')).toHaveLength(1);
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'is replaced by a backup taken while the service ran, and kept beside it',
    async () => {
      const dataDir = await tempDir();
      const writer = startFixture('writeThenWait.ts', [dataDir]);
      await writer.until(() => writer.lines.includes('written'));
      const backup = join(await tempDir(), 'backup.sqlite');
      try {
        const run = runTool('store-backup.ts', ['--to', backup], dataDir);
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(new RegExp(`^backed up ${dataDir} to ${backup} \\(\\d+\\.\\d MB\\)\\n$`));
        // A second backup never overwrites a file.
        expect(runTool('store-backup.ts', ['--to', backup], dataDir)).toMatchObject({
          code: 1,
          stderr: `store:backup: ${backup} exists: name a new file\n`,
        });
      } finally {
        writer.child.kill('SIGTERM');
        await writer.exited;
      }
      const file = join(dataDir, 'store.sqlite');
      await overwrite(file, 0, 100);

      const damagedBackup = join(await tempDir(), 'damaged.sqlite');
      await writeFile(damagedBackup, 'not a database');
      const refused = runTool('store-restore.ts', ['--from', damagedBackup], dataDir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^store:restore: .*damaged\.sqlite is not a sound backup \(.*\): nothing was restored\.\n$/,
      );

      const restored = runTool('store-restore.ts', ['--from', backup], dataDir);
      expect(restored.stderr).toBe('');
      expect(restored.stdout).toMatch(
        new RegExp(`^restored ${backup} to ${file}; the replaced file is kept as ${file}\\.replaced-`),
      );
      await expectSample(dataDir);
      expect((await readdir(dataDir)).some((name) => name.startsWith('store.sqlite.replaced-'))).toBe(true);
    },
    PROCESS_TIMEOUT_MS,
  );
});

describe('transcript sequence numbers when a process is killed', () => {
  it(
    'leaves no gap when killed between the sequence bump and the entry insert',
    async () => {
      const dataDir = await tempDir();
      const fixture = startFixture('appendUntilKilled.ts', [dataDir, 'hang']);
      await fixture.until(() => fixture.lines.includes('between'));
      fixture.child.kill('SIGKILL');
      expect(await fixture.exited).toEqual({ code: null, signal: 'SIGKILL' });

      await withStore(dataDir, async (store) => {
        expect((await store.conversations.get('conv-kill'))?.lastSeq).toBe(2);
        expect((await store.conversations.transcript('conv-kill')).map((entry) => entry.seq)).toEqual([1, 2]);
        expect((await store.conversations.append(records.transcriptEntry('conv-kill', 'm3'))).seq).toBe(3);
      });
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'keeps every acknowledged entry, numbered 1..n without a gap, when killed in the middle of appending',
    async () => {
      const dataDir = await tempDir();
      const fixture = startFixture('appendUntilKilled.ts', [dataDir, 'loop']);
      await fixture.until(() => fixture.lines.length >= 300);
      fixture.child.kill('SIGKILL');
      await fixture.exited;
      const acknowledged = Math.max(...fixture.lines.map((line) => Number(line.replace('acked ', ''))));

      await withStore(dataDir, async (store) => {
        const seqs = (await store.conversations.transcript('conv-kill', { limit: 10_000 })).map(
          (entry) => entry.seq,
        );
        expect(seqs.length).toBeGreaterThanOrEqual(acknowledged);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
        expect((await store.conversations.get('conv-kill'))?.lastSeq).toBe(seqs.length);
      });
    },
    PROCESS_TIMEOUT_MS,
  );
});
