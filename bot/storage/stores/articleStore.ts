import { z } from 'zod';
import { articleIdSchema, knowledgeArticleSchema } from '../../../contracts/article.js';
import { COLLECTIONS } from '../collections.js';
import type { Driver, StoredDocument } from '../driver.js';
import { ConflictError, NotFoundError, StoreInputError, isStoreError } from '../errors.js';
import type { Locale } from '../../../contracts/locale.js';
import type * as ports from '../ports.js';
import { idSchema, localeSchema, parse, textSchema, timestampSchema } from '../validation.js';
import { RecordCollection, naturalKey } from './recordCollection.js';

const revisionNumberSchema = z.number().int().min(1);

const articleRecordSchema = z
  .strictObject({
    id: articleIdSchema,
    locale: localeSchema,
    status: z.enum(['draft', 'published', 'unpublished']),
    deleted: z.boolean(),
    draft: knowledgeArticleSchema,
    published: knowledgeArticleSchema.nullable(),
    revision: revisionNumberSchema,
    publishedRevision: revisionNumberSchema.nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    updatedBy: idSchema,
  })
  .refine((record) => [record.draft, record.published].every((article) => isSameArticle(article, record)), {
    message: 'draft and published must have the record id and locale',
  }) satisfies z.ZodType<ports.ArticleRecord>;

const articleRevisionSchema = z.strictObject({
  id: articleIdSchema,
  locale: localeSchema,
  revision: revisionNumberSchema,
  action: z.enum(['create', 'update', 'publish', 'unpublish', 'delete', 'restore', 'rollback', 'import']),
  content: knowledgeArticleSchema,
  author: idSchema,
  at: timestampSchema,
  note: textSchema(2000).nullable(),
}) satisfies z.ZodType<ports.ArticleRevision>;

const listFilterSchema = z.strictObject({
  locale: localeSchema.optional(),
  status: z.enum(['draft', 'published', 'unpublished']).optional(),
  includeDeleted: z.boolean().optional(),
}) satisfies z.ZodType<ports.ArticleListFilter>;

/**
 * An update whose revision insert (its lock) outlived the update by this much crashed between its
 * two writes; a live one finishes within milliseconds. Generous, for clock skew between instances.
 */
const ABANDONED_LOCK_MS = 60_000;

/** Kept on revision documents only: when the revision (the lock) was written, by the writer's clock. */
const WRITTEN_AT = 'writtenAtMs';

function isSameArticle(article: { id: string; locale: string } | null, key: { id: string; locale: string }) {
  return article === null || (article.id === key.id && article.locale === key.locale);
}

function articleKey(article: { locale: Locale; id: string }): string {
  return naturalKey(article.locale, article.id);
}

function revisionKey(revision: { locale: Locale; id: string; revision: number }): string {
  return naturalKey(revision.locale, revision.id, revision.revision);
}

export class ArticleStore implements ports.ArticleStore {
  private readonly records: RecordCollection<ports.ArticleRecord>;
  private readonly history: RecordCollection<ports.ArticleRevision>;

  constructor(driver: Driver) {
    this.records = new RecordCollection<ports.ArticleRecord>(driver.collection(COLLECTIONS.articles), {
      key: articleKey,
    });
    // The (locale, id, revision) key makes a second writer of the same revision a duplicate key.
    this.history = new RecordCollection<ports.ArticleRevision>(
      driver.collection(COLLECTIONS.articleRevisions),
      {
        key: revisionKey,
        derived: () => ({ [WRITTEN_AT]: Date.now() }),
        derivedFields: [WRITTEN_AT],
      },
    );
  }

  async get(locale: Locale, id: string): Promise<ports.ArticleRecord | null> {
    return this.records.get(articleKey(this.parseRef(locale, id)));
  }

  async list(filter: ports.ArticleListFilter = {}): Promise<ports.ArticleRecord[]> {
    const { locale, status, includeDeleted } = parse(listFilterSchema, filter, 'article list filter');
    return this.records.find(
      {
        ...(locale !== undefined && { locale }),
        ...(status !== undefined && { status }),
        ...(includeDeleted !== true && { deleted: false }),
      },
      { sort: { locale: 1, id: 1 } },
    );
  }

  async create(record: ports.ArticleRecord, revision: ports.ArticleRevision): Promise<void> {
    const checked = this.parseChange(record, revision);
    await this.records.insert(checked.record);
    await this.history.insert(checked.revision);
  }

