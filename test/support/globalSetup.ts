import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the browser bundles and the server once, before any test serves or spawns them. A failed
 * build is reported here and left to the tests that need its output to fail with their own
 * message, so unit tests of unrelated modules still run and say what they found.
 */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch {
    process.stderr.write('\n[globalSetup] scripts/build.mjs failed: tests that need dist/ will fail.\n\n');
  }
}
