import path from 'node:path';
import { LOCALES } from '../../contracts/locale.js';
import { articleKey, type KnowledgeArticle } from '../../contracts/article.js';
import type { ArticleFileProblem, LoadedArticles } from './articleFiles.js';

/**
 * One thing wrong with the article set. `file` when the problem is in a file that could not be
 * loaded; `articleId` and `locale` when it is in a loaded article (or a pair of translations).
 */
export interface Problem {
  file?: string;
  articleId?: string;
  locale?: string;
  message: string;
}

export interface ValidateOptions {
  /** Article ids that must exist (in at least one locale; the translation check covers the rest). */
  topics?: readonly string[];
  /** Topics whose articles are not written yet: may be missing, must not exist (see topics.ts). */
  notWritten?: readonly string[];
}

/**
 * Checks a whole article set, after loading: the loader's own problems, then everything that
 * needs more than one file to see (duplicates, translations, related ids, topics) and the content
 * rules the schema cannot express (empty text, repeated questions). Pure: no file access.
 */
export function validateArticleSet(loaded: LoadedArticles, options: ValidateOptions = {}): Problem[] {
  const { articles } = loaded;
  return [
    ...loaded.problems.map(fromLoadProblem),
    ...caseDuplicateFiles(loaded),
    ...duplicateIds(articles),
    ...articles.flatMap(contentProblems),
    ...translationProblems(articles),
    ...relatedProblems(articles),
    ...(options.topics ? topicProblems(articles, options.topics, options.notWritten ?? []) : []),
  ];
}

/** The problem as one line, `location: message`, whatever newlines the message carried. */
export function formatProblem(
  problem: Problem,
  options: { articlesDir?: string; cwd?: string } = {},
): string {
  const location = problemLocation(problem, options.articlesDir);
  const shown = options.cwd && path.isAbsolute(location) ? path.relative(options.cwd, location) : location;
  return `${shown || '.'}: ${problem.message.replace(/\s+/g, ' ').trim()}`;
}

/**
 * Reads the topic list (a TSV whose first column is the article id). A first line whose first
 * cell is "slug" or "id" is a header; blank lines and `#` comments are skipped.
 */
export function parseTopics(tsv: string): string[] {
  const ids = tsv
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => (line.split('\t')[0] ?? '').trim());
  if (ids[0] === 'slug' || ids[0] === 'id') ids.shift();
  return ids.filter((id) => id !== '');
}

/** A file's load problem as one line, like `formatProblem`'s: `file: field: message`. */
export function formatFileProblem(
  problem: ArticleFileProblem,
  options: { articlesDir?: string; cwd?: string } = {},
): string {
  return formatProblem(fromLoadProblem(problem), options);
}

function problemLocation(problem: Problem, articlesDir: string | undefined): string {
  if (problem.file) return problem.file;
  if (problem.locale && problem.articleId) {
    const relative = path.join(problem.locale, `${problem.articleId}.md`);
    return articlesDir ? path.join(articlesDir, relative) : relative;
  }
  return problem.locale ?? problem.articleId ?? 'articles';
}

function fromLoadProblem(problem: ArticleFileProblem): Problem {
  const message = problem.field ? `${problem.field}: ${problem.message}` : problem.message;
  const locale = localeOfFile(problem.file);
  return { file: problem.file, ...(locale ? { locale } : {}), message };
}

/** The locale folder a file sits in, if it sits in one. */
function localeOfFile(file: string): string | undefined {
  const folder = path.basename(path.dirname(file));
  return (LOCALES as readonly string[]).includes(folder) ? folder : undefined;
}

/**
 * Two files whose names differ only by letter case would be one file on macOS and Windows, and
 * the loader can only reject the one whose name disagrees with its id; say what it duplicates.
 */
function caseDuplicateFiles(loaded: LoadedArticles): Problem[] {
  const namesByKey = new Map<string, Set<string>>();
  const add = (locale: string, name: string): void => {
    const key = `${locale}/${name.toLowerCase()}`;
    namesByKey.set(key, (namesByKey.get(key) ?? new Set()).add(name));
  };
  for (const article of loaded.articles) add(article.locale, `${article.id}.md`);
  for (const problem of loaded.problems) {
    const locale = localeOfFile(problem.file);
    if (locale) add(locale, path.basename(problem.file));
  }
  const problems: Problem[] = [];
  for (const [key, names] of namesByKey) {
    if (names.size < 2) continue;
    const locale = key.slice(0, key.indexOf('/'));
    const sorted = [...names].sort();
    problems.push({
      locale,
      articleId: path.basename(key, '.md'),
      message: `duplicate files whose names differ only by letter case: ${sorted.join(', ')}`,
    });
  }
  return problems;
}

