import nedb from '@seald-io/nedb';
import { DuplicateKeyError } from '../errors.js';
import { filterWithId, withIdTiebreak } from '../driver.js';
import type { Collection, Filter, FindOptions, Sort, StoredDocument, Update } from '../driver.js';

// The package is CommonJS whose typings declare an ES default export: at run time the default
// import is the Datastore class itself.
export const Datastore = nedb as unknown as typeof nedb.default;
export type Datastore = InstanceType<typeof Datastore<StoredDocument>>;

/** One NeDB datastore (one `.db` file) behind the driver interface. */
export class NedbCollection implements Collection {
  constructor(
    readonly name: string,
    private readonly datastore: Datastore,
  ) {}

  async insertOne(document: StoredDocument): Promise<void> {
    await this.guard(() => this.datastore.insertAsync(document));
  }

  async findOne(filter: Filter, options: { sort?: Sort } = {}): Promise<StoredDocument | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 });
    return first ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<StoredDocument[]> {
    let cursor = this.datastore.findAsync(filter);
    const sort = withIdTiebreak(options.sort);
    if (sort !== undefined) cursor = cursor.sort(sort);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return await cursor;
  }

  async count(filter: Filter): Promise<number> {
    return await this.datastore.countAsync(filter);
  }

  async updateOne(filter: Filter, update: Update): Promise<boolean> {
    const { numAffected } = await this.guard(() => this.datastore.updateAsync(filter, update, {}));
    return numAffected === 1;
  }

  /**
   * NeDB has no findAndModify. Find the first candidate, then update it with a filter that
   * re-checks the whole condition: NeDB runs operations one at a time, so that conditional update
   * is the atomic step. When it matched nothing, another caller took the candidate first: retry.
   * Every retry means someone else made progress, so this terminates.
   */
  async findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: { sort?: Sort } = {},
  ): Promise<StoredDocument | null> {
    for (;;) {
      const candidate = await this.findOne(filter, options);
      if (candidate === null) return null;
      const { numAffected, affectedDocuments } = await this.guard(() =>
        this.datastore.updateAsync(filterWithId(filter, candidate._id), update, {
          returnUpdatedDocs: true,
        }),
      );
      if (numAffected === 1 && affectedDocuments !== null) return affectedDocuments;
    }
  }

  async replaceOne(
    filter: Filter,
    document: StoredDocument,
    options: { upsert?: boolean } = {},
  ): Promise<boolean> {
    const { numAffected } = await this.guard(() =>
      this.datastore.updateAsync(filterWithId(filter, document._id), document, {
        upsert: options.upsert === true,
      }),
    );
    return numAffected === 1;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.datastore.removeAsync(filter, { multi: true });
  }

  /** NeDB reports a unique index violation as a plain Error tagged `errorType: 'uniqueViolated'`. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DuplicateKeyError(`Duplicate key in ${this.name}`, { collection: this.name });
      }
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && (error as Error & { errorType?: unknown }).errorType === 'uniqueViolated';
}
