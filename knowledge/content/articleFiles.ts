import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, parse as parseYaml, Scalar, YAMLSeq } from 'yaml';
import type { z } from 'zod';
import { LOCALES } from '../../contracts/locale.js';
import { knowledgeArticleSchema, type KnowledgeArticle } from '../../contracts/article.js';

/** Where the repository keeps its articles: `knowledge/articles/<locale>/<id>.md`. */
export const DEFAULT_ARTICLES_DIR = fileURLToPath(new URL('../articles/', import.meta.url));

/** A problem found in one file; `field` is a dotted path when the problem is in one field. */
export interface ArticleFileProblem {
  file: string;
  field?: string;
  message: string;
}

export interface LoadedArticles {
  articles: KnowledgeArticle[];
  problems: ArticleFileProblem[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/**
 * Parses one article file: YAML front matter for the fields, Markdown after it for `body`.
 * Returns the article or the list of problems; never throws on bad content.
 */
export function parseArticleFile(
  text: string,
  file: string,
): { article: KnowledgeArticle; problems: [] } | { article?: undefined; problems: ArticleFileProblem[] } {
  // Editors on Windows often save with a byte-order mark; it is not content.
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ''));
  if (!match) return { problems: [{ file, message: 'missing YAML front matter between --- lines' }] };
  let fields: unknown;
  try {
    fields = parseYaml(match[1] ?? '');
  } catch (error) {
    return { problems: [{ file, message: `front matter is not valid YAML: ${(error as Error).message}` }] };
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    return { problems: [{ file, message: 'front matter must be a YAML mapping' }] };
  }
  // `body` is the Markdown after the front matter; a `body:` key would otherwise be silently overwritten.
  if (Object.hasOwn(fields, 'body')) {
    return {
      problems: [{ file, field: 'body', message: 'belongs after the front matter, not in it' }],
    };
  }
  const candidate = { ...(fields as Record<string, unknown>), body: (match[2] ?? '').trim() };
  const parsed = knowledgeArticleSchema.safeParse(candidate);
  if (!parsed.success) return { problems: zodProblems(file, parsed.error) };
  return { article: parsed.data, problems: [] };
}

/**
 * Writes an article file the way the repository's files are written by hand, so that
 * `parseArticleFile` reads it back to the same article and a repository file comes back byte for
 * byte (`knowledge:import` then `knowledge:export` leaves no diff): front-matter fields in the
 * repository's order, the answer and the alternate questions in double quotes (they hold colons,
 * question marks and accents), everything else plain, and the Markdown body after the front matter.
 */
export function serializeArticleFile(article: KnowledgeArticle): string {
  const { body, ...fields } = article;
  const document = new Document({
    id: fields.id,
    locale: fields.locale,
    title: fields.title,
    answer: fields.answer,
    questions: fields.questions,
    tags: fields.tags,
    synonyms: fields.synonyms,
    links: fields.links,
    related: fields.related,
    updated: fields.updated,
    lastReviewed: fields.lastReviewed,
  });
  doubleQuote(document.get('answer', true));
  const questions = document.get('questions', true);
  if (questions instanceof YAMLSeq) questions.items.forEach(doubleQuote);
  return `---\n${document.toString({ lineWidth: 0 })}---\n\n${body.trim()}\n`;
}

function doubleQuote(node: unknown): void {
  if (node instanceof Scalar) node.type = Scalar.QUOTE_DOUBLE;
}

/** The path of an article's file below `dir`. */
export function articleFilePath(dir: string, article: Pick<KnowledgeArticle, 'id' | 'locale'>): string {
  return path.join(dir, article.locale, `${article.id}.md`);
}

/**
 * Reads every `<locale>/<id>.md` below `dir`. Files that fail to parse are reported in `problems`
 * and left out of `articles`; a file whose name or folder disagrees with its id or locale too.
 */
export async function loadArticleFiles(dir: string = DEFAULT_ARTICLES_DIR): Promise<LoadedArticles> {
  const articles: KnowledgeArticle[] = [];
  const problems: ArticleFileProblem[] = [];
  for (const locale of LOCALES) {
    const localeDir = path.join(dir, locale);
    let names: string[];
    try {
      // Case-insensitive so that `Foo.MD` is reported below (name mismatch) instead of silently skipped.
      names = (await readdir(localeDir)).filter((name) => name.toLowerCase().endsWith('.md')).sort();
    } catch {
      problems.push({ file: localeDir, message: `missing folder for locale "${locale}"` });
      continue;
    }
    for (const name of names) {
      const file = path.join(localeDir, name);
      const result = parseArticleFile(await readFile(file, 'utf8'), file);
      if (!result.article) {
        problems.push(...result.problems);
        continue;
      }
      const { article } = result;
      if (article.locale !== locale) {
        problems.push({
          file,
          field: 'locale',
          message: `is "${article.locale}" but the file is in ${locale}/`,
        });
        continue;
      }
      if (`${article.id}.md` !== name) {
        problems.push({ file, field: 'id', message: `is "${article.id}" but the file is named ${name}` });
        continue;
      }
      articles.push(article);
    }
  }
  return { articles, problems };
}

function zodProblems(file: string, error: z.ZodError): ArticleFileProblem[] {
  return error.issues.map((issue) => ({
    file,
    ...(issue.path.length > 0 ? { field: issue.path.join('.') } : {}),
    message: issue.message,
  }));
}
