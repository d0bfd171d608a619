import type { Locale } from '../../contracts/locale.js';
import { articleKey, type KnowledgeArticle } from '../../contracts/article.js';
import {
  type AnswerResult,
  createKnowledgeIndexHolder,
  type KnowledgeIndexHolder,
} from '../../knowledge/engine/index.js';
import type { AnswerSource, ArticleCatalog } from '../assistant/answerSource.js';
import { EnginePassages, type PassageSource } from '../assistant/followUps/passageSource.js';
import type { Store } from '../storage/ports.js';

/**
 * The published articles as the assistant sees them: the answer engine's index over them
 * (`AnswerSource`) and a lookup by id (`ArticleCatalog`). `refresh()` reloads them from the store
 * and swaps the index and the catalog once the new index is built; questions asked meanwhile are
 * answered from the previous set. Called through KnowledgeChangeWatcher (start-up, editors'
 * publishes, and changes another instance made), which remembers what the index was built from.
 */
export class PublishedKnowledge implements AnswerSource, ArticleCatalog {
  private catalog: ReadonlyMap<string, KnowledgeArticle> = new Map();
  private latestRefresh = 0;
  /** The engine's passage finder over the same index, for follow-ups on the current topic. */
  readonly passages: PassageSource;

  constructor(
    private readonly store: Pick<Store, 'articles'>,
    private readonly holder: KnowledgeIndexHolder<KnowledgeArticle> = createKnowledgeIndexHolder(),
  ) {
    this.passages = new EnginePassages(holder);
  }

  /** Whether an index has been built (readiness). */
  get ready(): boolean {
    return this.holder.ready;
  }

  /** Articles served, all locales. */
  get size(): number {
    return this.catalog.size;
  }

  answer(text: string, locale: Locale): AnswerResult<KnowledgeArticle> {
    return this.holder.answer(text, locale);
  }

  get(id: string, locale: Locale): KnowledgeArticle | undefined {
    return this.catalog.get(articleKey({ id, locale }));
  }

  /** Reloads the published articles and serves them once indexed. Overlapping calls: the last wins. */
  async refresh(): Promise<{ articles: number }> {
    const refresh = ++this.latestRefresh;
    const records = await this.store.articles.list({ status: 'published' });
    const articles = records.flatMap((record) =>
      !record.deleted && record.published ? [record.published] : [],
    );
    await this.holder.rebuild(articles);
    // A refresh overtaken by a newer one must not put its older catalog back.
    if (refresh === this.latestRefresh) {
      this.catalog = new Map(articles.map((article) => [articleKey(article), article]));
    }
    return { articles: articles.length };
  }
}
