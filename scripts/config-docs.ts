// Regenerates .env.example and the configuration table in README.md from bot/config/settings.ts.
// `--check` only compares, and exits 1 when either file is out of date (CI runs it).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEnvExample, renderSettingsTable } from '../bot/config/describeSettings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const BEGIN = '<!-- settings:begin -->';
const END = '<!-- settings:end -->';

const envFile = path.join(root, '.env.example');
const readmeFile = path.join(root, 'README.md');
const env = renderEnvExample();
const readme = await readFile(readmeFile, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md has no ${BEGIN} … ${END} block for the settings table`);
  process.exit(1);
}
const newReadme = `${readme.slice(0, start + BEGIN.length)}\n${renderSettingsTable()}\n${readme.slice(end)}`;
const currentEnv = await readFile(envFile, 'utf8').catch(() => '');

if (check) {
  const stale = [currentEnv !== env && '.env.example', readme !== newReadme && 'README.md'].filter(Boolean);
  if (stale.length > 0) {
    console.error(`Out of date with bot/config/settings.ts: ${stale.join(', ')} (run npm run config:docs)`);
    process.exit(1);
  }
  console.log('.env.example and README.md settings table are up to date');
} else {
  await writeFile(envFile, env);
  await writeFile(readmeFile, newReadme);
  console.log('wrote .env.example and the README settings table');
}
