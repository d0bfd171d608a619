import { copyFile, rename, stat } from 'node:fs/promises';
import { Database, type Connection } from '../drivers/sqliteLibrary.js';
import { StoreError } from '../errors.js';

/**
 * Puts a backup (`npm run store:backup`) in place of the embedded store's file, with the service
 * stopped: the backup is checked first (a damaged one is refused and nothing moves); the file it
 * replaces, and its write-ahead log, are kept beside it under a `.replaced-<time>` name, never
 * deleted. Returns where the replaced file went (null when there was none).
 */
export async function restoreBackup(backup: string, storeFile: string): Promise<string | null> {
  checkBackup(backup);
  const keptAs = `${storeFile}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  let replaced: string | null = null;
  for (const suffix of ['', '-wal', '-shm']) {
    if (!(await exists(storeFile + suffix))) continue;
    await rename(storeFile + suffix, keptAs + suffix);
    if (suffix === '') replaced = keptAs;
  }
  await copyFile(backup, storeFile);
  return replaced;
}

function checkBackup(backup: string): void {
  let connection: Connection | undefined;
  try {
    connection = new Database(backup, { readonly: true, fileMustExist: true });
    const [first] = connection.pragma('quick_check(1)') as Array<{ quick_check: string }>;
    if (first?.quick_check !== 'ok') throw new Error(first?.quick_check ?? 'no answer to quick_check');
  } catch (error) {
    throw new StoreError(
      'invalid_input',
      `${backup} is not a sound backup (${(error as Error).message}): nothing was restored.`,
    );
  } finally {
    connection?.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
