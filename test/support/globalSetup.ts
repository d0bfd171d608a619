import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { answerIndexDir, makeKeptAnswerIndex } from './keptAnswerIndex.js';
import { REPO_ROOT } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The answer-index files of the repository's articles, for the run's tests (keptAnswerIndex.ts). */
    keptAnswerIndexDir: string;
  }
}

/**
 * Builds the browser bundles and the server once, before any test serves or spawns them. A failed
 * build is reported here and left to the tests that need its output to fail with their own
 * message, so unit tests of unrelated modules still run and say what they found.
 *
 * Then starts the built service once until ready, so its answer-index files can be handed to the
 * tests (see keptAnswerIndex.ts); if that fails, it is reported and the tests train as they would.
 * The folder is removed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs'), '--quiet'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch {
    process.stderr.write('\n[globalSetup] scripts/build.mjs failed: tests that need dist/ will fail.\n\n');
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'va-test-kept-answer-index-'));
  try {
    await makeKeptAnswerIndex(dataDir);
  } catch (error) {
    process.stderr.write(`\n[globalSetup] no answer index kept for the tests: ${String(error)}\n\n`);
    await mkdir(answerIndexDir(dataDir), { recursive: true });
  }
  project.provide('keptAnswerIndexDir', answerIndexDir(dataDir));
  return async () => {
    await rm(dataDir, { recursive: true, force: true });
  };
}
