import type { KnowledgeArticle } from '../../contracts/article.js';
import type { ArticleAction, ArticleRecord, ArticleRevision } from '../storage/ports.js';

/**
 * An article's first stored version, revision 1: a draft only editors see, or published as it
 * is (articles loaded from the repository's files). The service and the first-start seeding both
 * store new articles through this, so a seeded article is the same record an import would write.
 */
export function firstArticleRecord(
  article: KnowledgeArticle,
  options: { published: boolean; actor: string; at: string },
): ArticleRecord {
  const { published, actor, at } = options;
  return {
    id: article.id,
    locale: article.locale,
    status: published ? 'published' : 'draft',
    deleted: false,
    draft: article,
    published: published ? article : null,
    revision: 1,
    publishedRevision: published ? 1 : null,
    createdAt: at,
    updatedAt: at,
    updatedBy: actor,
  };
}

/** The revision that keeps `record`'s draft as it now stands: who, when, what and why. */
export function revisionOf(
  record: ArticleRecord,
  action: ArticleAction,
  author: string,
  note: string,
): ArticleRevision {
  return {
    id: record.id,
    locale: record.locale,
    revision: record.revision,
    action,
    content: record.draft,
    author,
    at: record.updatedAt,
    note: note.slice(0, 2000),
  };
}
