// Regenerates .env.example and the configuration table in README.md from bot/config/settings.ts.
// `--check` only compares, and exits 1 when either file is out of date (CI runs it).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEnvExample, renderSettingsTable } from '../bot/config/describeSettings.js';
import { CommandLine } from './lib/commandLine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const command = new CommandLine('config:docs', 'usage: npm run config:docs [-- --check]');
const { check } = command.options({ check: { type: 'boolean', default: false } });
const BEGIN = '<!-- settings:begin -->';
const END = '<!-- settings:end -->';

const envFile = path.join(root, '.env.example');
const readmeFile = path.join(root, 'README.md');
const env = renderEnvExample();
const readme = await readFile(readmeFile, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) command.fail(`README.md has no ${BEGIN} … ${END} block for the settings table`);
const newReadme = `${readme.slice(0, start + BEGIN.length)}\n${renderSettingsTable()}\n${readme.slice(end)}`;
const currentEnv = await readFile(envFile, 'utf8').catch(() => '');

if (check) {
  const stale = [currentEnv !== env && '.env.example', readme !== newReadme && 'README.md'].filter(Boolean);
  if (stale.length > 0)
    command.fail(`out of date with bot/config/settings.ts: ${stale.join(', ')} (run npm run config:docs)`);
  console.log('.env.example and README.md settings table are up to date');
} else {
  await writeFile(envFile, env);
  await writeFile(readmeFile, newReadme);
  console.log('wrote .env.example and the README settings table');
}
