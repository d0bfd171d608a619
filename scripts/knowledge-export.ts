// Writes the store's published articles back as files, for review in git:
//
//   npm run knowledge:export [-- --dir knowledge/articles]
//
// Each published article becomes <dir>/<locale>/<id>.md in the repository's own layout, so
// `knowledge:import` followed by `knowledge:export` gives back the same bytes and `git diff` shows
// only what editors changed. Drafts are not exported (they are not content yet); files of
// articles that are no longer published are left in place for a reviewer to remove.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ARTICLES_DIR } from '../knowledge/content/articleFiles.js';
import { exportArticleFiles } from '../bot/articles/articleFilesSync.js';
import { ArticleService } from '../bot/articles/articleService.js';
import { ConfigError, loadConfig } from '../bot/config/config.js';
import { openStore } from '../bot/storage/openStore.js';

const USAGE = 'usage: npm run knowledge:export -- [--dir DIR]';

function fail(message: string, code = 1): never {
  process.stderr.write(`knowledge:export: ${message}\n`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({ options: { dir: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const dir = values.dir ? path.resolve(values.dir) : DEFAULT_ARTICLES_DIR;

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2);
  throw error;
}

const store = await openStore(
  config.store.kind === 'mongodb'
    ? { kind: 'mongodb', uri: config.store.uri, dbName: config.store.dbName }
    : { kind: 'embedded', dataDir: config.store.dataDir },
);
try {
  const articles = new ArticleService({ store, published: { refresh: async () => undefined } });
  const { written } = await exportArticleFiles(articles, dir);
  process.stdout.write(
    `${written} published articles written to ${path.relative(process.cwd(), dir) || '.'}\n`,
  );
} finally {
  await store.close();
}
