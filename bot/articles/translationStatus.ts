import type { Locale } from '../../contracts/locale.js';
import { articleKey, type KnowledgeArticle } from '../../contracts/article.js';
import { validateArticleSet, type Problem } from '../../knowledge/content/validateArticles.js';
import type { ArticleCheck } from '../../contracts/adminApi.js';

export interface ArticleSetChecks {
  /** By article key (`locale:id`). Articles with nothing to report are present with empty checks. */
  byArticle: Map<string, ArticleCheck>;
  /** Ids that exist in one locale but not the other, with the locale they lack. */
  missing: Array<{ id: string; locale: Locale }>;
}

const MISSING = 'missing translation';
const STALE = 'stale translation';

/**
 * Runs the content rules that `npm run knowledge:validate` applies to the files over the store's
 * drafts, so the console and the command line agree on what is missing, stale or wrong. The
 * rules live in knowledge/content/validateArticles.ts; this only sorts its findings per article.
 */
export function checkArticleSet(articles: readonly KnowledgeArticle[]): ArticleSetChecks {
  const byArticle = new Map<string, ArticleCheck>(
    articles.map((article) => [
      articleKey(article),
      { missingTranslation: false, staleTranslation: null, problems: [] },
    ]),
  );
  const missing: ArticleSetChecks['missing'] = [];
  for (const problem of validateArticleSet({ articles: [...articles], problems: [] })) {
    if (!problem.articleId || !isLocale(problem.locale)) continue;
    if (problem.message.startsWith(MISSING)) {
      missing.push({ id: problem.articleId, locale: problem.locale });
      const twin = byArticle.get(articleKey({ id: problem.articleId, locale: otherLocale(problem.locale) }));
      if (twin) twin.missingTranslation = true;
      continue;
    }
    const check = byArticle.get(articleKey({ id: problem.articleId, locale: problem.locale }));
    if (!check) continue;
    if (problem.message.startsWith(STALE)) check.staleTranslation = problem.message;
    else check.problems.push(describe(problem));
  }
  return { byArticle, missing };
}

function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'es' : 'en';
}

function isLocale(value: string | undefined): value is Locale {
  return value === 'en' || value === 'es';
}

function describe(problem: Problem): string {
  return problem.message.replace(/\s+/g, ' ').trim();
}
