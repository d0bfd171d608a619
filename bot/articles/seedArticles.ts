import type { KnowledgeArticle } from '../../knowledge/content/article.js';
import { isStoreError } from '../storage/errors.js';
import type { ArticleRecord, ArticleRevision, Store } from '../storage/ports.js';

/**
 * Loads the repository's articles into an empty store, published, so a fresh install answers
 * questions at once. A store that already holds articles is left alone: editors own the content
 * from then on, and a restart must never duplicate or overwrite their work.
 */
export async function seedArticlesIfEmpty(
  store: Pick<Store, 'articles'>,
  articles: KnowledgeArticle[],
  now: Date = new Date(),
): Promise<{ seeded: number }> {
  const existing = await store.articles.list({ includeDeleted: true });
  if (existing.length > 0) return { seeded: 0 };
  const at = now.toISOString();
  let seeded = 0;
  for (const article of articles) {
    const record: ArticleRecord = {
      id: article.id,
      locale: article.locale,
      status: 'published',
      deleted: false,
      draft: article,
      published: article,
      revision: 1,
      publishedRevision: 1,
      createdAt: at,
      updatedAt: at,
      updatedBy: 'system',
    };
    const revision: ArticleRevision = {
      id: article.id,
      locale: article.locale,
      revision: 1,
      action: 'import',
      content: article,
      author: 'system',
      at,
      note: 'Loaded from the repository on first start',
    };
    try {
      await store.articles.create(record, revision);
      seeded += 1;
    } catch (error) {
      // Another instance seeding the same shared store got there first: its copy is the same.
      if (!isStoreError(error, 'duplicate')) throw error;
    }
  }
  return { seeded };
}