function duplicateIds(articles: KnowledgeArticle[]): Problem[] {
  return [...groupBy(articles, articleKey).values()]
    .filter((same) => same.length > 1)
    .map((same) => {
      const { locale, id } = same[0] as KnowledgeArticle;
      return {
        locale,
        articleId: id,
        message: `duplicate id: ${same.length} articles in ${locale} use "${id}"`,
      };
    });
}

/** Rules about one article's own content that the schema cannot express. */
function contentProblems(article: KnowledgeArticle): Problem[] {
  const at = { articleId: article.id, locale: article.locale };
  const problems: Problem[] = [];
  if (!hasText(article.answer))
    problems.push({ ...at, message: 'answer is empty (no words, only spaces or Markdown)' });
  if (!hasText(article.body))
    problems.push({ ...at, message: 'body is empty (no words, only spaces or Markdown)' });
  for (const [question, count] of countBy(article.questions, normalizeQuestion)) {
    if (count > 1) problems.push({ ...at, message: `question "${question}" appears ${count} times` });
  }
  for (const link of article.links) {
    if (!isHttps(link.url))
      problems.push({ ...at, message: `link "${link.url}" is not an https:// address` });
  }
  if (article.related.includes(article.id))
    problems.push({ ...at, message: 'related lists the article itself' });
  return problems;
}

/** True when the text has at least one letter or digit: `## **` or `- -` is not an answer. */
function hasText(markdown: string): boolean {
  return /[\p{L}\p{N}]/u.test(markdown);
}

/**
 * Two questions that differ only in case, spacing or surrounding punctuation teach the matcher
 * nothing new. Accents stay significant: "como" and "cómo" are both ways visitors type.
 */
function normalizeQuestion(question: string): string {
  return question
    .normalize('NFC')
    .toLowerCase()
    .replace(/[¿?¡!.,;:"“”'‘’()]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Every id must exist in every locale, and no locale may change after its twin was last reviewed. */
function translationProblems(articles: KnowledgeArticle[]): Problem[] {
  const byId = groupBy(articles, (article) => article.id);
  const problems: Problem[] = [];
  for (const [id, versions] of byId) {
    const present = new Set(versions.map((article) => article.locale));
    for (const locale of LOCALES) {
      if (present.has(locale)) continue;
      problems.push({
        articleId: id,
        locale,
        message: `missing translation: "${id}" exists in ${[...present].sort().join(', ')} but not in ${locale}`,
      });
    }
    problems.push(...staleTranslations(versions));
  }
  return problems;
}

/** A version is stale when another locale's text changed after this one was last checked against it. */
function staleTranslations(versions: KnowledgeArticle[]): Problem[] {
  const problems: Problem[] = [];
  for (const stale of versions) {
    const newer = versions.find(
      (other) => other.locale !== stale.locale && other.updated > stale.lastReviewed,
    );
    if (!newer) continue;
    problems.push({
      articleId: stale.id,
      locale: stale.locale,
      message:
        `stale translation: the ${newer.locale} text was updated on ${newer.updated}, ` +
        `after this ${stale.locale} text was last reviewed on ${stale.lastReviewed}`,
    });
  }
  return problems;
}

/** Related ids are follow-up suggestions in the same language, so they must exist in that locale. */
function relatedProblems(articles: KnowledgeArticle[]): Problem[] {
  const known = new Set(articles.map(articleKey));
  return articles.flatMap((article) =>
    article.related
      .filter((id) => id !== article.id && !known.has(articleKey({ id, locale: article.locale })))
      .map((id) => ({
        articleId: article.id,
        locale: article.locale,
        message: `related "${id}" has no ${article.locale} article`,
      })),
  );
}

/** A topic with an article in some locale is covered here; the translation check names the gap. */
function topicProblems(
  articles: KnowledgeArticle[],
  topics: readonly string[],
  notWritten: readonly string[],
): Problem[] {
  const ids = new Set(articles.map((article) => article.id));
  const pending = new Set(notWritten);
  const missing = [...new Set(topics)]
    .filter((topic) => !ids.has(topic) && !pending.has(topic))
    .map((topic) => ({ articleId: topic, message: 'is a topic but has no article in any locale' }));
  // The not-written list only shrinks: an entry whose article landed must be removed from it.
  const stale = [...pending]
    .filter((topic) => ids.has(topic))
    .map((topic) => ({
      articleId: topic,
      message: 'has an article but is still listed as not written (topics.ts)',
    }));
  return [...missing, ...stale];
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
