// Puts a backup made by `npm run store:backup` in place of the embedded store. Stop the service
// first, then start it again:
//
//   npm run store:restore -- --from FILE
//
// The backup is checked before anything moves; the file it replaces is kept beside it
// (store.sqlite.replaced-<time>), never deleted.
import path from 'node:path';
import { restoreBackup } from '../bot/storage/embedded/restoreBackup.js';
import { EMBEDDED_STORE_FILE } from '../bot/storage/openStore.js';
import { CommandLine } from './lib/commandLine.js';

const command = new CommandLine('store:restore', 'usage: npm run store:restore -- --from FILE');
const values = command.options({ from: { type: 'string' } });
const backup = path.resolve(values.from ?? command.usageError('--from is required'));
const config = command.settings();

await command.run(async () => {
  if (config.store.kind !== 'embedded')
    throw new Error('the store is MongoDB (MONGODB_URI): restore it with mongorestore');
  const storeFile = path.join(config.store.dataDir, EMBEDDED_STORE_FILE);
  const replaced = await restoreBackup(backup, storeFile);
  process.stdout.write(
    `restored ${backup} to ${storeFile}${replaced === null ? '' : `; the replaced file is kept as ${replaced}`}\n`,
  );
});
