import type { Locale } from '../../contracts/locale.js';
import { articleKey, type KnowledgeArticle } from '../../contracts/article.js';
import {
  type AnswerResult,
  calibrationFor,
  createKnowledgeIndexHolder,
  type DecisionThresholds,
  type KnowledgeIndexHolder,
  type SignalScores,
} from '../../knowledge/engine/index.js';
import type { TryResult } from '../../contracts/adminApi.js';
import type { AssistantKnowledge } from '../assistant/answerSource.js';
import { EnginePassages } from '../assistant/followUps/passageSource.js';
import type { Store } from '../storage/ports.js';
import type { ArticleRecord } from './articleRecords.js';
import { systemClock, type Clock } from '../shared/clock.js';

/**
 * An answer index over the editors' drafts (every article that is not deleted, as last saved),
 * for "Try it" before publishing. Built on first use and rebuilt only when the drafts changed:
 * the drafts' revisions are the cache key, read from the store on each question, so a save on
 * another server instance is seen too. Visitors never get answers from this index.
 */
export class DraftKnowledge {
  private readonly holder: KnowledgeIndexHolder<KnowledgeArticle>;
  private servedKey: string | undefined;
  private pending: { key: string; done: Promise<void> } | undefined;

  constructor(
    private readonly store: Pick<Store, 'articles'>,
    holder?: KnowledgeIndexHolder<KnowledgeArticle>,
    private readonly clock: Clock = systemClock,
  ) {
    this.holder = holder ?? createKnowledgeIndexHolder();
  }

  async try(text: string, locale: Locale): Promise<TryResult> {
    const records = await this.store.articles.list();
    await this.ensureBuilt(records);
    return explain(this.holder.answer(text, locale), this.thresholdsFor(locale), records.length);
  }

  /**
   * The drafts as the assistant would use them if they were all published: answers from their
   * index, articles by id. `editing` (the fields of an article as its form holds them, saved or
   * not) goes over its saved draft in the lookup by id, so a preview shows the text being written;
   * the index stays the saved drafts'.
   */
  async snapshot(
    editing?: Pick<KnowledgeArticle, 'id' | 'locale'> & Partial<KnowledgeArticle>,
  ): Promise<AssistantKnowledge> {
    const records = await this.store.articles.list();
    await this.ensureBuilt(records);
    const drafts = new Map(records.map((record) => [articleKey(record.draft), record.draft]));
    if (editing) {
      const today = this.clock.now().toISOString().slice(0, 10);
      const blank = {
        title: '',
        answer: '',
        body: '',
        questions: [],
        tags: [],
        synonyms: [],
        related: [],
        links: [],
      };
      const saved = drafts.get(articleKey(editing)) ?? { ...blank, updated: today, lastReviewed: today };
      drafts.set(articleKey(editing), { ...saved, ...editing });
    }
    const holder = this.holder;
    return {
      answer: (text, locale) => holder.answer(text, locale),
      get: (id, locale) => drafts.get(articleKey({ id, locale })),
      passages: new EnginePassages(holder),
    };
  }

  private async ensureBuilt(records: readonly ArticleRecord[]): Promise<void> {
    const key = records.map((record) => `${record.locale}:${record.id}:${record.revision}`).join('|');
    if (this.servedKey === key) return;
    if (this.pending?.key !== key) {
      const done = this.holder.rebuild(records.map((record) => record.draft)).then(
        () => {
          if (this.pending?.key === key) {
            this.servedKey = key;
            this.pending = undefined;
          }
        },
        (error: unknown) => {
          if (this.pending?.key === key) this.pending = undefined;
          throw error;
        },
      );
      this.pending = { key, done };
    }
    await this.pending.done;
  }

  private thresholdsFor(locale: Locale): DecisionThresholds {
    const calibration = this.holder.index?.calibration;
    return calibration
      ? calibrationFor(calibration, locale).thresholds
      : { answer: Number.NaN, clarify: Number.NaN, margin: Number.NaN };
  }
}

function explain(
  result: AnswerResult<KnowledgeArticle>,
  thresholds: DecisionThresholds,
  drafts: number,
): TryResult {
  const article = result.decision === 'answer' ? result.article : undefined;
  return {
    decision: result.decision,
    score: round(result.score),
    article: article ? { id: article.id, locale: article.locale, title: article.title } : null,
    alternatives: result.alternatives.map((candidate) => candidate.document.id),
    ranking: result.ranking.map((candidate) => ({
      id: candidate.document.id,
      title: candidate.document.title,
      score: round(candidate.score),
      signals: Object.fromEntries(
        Object.entries(candidate.signals).map(([name, value]) => [name, round(value as number)]),
      ) as unknown as SignalScores,
      matchedQuestion: candidate.matchedQuestion,
    })),
    queryTerms: result.queryTerms,
    thresholds,
    drafts,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
