// Imports a data folder written by the previous version (NeDB files, one per collection) into the
// embedded store. The service does the same at its first start; this command is for a folder
// whose files have unreadable lines (the service then refuses to start and names them):
//
//   npm run store:import [-- --set-aside-bad-lines]
//
// Every readable record is imported, counted and reported; with --set-aside-bad-lines the lines
// that are not records are kept in nedb-before-sqlite/bad-lines.jsonl (file, line, text). The old
// files are moved into nedb-before-sqlite/ unchanged.
import { describeImport, openEmbeddedDriver } from '../bot/storage/openStore.js';
import type { NedbImportSummary } from '../bot/storage/embedded/nedbImport.js';
import { CommandLine } from './lib/commandLine.js';

const command = new CommandLine('store:import', 'usage: npm run store:import -- [--set-aside-bad-lines]');
const values = command.options({ 'set-aside-bad-lines': { type: 'boolean' } });
const config = command.settings();

await command.run(async () => {
  if (config.store.kind !== 'embedded')
    throw new Error('the store is MongoDB (MONGODB_URI): nothing to import');
  let summary: NedbImportSummary | null = null;
  const driver = await openEmbeddedDriver(
    { dataDir: config.store.dataDir, setAsideBadLines: values['set-aside-bad-lines'] === true },
    { imported: (done) => (summary = done) },
  );
  await driver.close();
  process.stdout.write(
    `${summary === null ? `nothing to import in ${config.store.dataDir}` : describeImport(summary)}\n`,
  );
});
