import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';

/**
 * The answer index the product keeps in its data folder (`answer-index/`: the articles' analysed
 * words and the classifier's trained weights, see AnalysisCacheFiles and ClassifierCacheFiles),
 * shared between the tests of one run. Training the classifier on the repository's articles is
 * most of an app's start, and every test that starts the app on a fresh store would train the
 * same weights from the same examples. The first such start keeps its files here; later ones find
 * them in their new data folder, as a restarted service finds its own.
 *
 * It does not change what a test checks: each file holds the key of what it was made from (the
 * training examples and options, the engine version; the analysed texts) and the app uses it only
 * when the key matches what it would make, otherwise it trains and writes the file as it would
 * have without it; training is deterministic, so matching weights are the same numbers. The
 * tests of the kept files themselves start on their own data folder and never see this one.
 */

/** The folder of the run's kept files (made and removed by the global setup). */
function sharedDir(): string {
  return inject('keptAnswerIndexDir');
}

/** The folder inside a data folder where the app keeps its answer index (see `createApp`). */
export function answerIndexDir(dataDir: string): string {
  return path.join(dataDir, 'answer-index');
}

/** Copies the run's kept answer-index files, if any yet, into a new data folder. */
export async function seedKeptAnswerIndex(dataDir: string): Promise<void> {
  const from = sharedDir();
  const files = (await readdir(from)).filter((name) => !name.endsWith('.partial'));
  if (files.length === 0) return;
  const to = answerIndexDir(dataDir);
  await mkdir(to, { recursive: true });
  await Promise.all(files.map((file) => copyFile(path.join(from, file), path.join(to, file))));
}

/**
 * Keeps for the run's later tests the answer-index files an app wrote in `dataDir` that the run
 * does not keep yet. Called once the app is ready on the repository's articles, before the test
 * publishes anything. Each file is copied aside and renamed, so a test of the other worker never
 * reads half of one.
 */
export async function keepAnswerIndex(dataDir: string): Promise<void> {
  const to = sharedDir();
  const kept = new Set(await readdir(to));
  let written: string[];
  try {
    written = await readdir(answerIndexDir(dataDir));
  } catch {
    return; // A store that keeps no index files (MongoDB).
  }
  for (const file of written.filter((name) => !kept.has(name) && !name.endsWith('.partial'))) {
    const partial = path.join(to, `${file}.${randomUUID()}.partial`);
    try {
      await copyFile(path.join(answerIndexDir(dataDir), file), partial);
      await rename(partial, path.join(to, file));
    } finally {
      await rm(partial, { force: true });
    }
  }
}
