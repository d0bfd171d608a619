import type { Locale } from '../../../contracts/locale.js';
import type { ArticleRecord, ArticleRevision, ArticleStatus } from '../../articles/articleRecords.js';
export type {
  ArticleAction,
  ArticleRecord,
  ArticleRevision,
  ArticleStatus,
} from '../../articles/articleRecords.js';

// Articles, with drafts, published versions and revisions (editors' side).

export interface ArticleListFilter {
  locale?: Locale;
  status?: ArticleStatus;
  includeDeleted?: boolean;
}

export interface ArticleStore {
  get(locale: Locale, id: string): Promise<ArticleRecord | null>;
  /** Sorted by locale, then id. */
  list(filter?: ArticleListFilter): Promise<ArticleRecord[]>;
  /** Stores a new article and its first revision; `DuplicateKeyError` when (locale, id) exists. */
  create(record: ArticleRecord, revision: ArticleRevision): Promise<void>;
  /**
   * Replaces the record and appends its revision, only if the stored revision is still
   * `expectedRevision` (`record.revision` must be `expectedRevision + 1`); else `ConflictError`
   * and nothing is written. Two concurrent updates from the same revision: exactly one wins.
   */
  update(record: ArticleRecord, expectedRevision: number, revision: ArticleRevision): Promise<void>;
  /** Oldest first. */
  revisions(locale: Locale, id: string): Promise<ArticleRevision[]>;
  revision(locale: Locale, id: string, revision: number): Promise<ArticleRevision | null>;
  /**
   * An opaque token that changes when an article is created or updated (drafts, publishes,
   * deletes alike) and stays the same otherwise, so an instance that built something from the
   * articles (its answer index) can tell that another instance changed them: read it before
   * rebuilding, compare later. Cheap: a count and the newest record by `updatedAt` (indexed). An
   * update is seen through its record's `updatedAt`, so it must be at least as new as every other
   * record's (writers stamp their clock's time; clocks a few ms apart matter only for two changes
   * a few ms apart, and the next change shows both).
   */
  contentVersion(): Promise<string>;
}
