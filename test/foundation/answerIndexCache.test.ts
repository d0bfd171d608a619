import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleResponse } from '../../contracts/adminApi.js';
import { sampleArticle, signedInClient } from '../admin/support/adminApi.js';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';

/** Which article answered `text`, asked through the Bot Framework endpoint as a channel would. */
async function answeredArticle(app: TestApp, text: string, locale: 'en' | 'es'): Promise<string | null> {
  const { status, activities } = await postActivity(app.baseUrl, { text, locale });
  expect(status).toBe(200);
  for (const activity of activities) {
    const id = (activity.channelData as { answer?: { articleId?: string } } | undefined)?.answer?.articleId;
    if (id) return id;
  }
  return null;
}

/**
 * The file's content (its SHA-256) and modification time, to tell whether a start wrote it. The
 * digest stands for the bytes, which differ exactly when it does: the files are megabytes, and
 * toEqual compares Buffers element by element (four of them took about a minute at load 7).
 */
async function snapshot(file: string): Promise<{ sha256: string; mtimeMs: number }> {
  const sha256 = createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
  return { sha256, mtimeMs: (await stat(file)).mtimeMs };
}

describe('start-up: the trained answer classifier kept in the data folder', () => {
  let dataDir: string;
  const files = () => ({
    en: path.join(dataDir, 'answer-index/classifier-en.bin'),
    es: path.join(dataDir, 'answer-index/classifier-es.bin'),
  });
  /** The articles' analysed words (AnalysisCacheFiles), kept beside the weights. */
  const analysisFiles = () => ({
    en: path.join(dataDir, 'answer-index/analysis-en.json'),
    es: path.join(dataDir, 'answer-index/analysis-es.json'),
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'va-index-cache-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('when the service restarts with unchanged articles, then it is ready from the kept weights without writing them again', async () => {
    const first = await startTestApp({ DATA_DIR: dataDir });
    expect(await answeredArticle(first, 'I lost my green card, how do I replace it?', 'en')).toBeTruthy();
    await first.stop();
    const kept = { en: await snapshot(files().en), es: await snapshot(files().es) };
    const analysed = { en: await snapshot(analysisFiles().en), es: await snapshot(analysisFiles().es) };

    const restarted = await startTestApp({ DATA_DIR: dataDir });
    try {
      const health = await fetch(`${restarted.baseUrl}/readyz`);
      expect(health.status).toBe(200);
      // Trained again, the file would have been written again (same bytes, a new time).
      expect(await snapshot(files().en)).toEqual(kept.en);
      expect(await snapshot(files().es)).toEqual(kept.es);
      // Nor were the articles analysed again.
      expect(await snapshot(analysisFiles().en)).toEqual(analysed.en);
      expect(await snapshot(analysisFiles().es)).toEqual(analysed.es);
      expect(
        await answeredArticle(restarted, 'I lost my green card, how do I replace it?', 'en'),
      ).toBeTruthy();
    } finally {
      await restarted.stop();
    }
  });

  it('when an article is published without a restart, then the language it changed is trained again and kept for the next start', async () => {
    const app = await startTestApp({ DATA_DIR: dataDir });
    try {
      const before = { en: await snapshot(files().en), es: await snapshot(files().es) };
      const analysedBefore = await snapshot(analysisFiles().es);
      const editor = await signedInClient(app, 'eva', ['editor']);
      await editor('POST', '/api/admin/articles', { article: sampleArticle('zebras', 'en') });
      const published = await editor<ArticleResponse>('POST', '/api/admin/articles/en/zebras/publish', {
        expectedRevision: 1,
      });
      expect(published.status).toBe(200);
      expect(await answeredArticle(app, 'how do I get a permit for my zebra', 'en')).toBe('zebras');
      expect((await snapshot(files().en)).sha256).not.toBe(before.en.sha256);
      expect(await snapshot(files().es)).toEqual(before.es);
      // The published article's text is analysed and kept; the other language's file is untouched.
      expect(await readFile(analysisFiles().en, 'utf8')).toContain(sampleArticle('zebras', 'en').title);
      expect(await snapshot(analysisFiles().es)).toEqual(analysedBefore);
    } finally {
      await app.stop();
    }
    // The next start uses what the publish trained.
    const afterPublish = await snapshot(files().en);
    const restarted = await startTestApp({ DATA_DIR: dataDir });
    try {
      expect(await snapshot(files().en)).toEqual(afterPublish);
      expect(await answeredArticle(restarted, 'how do I get a permit for my zebra', 'en')).toBe('zebras');
    } finally {
      await restarted.stop();
    }
  });

  it('when a kept file is damaged, then the service still starts, answers, and writes it anew', async () => {
    await writeFile(files().en, 'damaged');
    await writeFile(analysisFiles().es, '{"format":"va-article-analysis","engine":1,"texts":[["cut sho');
    const app = await startTestApp({ DATA_DIR: dataDir });
    try {
      expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
      expect(await answeredArticle(app, 'how do I get a permit for my zebra', 'en')).toBe('zebras');
      const rewritten = await readFile(files().en);
      expect(rewritten.subarray(0, 16).toString('latin1')).toBe('VA-CLASSIFIER 1\n');
      expect(JSON.parse(await readFile(analysisFiles().es, 'utf8'))).toMatchObject({
        format: 'va-article-analysis',
      });
    } finally {
      await app.stop();
    }
  });
});
