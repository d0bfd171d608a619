import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Loads the service's CommonJS bundle (dist/bot/service.cjs) with V8's code cache: the code V8
 * compiled during one start is kept in a file and the next start reads it instead of parsing and
 * compiling the 7.5 MB bundle again (most of the time before the service listens). Node 22.1+
 * keeps compiled code for the modules it loads itself (`module.enableCompileCache`); Node 20 has
 * no such thing, so the bundle is compiled here, with `vm`, and its cache handled the same way on
 * every version.
 *
 * The cache file is only a speed-up: one that is missing, damaged, cut short, written for another
 * bundle or refused by V8 (another Node or V8 version, other flags) is ignored (V8 compiles as
 * usual) and written again once the service is ready; a file that cannot be written is skipped.
 *
 * Layout: MAGIC, the SHA-1 of the bundle's source (which bundle the code is for), the SHA-1 of the
 * payload (V8 does not check its payload's integrity in release builds, so a damaged file is told
 * apart here, never handed to V8), then V8's cached data. SHA-1 as a checksum, not for security:
 * the fastest of Node's hashes here (~8 ms for the bundle).
 */
const MAGIC = Buffer.from('VA-CODE-CACHE 1\n', 'latin1');
const HASH_BYTES = 20;
const HEADER_BYTES = MAGIC.length + 2 * HASH_BYTES;

const sha1 = (bytes: Uint8Array): Buffer => createHash('sha1').update(bytes).digest();

export interface LoadedBundle {
  /** What the bundle put in `module.exports`. */
  exports: unknown;
  /** Whether V8 took its compiled code from the cache file (false: compiled from source). */
  fromCache: boolean;
  /**
   * Writes the code compiled so far to the cache file (written aside, then renamed: a crash
   * leaves the old file or none, never half of one). Call it once the program has run what a
   * start runs, so the functions it compiled lazily are in the cache too. Synchronous (a few
   * hundred milliseconds, once per new bundle), so a stop right after cannot cut it short and
   * leave a partial file behind. Never throws.
   */
  saveCache(): void;
}

/**
 * Where the code cache of `bundleFile` is kept: NODE_COMPILE_CACHE (the folder Node 22's own
 * compile cache uses) or a folder in the system's temp folder, one file per bundle path (several
 * checkouts on one machine do not overwrite each other's). Undefined when
 * NODE_DISABLE_COMPILE_CACHE is set, as Node's own cache is turned off.
 */
export function codeCacheFileFor(
  bundleFile: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const dir = env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), 'node-compile-cache');
  const name = sha1(Buffer.from(path.resolve(bundleFile)))
    .toString('hex')
    .slice(0, 16);
  return path.join(dir, `va-service-${name}.bin`);
}

/** The V8 data in `file` when it is a whole cache file for the source of hash `sourceHash`. */
function readCachedData(file: string, sourceHash: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const storedSource = bytes.subarray(MAGIC.length, MAGIC.length + HASH_BYTES);
  const storedPayload = bytes.subarray(MAGIC.length + HASH_BYTES, HEADER_BYTES);
  const payload = bytes.subarray(HEADER_BYTES);
  if (!storedSource.equals(sourceHash) || !sha1(payload).equals(storedPayload)) return undefined;
  return payload;
}

/**
 * Runs the CommonJS file `bundleFile` as Node's `require` would (its own `require`, `module`,
 * `__filename`, `__dirname`; `import()` through Node's loader), compiled with the code kept in
 * `cacheFile` when it is usable (see above); without `cacheFile`, compiled from source.
 */
export function loadBundle(bundleFile: string, cacheFile: string | undefined): LoadedBundle {
  const filename = path.resolve(bundleFile);
  const sourceBytes = readFileSync(filename);
  const sourceHash = sha1(sourceBytes);
  const cachedData = cacheFile === undefined ? undefined : readCachedData(cacheFile, sourceHash);
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${sourceBytes.toString('utf8')}\n})`;
  const script = new vm.Script(wrapped, {
    filename,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  run.call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
  return {
    get exports() {
      return module.exports;
    },
    fromCache,
    saveCache: () => {
      if (cacheFile === undefined) return;
      const partial = `${cacheFile}.${randomUUID()}.partial`;
      try {
        const payload = script.createCachedData();
        mkdirSync(path.dirname(cacheFile), { recursive: true });
        writeFileSync(partial, Buffer.concat([MAGIC, sourceHash, sha1(payload), payload]));
        renameSync(partial, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next start its compile time.
        try {
          rmSync(partial, { force: true });
        } catch {
          // Nothing was written there either.
        }
      }
    },
  };
}
