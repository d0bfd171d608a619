import type {
  ClientSession,
  Collection as MongoNativeCollection,
  Filter as MongoFilter,
  Sort as MongoSort,
  UpdateFilter,
  WithoutId,
} from 'mongodb';
import { DuplicateKeyError } from '../errors.js';
import type { MongoLibrary } from './mongoLibrary.js';
import { filterWithId, withIdTiebreak } from '../driver.js';
import type { Collection, Filter, FindOptions, QueryPlan, Sort, StoredDocument, Update } from '../driver.js';

const DUPLICATE_KEY = 11000;

/**
 * One MongoDB collection behind the driver interface; with `session`, every operation is part of
 * that session's transaction (`Driver.transaction`).
 */
export class MongoCollection implements Collection {
  private readonly session: { session?: ClientSession };

  constructor(
    private readonly collection: MongoNativeCollection<StoredDocument>,
    /** The driver's server error class (the library is loaded only when MongoDB is used). */
    private readonly serverError: MongoLibrary['MongoServerError'],
    session?: ClientSession,
  ) {
    this.session = session === undefined ? {} : { session };
  }

  async insertOne(document: StoredDocument): Promise<void> {
    await this.guard(() => this.collection.insertOne(document, this.session));
  }

  async insertMany(documents: readonly StoredDocument[]): Promise<void> {
    if (documents.length === 0) return;
    // Ordered: the first duplicate stops the rest; inside a transaction, that aborts all of it.
    await this.guard(() => this.collection.insertMany([...documents], { ordered: true, ...this.session }));
  }

  async findOne(filter: Filter, options: { sort?: Sort } = {}): Promise<StoredDocument | null> {
    return this.collection.findOne(asFilter(filter), { ...sortOption(options.sort), ...this.session });
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<StoredDocument[]> {
    let cursor = this.collection.find(asFilter(filter), { ...sortOption(options.sort), ...this.session });
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return cursor.toArray();
  }

  /** MongoDB's winning plan: a `COLLSCAN` stage reads the whole collection. */
  async explain(filter: Filter, options: FindOptions = {}): Promise<QueryPlan> {
    let cursor = this.collection.find(asFilter(filter), { ...sortOption(options.sort), ...this.session });
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    const explained = (await cursor.explain('queryPlanner')) as { queryPlanner?: { winningPlan?: unknown } };
    const plan = JSON.stringify(explained.queryPlanner?.winningPlan ?? explained);
    return { indexed: !plan.includes('COLLSCAN'), plan };
  }

  async count(filter: Filter): Promise<number> {
    return this.collection.countDocuments(asFilter(filter), this.session);
  }

  async updateOne(filter: Filter, update: Update): Promise<boolean> {
    const result = await this.guard(() =>
      this.collection.updateOne(asFilter(filter), asUpdate(update), this.session),
    );
    return result.matchedCount === 1;
  }

  async findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: { sort?: Sort } = {},
  ): Promise<StoredDocument | null> {
    return this.guard(() =>
      this.collection.findOneAndUpdate(asFilter(filter), asUpdate(update), {
        ...sortOption(options.sort),
        returnDocument: 'after',
        includeResultMetadata: false,
        ...this.session,
      }),
    );
  }

  async replaceOne(
    filter: Filter,
    document: StoredDocument,
    options: { upsert?: boolean } = {},
  ): Promise<boolean> {
    // The replacement keeps its `_id` (allowed when unchanged) so an upsert inserts that key.
    const replacement = document as WithoutId<StoredDocument>;
    const result = await this.guard(() =>
      this.collection.replaceOne(asFilter(filterWithId(filter, document._id)), replacement, {
        upsert: options.upsert === true,
        ...this.session,
      }),
    );
    return result.matchedCount + result.upsertedCount === 1;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const result = await this.collection.deleteMany(asFilter(filter), this.session);
    return result.deletedCount;
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof this.serverError && error.code === DUPLICATE_KEY) {
        const name = this.collection.collectionName;
        throw new DuplicateKeyError(`Duplicate key in ${name}`, { collection: name });
      }
      throw error;
    }
  }
}

/** Our filter and update subsets are valid MongoDB; the driver's generic types cannot see that. */
function asFilter(filter: Filter | { $and: Filter[] }): MongoFilter<StoredDocument> {
  return filter;
}

function asUpdate(update: Update): UpdateFilter<StoredDocument> {
  return update as UpdateFilter<StoredDocument>;
}

function sortOption(sort: Sort | undefined): { sort?: MongoSort } {
  const withTiebreak = withIdTiebreak(sort);
  return withTiebreak === undefined ? {} : { sort: { ...withTiebreak } };
}
