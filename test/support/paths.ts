import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder, for tests that read repository files or spawn its scripts. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
