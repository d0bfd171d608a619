// Writes the store's published articles back as files, for review in git:
//
//   npm run knowledge:export [-- --dir knowledge/articles]
//
// Each published article becomes <dir>/<locale>/<id>.md in the repository's own layout, so
// `knowledge:import` followed by `knowledge:export` gives back the same bytes and `git diff` shows
// only what editors changed. Drafts are not exported (they are not content yet); files of
// articles that are no longer published are left in place for a reviewer to remove.
import path from 'node:path';
import { DEFAULT_ARTICLES_DIR } from '../knowledge/content/articleFiles.js';
import { exportArticleFiles } from '../bot/articles/articleFilesSync.js';
import { ArticleService } from '../bot/articles/articleService.js';
import { openStore } from '../bot/storage/openStore.js';
import { CommandLine } from './lib/commandLine.js';

const command = new CommandLine('knowledge:export', 'usage: npm run knowledge:export -- [--dir DIR]');
const values = command.options({ dir: { type: 'string' } });
const dir = values.dir ? path.resolve(values.dir) : DEFAULT_ARTICLES_DIR;
const config = command.settings();

const store = await openStore(config.store);
try {
  const articles = new ArticleService({ store, published: { refresh: async () => undefined } });
  const { written } = await exportArticleFiles(articles, dir);
  process.stdout.write(
    `${written} published articles written to ${path.relative(process.cwd(), dir) || '.'}\n`,
  );
} finally {
  await store.close();
}
