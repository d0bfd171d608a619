import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/locale.js';
import { articleKey, type KnowledgeArticle } from '../../contracts/article.js';
import { foldAccents } from '../../knowledge/engine/index.js';
import { FieldProblemsError, type FieldProblem } from '../shared/fieldProblems.js';
import { ConflictError, NotFoundError } from '../storage/errors.js';
import type {
  ArticleAction,
  ArticleRecord,
  ArticleRevision,
  ArticleStatus,
  Store,
} from '../storage/ports.js';
import type {
  ArticleCheck,
  ArticleDiffResponse,
  ArticleSummary,
  ArticleView,
  RevisionSummary,
  TranslationReport,
} from '../../contracts/adminApi.js';
import { changedFields, describeChanges, isoDay, sameArticle } from './articleChanges.js';
import { diffArticles } from './articleDiff.js';
import { firstArticleRecord, revisionOf } from './articleRecords.js';
import { checkArticleSet } from './translationStatus.js';
import { systemClock, type Clock } from '../shared/clock.js';

export interface ArticleQuery {
  locale?: Locale;
  status?: ArticleStatus;
  /** Exact tag, letter case and accents ignored. */
  tag?: string;
  /** Words looked for in the draft's title, answer, questions, tags and id. */
  text?: string;
  includeDeleted?: boolean;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ArticleServiceDeps {
  store: Pick<Store, 'articles' | 'audit'>;
  /** What visitors are answered from; refreshed (and awaited) after every change they can see. */
  published: { refresh(): Promise<unknown> };
  clock?: Clock;
}

const NO_CHECKS: ArticleCheck = { missingTranslation: false, staleTranslation: null, problems: [] };

/**
 * The editors' use-cases on articles: drafts, revisions, publishing, rollback, soft delete and
 * imports. Every change is one compare-and-set on the stored revision (a stale `expectedRevision`
 * gets `ConflictError` and writes nothing), one revision with a note of what changed, and one
 * audit entry. Visitors see a change only through publish, unpublish or delete, each of which
 * refreshes the published index before it returns, so the next question already sees it.
 */
export class ArticleService {
  private readonly clock: Clock;

