import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The answer-index files kept for the run's tests (see keptAnswerIndex.ts). */
    keptAnswerIndexDir: string;
  }
}

/**
 * Builds the browser bundles and the server once, before any test serves or spawns them. A failed
 * build is reported here and left to the tests that need its output to fail with their own
 * message, so unit tests of unrelated modules still run and say what they found.
 * Makes the run's folder of kept answer-index files, removed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch {
    process.stderr.write('\n[globalSetup] scripts/build.mjs failed: tests that need dist/ will fail.\n\n');
  }
  const keptAnswerIndexDir = await mkdtemp(path.join(os.tmpdir(), 'va-test-kept-answer-index-'));
  project.provide('keptAnswerIndexDir', keptAnswerIndexDir);
  return async () => {
    await rm(keptAnswerIndexDir, { recursive: true, force: true });
  };
}
