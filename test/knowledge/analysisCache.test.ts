import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisCacheFiles } from '../../bot/articles/analysisCacheFiles.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import { loadArticleFiles } from '../../knowledge/content/articleFiles.js';
import {
  AnswerIndex,
  ENGINE_VERSION,
  KNOWLEDGE_CALIBRATION,
  type AnalysisCache,
  type WordAnalysis,
} from '../../knowledge/engine/index.js';
import { REPO_ROOT } from '../support/paths.js';
import { capturedLogger } from '../support/capturedLogger.js';

/**
 * The articles' analysed words kept between restarts (AnalysisCacheFiles, in the data folder's
 * answer-index/): with real articles and real files in a temp folder, an index built from
 * kept analyses answers exactly as one built from scratch, and a changed article, another engine
 * version or a damaged file is analysed again and the file written anew.
 */

/** Wraps a cache and records what each load found and each save, in order. */
class RecordedCache implements AnalysisCache {
  readonly events: string[] = [];
  constructor(private readonly inner: AnalysisCache) {}
  async load(name: string): Promise<ReadonlyMap<string, WordAnalysis> | undefined> {
    const found = await this.inner.load(name);
    this.events.push(`${found ? 'hit' : 'miss'} ${name}`);
    return found;
  }
  async save(name: string, analyses: ReadonlyMap<string, WordAnalysis>): Promise<void> {
    this.events.push(`save ${name}`);
    await this.inner.save(name, analyses);
  }
}

interface Question {
  text: string;
  locale: string;
}

/** What the index makes of each question: decision, ranking, scores and signals. */
function answers(index: AnswerIndex<KnowledgeArticle>, questions: readonly Question[]): unknown[] {
  return questions.map(({ text, locale }) => {
    const result = index.answer(text, locale);
    return {
      decision: result.decision,
      answered: result.article?.id ?? null,
      score: result.score,
      ranking: result.ranking.map((ranked) => ({
        id: ranked.document.id,
        score: ranked.score,
        signals: ranked.signals,
      })),
    };
  });
}

const build = (articles: readonly KnowledgeArticle[], analysisCache?: AnalysisCache) =>
  AnswerIndex.build(articles, {
    calibration: KNOWLEDGE_CALIBRATION,
    ...(analysisCache ? { analysisCache } : {}),
  });