  constructor(private readonly deps: ArticleServiceDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async list(query: ArticleQuery = {}): Promise<ArticleSummary[]> {
    const records = await this.deps.store.articles.list({ includeDeleted: query.includeDeleted ?? false });
    const checks = this.checksOf(records);
    const tag = query.tag === undefined ? undefined : fold(query.tag);
    const words = query.text === undefined ? [] : fold(query.text).split(/\s+/).filter(Boolean);
    return records
      .filter((record) => query.locale === undefined || record.locale === query.locale)
      .filter((record) => query.status === undefined || record.status === query.status)
      .filter((record) => tag === undefined || record.draft.tags.some((item) => fold(item) === tag))
      .filter((record) => words.length === 0 || matchesWords(record.draft, words))
      .map((record) => {
        const check = checks.get(articleKey(record)) ?? NO_CHECKS;
        return {
          id: record.id,
          locale: record.locale,
          title: record.draft.title,
          status: record.status,
          deleted: record.deleted,
          revision: record.revision,
          publishedRevision: record.publishedRevision,
          unpublishedChanges: hasUnpublishedChanges(record),
          tags: record.draft.tags,
          updatedAt: record.updatedAt,
          updatedBy: record.updatedBy,
          missingTranslation: check.missingTranslation,
          staleTranslation: check.staleTranslation !== null,
          problems: check.problems.length,
        };
      });
  }

  /** Deleted articles too (so they can be restored). `NotFoundError` when there is none. */
  async get(locale: Locale, id: string): Promise<ArticleView> {
    return this.view(await this.require(locale, id));
  }

  /** Missing and stale translations over every article that is not deleted. */
  async translations(): Promise<TranslationReport> {
    const records = await this.deps.store.articles.list();
    const checks = checkArticleSet(records.map((record) => record.draft));
    const stale = records.flatMap((record) => {
      const message = checks.byArticle.get(articleKey(record))?.staleTranslation;
      return message ? [{ id: record.id, locale: record.locale, message }] : [];
    });
    return { missing: checks.missing, stale };
  }

  /** A new article, as a draft visitors do not see. `DuplicateKeyError` when (locale, id) exists. */
  async create(actor: string, article: KnowledgeArticle): Promise<ArticleView> {
    const record = firstArticleRecord(article, { published: false, actor, at: this.now() });
    const note = describeChanges(null, article);
    await this.deps.store.articles.create(record, revisionOf(record, 'create', actor, note));
    await this.audit(actor, 'create', record, note);
    return this.view(record);
  }

  /**
   * Saves the editor's working copy as a new revision; visitors keep seeing the published one.
   * When the content changed but the editor left `updated` alone, it becomes today, so the twin
   * shows as stale until someone reviews it. Saving identical content writes nothing.
   */
  async saveDraft(
    actor: string,
    locale: Locale,
    id: string,
    article: KnowledgeArticle,
    expectedRevision: number,
  ): Promise<ArticleView> {
    const problems = [
      ...(article.id === id ? [] : [mismatch('article.id', id)]),
      ...(article.locale === locale ? [] : [mismatch('article.locale', locale)]),
    ];
    if (problems.length > 0) throw new FieldProblemsError(problems);
    const current = await this.requireAt(locale, id, expectedRevision);
    const draft = this.withUpdatedDate(current.draft, article);
    if (sameArticle(current.draft, draft)) return this.view(current);
    return this.change(actor, current, 'update', { draft }, describeChanges(current.draft, draft));
  }

  /** Adds a visitor's wording as an alternate question of the draft (from the unanswered report). */
  async addQuestion(
    actor: string,
    locale: Locale,
    id: string,
    question: string,
    expectedRevision?: number,
  ): Promise<ArticleView> {
    const current =
      expectedRevision === undefined
        ? await this.require(locale, id)
        : await this.requireAt(locale, id, expectedRevision);
    const wording = question.replace(/\s+/g, ' ').trim();
    if (current.draft.questions.some((existing) => fold(existing) === fold(wording)))
      return this.view(current);
    if (current.draft.questions.length >= 200) {
      throw new FieldProblemsError([
        {
          field: 'question',
          message: 'the article already has 200 questions',
          messageKey: 'field.tooManyQuestions',
        },
      ]);
    }
    const draft = { ...current.draft, questions: [...current.draft.questions, wording] };
    const note = `${describeChanges(current.draft, draft)} (from the unanswered questions report)`;
    return this.change(actor, current, 'update', { draft }, note);
  }

  /** Makes the draft what visitors see, and rebuilds their index before returning. */
  async publish(actor: string, locale: Locale, id: string, expectedRevision: number): Promise<ArticleView> {
    const current = await this.requireAt(locale, id, expectedRevision);
    if (current.deleted) {
      throw new FieldProblemsError([
        { field: 'status', message: 'the article is deleted: restore it first', messageKey: 'field.deleted' },
      ]);
    }
    if (current.status === 'published' && !hasUnpublishedChanges(current)) return this.view(current);
    const note = `Published (${describeChanges(current.published, current.draft)})`;
    const view = await this.change(
      actor,
      current,
      'publish',
      {
        status: 'published',
        published: current.draft,
        publishedRevision: current.revision + 1,
      },
      note,
    );
    await this.deps.published.refresh();
    return view;
  }

  /** Takes the article away from visitors; the draft stays for editors. */
  async unpublish(actor: string, locale: Locale, id: string, expectedRevision: number): Promise<ArticleView> {
    const current = await this.requireAt(locale, id, expectedRevision);
    if (current.status !== 'published') return this.view(current);
    const view = await this.change(
      actor,
      current,
      'unpublish',
      { status: 'unpublished', published: null },
      'Unpublished',
    );
    await this.deps.published.refresh();
    return view;
  }

  /**
   * Soft delete: hidden from lists and from visitors, kept with its history. A published article
   * is unpublished too, so restoring it never puts content back in front of visitors by itself.
   */
  async delete(actor: string, locale: Locale, id: string, expectedRevision: number): Promise<ArticleView> {
    const current = await this.requireAt(locale, id, expectedRevision);
    if (current.deleted) return this.view(current);
    const wasPublished = current.status === 'published';
    const view = await this.change(
      actor,
      current,
      'delete',
      { deleted: true, ...(wasPublished ? { status: 'unpublished' as const, published: null } : {}) },
      wasPublished ? 'Deleted (and unpublished)' : 'Deleted',
    );
    if (wasPublished) await this.deps.published.refresh();
    return view;
  }

  async restore(actor: string, locale: Locale, id: string, expectedRevision: number): Promise<ArticleView> {
    const current = await this.requireAt(locale, id, expectedRevision);
    if (!current.deleted) return this.view(current);
    return this.change(actor, current, 'restore', { deleted: false }, 'Restored as a draft');
  }

  /** A new draft revision whose content is an older revision's; publishing it is a separate step. */
  async rollback(
    actor: string,
    locale: Locale,
    id: string,
    toRevision: number,
    expectedRevision: number,
  ): Promise<ArticleView> {
    const current = await this.requireAt(locale, id, expectedRevision);
    const target = await this.deps.store.articles.revision(locale, id, toRevision);
    if (!target) throw new NotFoundError('No such revision', { locale, id, revision: toRevision });
    if (sameArticle(current.draft, target.content)) return this.view(current);
    const note = `Rolled back to revision ${toRevision}. ${describeChanges(current.draft, target.content)}`;
    return this.change(actor, current, 'rollback', { draft: target.content }, note);
  }

  async history(locale: Locale, id: string): Promise<RevisionSummary[]> {
    await this.require(locale, id);
    const revisions = await this.deps.store.articles.revisions(locale, id);
    return revisions.map((revision) => ({
      revision: revision.revision,
      action: revision.action,
      author: revision.author,
      at: revision.at,
      note: revision.note,
      title: revision.content.title,
    }));
  }

  async revision(locale: Locale, id: string, revision: number): Promise<ArticleRevision> {
    const found = await this.deps.store.articles.revision(locale, id, revision);
    if (!found) throw new NotFoundError('No such revision', { locale, id, revision });
    return found;
  }

  /** Field-by-field differences from one revision's content to another's. */
  async diff(locale: Locale, id: string, from: number, to: number): Promise<ArticleDiffResponse> {
    const [older, newer] = await Promise.all([
      this.revision(locale, id, from),
      this.revision(locale, id, to),
    ]);
    return { from, to, fields: diffArticles(older.content, newer.content) };
  }

  /**
   * Loads an article from the repository's files, published: a new article, a new revision when
   * the content differs from what is stored (draft or published), nothing when it is the same. A
   * soft-deleted article comes back. The caller refreshes the published index once at the end.
   */
  async importArticle(actor: string, article: KnowledgeArticle): Promise<ImportOutcome> {
    const current = await this.deps.store.articles.get(article.locale, article.id);
    if (!current) {
      const record = firstArticleRecord(article, { published: true, actor, at: this.now() });
      await this.deps.store.articles.create(
        record,
        revisionOf(record, 'import', actor, 'Imported from files'),
      );
      await this.audit(actor, 'import', record, 'Imported from files');
      return 'created';
    }
    const unchanged =
      !current.deleted &&
      current.status === 'published' &&
      sameArticle(current.draft, article) &&
      sameArticle(current.published, article);
    if (unchanged) return 'unchanged';
    await this.change(
      actor,
      current,
      'import',
      {
        draft: article,
        published: article,
        status: 'published',
        deleted: false,
        publishedRevision: current.revision + 1,
      },
      `Imported from files. ${describeChanges(current.published ?? current.draft, article)}`,
    );
    return 'updated';
  }

  /** Every published article that is not deleted, sorted by locale then id (for the file export). */
  async publishedArticles(): Promise<KnowledgeArticle[]> {
    const records = await this.deps.store.articles.list({ status: 'published' });
    return records.flatMap((record) => (record.published ? [record.published] : []));
  }

  async refreshPublished(): Promise<void> {
    await this.deps.published.refresh();
  }

  // -------------------------------------------------------------------------------------------

  private async require(locale: Locale, id: string): Promise<ArticleRecord> {
    const record = await this.deps.store.articles.get(locale, id);
    if (!record) throw new NotFoundError('No such article', { locale, id });
    return record;
  }

  /** The record, if it is still at the revision the editor started from. */
  private async requireAt(locale: Locale, id: string, expectedRevision: number): Promise<ArticleRecord> {
    const record = await this.require(locale, id);
    if (record.revision !== expectedRevision) {
      throw new ConflictError('The article changed since it was read', {
        expectedRevision,
        currentRevision: record.revision,
      });
    }
    return record;
  }

  /** Writes the next revision of `current` (compare-and-set on its revision) and audits it. */
  private async change(
    actor: string,
    current: ArticleRecord,
    action: ArticleAction,
    patch: Partial<Pick<ArticleRecord, 'draft' | 'published' | 'status' | 'deleted' | 'publishedRevision'>>,
    note: string,
  ): Promise<ArticleView> {
    const record: ArticleRecord = {
      ...current,
      ...patch,
      revision: current.revision + 1,
      updatedAt: this.now(),
      updatedBy: actor,
    };
    await this.deps.store.articles.update(record, current.revision, revisionOf(record, action, actor, note));
    await this.audit(actor, action, record, note);
    return this.view(record);
  }

  private async audit(
    actor: string,
    action: ArticleAction,
    record: ArticleRecord,
    note: string,
  ): Promise<void> {
    await this.deps.store.audit.record({
      id: randomUUID(),
      at: this.now(),
      actor,
      action: `article.${action}`,
      target: articleKey(record),
      details: JSON.stringify({ revision: record.revision, status: record.status, note }),
    });
  }

  /** A deleted article is not checked (as in the list); any other against every live article. */
  private async view(record: ArticleRecord): Promise<ArticleView> {
    const check = record.deleted
      ? NO_CHECKS
      : (this.checksOf(await this.deps.store.articles.list()).get(articleKey(record)) ?? NO_CHECKS);
    return {
      id: record.id,
      locale: record.locale,
      status: record.status,
      deleted: record.deleted,
      revision: record.revision,
      publishedRevision: record.publishedRevision,
      unpublishedChanges: hasUnpublishedChanges(record),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      updatedBy: record.updatedBy,
      draft: record.draft,
      published: record.published,
      checks: check,
    };
  }

  /** Content rules over the drafts of the articles that are not deleted (deleted ones checked alone). */
  private checksOf(records: readonly ArticleRecord[]): Map<string, ArticleCheck> {
    const live = records.filter((record) => !record.deleted).map((record) => record.draft);
    const checks = checkArticleSet(live).byArticle;
    for (const record of records.filter((item) => item.deleted)) {
      checks.set(articleKey(record), NO_CHECKS);
    }
    return checks;
  }

  private withUpdatedDate(before: KnowledgeArticle, after: KnowledgeArticle): KnowledgeArticle {
    const contentChanged = changedFields(before, after).some(
      (field) => field !== 'updated' && field !== 'lastReviewed',
    );
    if (!contentChanged || after.updated !== before.updated) return after;
    const today = isoDay(this.clock.now());
    return { ...after, updated: today > before.updated ? today : before.updated };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function hasUnpublishedChanges(record: ArticleRecord): boolean {
  return record.published !== null && !sameArticle(record.draft, record.published);
}

function fold(text: string): string {
  return foldAccents(text.normalize('NFKC').toLowerCase()).trim();
}

function matchesWords(article: KnowledgeArticle, words: readonly string[]): boolean {
  const haystack = fold(
    [
      article.id,
      article.title,
      article.answer,
      ...article.questions,
      ...article.tags,
      ...article.synonyms,
    ].join('\n'),
  );
  return words.every((word) => haystack.includes(word));
}

function mismatch(field: string, expected: string): FieldProblem {
  return {
    field,
    message: `must be "${expected}", as in the address`,
    messageKey: 'field.mismatch',
    values: { expected },
  };
}
