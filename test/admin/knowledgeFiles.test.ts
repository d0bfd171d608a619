import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../bot/storage/openStore.js';
import { seedKeptAnswerIndex } from '../support/keptAnswerIndex.js';
import { REPO_ROOT } from '../support/paths.js';
import { startTestApp } from '../support/testApp.js';
import type { ArticleResponse } from '../../contracts/adminApi.js';
import { addUser, apiClient, login } from './support/adminApi.js';

const ARTICLES = path.join(REPO_ROOT, 'knowledge/articles');

/**
 * Runs a script the way `npm run knowledge:*` does (the node process that `tsx` starts with its
 * loader, started here directly), against the embedded store in `dataDir`.
 */
function run(script: string, args: string[], dataDir: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', script), ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'silent' },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function filesBelow(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const locale of await readdir(dir)) {
    for (const name of await readdir(path.join(dir, locale))) found.push(`${locale}/${name}`);
  }
  return found.sort();
}

describe('npm run knowledge:import / knowledge:export', () => {
  let work: string;
  let dataDir: string;
  beforeEach(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'va-files-'));
    dataDir = path.join(work, 'data');
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('when the repository articles are imported and exported again, then every file comes back byte for byte', async () => {
    // Every file, counted here: the knowledge base grows as topics are written.
    const total = (await filesBelow(ARTICLES)).length;
    const first = run('knowledge-import.ts', ['--dir', ARTICLES], dataDir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      `${total} articles from knowledge/articles: ${total} created, 0 updated, 0 unchanged\n`,
    );

    const again = run('knowledge-import.ts', ['--dir', ARTICLES], dataDir);
    expect(again.stdout).toContain(`0 created, 0 updated, ${total} unchanged`);

    const out = path.join(work, 'exported');
    const exported = run('knowledge-export.ts', ['--dir', out], dataDir);
    expect(exported.code).toBe(0);
    expect(exported.stdout.startsWith(`${total} published articles written to `)).toBe(true);
    const originals = await filesBelow(ARTICLES);
    expect(await filesBelow(out)).toEqual(originals);
    for (const file of originals) {
      const [before, after] = await Promise.all([
        readFile(path.join(ARTICLES, file)),
        readFile(path.join(out, file)),
      ]);
      expect(after.equals(before), file).toBe(true);
    }

    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      const revisions = await store.articles.revisions('es', 'adit-stamp');
      expect(revisions.map((revision) => [revision.action, revision.author])).toEqual([['import', 'system']]);
      const audit = await store.audit.list();
      expect(audit.filter((entry) => entry.action === 'article.import')).toHaveLength(total);
    } finally {
      await store.close();
    }
  });

  it('when one file changed, then only that article gets a new published revision', async () => {
    const total = (await filesBelow(ARTICLES)).length;
    run('knowledge-import.ts', ['--dir', ARTICLES], dataDir);
    const edited = path.join(work, 'edited');
    await cp(ARTICLES, edited, { recursive: true });
    const file = path.join(edited, 'en/live-chat.md');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^title: .*$/m, 'title: Chat live with an agent (edited)'));

    const result = run('knowledge-import.ts', ['--dir', edited, '--actor', 'Reviewer'], dataDir);
    expect(result.stdout).toContain(`0 created, 1 updated, ${total - 1} unchanged`);
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      const record = await store.articles.get('en', 'live-chat');
      expect(record).toMatchObject({
        status: 'published',
        revision: 2,
        publishedRevision: 2,
        updatedBy: 'reviewer',
      });
      expect(record?.published?.title).toBe('Chat live with an agent (edited)');
      const [, second] = await store.articles.revisions('en', 'live-chat');
      expect(second).toMatchObject({ action: 'import', note: 'Imported from files. Changed: title' });
    } finally {
      await store.close();
    }
  });

  it('when a file is broken, then nothing is imported and the problem is named', async () => {
    const broken = path.join(work, 'broken');
    await cp(ARTICLES, broken, { recursive: true });
    await writeFile(path.join(broken, 'en/live-chat.md'), '---\nid: live-chat\n---\n');
    const result = run('knowledge-import.ts', ['--dir', broken], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/live-chat\.md/);
    expect(result.stderr).toMatch(/nothing imported/);
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      expect(await store.articles.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('when an editor publishes a change in the console, then the export shows just that change for review', async () => {
    // The run's answer index of these articles: the start is ready without training.
    await seedKeptAnswerIndex(inject('keptAnswerIndexDir'), dataDir);
    const app = await startTestApp({ DATA_DIR: dataDir });
    try {
      await addUser(app, 'eva', ['editor']);
      const editor = apiClient(app, await login(app, 'eva'));
      const current = await editor<ArticleResponse>('GET', '/api/admin/articles/es/live-chat');
      const saved = await editor<ArticleResponse>('PUT', '/api/admin/articles/es/live-chat', {
        article: { ...current.body.article.draft, title: 'Chat en vivo con un agente (revisado)' },
        expectedRevision: current.body.article.revision,
      });
      await editor('POST', '/api/admin/articles/es/live-chat/publish', {
        expectedRevision: saved.body.article.revision,
      });
    } finally {
      await app.stop({ keepData: true });
    }
    const out = path.join(work, 'exported');
    expect(run('knowledge-export.ts', ['--dir', out], dataDir).code).toBe(0);
    const changed: string[] = [];
    for (const file of await filesBelow(ARTICLES)) {
      const [before, after] = await Promise.all([
        readFile(path.join(ARTICLES, file), 'utf8'),
        readFile(path.join(out, file), 'utf8'),
      ]);
      if (before !== after) changed.push(file);
    }
    expect(changed).toEqual(['es/live-chat.md']);
    const exported = await readFile(path.join(out, 'es/live-chat.md'), 'utf8');
    expect(exported).toMatch(/^title: Chat en vivo con un agente \(revisado\)$/m);
  });
});
