import type { ClientSession, Db, IndexDescription } from 'mongodb';
import { collectionLookup } from '../driver.js';
import type { CollectionSpec, Driver, IndexSpec, StoredDocument } from '../driver.js';
import { MongoCollection } from './mongoCollection.js';
import { loadMongoLibrary } from './mongoLibrary.js';

export interface MongoDriverOptions {
  uri: string;
  dbName: string;
}

/** Connects, creates the declared indexes (a no-op when they exist) and hands out collections. */
export async function openMongoDriver(
  specs: readonly CollectionSpec[],
  options: MongoDriverOptions,
): Promise<Driver> {
  // ignoreUndefined: an undefined field is left out, never stored as null.
  const { MongoClient, MongoServerError } = await loadMongoLibrary();
  const client = new MongoClient(options.uri, { ignoreUndefined: true });
  try {
    await client.connect();
    const db = client.db(options.dbName);
    await Promise.all(specs.map((spec) => createIndexes(db, spec)));
    const collectionsIn = (session?: ClientSession) =>
      new Map(
        specs.map((spec) => [
          spec.name,
          new MongoCollection(db.collection<StoredDocument>(spec.name), MongoServerError, session),
        ]),
      );
    return {
      kind: 'mongodb',
      collection: collectionLookup(collectionsIn()),
      // withTransaction commits, or retries the work after a transient conflict (two transactions
      // on one document), or aborts and rethrows its error.
      transaction: (work) =>
        client.withSession((session) =>
          session.withTransaction(() => work(collectionLookup(collectionsIn(session)))),
        ),
      async ping() {
        await db.command({ ping: 1 });
      },
      async close() {
        await client.close();
      },
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}

async function createIndexes(db: Db, spec: CollectionSpec): Promise<void> {
  if (spec.indexes.length === 0) return;
  await db.collection(spec.name).createIndexes(spec.indexes.map(indexDescription));
}

function indexDescription(index: IndexSpec): IndexDescription {
  const key = Object.fromEntries(index.fields.map((field) => [field, 1 as const]));
  const description: IndexDescription = { key, unique: index.unique === true };
  if (index.onlyWhenPresent === true) {
    // A partial index, not `sparse`: it is what MongoDB recommends, and the only form that also
    // works for compound keys.
    description.partialFilterExpression = Object.fromEntries(
      index.fields.map((field) => [field, { $exists: true }]),
    );
  }
  return description;
}
