import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A file's bytes; undefined when there is no such file (other read errors are thrown). */
export async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes `data` to `file`, creating its folder: written aside, then renamed, so a crash leaves the
 * old file or none, never half of one. The aside name is new for each write (two writes of one
 * file may overlap). On failure nothing is left aside and the error is thrown.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(partial, data);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
}
