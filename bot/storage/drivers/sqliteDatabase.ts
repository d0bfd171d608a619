import type { StoreActivity } from '../ports.js';
import type { Connection, Statement } from './sqliteLibrary.js';

/** Prepared statements kept per connection; the statement shapes are few ($in lists aside). */
const STATEMENT_CACHE_LIMIT = 500;

/** A write waiting for the commit that makes it durable. */
interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The driver's two better-sqlite3 connections to one file: `connection` writes (and reads inside
 * a transaction's work), `reader` answers every other read. Statements run synchronously
 * (microseconds each, indexed); what this adds is when they become durable and who sees them.
 *
 * **Group commit.** A commit is most of a small write's cost (the log is written to the file), so
 * writes are not committed one by one: the first write opens a transaction, every write made
 * until the event loop's next turn joins it, and one COMMIT ends them all. A write's promise
 * settles only after that commit, so whatever follows a write in the code (an acknowledgement, a
 * reply sent, the next step of a turn) still happens once it is on disk; a crash before the commit
 * loses writes nobody was told about, all of them or none (SQLite's atomic commit), so sequence
 * numbers stay gap-free. Under load, the turns of many conversations share each commit.
 *
 * **Reads see committed data only.** The reader is a connection of its own (WAL: it never waits
 * for the writer), so nothing not yet durable can be read, shown or acknowledged. A caller sees
 * its own writes because it awaited them.
 *
 * `transaction` holds the writer for its work, which awaits between its statements, and every
 * write from elsewhere waits (the gate) until the work has ended, so nothing joins work it is no
 * part of; the work is a savepoint inside the open group.
 */
export class SqliteDatabase {
  /**
   * What it has done since it opened: commits, statements run by the writer (writes, and reads
   * inside a transaction's work) and by the reader. Counted as they happen, for the tests that pin
   * what a turn costs the store.
   */
  readonly activity: StoreActivity = { commits: 0, writes: 0, reads: 0 };
  private readonly writerStatements = new Map<string, Statement>();
  private readonly readerStatements = new Map<string, Statement>();
  private gate: Promise<void> | null = null;
  /** The writes of the open transaction, waiting for its commit; null when none is open. */
  private group: Waiter[] | null = null;
  private commitScheduled = false;
  private closed = false;

  constructor(
    readonly connection: Connection,
    private readonly reader: Connection,
  ) {}

  /** A prepared statement of the writer (for writes, and reads inside a transaction's work), to run once. */
  statement(sql: string): Statement {
    this.activity.writes += 1;
    return prepared(this.writerStatements, this.connection, sql);
  }

  /** A prepared statement of the reader, to run once. */
  readerStatement(sql: string): Statement {
    this.activity.reads += 1;
    return prepared(this.readerStatements, this.reader, sql);
  }

  /** Runs read statements (through `readerStatement`) on the committed data. */
  async read<T>(statements: () => T): Promise<T> {
    return statements();
  }

  /**
   * Runs write statements (through `statement`) at once, in the open group once no transaction's
   * work holds the writer; resolves after the group's commit. A statement that fails changes
   * nothing (SQLite undoes a failed statement, and `atomically` a failed block) and rejects at once.
   */
  async write<T>(statements: () => T): Promise<T> {
    while (this.gate !== null) await this.gate;
    const result = this.inGroup(statements);
    await this.durable();
    return result;
  }

  /**
   * Runs `statements` with no transaction open on the writer (checkpoints, closing): once no
   * transaction's work holds it, and after the open group is committed.
   */
  async whenIdle<T>(statements: () => T): Promise<T> {
    for (;;) {
      while (this.gate !== null) await this.gate;
      if (this.group === null) return statements();
      await this.commit();
    }
  }

  /** Several statements as one, synchronously (a savepoint when inside a transaction already). */
  atomically<T>(work: () => T): T {
    return this.connection.transaction(work).immediate();
  }

  /**
   * Runs `work` as one atomic step (a savepoint in the open group), committed with the group after
   * it resolves, undone when it throws. `work` must only run statements of this database:
   * anything slower holds every other writer.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    while (this.gate !== null) await this.gate;
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    let result: T;
    try {
      result = await this.inGroupAsync(work);
    } finally {
      this.gate = null;
      release();
    }
    await this.durable();
    return result;
  }

  /** A consistent copy of the committed data (SQLite's online backup, through the reader). */
  async backup(destination: string): Promise<void> {
    await this.reader.backup(destination);
  }

  /** Commits what is pending, then closes both connections (the writer last: it folds the log in). */
  async close(finalStatements: () => void = () => {}): Promise<void> {
    await this.whenIdle(() => {
      this.closed = true;
      finalStatements();
      this.writerStatements.clear();
      this.readerStatements.clear();
      this.reader.close();
      this.connection.close();
    });
  }

  /** Runs `statements` in the open group (opening one if none is). */
  private inGroup<T>(statements: () => T): T {
    this.open();
    try {
      return statements();
    } catch (error) {
      this.afterFailure(error);
      throw error;
    }
  }

  private async inGroupAsync<T>(work: () => Promise<T>): Promise<T> {
    this.open();
    this.connection.exec('SAVEPOINT work');
    try {
      const result = await work();
      this.connection.exec('RELEASE work');
      return result;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK TO work; RELEASE work');
      this.afterFailure(error);
      throw error;
    }
  }

  private open(): void {
    if (this.closed) throw new TypeError('The database connection is not open');
    if (this.group !== null) return;
    // BEGIN IMMEDIATE: another process's writer (a command-line tool) makes this wait for the
    // busy timeout, then fail, rather than fail later at the commit.
    this.connection.exec('BEGIN IMMEDIATE');
    this.group = [];
    if (!this.commitScheduled) {
      this.commitScheduled = true;
      setImmediate(() => void this.commit());
    }
  }

  /** An error that ended the whole transaction (a full disk, an I/O error) takes the group with it. */
  private afterFailure(error: unknown): void {
    if (this.group !== null && !this.connection.inTransaction) this.settle(error);
  }

  /** Resolves when the open group (which the caller's writes just joined) is committed. */
  private durable(): Promise<void> {
    const group = this.group;
    if (group === null) return Promise.resolve();
    return new Promise((resolve, reject) => group.push({ resolve, reject }));
  }

  private async commit(): Promise<void> {
    while (this.gate !== null) await this.gate;
    this.commitScheduled = false;
    if (this.group === null) return;
    try {
      this.connection.exec('COMMIT');
      this.activity.commits += 1;
      this.settle(null);
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
      this.settle(error);
    }
  }

  /** Ends the group: its writes are durable (`error` null) or lost. */
  private settle(error: unknown): void {
    const waiters = this.group ?? [];
    this.group = null;
    for (const waiter of waiters) {
      if (error === null) waiter.resolve();
      else waiter.reject(error);
    }
  }
}

function prepared(cache: Map<string, Statement>, connection: Connection, sql: string): Statement {
  let statement = cache.get(sql);
  if (statement === undefined) {
    if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
    statement = connection.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
