import { access, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { collectionLookup } from '../driver.js';
import type { CollectionSpec, Driver } from '../driver.js';
import { lockDataDir } from './dataDirLock.js';
import { Datastore, NedbCollection } from './nedbCollection.js';

export interface NedbDriverOptions {
  dataDir: string;
  /** How often each data file is rewritten without its superseded lines (NeDB's minimum is 5 s). */
  compactionIntervalMs: number;
}

/**
 * Owner-only permissions: the files hold contact details, transcripts and password hashes.
 */
const MODES = { fileMode: 0o600, dirMode: 0o700 };

/** Opens (creating when needed) one `.db` file per collection under `dataDir`, with its indexes. */
export async function openNedbDriver(
  specs: readonly CollectionSpec[],
  options: NedbDriverOptions,
): Promise<Driver> {
  await mkdir(options.dataDir, { recursive: true, mode: MODES.dirMode });
  const lock = await lockDataDir(options.dataDir);
  // Independent files: loaded side by side. Compaction is scheduled only once all have loaded.
  let datastores: Map<string, Datastore>;
  try {
    datastores = new Map(
      await Promise.all(
        specs.map(async (spec) => [spec.name, await openDatastore(options.dataDir, spec)] as const),
      ),
    );
  } catch (error) {
    await lock.release();
    throw error;
  }
  const collections = new Map<string, NedbCollection>();
  for (const [name, datastore] of datastores) {
    datastore.setAutocompactionInterval(options.compactionIntervalMs);
    collections.set(name, new NedbCollection(name, datastore));
  }

  return {
    kind: 'embedded',
    collection: collectionLookup(collections),
    async ping() {
      // Every write appends to these files: a read-only or vanished directory is not ready.
      await access(options.dataDir, constants.W_OK);
      await Promise.all([...datastores.values()].map((datastore) => datastore.countAsync({})));
    },
    async close() {
      // Compaction goes through NeDB's queue, after every acknowledged write, and is crash-safe
      // (temporary file, fsync, rename): after it the files hold exactly the current state.
      await Promise.all(
        [...datastores.values()].map((datastore) => {
          datastore.stopAutocompaction();
          return datastore.compactDatafileAsync();
        }),
      );
      await lock.release();
    },
  };
}

async function openDatastore(dataDir: string, spec: CollectionSpec): Promise<Datastore> {
  const datastore = new Datastore({ filename: join(dataDir, `${spec.name}.db`), modes: MODES });
  await datastore.loadDatabaseAsync();
  for (const index of spec.indexes) {
    await datastore.ensureIndexAsync({
      // An array of one field is the plain single-field index to NeDB.
      fieldName: [...index.fields],
      unique: index.unique === true,
      sparse: index.onlyWhenPresent === true,
    });
  }
  return datastore;
}
