// How the service is bundled (scripts/build.mjs): one ES module with its dependencies in it.
//
// Why: loading the dependencies from node_modules was most of start-up (Node resolving, reading
// and compiling thousands of files of botbuilder and its Azure dependencies); one file is read
// once and compiled lazily. Left in node_modules: native addons, packages loaded only when a
// setting asks for them (MongoDB), pino (its transports run files of their own on worker threads),
// and LAZY_PACKAGES, required only when first used.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Packages the service loads from node_modules as they are. */
export const EXTERNAL_PACKAGES = [
  // Native addons.
  'better-sqlite3',
  'better-sqlite3-node22',
  '@node-rs/argon2',
  // Only with MONGODB_URI (imported when needed).
  'mongodb',
  '@socket.io/mongo-adapter',
  // Its transports (pino-pretty) are files loaded by name on a worker thread.
  'pino',
  'pino-pretty',
  // Optional native helpers of ws and restify, absent here: their packages try them and go without.
  'bufferutil',
  'utf-8-validate',
  'dtrace-provider',
];

/**
 * Packages that botbuilder requires when it loads but that only some features use: the text
 * recognizers of its number, date and choice prompts (the assistant uses none) and the Azure
 * identity libraries behind a configured MicrosoftAppId. Each becomes a stand-in that loads the real
 * package from node_modules on first use, so a start that never uses them does not read, compile
 * and run a third of the bundle. `esModule`: the package says it is an ES module (the
 * `__esModule` flag botbuilder's import helper reads when it loads, answered without loading it).
 * `eager`: exports needed when botbuilder loads, taken from a smaller package.
 */
export const LAZY_PACKAGES = {
  '@microsoft/recognizers-text-suite': {
    esModule: true,
    eager: { Culture: '@microsoft/recognizers-text' },
  },
  '@microsoft/recognizers-text-choice': { esModule: true },
  '@microsoft/recognizers-text-date-time': { esModule: true },
  '@microsoft/recognizers-text-number': { esModule: true },
  '@azure/identity': { esModule: true },
  '@azure/msal-node': { esModule: false },
};

/**
 * The stand-ins of LAZY_PACKAGES (see there), for a bundle written to `outdir`: each requires the
 * file the package's importer would have required, by a path relative to `outdir`.
 */
export function lazyPackagesPlugin(outdir) {
  const requirePathFromBundle = (request, fromDir) => {
    const file = createRequire(path.join(fromDir, 'index.js')).resolve(request);
    return `./${path.relative(outdir, file).split(path.sep).join('/')}`;
  };
  return {
    name: 'lazy-packages',
    setup(builder) {
      const names = Object.keys(LAZY_PACKAGES);
      const filter = new RegExp(`^(${names.map((name) => name.replace(/[/.-]/g, '\\$&')).join('|')})$`);
      builder.onResolve({ filter }, (args) =>
        args.namespace === 'lazy-package'
          ? { path: args.path, external: true }
          : { path: args.path, namespace: 'lazy-package', pluginData: { resolveDir: args.resolveDir } },
      );
      builder.onResolve({ filter: /^\.\/.*node_modules/, namespace: 'lazy-package' }, (args) => ({
        path: args.path,
        external: true,
      }));
      builder.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
        const { esModule, eager = {} } = LAZY_PACKAGES[args.path];
        const from = args.pluginData.resolveDir;
        const eagerGetters = Object.entries(eager)
          .map(
            ([name, source]) =>
              `${JSON.stringify(name)}: () => require(${JSON.stringify(requirePathFromBundle(source, from))}).${name}`,
          )
          .join(',\n  ');
        return {
          loader: 'js',
          resolveDir: from,
          contents: `// Stand-in for ${args.path}: loaded from node_modules on first use (scripts/lib/serverBundle.mjs).
let real;
const load = () => (real ??= require(${JSON.stringify(requirePathFromBundle(args.path, from))}));
const eager = {
  ${eagerGetters}
};
module.exports = new Proxy({}, {
  get: (_target, key) =>
    key === '__esModule' && real === undefined && ${esModule}
      ? true
      : real === undefined && Object.hasOwn(eager, key)
        ? eager[key]()
        : load()[key],
  has: (_target, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_target, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`,
        };
      });
    },
  };
}

/**
 * Makes the written bundle ASCII-only: esbuild escapes non-ASCII characters in strings but leaves
 * them in regular expressions (`/[áéíóú]/`), and one such character makes V8 hold the whole 7.5 MB
 * source as a two-byte string (15 MB, and slower to decode at each start). Each becomes its
 * `\uXXXX` escape, which means the same character in a regular expression, a string, a template or
 * a name (in a comment it changes nothing). Columns in the source map shift by a few characters
 * after one, on the few lines that have one.
 */
export function asciiOutputPlugin() {
  return {
    name: 'ascii-output',
    setup(builder) {
      builder.onEnd(async (result) => {
        if (result.errors.length > 0) return;
        const outputs = Object.keys(result.metafile?.outputs ?? {}).filter((file) => /\.c?js$/.test(file));
        for (const file of outputs) {
          const text = await readFile(file, 'utf8');
          const ascii = text.replace(
            /[^\x00-\x7f]/g, // eslint-disable-line no-control-regex
            (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
          );
          if (ascii !== text) await writeFile(file, ascii);
        }
      });
    },
  };
}

/**
 * esbuild's options for the service: bot/main.ts as `outdir`/service.cjs, a CommonJS script, so the
 * launcher (`launcherBuildOptions`) can compile it with V8's code cache (bot/startup/codeCache.ts;
 * ES modules cannot be given cached code on Node 20).
 */
export function serverBuildOptions({ root, outdir, quiet = false }) {
  return {
    entryPoints: { service: path.join(root, 'bot/main.ts') },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL_PACKAGES,
    // tr46 (under node-fetch) requires Node's deprecated built-in punycode; Node does not warn
    // for code in node_modules, but bundled code is not there, so Node 22+ printed DEP0040 at
    // every start. The npm package of the same code is bundled instead.
    alias: { punycode: 'punycode/' },
    plugins: [lazyPackagesPlugin(outdir), asciiOutputPlugin()],
    // Which files were written, for asciiOutputPlugin.
    metafile: true,
    // The sources' `import.meta.url` (paths next to a module, createRequire) is the bundle's URL,
    // as it was when the bundle was an ES module in the same folder.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // Less to read and parse at each start (about a third of the size); names are kept, so stack
    // traces stay readable even without the map.
    minifyWhitespace: true,
    minifySyntax: true,
    // Maps point at the files in bot/, knowledge/ and node_modules instead of copying them.
    sourcemap: true,
    sourcesContent: false,
    // The dependencies' license comments, in dist/bot/service.cjs.LEGAL.txt.
    legalComments: 'linked',
    logLevel: quiet ? 'warning' : 'info',
  };
}

/**
 * esbuild's options for what `npm start` runs: bot/startup/launch.ts as `outdir`/main.js, which
 * loads service.cjs with its code cache.
 */
export function launcherBuildOptions({ root, outdir, quiet = false }) {
  return {
    entryPoints: { main: path.join(root, 'bot/startup/launch.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: quiet ? 'warning' : 'info',
  };
}
