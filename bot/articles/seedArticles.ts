import { loadArticleFiles } from '../../knowledge/content/articleFiles.js';
import type { Logger } from '../logging/logger.js';
import { isStoreError } from '../storage/errors.js';
import type { Store } from '../storage/ports.js';
import { firstArticleRecord, revisionOf } from './articleRecords.js';

/**
 * Loads the repository's articles into an empty store, published, so a fresh install answers
 * questions at once. A store that already holds articles is left alone: editors own the content
 * from then on, and a restart must never duplicate or overwrite their work. The files are read
 * only then, so an ordinary start does not parse and validate every article for nothing.
 */
export async function seedArticlesIfEmpty(
  store: Pick<Store, 'articles'>,
  options: { articlesDir: string; logger: Logger; now?: Date },
): Promise<{ seeded: number }> {
  const existing = await store.articles.list({ includeDeleted: true });
  if (existing.length > 0) return { seeded: 0 };
  const { logger } = options;
  const files = await loadArticleFiles(options.articlesDir);
  for (const problem of files.problems)
    logger.warn({ file: problem.file, field: problem.field }, problem.message);
  const at = (options.now ?? new Date()).toISOString();
  let seeded = 0;
  for (const article of files.articles) {
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
  if (seeded > 0) logger.info({ seeded }, 'articles loaded into the store on first start');
  return { seeded };
}
