import { access, constants, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Database, SqliteError, type Connection } from './sqliteLibrary.js';
import { collectionLookup } from '../driver.js';
import type { Collection, CollectionSpec, Driver } from '../driver.js';
import { StoreError } from '../errors.js';
import { SqliteCollection } from './sqliteCollection.js';
import { SqliteDatabase } from './sqliteDatabase.js';
import { quickCheckInWorker } from './sqliteQuickCheck.js';
import { counterMigrationStatements, retiredIndexStatements, schemaStatements } from './sqliteSchema.js';

export interface SqliteDriverOptions {
  /** The database file (created, owner-only, when missing). */
  file: string;
  /** How often the write-ahead log is folded back into the file and the planner's statistics refreshed. */
  maintenanceIntervalMs: number;
  /** What a damaged file's error tells the operator to run. */
  repairHint: string;
  /**
   * `before-opening` (the default): the file is checked before the driver is handed out.
   * `in-background`: on a worker thread while the caller goes on starting; `checked` says how it
   * went, and the caller waits for it before it serves anyone (the service's start-up).
   */
  integrityCheck?: 'before-opening' | 'in-background';
}

export interface SqliteDriver extends Driver {
  readonly kind: 'embedded';
  readonly database: SqliteDatabase;
  /** A consistent copy of the whole database in `destination`, taken while it is in use (SQLite's online backup). */
  backup(destination: string): Promise<void>;
  /** Resolves once the file passed its integrity check; rejects with the one-line damage report. */
  readonly checked: Promise<void>;
}

/**
 * How long a write waits for another process's write (a command-line tool) before failing. Tools
 * write in short statements, so this is only ever a few milliseconds in practice.
 */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the SQLite file in WAL mode (readers never wait for the writer, several processes may use
 * the file at once), checks that it is sound, creates the declared tables and indexes, and hands
 * out collections. `synchronous = NORMAL`: a commit is durable when the process dies, however it
 * dies; only a power loss or an OS crash may roll the newest commits back (never half of one).
 */
export async function openSqliteDriver(
  specs: readonly CollectionSpec[],
  options: SqliteDriverOptions,
): Promise<SqliteDriver> {
  await createOwnerOnly(options.file);
  const inBackground = options.integrityCheck === 'in-background';
  let connection: Connection | undefined;
  let checked: Promise<void> = Promise.resolve();
  try {
    connection = new Database(options.file, { timeout: BUSY_TIMEOUT_MS });
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    // Deleted records are overwritten, not left in free pages: retention must leave no personal
    // data anywhere in the file (the write-ahead log's old frames go at the next checkpoint).
    connection.pragma('secure_delete = ON');
    // In the background, the check starts once the pragmas above found a database and made it
    // WAL (a header too damaged for that fails here), so its reader never waits for the writer.
    if (inBackground) checked = checkIntegrityInWorker(options);
    else checkIntegrity(connection, options);
    const statements = schemaStatements(specs);
    connection
      .transaction(() => {
        // Before the tables are declared: an earlier version's table gets its counter columns first.
        counterMigrationStatements(specs, tableColumns(connection!)).forEach((sql) => connection!.exec(sql));
        statements.forEach((sql) => connection!.exec(sql));
        const existing = connection!
          .prepare('SELECT name, tbl_name AS "table" FROM sqlite_master WHERE type = \'index\'')
          .all() as Array<{ name: string; table: string }>;
        retiredIndexStatements(specs, existing).forEach((sql) => connection!.exec(sql));
      })
      .immediate();
  } catch (error) {
    // The check's own verdict names the damage best; it also must not outlive the connection.
    const verdict = await checked.then(
      () => null,
      (damage: unknown) => (damage instanceof Error ? damage : new Error(String(damage))),
    );
    connection?.close();
    if (verdict !== null) throw verdict;
    if (error instanceof SqliteError && isDamage(error.code)) throw damaged(options, error.message);
    throw error;
  }
  // Nobody may have asked yet: a damaged file is reported where `checked` is awaited, not as an
  // unhandled rejection.
  checked.catch(() => undefined);
  const database = new SqliteDatabase(connection, openReader(options.file));
  const collections = new Map<string, Collection>(
    specs.map((spec) => [spec.name, new SqliteCollection(database, spec)]),
  );
  const inTransaction = new Map<string, Collection>(
    specs.map((spec) => [spec.name, new SqliteCollection(database, spec, true)]),
  );
  const maintenance = setInterval(() => {
    void database.whenIdle(() => {
      connection.pragma('wal_checkpoint(TRUNCATE)');
      connection.pragma('optimize');
    });
  }, options.maintenanceIntervalMs);
  maintenance.unref();
  let closed = false;

  return {
    kind: 'embedded',
    database,
    collection: collectionLookup(collections),
    transaction: (work) => database.transaction(() => work(collectionLookup(inTransaction))),
    async ping() {
      // A read-only or vanished folder cannot take the next write.
      await access(dirname(options.file), constants.W_OK);
      await database.read(() => database.readerStatement('SELECT 1').get());
    },
    async backup(destination) {
      await database.backup(destination);
    },
    checked,
    activity: () => ({ ...database.activity }),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(maintenance);
      // The check's worker holds its own connection; it finishes first (a fraction of a second).
      await checked.catch(() => undefined);
      // The last connection to close folds the log into the file and removes it.
      await database.close(() => connection.pragma('optimize'));
    },
  };
}

