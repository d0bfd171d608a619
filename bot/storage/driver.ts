/**
 * The internal document-collection driver the typed stores are written against, once, for both
 * backends (the embedded SQLite file and MongoDB). It speaks a small part of the MongoDB query
 * language, which the SQLite driver translates to SQL with the same meaning (sqliteQuery.ts), so a
 * store behaves identically on either.
 *
 * Nothing outside bot/storage/ uses this module: the product sees only the ports.
 */
import type { StoreActivity, StoreKind } from './ports.js';

/** A stored document. `_id` is always a string: the record's natural key. */
export type StoredDocument = { _id: string } & Record<string, unknown>;

export type Scalar = string | number | boolean | null;

export interface Comparison {
  $in?: readonly Scalar[];
  $lt?: Scalar;
  $lte?: Scalar;
  $gt?: Scalar;
  $gte?: Scalar;
}

/** Field equality or comparison; all conditions must hold. */
export type Filter = Readonly<Record<string, Scalar | Comparison>>;

export interface Update {
  $set?: Readonly<Record<string, unknown>>;
  $inc?: Readonly<Record<string, number>>;
  $unset?: Readonly<Record<string, true>>;
}

export type Sort = Readonly<Record<string, 1 | -1>>;

export interface FindOptions {
  sort?: Sort;
  limit?: number;
}

export interface IndexSpec {
  /** Ascending, in this order. */
  fields: readonly string[];
  unique?: boolean;
  /**
   * Index only documents where the (single) field exists: a MongoDB partial index on `$exists`;
   * in SQLite a missing field is NULL, which a unique index never counts. With `unique`, that is
   * "unique among the documents that have it".
   */
  onlyWhenPresent?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: readonly IndexSpec[];
  /**
   * Numeric fields bumped far more often than the rest of the document changes (a conversation's
   * sequence numbers). The embedded store keeps each in a column of its own beside the document,
   * so bumping one rewrites neither the document nor any index over it; a counter is a number or
   * missing, never null. MongoDB documents are documents: nothing changes there.
   */
  counters?: readonly string[];
}

export interface Collection {
  /** `DuplicateKeyError` on a unique index violation (including `_id`). */
  insertOne(document: StoredDocument): Promise<void>;
  /** All of them in one statement, in order; `DuplicateKeyError` as `insertOne`, and then none is stored. */
  insertMany(documents: readonly StoredDocument[]): Promise<void>;
  findOne(filter: Filter, options?: { sort?: Sort }): Promise<StoredDocument | null>;
  find(filter: Filter, options?: FindOptions): Promise<StoredDocument[]>;
  count(filter: Filter): Promise<number>;
  /** Updates the first match; the filter is the compare-and-set condition. True when one matched. */
  updateOne(filter: Filter, update: Update): Promise<boolean>;
  /** Atomically updates the first match in `sort` order and returns it as updated; null when none matched. */
  findOneAndUpdate(filter: Filter, update: Update, options?: { sort?: Sort }): Promise<StoredDocument | null>;
  /** Replaces the first match (same `_id`); with `upsert`, inserts when none matches. True when written. */
  replaceOne(filter: Filter, document: StoredDocument, options?: { upsert?: boolean }): Promise<boolean>;
  /** Returns how many were deleted. */
  deleteMany(filter: Filter): Promise<number>;
  /**
   * How the backend answers `find(filter, options)` (the same condition selects what updates and
   * deletes touch): whether an index narrows it down, or every document is read. For the tests that
   * keep every query on a turn's path from growing with the data on record.
   */
  explain(filter: Filter, options?: FindOptions): Promise<QueryPlan>;
}

export interface QueryPlan {
  /** False when the backend reads the whole collection (or a whole index) to answer. */
  indexed: boolean;
  /** The backend's own description, for the failure message. */
  plan: string;
}

export interface Driver {
  readonly kind: StoreKind;
  /** A collection declared in the specs the driver was opened with. */
  collection(name: string): Collection;
  /**
   * Runs `work` as one atomic step over the collections it is given: all its writes or none
   * (a SQLite transaction; a MongoDB transaction, which needs the replica set the product already
   * requires). `work` may be run again after a transient conflict, so it does nothing but store
   * operations through `collection`; a store error it throws rolls everything back.
   */
  transaction<T>(work: (collection: (name: string) => Collection) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** What it has done since it opened, when it counts (the embedded file's driver does). */
  activity?(): StoreActivity;
  /** A self-check still running after the driver was handed out (the embedded file's): its verdict. */
  readonly checked?: Promise<void>;
}

/**
 * Both databases leave the order of ties unspecified, and differently: always end on `_id` so a
 * sort means the same thing on either backend.
 */
export function withIdTiebreak(sort: Sort | undefined): Sort | undefined {
  if (sort === undefined || '_id' in sort) return sort;
  return { ...sort, _id: 1 };
}

/** `filter` narrowed to one document: merged when it says nothing of `_id`, else both must hold. */
export function filterWithId(filter: Filter, _id: string): Filter | { $and: Filter[] } {
  return '_id' in filter ? { $and: [filter, { _id }] } : { ...filter, _id };
}

/** `Driver.collection` over the collections a driver opened. */
export function collectionLookup(collections: ReadonlyMap<string, Collection>): (name: string) => Collection {
  return (name) => {
    const collection = collections.get(name);
    if (collection === undefined) throw new Error(`Unknown collection ${name}`);
    return collection;
  };
}
