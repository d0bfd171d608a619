/**
 * What `npm start` runs (built to dist/bot/main.js by scripts/build.mjs): the service's bundle
 * (dist/bot/service.cjs: bot/main.ts and its dependencies) loaded with V8's code cache (see
 * codeCache.ts). When this start compiled from source, the compiled code is kept once the service
 * is ready, when everything a start runs has been compiled, for the next start.
 */
import path from 'node:path';
import type { StartedService } from '../main.js';
import { codeCacheFileFor, loadBundle } from './codeCache.js';

const bundleFile = path.join(import.meta.dirname, 'service.cjs');
const bundle = loadBundle(bundleFile, codeCacheFileFor(bundleFile));
if (!bundle.fromCache) {
  const { started } = bundle.exports as { started: Promise<StartedService | undefined> };
  void started
    .then((service) => service?.ready)
    // After the "ready" line is out, not in the way of it.
    .then(() => setImmediate(() => bundle.saveCache()))
    .catch(() => undefined);
}