describe('the articles analysed words, kept between restarts (AnalysisCacheFiles)', () => {
  let articles: KnowledgeArticle[];
  let questions: Question[];
  let fromScratch: unknown[];
  let dir: string;
  const files = () => ({ en: path.join(dir, 'analysis-en.json'), es: path.join(dir, 'analysis-es.json') });

  beforeAll(async () => {
    // Every third real article, both languages: what is kept is each text's analysis, so a third
    // of the articles exercises the files as all of them do, and each of the index builds below
    // (about fifteen, most of this file's time) analyses and trains on a third of the text.
    articles = (await loadArticleFiles()).articles.filter((_article, i) => i % 3 === 0);
    expect(new Set(articles.map((article) => article.locale))).toEqual(new Set(['en', 'es']));
    const lines = (await readFile(path.join(REPO_ROOT, 'knowledge/eval/validation.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Question);
    // Both languages, a few hundred questions: answered, clarified and out of scope.
    questions = lines.filter((_line, i) => i % 3 === 0);
    expect(new Set(questions.map((question) => question.locale))).toEqual(new Set(['en', 'es']));
    fromScratch = answers(await build(articles), questions);
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'va-analysis-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when the index is built again from the kept analyses, then it answers every question exactly as one built from scratch, and the files are not written again', async () => {
    const { logger } = capturedLogger();
    const first = new RecordedCache(new AnalysisCacheFiles(dir, logger));
    expect(answers(await build(articles, first), questions)).toEqual(fromScratch);
    expect(first.events).toEqual(['miss en', 'miss es', 'save en', 'save es']);
    const written = { en: (await stat(files().en)).mtimeMs, es: (await stat(files().es)).mtimeMs };

    const second = new RecordedCache(new AnalysisCacheFiles(dir, logger));
    expect(answers(await build(articles, second), questions)).toEqual(fromScratch);
    expect(second.events).toEqual(['hit en', 'hit es']);
    expect({ en: (await stat(files().en)).mtimeMs, es: (await stat(files().es)).mtimeMs }).toEqual(written);
  });

  it('when an article changed, then its new text is analysed, the index answers as one built from scratch and only its language is written again', async () => {
    const { logger } = capturedLogger();
    await build(articles, new AnalysisCacheFiles(dir, logger));
    const esBefore = await readFile(files().es);
    const target = articles.find((article) => article.locale === 'en') as KnowledgeArticle;
    const changed = articles.map((article) =>
      article === target
        ? { ...article, questions: [...article.questions, 'how do I get a permit for my zebra'] }
        : article,
    );
    const cache = new RecordedCache(new AnalysisCacheFiles(dir, logger));
    const index = await build(changed, cache);
    expect(cache.events).toEqual(['hit en', 'hit es', 'save en']);
    expect(answers(index, questions)).toEqual(answers(await build(changed), questions));
    expect(index.answer('how do I get a permit for my zebra', 'en').ranking[0]?.document.id).toBe(target.id);
    expect(await readFile(files().en, 'utf8')).toContain('how do I get a permit for my zebra');
    expect((await readFile(files().es)).equals(esBefore)).toBe(true);
  });

  it('when the kept files are of another engine version, then they are not used and are written anew', async () => {
    const { logger } = capturedLogger();
    await build(articles, new AnalysisCacheFiles(dir, logger, ENGINE_VERSION + 1));
    const cache = new RecordedCache(new AnalysisCacheFiles(dir, logger));
    expect(answers(await build(articles, cache), questions)).toEqual(fromScratch);
    expect(cache.events).toEqual(['miss en', 'miss es', 'save en', 'save es']);
    expect(JSON.parse(await readFile(files().en, 'utf8'))).toMatchObject({ engine: ENGINE_VERSION });
  });

  it('when a kept file is damaged, cut short or of another shape, then it is logged, the articles are analysed again, answers are unchanged and the file is written anew', async () => {
    const { logger, lines } = capturedLogger();
    await build(articles, new AnalysisCacheFiles(dir, logger));
    const good = await readFile(files().en, 'utf8');
    const entry = (JSON.parse(good) as { texts: unknown[][] }).texts[0] as unknown[];
    const damaged: Array<[string, string]> = [
      ['cut short', good.slice(0, Math.floor(good.length / 2))],
      ['not JSON', 'damaged'],
      ['empty', ''],
      [
        'a stem missing',
        good.replace(JSON.stringify(entry), JSON.stringify([entry[0], entry[1], [], entry[3]])),
      ],
      ['another format', JSON.stringify({ format: 'other', engine: ENGINE_VERSION, texts: [] })],
    ];
    for (const [what, content] of damaged) {
      await writeFile(files().en, content);
      lines.length = 0;
      const cache = new RecordedCache(new AnalysisCacheFiles(dir, logger));
      expect(answers(await build(articles, cache), questions), what).toEqual(fromScratch);
      expect(cache.events, what).toEqual(['miss en', 'hit es', 'save en']);
      expect(
        lines.map((line) => line.msg),
        what,
      ).toContain('article analysis cache damaged: the articles are analysed again');
      expect(await readFile(files().en, 'utf8'), what).toBe(good);
    }
  });

  it('when the folder cannot be written, then the build still succeeds and nothing partial is left', async () => {
    const { logger, lines } = capturedLogger();
    const blocked = path.join(dir, 'a-file');
    await writeFile(blocked, 'in the way of the cache folder');
    expect(answers(await build(articles, new AnalysisCacheFiles(blocked, logger)), questions)).toEqual(
      fromScratch,
    );
    expect(lines.map((line) => line.msg)).toContain(
      'article analysis cache not written: the next start analyses again',
    );
    expect(await readdir(dir)).toEqual(['a-file']);
  });
});
