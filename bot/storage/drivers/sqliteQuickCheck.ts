import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { LIBRARY_NAME } from './sqliteLibrary.js';

/** What SQLite's `quick_check` found: nothing when the file is sound. */
export type QuickCheckResult = { problems: string[] } | { error: { code: string; message: string } };

/**
 * The worker's whole program (a CommonJS script, so it needs no file of its own beside the built
 * bundle): its own read-only connection, `quick_check(5)`, the answer posted back.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.library);
let connection;
try {
  connection = new Database(workerData.file, { readonly: true, timeout: workerData.timeoutMs });
  const rows = connection.pragma('quick_check(5)');
  parentPort.postMessage({ problems: rows.map((row) => row.quick_check).filter((result) => result !== 'ok') });
} catch (error) {
  parentPort.postMessage({ error: { code: String(error.code ?? ''), message: String(error.message) } });
} finally {
  connection?.close();
}
`;

/**
 * SQLite's `quick_check` of `file` on a worker thread: it reads the whole file (about 1.5 s per
 * 100 MB from a cold disk), so the service's own thread goes on starting meanwhile.
 */
export function quickCheckInWorker(file: string, timeoutMs: number): Promise<QuickCheckResult> {
  const library = createRequire(import.meta.url).resolve(LIBRARY_NAME);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, library, timeoutMs } });
    let answer: QuickCheckResult | undefined;
    worker.once('message', (message: QuickCheckResult) => (answer = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (answer !== undefined) resolve(answer);
      else reject(new Error(`the store's integrity check stopped (worker exit code ${code})`));
    });
  });
}
