import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BUILT_SERVICE, builtServiceEnv } from './builtService.js';
import { REPO_ROOT } from './paths.js';

/**
 * The answer index the product keeps in its data folder (`answer-index/`: the articles' analysed
 * words and the classifier's trained weights, see AnalysisCacheFiles and ClassifierCacheFiles),
 * made once per run by the global setup and read by the tests. Training the classifier on the
 * repository's articles is most of an app's start, and every test that starts the app on a fresh
 * store would train the same weights from the same examples; with these files in its new data
 * folder, the app is ready as a restarted service is, from its kept files.
 *
 * It does not change what a test checks: each file holds the key of what it was made from (the
 * training examples and options, the engine version; the analysed texts) and the app uses it only
 * when the key matches what it would make, otherwise it trains and writes its own file as it would
 * have without it; training is deterministic, so matching weights are the same numbers. The tests
 * of the kept files themselves start on their own data folder and never see these.
 */

/** The folder inside a data folder where the app keeps its answer index (see `createApp`). */
export function answerIndexDir(dataDir: string): string {
  return path.join(dataDir, 'answer-index');
}

/**
 * Starts the built service (`npm start`) on a new store in `dataDir` until it is ready, then stops
 * it: its answer-index folder then holds the files of the repository's articles. Rejects with the
 * service's output when it does not get there.
 */
export function makeKeptAnswerIndex(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_SERVICE], {
      cwd: REPO_ROOT,
      env: builtServiceEnv(dataDir, { LOG_LEVEL: 'info', MONGODB_URI: '' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let ready = false;
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      if (!ready && line.includes('ready: the answer engine answers')) {
        ready = true;
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) =>
      ready && code === 0
        ? resolve(answerIndexDir(dataDir))
        : reject(new Error(`exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Copies the run's kept answer-index files (`from`: `inject('keptAnswerIndexDir')` in a test) into
 * a new data folder; none when the setup made none.
 */
export async function seedKeptAnswerIndex(from: string, dataDir: string): Promise<void> {
  const files = await readdir(from);
  if (files.length === 0) return;
  const to = answerIndexDir(dataDir);
  await mkdir(to, { recursive: true });
  await Promise.all(files.map((file) => copyFile(path.join(from, file), path.join(to, file))));
}
