import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The product as `npm start` runs it (built by the global setup). */
export const BUILT_SERVICE = path.join(REPO_ROOT, 'dist/bot/main.js');

/** The environment a test starts the built service with: its own data folder, a free port, local only. */
export function builtServiceEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...extra };
}
