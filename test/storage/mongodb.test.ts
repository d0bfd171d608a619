import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, it } from 'vitest';
import { openStore } from '../../bot/storage/openStore.js';
import { describeRetentionContract } from './retentionContract.js';
import { describeStoreContract } from './storeContract.js';

const uri = process.env.MONGODB_URI;

if (uri === undefined || uri === '') {
  console.warn('MongoDB contract suite skipped: MONGODB_URI is not set');
  describe.skip('Store contract: mongodb (skipped: MONGODB_URI is not set)', () => {
    it('needs a MongoDB server', () => undefined);
  });
} else {
  // One prefix per run, one database per test: tests never see each other's data.
  const prefix = `va_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dbNames: string[] = [];

  const openFresh = () => {
    const dbName = `${prefix}_${dbNames.length}`;
    dbNames.push(dbName);
    return openStore({ kind: 'mongodb', uri, dbName });
  };
  describeStoreContract('mongodb', openFresh);
  describeRetentionContract('mongodb', openFresh);

  afterAll(async () => {
    const client = await MongoClient.connect(uri);
    try {
      await Promise.all(dbNames.map((name) => client.db(name).dropDatabase()));
    } finally {
      await client.close();
    }
  });
}
