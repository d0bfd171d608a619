import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../errors.js';

const LOCK_FILE = 'store.lock';

/**
 * NeDB keeps each file in memory and rewrites it when compacting, so two processes on one data
 * folder silently lose each other's writes (a user created by `npm run user:create` while the
 * server runs would vanish at the server's next compaction). The first process to open the folder
 * takes this lock; another gets a clear error instead. A lock left by a process that no longer
 * exists (a crash, SIGKILL) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new StoreError(
          'unavailable',
          `The data folder ${dataDir} is in use by process ${holder}: stop it first (the embedded store serves one process at a time; use MONGODB_URI to share a store).`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new StoreError('unavailable', `Could not lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
