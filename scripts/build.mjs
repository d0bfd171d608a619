// Builds what `npm start` runs, with esbuild (a few seconds): the service as one CommonJS script
// with its dependencies bundled in (dist/bot/service.cjs), a small entry point that loads it with
// its code cache (dist/bot/main.js, from bot/startup/launch.ts), and the browser bundles with
// their static pages. Type checking is separate (`npm run typecheck`,
// part of `npm run build` and CI).
// Why the dependencies are bundled, and which are not: scripts/lib/serverBundle.mjs.
import { build, context } from 'esbuild';
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launcherBuildOptions, serverBuildOptions } from './lib/serverBundle.mjs';

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

const serverOutdir = path.join(root, 'dist/bot');
const serverOptions = serverBuildOptions({ root, outdir: serverOutdir, quiet });

const launcherOptions = launcherBuildOptions({ root, outdir: serverOutdir, quiet });

/** What earlier builds wrote there and this one no longer does (the service as an ES module). */
async function removeOldOutputs() {
  for (const name of ['service.js', 'service.js.map', 'service.js.LEGAL.txt']) {
    await rm(path.join(serverOutdir, name), { force: true });
  }
}

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
  const contexts = [await context(serverOptions), await context(launcherOptions), await context(browser)];
  await removeOldOutputs();
  await copyPages();
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all([
    build(serverOptions),
    build(launcherOptions),
    Object.keys(browser.entryPoints).length ? build(browser) : null,
  ]);
  await removeOldOutputs();
  await copyPages();
}