  /**
   * The revision is inserted first: that insert is the lock (only one writer can add revision
   * n + 1). The winner then replaces the record on condition that it is still at n.
   */
  async update(
    record: ports.ArticleRecord,
    expectedRevision: number,
    revision: ports.ArticleRevision,
  ): Promise<void> {
    const checked = this.parseChange(record, revision);
    const expected = parse(revisionNumberSchema, expectedRevision, 'expected revision');
    if (checked.record.revision !== expected + 1) {
      throw new StoreInputError('The new revision must be the expected one plus one', {
        expectedRevision: expected,
      });
    }
    const lock = await this.lockRevision(checked.revision, expected);
    const replaced = await this.records.replace(checked.record, { revision: expected });
    if (replaced) return;
    // The record was not at the expected revision after all: undo our lock (only ours), write nothing.
    await this.history.documents.deleteMany({ _id: lock._id, [WRITTEN_AT]: Number(lock[WRITTEN_AT]) });
    const key = articleKey(checked.record);
    if ((await this.records.get(key)) === null) throw new NotFoundError('No such article', { key });
    throw new ConflictError('The article changed since it was read', { key, expectedRevision: expected });
  }

  async revisions(locale: Locale, id: string): Promise<ports.ArticleRevision[]> {
    return this.history.find(this.parseRef(locale, id), { sort: { revision: 1 } });
  }

  async revision(locale: Locale, id: string, revision: number): Promise<ports.ArticleRevision | null> {
    const ref = this.parseRef(locale, id);
    return this.history.get(
      revisionKey({ ...ref, revision: parse(revisionNumberSchema, revision, 'revision') }),
    );
  }

  async contentVersion(): Promise<string> {
    const [count, newest] = await Promise.all([
      this.records.documents.count({}),
      this.records.documents.findOne({}, { sort: { updatedAt: -1 } }),
    ]);
    if (newest === null) return `${count}`;
    // The newest record's key and revision, not only its time: a new update of the newest record
    // moves the token whatever time it was stamped with.
    const newestRecord = this.records.toRecord(newest);
    return [count, newest._id, newestRecord.revision, newestRecord.updatedAt].join('|');
  }

  /** Returns the lock: the revision document as written. */
  private async lockRevision(revision: ports.ArticleRevision, expected: number): Promise<StoredDocument> {
    for (let attempt = 0; ; attempt += 1) {
      const lock = this.history.toDocument(revision);
      try {
        await this.history.documents.insertOne(lock);
        return lock;
      } catch (error) {
        if (!isStoreError(error, 'duplicate')) throw error;
        if (attempt > 0 || !(await this.releaseAbandonedLock(revision, expected))) {
          throw new ConflictError('Another change of this article was saved first', {
            key: articleKey(revision),
            revision: revision.revision,
          });
        }
      }
    }
  }

  /**
   * A revision n + 1 while the record is still at n, written long ago, is the lock of an update
   * that crashed between its two writes; left there, it would refuse every later edit.
   */
  private async releaseAbandonedLock(revision: ports.ArticleRevision, expected: number): Promise<boolean> {
    const _id = revisionKey(revision);
    const lock = await this.history.documents.findOne({
      _id,
      [WRITTEN_AT]: { $lt: Date.now() - ABANDONED_LOCK_MS },
    });
    if (lock === null || (await this.records.get(articleKey(revision)))?.revision !== expected) return false;
    // Conditional on the same lock, so two writers releasing it at once delete it once.
    await this.history.documents.deleteMany({ _id, [WRITTEN_AT]: Number(lock[WRITTEN_AT]) });
    return true;
  }

  private parseRef(locale: unknown, id: unknown): { locale: Locale; id: string } {
    return { locale: parse(localeSchema, locale, 'locale'), id: parse(articleIdSchema, id, 'article id') };
  }

  private parseChange(record: unknown, revision: unknown) {
    const checked = {
      record: parse(articleRecordSchema, record, 'article'),
      revision: parse(articleRevisionSchema, revision, 'article revision'),
    };
    const { record: r, revision: v } = checked;
    if (r.id !== v.id || r.locale !== v.locale || r.revision !== v.revision) {
      throw new StoreInputError('The revision must be of the record, at its revision number');
    }
    return checked;
  }
}
