import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectionSpec } from '../driver.js';
import { TableLayout } from '../drivers/sqliteCollection.js';
import type { SqliteDatabase } from '../drivers/sqliteDatabase.js';
import { StoreError } from '../errors.js';
import { readNedbFile, type BadLine } from './nedbFile.js';

/** The previous embedded store's files: one `<collection>.db` per collection, and its lock. */
const NEDB_LOCK_FILE = 'store.lock';
/** Where they go once imported, untouched. */
export const NEDB_ASIDE_DIR = 'nedb-before-sqlite';
const BAD_LINES_FILE = 'bad-lines.jsonl';
const IMPORT_MARK = 'nedb-import';

export interface NedbImportSummary {
  /** Records imported per collection (after NeDB's own rules: the last line of each id wins). */
  imported: Record<string, number>;
  /** Lines that were not records, set aside in `badLinesFile` (only with `setAsideBadLines`). */
  badLines: number;
  /** The folder the old files were moved to, as they were. */
  keptIn: string;
  badLinesFile: string | null;
}

export interface NedbImportOptions {
  /** Import the readable records and keep the unreadable lines in a file, instead of refusing. */
  setAsideBadLines: boolean;
}

/** The command that imports with the bad lines set aside (named in the refusal). */
export const IMPORT_COMMAND = 'npm run store:import -- --set-aside-bad-lines';

/**
 * Imports a data folder written by the previous version (NeDB files) into the SQLite file, once:
 * every record of every collection in one transaction, marked as done in the same transaction,
 * then the old files are moved into `nedb-before-sqlite/` untouched. Null when there is nothing to
 * import. An unreadable line stops it before anything is written, naming the file and the line,
 * unless `setAsideBadLines`; nothing is ever dropped without a word.
 */
export async function importNedbFolder(
  dataDir: string,
  specs: readonly CollectionSpec[],
  database: SqliteDatabase,
  options: NedbImportOptions,
): Promise<NedbImportSummary | null> {
  const present = await presentFiles(dataDir, specs);
  if (present.length === 0) return null;
  const keptIn = await asideFolder(dataDir);
  const badLinesFile = join(keptIn, BAD_LINES_FILE);
  if (alreadyImported(database)) {
    // A previous import committed, then stopped before moving the files.
    await moveAside(dataDir, present, keptIn);
    return null;
  }

  const contents = await Promise.all(
    present.map(async (name) => ({ name, ...(await readNedbFile(join(dataDir, `${name}.db`))) })),
  );
  const badLines = contents.flatMap((content) => content.badLines);
  const [firstBad] = badLines;
  if (firstBad !== undefined && !options.setAsideBadLines) throw unreadable(firstBad, badLines.length);

  const imported: Record<string, number> = {};
  const connection = database.connection;
  database.atomically(() => {
    if (alreadyImported(database)) return;
    for (const { name, documents } of contents) {
      // Laid out as the driver lays out what it writes (counters in their own columns).
      const layout = new TableLayout(specs.find((spec) => spec.name === name) ?? { name });
      const insert = connection.prepare(layout.insert);
      for (const document of documents) insert.run(...layout.values(document));
      imported[name] = documents.length;
    }
    connection
      .prepare('INSERT INTO _meta (key, value) VALUES (?, ?)')
      .run(
        IMPORT_MARK,
        JSON.stringify({ at: new Date().toISOString(), imported, badLines: badLines.length }),
      );
  });
  if (badLines.length > 0) {
    await mkdir(keptIn, { recursive: true, mode: 0o700 });
    await writeFile(badLinesFile, badLines.map((bad) => `${JSON.stringify(bad)}\n`).join(''), {
      mode: 0o600,
    });
  }
  await moveAside(dataDir, present, keptIn);
  return {
    imported,
    badLines: badLines.length,
    keptIn,
    badLinesFile: badLines.length > 0 ? badLinesFile : null,
  };
}

function alreadyImported(database: SqliteDatabase): boolean {
  return database.connection.prepare('SELECT 1 FROM _meta WHERE key = ?').get(IMPORT_MARK) !== undefined;
}

async function presentFiles(dataDir: string, specs: readonly CollectionSpec[]): Promise<string[]> {
  const found = await Promise.all(
    specs.map(async (spec) => ((await exists(join(dataDir, `${spec.name}.db`))) ? spec.name : null)),
  );
  return found.filter((name): name is string => name !== null);
}

async function asideFolder(dataDir: string): Promise<string> {
  const plain = join(dataDir, NEDB_ASIDE_DIR);
  return (await exists(plain)) ? `${plain}-${new Date().toISOString().replace(/[:.]/g, '-')}` : plain;
}

/** A rename: the bytes stay exactly as the previous version left them. */
async function moveAside(dataDir: string, names: readonly string[], keptIn: string): Promise<void> {
  await mkdir(keptIn, { recursive: true, mode: 0o700 });
  for (const file of [...names.map((name) => `${name}.db`), NEDB_LOCK_FILE]) {
    await rename(join(dataDir, file), join(keptIn, file)).catch((error: NodeJS.ErrnoException) => {
      // Moved by another process opening the folder at the same moment, or no lock to move.
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

function unreadable(bad: BadLine, count: number): StoreError {
  const others = count > 1 ? ` (and ${count - 1} more bad line${count > 2 ? 's' : ''})` : '';
  return new StoreError(
    'unavailable',
    `${bad.file} line ${bad.line} is not a readable record (${bad.reason})${others}: nothing was imported or started. ` +
      `Run "${IMPORT_COMMAND}" to import the rest and keep the bad lines in ${NEDB_ASIDE_DIR}/${BAD_LINES_FILE}.`,
    { file: bad.file, line: bad.line },
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
