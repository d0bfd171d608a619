import { SqliteError, type Statement } from './sqliteLibrary.js';
import { DuplicateKeyError } from '../errors.js';
import type { Collection, Filter, FindOptions, QueryPlan, Sort, StoredDocument, Update } from '../driver.js';
import type { SqliteDatabase } from './sqliteDatabase.js';
import { orderClause, updateExpression, whereClause, type SqlValue } from './sqliteQuery.js';

interface Row {
  _id: string;
  doc: string;
}

/**
 * One table (`_id`, `doc` JSON) behind the driver interface. Every method is one SQL statement, or
 * a few in one SQLite savepoint, so each is atomic by itself. Reads go to the reader connection
 * (committed data), writes to the writer, each resolved once committed (SqliteDatabase).
 * `inTransaction` marks the copy handed to `Driver.transaction`'s work: it reads and writes on the
 * writer at once (it must see its own writes), while every other copy's writes wait until that
 * work has ended.
 */
export class SqliteCollection implements Collection {
  private readonly table: string;

  constructor(
    private readonly database: SqliteDatabase,
    readonly name: string,
    private readonly inTransaction = false,
  ) {
    this.table = `"${name}"`;
  }

  async insertOne(document: StoredDocument): Promise<void> {
    const { _id, ...fields } = document;
    const json = JSON.stringify(fields);
    return this.write(() => {
      this.guard(() => this.run(`INSERT INTO ${this.table} (_id, doc) VALUES (?, ?)`, [_id, json]));
    });
  }

  async insertMany(documents: readonly StoredDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const params: string[] = [];
    for (const { _id, ...fields } of documents) params.push(_id, JSON.stringify(fields));
    const rows = Array.from({ length: documents.length }, () => '(?, ?)').join(', ');
    return this.write(() => {
      // One statement: a duplicate key anywhere stores none of them.
      this.guard(() => this.run(`INSERT INTO ${this.table} (_id, doc) VALUES ${rows}`, params));
    });
  }

