import type { Locale } from '../../contracts/locale.js';
import { articleKey, type KnowledgeArticle } from '../../contracts/article.js';
import type {
  ArticleCheck,
  ArticleDiffResponse,
  ArticleSummary,
  ArticleView,
  RevisionSummary,
  TranslationReport,
} from '../../contracts/adminApi.js';
import { foldAccents } from '../../knowledge/engine/index.js';
import { NotFoundError } from '../storage/errors.js';
import type { ArticleStore } from '../storage/ports.js';
import { sameArticle } from './articleChanges.js';
import { diffArticles } from './articleDiff.js';
import type { ArticleRecord, ArticleRevision, ArticleStatus } from './articleRecords.js';
import { checkArticleSet } from './translationStatus.js';

export interface ArticleQuery {
  locale?: Locale;
  status?: ArticleStatus;
  /** Exact tag, letter case and accents ignored. */
  tag?: string;
  /** Words looked for in the draft's title, answer, questions, tags and id. */
  text?: string;
  includeDeleted?: boolean;
}

const NO_CHECKS: ArticleCheck = { missingTranslation: false, staleTranslation: null, problems: [] };

/**
 * What editors see of the stored articles, read only: the list with its filters, one article with
 * both its versions and what the content rules say of it, the translations report, the history
 * and the differences between revisions. ArticleService answers its reads from here, and shows
 * each change it makes through `view`.
 */
export class ArticleViews {
  constructor(private readonly articles: ArticleStore) {}

  async list(query: ArticleQuery = {}): Promise<ArticleSummary[]> {
    const records = await this.articles.list({ includeDeleted: query.includeDeleted ?? false });
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
    return this.view(await this.record(locale, id));
  }

  /** The stored record; `NotFoundError` when there is none. */
  async record(locale: Locale, id: string): Promise<ArticleRecord> {
    const record = await this.articles.get(locale, id);
    if (!record) throw new NotFoundError('No such article', { locale, id });
    return record;
  }

  /** Missing and stale translations over every article that is not deleted. */
  async translations(): Promise<TranslationReport> {
    const records = await this.articles.list();
    const checks = checkArticleSet(records.map((record) => record.draft));
    const stale = records.flatMap((record) => {
      const message = checks.byArticle.get(articleKey(record))?.staleTranslation;
      return message ? [{ id: record.id, locale: record.locale, message }] : [];
    });
    return { missing: checks.missing, stale };
  }

  async history(locale: Locale, id: string): Promise<RevisionSummary[]> {
    await this.record(locale, id);
    const revisions = await this.articles.revisions(locale, id);
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
    const found = await this.articles.revision(locale, id, revision);
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

  /** Every published article that is not deleted, sorted by locale then id (for the file export). */
  async publishedArticles(): Promise<KnowledgeArticle[]> {
    const records = await this.articles.list({ status: 'published' });
    return records.flatMap((record) => (record.published ? [record.published] : []));
  }

  /** A deleted article is not checked (as in the list); any other against every live article. */
  async view(record: ArticleRecord): Promise<ArticleView> {
    const check = record.deleted
      ? NO_CHECKS
      : (this.checksOf(await this.articles.list()).get(articleKey(record)) ?? NO_CHECKS);
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
}

export function hasUnpublishedChanges(record: ArticleRecord): boolean {
  return record.published !== null && !sameArticle(record.draft, record.published);
}

/** Letter case, accents and Unicode forms ignored: how questions, tags and searches compare. */
export function fold(text: string): string {
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