/**
 * The connection reads go through: it sees committed data only, and never waits for the writer
 * (WAL). It cannot write (`query_only`), so no write can bypass the writer's commits.
 */
function openReader(file: string): Connection {
  const reader = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  reader.pragma('query_only = true');
  return reader;
}

/** The columns of each table the file has. */
function tableColumns(connection: Connection): Map<string, Set<string>> {
  const rows = connection
    .prepare(
      'SELECT m.name AS "table", c.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = \'table\'',
    )
    .all() as Array<{ table: string; column: string }>;
  const columns = new Map<string, Set<string>>();
  for (const { table, column } of rows) {
    const known = columns.get(table) ?? new Set<string>();
    known.add(column);
    columns.set(table, known);
  }
  return columns;
}

/** The file is created by us, owner-only: it holds transcripts, contact details and password hashes. */
async function createOwnerOnly(file: string): Promise<void> {
  const handle = await open(file, 'a', 0o600);
  await handle.close();
}

/**
 * `quick_check`: every page and every record well formed, indexes in order (without comparing each
 * index with its table, which `integrity_check` adds at several times the cost).
 */
function checkIntegrity(connection: Connection, options: SqliteDriverOptions): void {
  const rows = connection.pragma('quick_check(5)') as Array<{ quick_check: string }>;
  const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
  if (problems.length > 0) throw damaged(options, problems.join('; '));
}

/** The same check on a worker thread (see `quickCheckInWorker`), as a verdict to await. */
async function checkIntegrityInWorker(options: SqliteDriverOptions): Promise<void> {
  const result = await quickCheckInWorker(options.file, BUSY_TIMEOUT_MS);
  if ('error' in result) {
    if (isDamage(result.error.code)) throw damaged(options, result.error.message);
    throw new StoreError(
      'unavailable',
      `The embedded store ${options.file} could not be checked: ${result.error.message}`,
      {
        file: options.file,
      },
    );
  }
  if (result.problems.length > 0) throw damaged(options, result.problems.join('; '));
}

function isDamage(code: string): boolean {
  return code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB';
}

function damaged(options: SqliteDriverOptions, detail: string): StoreError {
  const oneLine = detail.replace(/\s+/g, ' ').slice(0, 300);
  return new StoreError(
    'unavailable',
    `The embedded store ${options.file} is damaged (${oneLine}): nothing was started. ${options.repairHint}`,
    { file: options.file },
  );
}
