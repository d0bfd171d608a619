import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/locale.js';
import { articleKey, type KnowledgeArticle } from '../../contracts/article.js';
import { FieldProblemsError, type FieldProblem } from '../shared/fieldProblems.js';
import { ConflictError, NotFoundError } from '../storage/errors.js';
import type { Store } from '../storage/ports.js';
import type { ArticleView } from '../../contracts/adminApi.js';
import { describeChanges, sameArticle, withUpdatedDate } from './articleChanges.js';
import { firstArticleRecord, revisionOf, type ArticleAction, type ArticleRecord } from './articleRecords.js';
import { ArticleViews, fold, hasUnpublishedChanges } from './articleViews.js';
import { systemClock, type Clock } from '../shared/clock.js';

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ArticleServiceDeps {
  store: Pick<Store, 'articles' | 'audit'>;
  /** What visitors are answered from; refreshed (and awaited) after every change they can see. */
  published: { refresh(): Promise<unknown> };
  clock?: Clock;
}

/**
 * The editors' use-cases on articles: drafts, revisions, publishing, rollback, soft delete and
 * imports. Every change is one compare-and-set on the stored revision (a stale `expectedRevision`
 * gets `ConflictError` and writes nothing), one revision with a note of what changed, and one
 * audit entry. Visitors see a change only through publish, unpublish or delete, each of which
 * refreshes the published index before it returns, so the next question already sees it.
 */
export class ArticleService {
  private readonly clock: Clock;
  /** The reads (list, one article, history, differences, translations): what editors see. */
  readonly views: ArticleViews;

  constructor(private readonly deps: ArticleServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.views = new ArticleViews(deps.store.articles);
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
    const draft = withUpdatedDate(current.draft, article, this.clock.now());
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
  publishedArticles(): Promise<KnowledgeArticle[]> {
    return this.views.publishedArticles();
  }

  async refreshPublished(): Promise<void> {
    await this.deps.published.refresh();
  }

  // -------------------------------------------------------------------------------------------

  private require(locale: Locale, id: string): Promise<ArticleRecord> {
    return this.views.record(locale, id);
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

  private view(record: ArticleRecord): Promise<ArticleView> {
    return this.views.view(record);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function mismatch(field: string, expected: string): FieldProblem {
  return {
    field,
    message: `must be "${expected}", as in the address`,
    messageKey: 'field.mismatch',
    values: { expected },
  };
}
