import type { Connection, Statement } from './sqliteLibrary.js';

/** Prepared statements kept per connection; the statement shapes are few ($in lists aside). */
const STATEMENT_CACHE_LIMIT = 500;

/**
 * One better-sqlite3 connection, shared by every collection of the driver. Statements run
 * synchronously (microseconds each, indexed); what this adds is the order around transactions:
 * `transaction` holds the connection for its work, which awaits between its statements, and every
 * statement from elsewhere waits (`idle`) until it has committed or rolled back, so nothing joins
 * a transaction it is no part of.
 */
export class SqliteDatabase {
  private readonly statements = new Map<string, Statement>();
  private gate: Promise<void> | null = null;

  constructor(readonly connection: Connection) {}

  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `statements` once no transaction holds the connection: at once, usually. The check and
   * the statements run in one synchronous step, so no transaction can start in between.
   */
  async whenIdle<T>(statements: () => T): Promise<T> {
    while (this.gate !== null) await this.gate;
    return statements();
  }

  /** Several statements as one, synchronously (a savepoint when inside a transaction already). */
  atomically<T>(work: () => T): T {
    return this.connection.transaction(work).immediate();
  }

  /**
   * Runs `work` in one write transaction (BEGIN IMMEDIATE: another process's writer waits for the
   * busy timeout, then this fails), committed when it resolves, rolled back when it throws.
   * `work` must only run statements of this database: anything slower holds every other caller.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    while (this.gate !== null) await this.gate;
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    try {
      this.connection.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        this.connection.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.gate = null;
      release();
    }
  }

  close(): void {
    this.statements.clear();
    this.connection.close();
  }
}
