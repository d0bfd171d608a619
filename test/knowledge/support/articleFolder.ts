import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import { articleFilePath, serializeArticleFile } from '../../../knowledge/content/articleFiles.js';

export interface ArticleFolder {
  /** The current test's folder, laid out like knowledge/articles (`en/`, `es/`). */
  readonly dir: string;
  /** Writes each article as its file (`<locale>/<id>.md`). A function, so it can be taken off the folder. */
  readonly write: (articles: KnowledgeArticle[]) => Promise<void>;
}

/** A fresh article folder in the temp directory for each test of the file, removed after it. */
export function useArticleFolder(prefix: string): ArticleFolder {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    await mkdir(path.join(dir, 'en'));
    await mkdir(path.join(dir, 'es'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    write: async (articles) => {
      for (const item of articles) await writeFile(articleFilePath(dir, item), serializeArticleFile(item));
    },
  };
}
