import type { Locale } from '../../contracts/locale.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import type { ArticleStatus, RevisionAction } from '../../contracts/adminApi.js';

/**
 * The stored article and its revisions (the article store keeps them, bot/storage/ports/), and how
 * the first version and each revision are made. The status and the action are the admin API's
 * (contracts/adminApi.ts): editors see them as they are stored.
 */

export type { ArticleStatus };

/** What made a revision. */
export type ArticleAction = RevisionAction;

export interface ArticleRecord {
  id: string;
  locale: Locale;
  /** `published`: visitors see `published`. `draft`: never published. `unpublished`: taken down. */
  status: ArticleStatus;
  /** Soft delete: kept with its history, hidden from lists and from visitors. */
  deleted: boolean;
  /** The working copy editors change; visitors never see it until it is published. */
  draft: KnowledgeArticle;
  /** What visitors see; null when never published or unpublished. */
  published: KnowledgeArticle | null;
  /** Increases by one with every saved change; the compare-and-set token for concurrent edits. */
  revision: number;
  /** The revision that `published` was taken from. */
  publishedRevision: number | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** One saved change of an article: who, when, what, and the full draft content after it. */
export interface ArticleRevision {
  id: string;
  locale: Locale;
  revision: number;
  action: ArticleAction;
  content: KnowledgeArticle;
  author: string;
  at: string;
  note: string | null;
}

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
