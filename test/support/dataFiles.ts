import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under `dir` (recursively), whatever the store keeps there (NeDB's `.db` files today;
 * a database file, its journal or write-ahead log with another driver): read as bytes, so the
 * checks below do not depend on the storage format.
 */
export async function dataFiles(dir: string): Promise<Array<{ file: string; bytes: Buffer }>> {
  const files: Array<{ file: string; bytes: Buffer }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await dataFiles(full)));
    else if (entry.isFile())
      files.push({ file: path.relative(dir, full) || entry.name, bytes: await readFile(full) });
  }
  return files;
}

/** For each needle, the data files that contain it (as UTF-8 bytes). */
export async function filesContaining(
  dir: string,
  needles: readonly string[],
): Promise<Record<string, string[]>> {
  const files = await dataFiles(dir);
  return Object.fromEntries(
    needles.map((needle) => {
      const bytes = Buffer.from(needle, 'utf8');
      return [needle, files.filter((file) => file.bytes.includes(bytes)).map((file) => file.file)];
    }),
  );
}

/** Total size of the files under `dir`, in bytes. */
export async function dataBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await dataBytes(full) : (await stat(full)).size;
  }
  return total;
}
