import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../contracts/locale.js';
import { type KnowledgeArticle } from '../../contracts/article.js';
import {
  DEFAULT_ARTICLES_DIR,
  loadArticleFiles,
  parseArticleFile,
  serializeArticleFile,
  type LoadedArticles,
} from '../../knowledge/content/articleFiles.js';
import { TOPICS, TOPICS_NOT_WRITTEN } from '../../knowledge/content/topics.js';
import { formatProblem, parseTopics, validateArticleSet } from '../../knowledge/content/validateArticles.js';

/** The topics whose articles exist (the rest are listed as not written yet). */
const WRITTEN = TOPICS.filter((topic) => !TOPICS_NOT_WRITTEN.includes(topic));

const SHARED_TOPICS = fileURLToPath(new URL('../../../shared/eval/topics.tsv', import.meta.url));

async function articleFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const locale of LOCALES) {
    const dir = path.join(DEFAULT_ARTICLES_DIR, locale);
    files.push(...(await readdir(dir)).map((name) => path.join(dir, name)));
  }
  return files.sort();
}

function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

describe('the article files', () => {
  it('when every real article is parsed, serialized and parsed again, then nothing changes', async () => {
    const files = await articleFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const original = await readFile(file, 'utf8');
      const first = parseArticleFile(original, file);
      expect(first.problems, file).toEqual([]);
      const text = serializeArticleFile(first.article as KnowledgeArticle);
      const second = parseArticleFile(text, file);
      expect(second.article, file).toEqual(first.article);
      // Written back byte for byte, so a round trip through an editor tool leaves no diff noise.
      expect(text, file).toBe(original);
    }
  });
});

describe('the real article set', () => {
  let loaded: LoadedArticles;
  beforeAll(async () => {
    loaded = await loadArticleFiles();
  });

  it('when validated with the topic list, then it has no problems', () => {
    const problems = validateArticleSet(loaded, { topics: TOPICS, notWritten: TOPICS_NOT_WRITTEN });
    expect(problems.map((problem) => formatProblem(problem))).toEqual([]);
  });

  it('when listed, then every topic has an article in both locales and nothing else', () => {
    for (const locale of LOCALES) {
      const ids = loaded.articles.filter((article) => article.locale === locale).map((article) => article.id);
      expect(ids.sort(), locale).toEqual([...WRITTEN].sort());
    }
  });

  it('when a topic is listed as not written, then it is a topic and listed once', () => {
    for (const topic of TOPICS_NOT_WRITTEN) expect(TOPICS, topic).toContain(topic);
    expect(new Set(TOPICS_NOT_WRITTEN).size).toBe(TOPICS_NOT_WRITTEN.length);
  });

  it.skipIf(!existsSync(SHARED_TOPICS))(
    'when the shared topic list is present, then it matches',
    async () => {
      expect(parseTopics(await readFile(SHARED_TOPICS, 'utf8')).sort()).toEqual([...TOPICS].sort());
    },
  );

  it('when read by an editor, then every article follows the writing guidelines', () => {
    for (const article of loaded.articles) {
      const where = `${article.locale}/${article.id}`;
      expect(article.questions.length, where).toBeGreaterThanOrEqual(20);
      expect(article.questions.length, where).toBeLessThanOrEqual(60);
      expect(article.related.length, where).toBeGreaterThanOrEqual(2);
      expect(article.related.length, where).toBeLessThanOrEqual(4);
      expect(article.links.length, where).toBeGreaterThan(0);
      expect(wordCount(article.body), where).toBeGreaterThanOrEqual(120);
      expect(wordCount(article.body), where).toBeLessThanOrEqual(350);
      expect(article.updated <= article.lastReviewed, where).toBe(true);
    }
  });

  it('when alternate questions are compared across articles, then none is shared by two topics', () => {
    const owner = new Map<string, string>();
    for (const article of loaded.articles) {
      for (const question of article.questions) {
        const key = `${article.locale}:${question
          .toLowerCase()
          .replace(/[¿?¡!.,]/g, '')
          .trim()}`;
        expect(owner.get(key) ?? article.id, `${key} in ${article.id}`).toBe(article.id);
        owner.set(key, article.id);
      }
    }
  });

  it('when a Spanish article is read, then it is written in Spanish, not copied from English', () => {
    const english = new Map(
      loaded.articles.filter((article) => article.locale === 'en').map((article) => [article.id, article]),
    );
    for (const article of loaded.articles.filter((candidate) => candidate.locale === 'es')) {
      expect(article.answer, article.id).not.toBe(english.get(article.id)?.answer);
      expect(article.body, article.id).toMatch(/[áéíóúñ¿¡]/);
    }
  });
});
