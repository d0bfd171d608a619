// Builds what `npm start` runs, with esbuild (a few seconds): the service as one ES module with
// its dependencies bundled in (dist/bot/service.js), a small entry point (dist/bot/main.js), and
// the browser bundles with their static pages. Type checking is separate (`npm run typecheck`,
// part of `npm run build` and CI).
// Why the dependencies are bundled, and which are not: scripts/lib/serverBundle.mjs.
import { build, context } from 'esbuild';
import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverBuildOptions } from './lib/serverBundle.mjs';

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

/**
 * dist/bot/main.js: turns on V8's compile cache where Node has one (22.1 and later; Node 20 goes
 * on without), then loads the service, so the service's code is compiled from the cache.
 */
const ENTRY_POINT = `// Built by scripts/build.mjs: what \`npm start\` runs.
import module from 'node:module';

// Node 22.1+: compiled code is kept (in NODE_COMPILE_CACHE, or a folder in the system's temp
// folder) and reused by the next start. Older Node has no such function and compiles each time.
module.enableCompileCache?.();
await import('./service.js');
`;

async function writeEntryPoint() {
  await mkdir(serverOutdir, { recursive: true });
  await writeFile(path.join(serverOutdir, 'main.js'), ENTRY_POINT);
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
  const contexts = [await context(serverOptions), await context(browser)];
  await writeEntryPoint();
  await copyPages();
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all([build(serverOptions), Object.keys(browser.entryPoints).length ? build(browser) : null]);
  await writeEntryPoint();
  await copyPages();
}
