// Builds what `npm start` runs, with esbuild (about a second): the service as one ES module with
// its dependencies left in node_modules, and the browser bundles with their static pages.
// Type checking is separate (`npm run typecheck`, part of `npm run build` and CI), so start-up
// stays fast.
import { build, context } from 'esbuild';
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const quiet = process.argv.includes('--quiet');
const outPublic = path.join(root, 'dist/public');

const exists = async (file) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Browser entry points: each becomes dist/public/<name>.js if its source exists. */
const browserEntries = {
  widget: 'web-widget/widget/main.ts',
  agent: 'web-widget/agent/main.ts',
  editor: 'web-widget/editor/main.ts',
};

const serverOptions = {
  entryPoints: { 'bot/main': path.join(root, 'bot/main.ts') },
  outdir: path.join(root, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: quiet ? 'warning' : 'info',
};

async function browserOptions() {
  const entryPoints = {};
  for (const [name, source] of Object.entries(browserEntries)) {
    if (await exists(path.join(root, source))) entryPoints[name] = path.join(root, source);
  }
  return {
    entryPoints,
    outdir: outPublic,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: quiet ? 'warning' : 'info',
  };
}

/** Static pages and assets are copied as they are. */
async function copyPages() {
  const pagesDir = path.join(root, 'web-widget/pages');
  await mkdir(outPublic, { recursive: true });
  if (!(await exists(pagesDir))) return;
  for (const name of await readdir(pagesDir)) {
    await cp(path.join(pagesDir, name), path.join(outPublic, name), { recursive: true });
  }
}

const browser = await browserOptions();
if (watch) {
  const contexts = [await context(serverOptions), await context(browser)];
  await copyPages();
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all([build(serverOptions), Object.keys(browser.entryPoints).length ? build(browser) : null]);
  await copyPages();
}
