/**
 * Checks the knowledge articles: `tsx scripts/knowledge-validate.ts [--dir DIR] [--topics FILE | --no-topics]`.
 * Prints one line per problem and exits 1, or prints a one-line summary and exits 0.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ARTICLES_DIR, loadArticleFiles } from '../knowledge/content/articleFiles.js';
import { TOPICS_NOT_WRITTEN } from '../knowledge/content/topics.js';
import { formatProblem, parseTopics, validateArticleSet } from '../knowledge/content/validateArticles.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The shared topic list lives beside the checkout in development; the product must not need it. */
const SHARED_TOPICS_FILE = path.resolve(REPO_ROOT, '../shared/eval/topics.tsv');

const USAGE = 'usage: knowledge-validate [--dir DIR] [--topics FILE | --no-topics]';

interface Args {
  dir: string;
  /** undefined: use the shared list if it exists; null: check no topics. */
  topicsFile: string | null | undefined;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: DEFAULT_ARTICLES_DIR, topicsFile: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (!next) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--dir') args.dir = path.resolve(value());
    else if (flag === '--topics') args.topicsFile = path.resolve(value());
    else if (flag === '--no-topics') args.topicsFile = null;
    else throw new UsageError(`unknown argument "${argv[i]}"`);
  }
  return args;
}

class UsageError extends Error {}

async function readTopics(topicsFile: string | null | undefined): Promise<string[] | undefined> {
  if (topicsFile === null) return undefined;
  if (topicsFile === undefined) {
    return existsSync(SHARED_TOPICS_FILE)
      ? parseTopics(await readFile(SHARED_TOPICS_FILE, 'utf8'))
      : undefined;
  }
  return parseTopics(await readFile(topicsFile, 'utf8'));
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const loaded = await loadArticleFiles(args.dir);
  const topics = await readTopics(args.topicsFile);
  const problems = validateArticleSet(loaded, topics ? { topics, notWritten: TOPICS_NOT_WRITTEN } : {});
  if (problems.length > 0) {
    for (const problem of problems) {
      console.log(formatProblem(problem, { articlesDir: args.dir, cwd: process.cwd() }));
    }
    return 1;
  }
  const locales = new Set(loaded.articles.map((article) => article.locale));
  console.log(`${loaded.articles.length} articles in ${locales.size} locales: OK`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // A file that cannot be read (a missing --topics file...): one line, no stack trace.
  console.error(`knowledge-validate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
