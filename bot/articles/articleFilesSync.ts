import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  articleFilePath,
  loadArticleFiles,
  serializeArticleFile,
  type ArticleFileProblem,
} from '../../knowledge/content/articleFiles.js';
import { LOCALES } from '../../contracts/locale.js';
import type { ArticleService, ImportOutcome } from './articleService.js';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Files that could not be read as articles; they are skipped, the rest is imported. */
  problems: ArticleFileProblem[];
}

/**
 * Loads the article files below `dir` into the store through the same use-case as the editors'
 * API (revisions, audit), published. Running it twice changes nothing the second time.
 */
export async function importArticleFiles(
  articles: ArticleService,
  dir: string,
  actor: string,
): Promise<ImportReport> {
  const loaded = await loadArticleFiles(dir);
  const counts: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
  for (const article of loaded.articles) {
    counts[await articles.importArticle(actor, article)] += 1;
  }
  if (counts.created + counts.updated > 0) await articles.refreshPublished();
  return { ...counts, problems: loaded.problems };
}

/**
 * Writes every published article to `dir/<locale>/<id>.md`, in the repository's layout, so the
 * published content can be reviewed and kept in git. Files of articles no longer published are
 * left alone: deleting content from the repository is a reviewer's decision.
 */
export async function exportArticleFiles(
  articles: ArticleService,
  dir: string,
): Promise<{ written: number }> {
  const published = await articles.publishedArticles();
  for (const locale of LOCALES) await mkdir(path.join(dir, locale), { recursive: true });
  for (const article of published) {
    await writeFile(articleFilePath(dir, article), serializeArticleFile(article), 'utf8');
  }
  return { written: published.length };
}
