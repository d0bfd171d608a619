// Copies the embedded store to one file while the service runs (SQLite's online backup):
//
//   npm run store:backup -- --to FILE
//
// The copy is consistent (one moment of the store, every acknowledged write before it) and is
// itself a store file: `npm run store:restore -- --from FILE` puts it back. With MONGODB_URI, use
// MongoDB's own tools (mongodump) instead.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { openEmbeddedDriver } from '../bot/storage/openStore.js';
import { CommandLine } from './lib/commandLine.js';

const command = new CommandLine('store:backup', 'usage: npm run store:backup -- --to FILE');
const values = command.options({ to: { type: 'string' } });
const destination = path.resolve(values.to ?? command.usageError('--to is required'));
const config = command.settings();

await command.run(async () => {
  if (config.store.kind !== 'embedded')
    throw new Error('the store is MongoDB (MONGODB_URI): back it up with mongodump');
  if (
    await stat(destination).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`${destination} exists: name a new file`);
  const driver = await openEmbeddedDriver({ dataDir: config.store.dataDir });
  try {
    await driver.backup(destination);
  } finally {
    await driver.close();
  }
  const { size } = await stat(destination);
  process.stdout.write(
    `backed up ${config.store.dataDir} to ${destination} (${(size / 1024 / 1024).toFixed(1)} MB)\n`,
  );
});
