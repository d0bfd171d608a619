import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asciiOutputPlugin,
  LAZY_PACKAGES,
  lazyPackagesPlugin,
  serverBuildOptions,
} from '../../scripts/lib/serverBundle.mjs';
import { REPO_ROOT } from '../support/paths.js';

/**
 * What the service's bundle does with the packages botbuilder requires at load but rarely uses
 * (scripts/lib/serverBundle.mjs): a program bundled the same way, run in its own process, reports
 * which of them Node loaded before and after it used them.
 */
const PROGRAM = `
import { createRequire } from 'node:module';
import { PromptCultureModels, recognizeChoices } from 'botbuilder-dialogs';
import { MsalAppCredentials } from 'botframework-connector';

const cache = createRequire(import.meta.url).cache;
const loaded = () =>
  LAZY.filter((name) => Object.keys(cache).some((file) => file.includes('/node_modules/' + name + '/')));
const beforeUse = loaded();
const spanish = PromptCultureModels.Spanish.locale;
const choice = recognizeChoices('the second one', ['apples', 'pears'])[0]?.resolution.index;
const credentials = new MsalAppCredentials('00000000-0000-0000-0000-000000000001', 'not-a-secret');
console.log(JSON.stringify({
  beforeUse,
  afterUse: loaded(),
  spanish,
  choice,
  credentials: typeof credentials.clientApplication?.acquireTokenByClientCredential,
}));
`;

describe('the service bundle (scripts/lib/serverBundle.mjs)', () => {
  let dir: string;
  const lazy = Object.keys(LAZY_PACKAGES);

  beforeAll(async () => {
    // Inside the repository (.tmp/, ignored), so the bundle's own require finds node_modules as
    // dist/bot's does.
    await mkdir(path.join(REPO_ROOT, '.tmp'), { recursive: true });
    dir = await mkdtemp(path.join(REPO_ROOT, '.tmp/bundle-test-'));
    await writeFile(path.join(dir, 'program.mjs'), `const LAZY = ${JSON.stringify(lazy)};\n${PROGRAM}`);
    const options = serverBuildOptions({ root: REPO_ROOT, outdir: dir, quiet: true });
    await build({
      ...options,
      entryPoints: { program: path.join(dir, 'program.mjs') },
      plugins: [lazyPackagesPlugin(dir)],
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'error',
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when botbuilder loads, then the prompt recognizers and Azure identity libraries are not loaded, nor in the bundle', async () => {
    const bundle = await readFile(path.join(dir, 'program.cjs'), 'utf8');
    // The stand-ins name the packages' files; their code is not there.
    expect(bundle).toContain('recognizers-text-date-time.umd.js');
    expect(bundle).not.toContain('DateTimeExtractorConfiguration');
    expect(bundle).not.toContain('class ConfidentialClientApplication');
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, 'program.cjs')], {
      cwd: REPO_ROOT,
    });
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report.beforeUse).toEqual([]);
    // Used, they are loaded and work as if they had been bundled.
    expect(report.spanish).toBe('es-es');
    expect(report.choice).toBe(1);
    expect(report.credentials).toBe('function');
    expect(report.afterUse).not.toContain('@microsoft/recognizers-text-suite');
    expect(report.afterUse).toEqual(
      // The cultures' names come from the small base package: the suite stays unloaded.
      expect.arrayContaining(['@microsoft/recognizers-text-number', '@azure/msal-node']),
    );
  });
  it('when the code has non-ASCII characters (regular expressions, strings, templates, names), then the bundle is ASCII-only and behaves the same', async () => {
    const source = [
      'const acentos = /[áéíóú]/;',
      "const niño = 'niño';",
      'const tpl = `¿${niño}? 😀`;',
      "console.log(JSON.stringify({ accent: acentos.test('canción'), plain: acentos.test('cancion'),",
      '  word: niño, tpl, emoji: /😀/u.test(tpl), length: tpl.length }));',
    ].join('\n');
    await writeFile(path.join(dir, 'ascii.mjs'), source);
    await build({
      ...serverBuildOptions({ root: REPO_ROOT, outdir: dir, quiet: true }),
      entryPoints: { ascii: path.join(dir, 'ascii.mjs') },
      plugins: [asciiOutputPlugin()],
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'error',
    });
    const bundle = await readFile(path.join(dir, 'ascii.cjs'));
    expect(bundle.every((byte) => byte < 0x80)).toBe(true);
    const run = async (file: string) =>
      JSON.parse((await promisify(execFile)(process.execPath, [file], { cwd: REPO_ROOT })).stdout) as unknown;
    const expected = { accent: true, plain: false, word: 'niño', tpl: '¿niño? 😀', emoji: true, length: 9 };
    expect(await run(path.join(dir, 'ascii.mjs'))).toEqual(expected);
    expect(await run(path.join(dir, 'ascii.cjs'))).toEqual(expected);
  });
});
