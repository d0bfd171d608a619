import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useArticleFolder } from './support/articleFolder.js';
import { article } from './support/testArticle.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'knowledge-validate.ts');
/**
 * tsx's loader by path, so the script also runs from a working directory outside the repository.
 * `tsx` (its CLI) starts a node process with this loader and waits for it; the test starts that
 * process itself, one node start-up fewer per run.
 */
const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Runs the script the way `npm run knowledge:validate` does (tsx), from `cwd`. */
function run(args: string[], cwd = REPO_ROOT): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', TSX_LOADER, SCRIPT, ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folder = useArticleFolder('articles-cli-');
const { write } = folder;

describe('scripts/knowledge-validate.ts', () => {
  it('when the set is clean, then it prints the summary and exits 0', async () => {
    await write([article('alpha', 'en'), article('alpha', 'es')]);
    const result = run(['--dir', folder.dir, '--no-topics']);
    expect(result).toMatchObject({ code: 0, stdout: '2 articles in 2 locales: OK\n' });
  });

  it('when there are problems, then it prints one relative line per problem and exits 1', async () => {
    await write([article('alpha', 'en', { related: ['ghost'] }), article('beta', 'es')]);
    const result = run(['--dir', '.', '--no-topics'], folder.dir);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n').sort()).toEqual([
      'en/alpha.md: related "ghost" has no en article',
      'en/beta.md: missing translation: "beta" exists in es but not in en',
      'es/alpha.md: missing translation: "alpha" exists in en but not in es',
    ]);
  });

  it('when given a topics file, then topics without articles are problems', async () => {
    await write([article('alpha', 'en'), article('alpha', 'es')]);
    const topics = path.join(folder.dir, 'topics.tsv');
    await writeFile(topics, 'slug\tdescription\nalpha\tA\ngamma\tG\n');
    const result = run([`--dir=${folder.dir}`, '--topics', topics]);
    expect(result).toMatchObject({ code: 1, stdout: 'gamma: is a topic but has no article in any locale\n' });
  });

  it('when an argument is unknown, then it prints the usage and exits 2', () => {
    const result = run(['--verbose']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown argument "--verbose"\nusage: knowledge-validate/);
  });

  it('when run without arguments, then the repository articles validate clean', () => {
    const result = run([]);
    expect(result.stdout).toMatch(/^\d+ articles in 2 locales: OK\n$/);
    expect(result.code).toBe(0);
  });
});
