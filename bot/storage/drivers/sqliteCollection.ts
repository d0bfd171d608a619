import { SqliteError, type Statement } from './sqliteLibrary.js';
import { DuplicateKeyError } from '../errors.js';
import type {
  Collection,
  CollectionSpec,
  Filter,
  FindOptions,
  QueryPlan,
  Sort,
  StoredDocument,
  Update,
} from '../driver.js';
import type { SqliteDatabase } from './sqliteDatabase.js';
import {
  counterValue,
  orderClause,
  updateAssignments,
  whereClause,
  type CounterColumns,
  type SqlValue,
} from './sqliteQuery.js';

type Row = { _id: string; doc: string } & Record<string, unknown>;

/**
 * How a collection's documents are laid out in its table: `_id`, `doc` (the JSON of the rest) and
 * a column per counter (CollectionSpec.counters).
 */
export class TableLayout {
  readonly table: string;
  readonly counters: CounterColumns;
  /** What a read selects, and an update returns. */
  readonly columns: string;
  /** The columns besides `_id` (what replacing a document writes), quoted. */
  readonly stored: readonly string[];
  /** Inserts a document's row (`values`). */
  readonly insert: string;

  constructor(spec: Pick<CollectionSpec, 'name' | 'counters'>) {
    const counters = spec.counters ?? [];
    this.table = `"${spec.name}"`;
    this.counters = new Set(counters);
    this.stored = ['doc', ...counters.map((field) => `"${field}"`)];
    const names = ['_id', ...this.stored];
    this.columns = names.join(', ');
    this.insert = this.insertOf(1);
  }

  /** Inserts `count` documents' rows (their `values`, one after another) in one statement. */
  insertOf(count: number): string {
    const row = `(${Array.from({ length: 1 + this.stored.length }, () => '?').join(', ')})`;
    return `INSERT INTO ${this.table} (${this.columns}) VALUES ${Array.from({ length: count }, () => row).join(', ')}`;
  }

  /** The row of a document, in the order of `columns`. */
  values(document: StoredDocument): SqlValue[] {
    if (this.counters.size === 0) {
      const { _id, ...fields } = document;
      return [_id, JSON.stringify(fields)];
    }
    const fields: Record<string, unknown> = {};
    const counted: SqlValue[] = [];
    for (const [field, value] of Object.entries(document)) {
      if (field !== '_id' && !this.counters.has(field)) fields[field] = value;
    }
    for (const field of this.counters) counted.push(counterValue(field, document[field]));
    return [document._id, JSON.stringify(fields), ...counted];
  }

  /** The document a row holds: its JSON with `_id` and the counters that are there put back. */
  document(row: Row): StoredDocument {
    const document = JSON.parse(row.doc) as StoredDocument;
    for (const field of this.counters) {
      const value = row[field];
      if (value !== null && value !== undefined) document[field] = value;
    }
    document._id = row._id;
    return document;
  }
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
  readonly name: string;
  private readonly layout: TableLayout;

  constructor(
    private readonly database: SqliteDatabase,
    spec: Pick<CollectionSpec, 'name' | 'counters'>,
    private readonly inTransaction = false,
  ) {
    this.name = spec.name;
    this.layout = new TableLayout(spec);
  }

  async insertOne(document: StoredDocument): Promise<void> {
    const values = this.layout.values(document);
    return this.write(() => {
      this.guard(() => this.run(this.layout.insert, values));
    });
  }

  async insertMany(documents: readonly StoredDocument[]): Promise<void> {
    if (documents.length === 0) return;
    // Laid out as insertOne lays one out (counters in their columns).
    const params = documents.flatMap((document) => this.layout.values(document));
    return this.write(() => {
      // One statement: a duplicate key anywhere stores none of them.
      this.guard(() => this.run(this.layout.insertOf(documents.length), params));
    });
  }

  async findOne(filter: Filter, options: { sort?: Sort } = {}): Promise<StoredDocument | null> {
    const where = whereClause(filter, this.layout.counters);
    const order = orderClause(options.sort, this.layout.counters);
    const sql = `SELECT ${this.layout.columns} FROM ${this.layout.table}${where.sql}${order} LIMIT 1`;
    return this.read((statement) => {
      const row = statement(sql).get(...where.params) as Row | undefined;
      return row === undefined ? null : this.layout.document(row);
    });
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<StoredDocument[]> {
    const { sql, params } = this.select(filter, options);
    return this.read((statement) =>
      (statement(sql).all(...params) as Row[]).map((row) => this.layout.document(row)),
    );
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
    const where = whereClause(filter, this.layout.counters);
    const limit = options.limit === undefined ? '' : ` LIMIT ${Math.trunc(options.limit)}`;
    const order = orderClause(options.sort, this.layout.counters);
    return {
      sql: `SELECT ${this.layout.columns} FROM ${this.layout.table}${where.sql}${order}${limit}`,
      params: where.params,
    };
  }

  async count(filter: Filter): Promise<number> {
    const where = whereClause(filter, this.layout.counters);
    const sql = `SELECT count(*) AS n FROM ${this.layout.table}${where.sql}`;
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
      return row === undefined ? null : this.layout.document(row);
    });
  }

  async replaceOne(
    filter: Filter,
    document: StoredDocument,
    options: { upsert?: boolean } = {},
  ): Promise<boolean> {
    const values = this.layout.values(document);
    const [_id, ...rest] = values;
    // Every column but `_id`, replaced: `doc = ?, "lastSeq" = ?, ...`.
    const replacement = this.layout.stored.map((column) => `${column} = ?`).join(', ');
    return this.write(() =>
      this.guard(() => {
        if (options.upsert === true && Object.keys(filter).length === 0) {
          // Whatever is stored under this key is replaced: one statement.
          const excluded = this.layout.stored.map((column) => `${column} = excluded.${column}`).join(', ');
          this.run(`${this.layout.insert} ON CONFLICT (_id) DO UPDATE SET ${excluded}`, values);
          return true;
        }
        return this.database.atomically(() => {
          const where = whereClause({ ...filter, _id: _id as string }, this.layout.counters);
          const replaced = this.run(`UPDATE ${this.layout.table} SET ${replacement}${where.sql}`, [
            ...rest,
            ...where.params,
          ]);
          if (replaced.changes === 1) return true;
          if (options.upsert !== true) return false;
          // No match: insert, which is a duplicate key when the `_id` exists but the filter failed.
          this.run(this.layout.insert, values);
          return true;
        });
      }),
    );
  }

  async deleteMany(filter: Filter): Promise<number> {
    const where = whereClause(filter, this.layout.counters);
    return this.write(() => this.run(`DELETE FROM ${this.layout.table}${where.sql}`, where.params).changes);
  }

  /** The first match in `sort` order, updated in one statement; its row as updated. */
  private updateFirst(filter: Filter, update: Update, sort: Sort | undefined): Row | undefined {
    const set = updateAssignments(update, this.layout.counters);
    const where = whereClause(filter, this.layout.counters);
    // With an `_id`, at most one row matches: the plain UPDATE is the whole job. Otherwise the first
    // match is picked in a sub-select over the same condition (stock SQLite has no UPDATE ... LIMIT).
    const byId = typeof filter._id === 'string';
    const target = byId
      ? where.sql
      : ` WHERE _id = (SELECT _id FROM ${this.layout.table}${where.sql}${orderClause(sort, this.layout.counters)} LIMIT 1)`;
    return this.database
      .statement(`UPDATE ${this.layout.table} SET ${set.sql}${target} RETURNING ${this.layout.columns}`)
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
