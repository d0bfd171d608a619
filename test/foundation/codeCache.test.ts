import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { codeCacheFileFor, loadBundle } from '../../bot/startup/codeCache.js';
import { REPO_ROOT } from '../support/paths.js';
import { BUILT_SERVICE, builtServiceEnv } from '../support/builtService.js';
import { seedKeptAnswerIndex } from '../support/keptAnswerIndex.js';

/**
 * The launcher's code cache (bot/startup/codeCache.ts), on real files: a CommonJS bundle run with
 * the code V8 compiled in an earlier run, and every kind of unusable cache file ignored (compiled
 * from source, same result) and written again.
 */
const BUNDLE = `
const { sep } = require('node:path');
function answer(question) { return 'answer to ' + question; }
module.exports = {
  answer: answer('the question'),
  file: __filename,
  dir: __dirname,
  sep,
  dynamicImport: () => import('node:os').then((os) => typeof os.tmpdir),
};
`;

describe('the service bundle loaded with its code cache', () => {
  let dir: string;
  let bundleFile: string;
  let cacheFile: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'va-code-cache-'));
    bundleFile = path.join(dir, 'service.cjs');
    cacheFile = path.join(dir, 'cache', 'service.bin');
    await writeFile(bundleFile, BUNDLE);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const expectRanLikeRequire = (exports: unknown) => {
    const loaded = exports as Record<string, unknown>;
    expect(loaded.answer).toBe('answer to the question');
    expect(loaded.file).toBe(bundleFile);
    expect(loaded.dir).toBe(dir);
    expect(loaded.sep).toBe(path.sep);
  };

  it('when no cache file exists, then the bundle runs as require would run it, and the saved cache is used by the next load', async () => {
    const first = loadBundle(bundleFile, cacheFile);
    expect(first.fromCache).toBe(false);
    expectRanLikeRequire(first.exports);
    await expect((first.exports as { dynamicImport(): Promise<string> }).dynamicImport()).resolves.toBe(
      'function',
    );
    first.saveCache();
    expect((await stat(cacheFile)).size).toBeGreaterThan(56);

    const second = loadBundle(bundleFile, cacheFile);
    expect(second.fromCache).toBe(true);
    expectRanLikeRequire(second.exports);
    // Written aside and renamed: nothing partial is left next to it.
    expect(await readdir(path.dirname(cacheFile))).toEqual(['service.bin']);
  });

  it('when the cache file is damaged, cut short, empty or not a cache, then it is ignored, the bundle is compiled from source and the file is written again', async () => {
    loadBundle(bundleFile, cacheFile).saveCache();
    const good = await readFile(cacheFile);
    const flipped = Buffer.from(good);
    const last = flipped.length - 1;
    flipped[last] = (flipped[last] as number) ^ 0xff;
    const damaged: Array<[string, Buffer]> = [
      ['a flipped byte in the compiled code', flipped],
      ['cut short', good.subarray(0, Math.floor(good.length / 2))],
      ['only the header', good.subarray(0, 56)],
      ['empty', Buffer.alloc(0)],
      ['another file', Buffer.from('not a code cache at all')],
    ];
    for (const [what, bytes] of damaged) {
      await writeFile(cacheFile, bytes);
      const loaded = loadBundle(bundleFile, cacheFile);
      expect(loaded.fromCache, what).toBe(false);
      expectRanLikeRequire(loaded.exports);
      loaded.saveCache();
      expect(loadBundle(bundleFile, cacheFile).fromCache, `${what}: written again`).toBe(true);
    }
  });

  it('when the bundle changed since the cache was written, then the cache is not used', async () => {
    loadBundle(bundleFile, cacheFile).saveCache();
    // Same length, other code: V8's own check (the source's length) would not tell them apart.
    await writeFile(bundleFile, BUNDLE.replace("'answer to '", "'ANSWER TO '"));
    const loaded = loadBundle(bundleFile, cacheFile);
    expect(loaded.fromCache).toBe(false);
    expect((loaded.exports as { answer: string }).answer).toBe('ANSWER TO the question');
  });

  it('when the cache folder cannot be written, then the bundle still runs and saving only gives up', async () => {
    const blocked = path.join(dir, 'a-file');
    await writeFile(blocked, 'in the way of the cache folder');
    const loaded = loadBundle(bundleFile, path.join(blocked, 'service.bin'));
    expectRanLikeRequire(loaded.exports);
    expect(() => loaded.saveCache()).not.toThrow();
    expect(await readdir(dir)).toEqual(expect.not.arrayContaining([expect.stringContaining('.partial')]));
  });

  it('the cache file is per bundle path, in NODE_COMPILE_CACHE or the temp folder, and none when NODE_DISABLE_COMPILE_CACHE is set', () => {
    const inTemp = codeCacheFileFor(bundleFile, {});
    expect(path.dirname(inTemp as string)).toBe(path.join(os.tmpdir(), 'node-compile-cache'));
    expect(codeCacheFileFor(path.join(dir, 'other', 'service.cjs'), {})).not.toBe(inTemp);
    expect(path.dirname(codeCacheFileFor(bundleFile, { NODE_COMPILE_CACHE: dir }) as string)).toBe(dir);
    expect(codeCacheFileFor(bundleFile, { NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
  });
});

describe('the built service (node dist/bot/main.js) and its code cache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'va-service-code-cache-'));
    // The run's answer index of these articles: the first start is ready without training.
    await seedKeptAnswerIndex(inject('keptAnswerIndexDir'), path.join(dir, 'data'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Starts the built service until it is ready, then stops it; resolves to what it printed. */
  const startUntilReady = (cacheDir: string) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [BUILT_SERVICE], {
        cwd: REPO_ROOT,
        env: builtServiceEnv(path.join(dir, 'data'), { LOG_LEVEL: 'info', NODE_COMPILE_CACHE: cacheDir }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      createInterface({ input: child.stdout }).on('line', (line) => {
        output += `${line}\n`;
        if (line.includes('ready: the answer engine answers')) child.kill('SIGTERM');
      });
      child.once('exit', (code) =>
        output.includes('ready: the answer engine answers') && code === 0
          ? resolve(output)
          : reject(new Error(`exited with ${code}:\n${output}`)),
      );
    });

  it('when it first becomes ready, then it keeps its compiled code, and the next start uses it (the file is not written again)', async () => {
    const cacheDir = path.join(dir, 'cache');
    const cacheFile = codeCacheFileFor(path.join(REPO_ROOT, 'dist/bot/service.cjs'), {
      NODE_COMPILE_CACHE: cacheDir,
    }) as string;
    await startUntilReady(cacheDir);
    const written = await stat(cacheFile);
    // The code of a whole start, not only the bundle's top level.
    expect(written.size).toBeGreaterThan(1024 * 1024);
    const output = await startUntilReady(cacheDir);
    expect(output).toContain('virtual assistant listening');
    expect((await stat(cacheFile)).mtimeMs).toBe(written.mtimeMs);
    // Node 22+ also keeps its own module compile cache under NODE_COMPILE_CACHE (a `v<version>-…`
    // folder); besides it, the service's one file and no side file left behind.
    const ours = (await readdir(cacheDir)).filter((name) => !name.startsWith(`v${process.versions.node}-`));
    expect(ours).toEqual([path.basename(cacheFile)]);
  });
});
