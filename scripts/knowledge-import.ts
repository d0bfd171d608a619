// Loads the article files into the configured store (DATA_DIR, or MONGODB_URI), published:
//
//   npm run knowledge:import [-- --dir knowledge/articles] [--actor name]
//
// An article whose content differs from the store's gets a new revision; one that is the same is
// left alone, so running it twice changes nothing. It goes through the editors' article service,
// so every change has its revision and audit entry. Files that cannot be read stop the import
// before anything is written. With the embedded store, run it while the server is stopped (NeDB
// files belong to one process); with MongoDB a running server sees the change at its next publish
// or restart.
import path from 'node:path';
import { loadArticleFiles, DEFAULT_ARTICLES_DIR } from '../knowledge/content/articleFiles.js';
import { formatFileProblem } from '../knowledge/content/validateArticles.js';
import { importArticleFiles } from '../bot/articles/articleFilesSync.js';
import { ArticleService } from '../bot/articles/articleService.js';
import { openStore } from '../bot/storage/openStore.js';
import { CommandLine } from './lib/commandLine.js';

const command = new CommandLine(
  'knowledge:import',
  'usage: npm run knowledge:import -- [--dir DIR] [--actor NAME]',
);
const values = command.options({ dir: { type: 'string' }, actor: { type: 'string' } });
const dir = values.dir ? path.resolve(values.dir) : DEFAULT_ARTICLES_DIR;
const actor = values.actor?.trim().toLowerCase() || 'system';
const config = command.settings();

// Checked before the store is opened: a broken file must not leave the store half imported.
const { problems } = await loadArticleFiles(dir);
if (problems.length > 0) {
  for (const problem of problems)
    process.stderr.write(`${formatFileProblem(problem, { cwd: process.cwd() })}\n`);
  command.fail(`${problems.length} problem(s) in the files; nothing imported`);
}

const store = await openStore(config.store);
try {
  // No answer index lives in this process; a running server rebuilds its own on the next publish.
  const articles = new ArticleService({ store, published: { refresh: async () => undefined } });
  const report = await importArticleFiles(articles, dir, actor);
  const total = report.created + report.updated + report.unchanged;
  process.stdout.write(
    `${total} articles from ${path.relative(process.cwd(), dir) || '.'}: ` +
      `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged\n`,
  );
} finally {
  await store.close();
}
