import type { KnowledgeArticle } from '../../knowledge/content/article.js';
import { isStoreError } from '../storage/errors.js';
import type { Store } from '../storage/ports.js';
import { firstArticleRecord, revisionOf } from './articleRecords.js';

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
    const record = firstArticleRecord(article, { published: true, actor: 'system', at });
    try {
      await store.articles.create(
        record,
        revisionOf(record, 'import', 'system', 'Loaded from the repository on first start'),
      );
      seeded += 1;
    } catch (error) {
      // Another instance seeding the same shared store got there first: its copy is the same.
      if (!isStoreError(error, 'duplicate')) throw error;
    }
  }
  return { seeded };
}