  async findOne(filter: Filter, options: { sort?: Sort } = {}): Promise<StoredDocument | null> {
    const where = whereClause(filter);
    const sql = `SELECT _id, doc FROM ${this.table}${where.sql}${orderClause(options.sort)} LIMIT 1`;
    return this.read((statement) => {
      const row = statement(sql).get(...where.params) as Row | undefined;
      return row === undefined ? null : toDocument(row);
    });
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<StoredDocument[]> {
    const { sql, params } = this.select(filter, options);
    return this.read((statement) => (statement(sql).all(...params) as Row[]).map(toDocument));
  }

  /** SQLite's plan: a `SCAN` step reads a whole table or index; `SEARCH` steps use one. */
  async explain(filter: Filter, options: FindOptions = {}): Promise<QueryPlan> {
    const { sql, params } = this.select(filter, options);
    return this.read((statement) => {
      const steps = statement(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{
        detail: string;
      }>;
      const details = steps.map((step) => step.detail);
      return { indexed: !details.some((detail) => detail.startsWith('SCAN ')), plan: details.join('; ') };
    });
  }

  private select(filter: Filter, options: FindOptions): { sql: string; params: SqlValue[] } {
    const where = whereClause(filter);
    const limit = options.limit === undefined ? '' : ` LIMIT ${Math.trunc(options.limit)}`;
    return {
      sql: `SELECT _id, doc FROM ${this.table}${where.sql}${orderClause(options.sort)}${limit}`,
      params: where.params,
    };
  }

  async count(filter: Filter): Promise<number> {
    const where = whereClause(filter);
    const sql = `SELECT count(*) AS n FROM ${this.table}${where.sql}`;
    return this.read((statement) => (statement(sql).get(...where.params) as { n: number }).n);
  }

  async updateOne(filter: Filter, update: Update): Promise<boolean> {
    return this.write(() => this.guard(() => this.updateFirst(filter, update, undefined) !== undefined));
  }

  async findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: { sort?: Sort } = {},
  ): Promise<StoredDocument | null> {
    return this.write(() => {
      const row = this.guard(() => this.updateFirst(filter, update, options.sort));
      return row === undefined ? null : toDocument(row);
    });
  }

  async replaceOne(
    filter: Filter,
    document: StoredDocument,
    options: { upsert?: boolean } = {},
  ): Promise<boolean> {
    const { _id, ...fields } = document;
    const json = JSON.stringify(fields);
    return this.write(() =>
      this.guard(() => {
        if (options.upsert === true && Object.keys(filter).length === 0) {
          // Whatever is stored under this key is replaced: one statement.
          this.run(
            `INSERT INTO ${this.table} (_id, doc) VALUES (?, ?) ON CONFLICT (_id) DO UPDATE SET doc = excluded.doc`,
            [_id, json],
          );
          return true;
        }
        return this.database.atomically(() => {
          const where = whereClause({ ...filter, _id });
          const replaced = this.run(`UPDATE ${this.table} SET doc = ?${where.sql}`, [json, ...where.params]);
          if (replaced.changes === 1) return true;
          if (options.upsert !== true) return false;
          // No match: insert, which is a duplicate key when the `_id` exists but the filter failed.
          this.run(`INSERT INTO ${this.table} (_id, doc) VALUES (?, ?)`, [_id, json]);
          return true;
        });
      }),
    );
  }

  async deleteMany(filter: Filter): Promise<number> {
    const where = whereClause(filter);
    return this.write(() => this.run(`DELETE FROM ${this.table}${where.sql}`, where.params).changes);
  }

  /** The first match in `sort` order, updated in one statement; its row as updated. */
  private updateFirst(filter: Filter, update: Update, sort: Sort | undefined): Row | undefined {
    const set = updateExpression(update);
    const where = whereClause(filter);
    // With an `_id`, at most one row matches: the plain UPDATE is the whole job. Otherwise the first
    // match is picked in a sub-select over the same condition (stock SQLite has no UPDATE ... LIMIT).
    const byId = typeof filter._id === 'string';
    const target = byId
      ? where.sql
      : ` WHERE _id = (SELECT _id FROM ${this.table}${where.sql}${orderClause(sort)} LIMIT 1)`;
    return this.database
      .statement(`UPDATE ${this.table} SET doc = ${set.sql}${target} RETURNING _id, doc`)
      .get(...set.params, ...where.params) as Row | undefined;
  }

  private run(sql: string, params: readonly SqlValue[]) {
    return this.database.statement(sql).run(...params);
  }

  /**
   * Runs read statements: on the reader (committed data), or on the writer inside a transaction's
   * work. Errors (a refused filter too) always come back as a rejected promise.
   */
  private read<T>(statements: (statement: (sql: string) => Statement) => T): Promise<T> {
    if (this.inTransaction) return settled(() => statements((sql) => this.database.statement(sql)));
    return this.database.read(() => statements((sql) => this.database.readerStatement(sql)));
  }

  /** Runs write statements: at once inside a transaction's work, else in the database's next commit. */
  private write<T>(statements: () => T): Promise<T> {
    if (this.inTransaction) return settled(statements);
    return this.database.write(statements);
  }

  private guard<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (error instanceof SqliteError && isUniqueViolation(error.code)) {
        throw new DuplicateKeyError(`Duplicate key in ${this.name}`, { collection: this.name });
      }
      throw error;
    }
  }
}

function settled<T>(statements: () => T): Promise<T> {
  try {
    return Promise.resolve(statements());
  } catch (error) {
    // Whatever a statement throws is a driver Error (better-sqlite3's SqliteError, or ours).
    const failure = error as Error;
    return Promise.reject(failure);
  }
}

function isUniqueViolation(code: string): boolean {
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function toDocument(row: Row): StoredDocument {
  const document = JSON.parse(row.doc) as StoredDocument;
  document._id = row._id;
  return document;
}
