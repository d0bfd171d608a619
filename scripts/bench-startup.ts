/**
 * Start-up of what `npm start` runs (`node dist/bot/main.js`, built first), from spawn to
 * "listening" and to "ready" (the answer engine answers), with a fresh data folder and with
 * `--stored` conversations on record; next to the floor measured in the same run: Node starting a
 * bare restify server that listens. Each figure is the median of `--runs` restarts on the same
 * folder (after a first start, shown apart: it loads the articles into the store and trains), the
 * runs of the floor and of each scenario taken in turn so a busy machine weighs on all alike.
 * Wall time and the process's CPU time (which a busy machine does not inflate). Prints figures;
 * asserts nothing.
 *
 *   npm run bench:startup [-- --stored 20000 --runs 5] [--entry other/build/bot/main.js]
 *
 * `--entry`: measure another build of the service instead (an older commit's, for a before/after
 * on the same machine at the same time); nothing is built then.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CommandLine } from './lib/commandLine.js';
import { percentile } from './lib/percentile.js';
import {
  measureStartup,
  serviceStartupRun,
  type StartupRun,
  type StartupTiming,
} from './lib/startupTiming.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const command = new CommandLine(
  'bench:startup',
  'usage: npm run bench:startup -- [--stored 20000] [--runs 5] [--entry FILE]',
);
const args = command.options({
  stored: { type: 'string', default: '20000' },
  runs: { type: 'string', default: '5' },
  entry: { type: 'string' },
});
const entry = path.resolve(args.entry ?? path.join(REPO_ROOT, 'dist/bot/main.js'));
const stored = command.integer('stored', args.stored, 0);
const runs = command.integer('runs', args.runs);

/** The floor: Node, restify loaded from node_modules, a server listening on a free port. */
const FLOOR: StartupRun = {
  args: [
    '--input-type=module',
    '-e',
    "import restify from 'restify'; const server = restify.createServer(); " +
      "server.listen(0, '127.0.0.1', () => console.log('bare restify listening'));",
  ],
  cwd: REPO_ROOT,
  env: process.env,
  listening: 'bare restify listening',
};

function service(dataDir: string): StartupRun {
  return serviceStartupRun(entry, REPO_ROOT, dataDir);
}

interface Scenario {
  label: string;
  dataDir: string;
  storeMb: number;
  first: StartupTiming;
  restarts: StartupTiming[];
}

async function prepare(label: string, conversations: number): Promise<Scenario> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'va-bench-startup-'));
  if (conversations > 0) {
    const { openStore } = await import('../bot/storage/openStore.js');
    const { seedConversations } = await import('./lib/seedConversations.js');
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      await seedConversations(store, conversations);
    } finally {
      await store.close();
    }
  }
  const storeMb = conversations > 0 ? (await stat(path.join(dataDir, 'store.sqlite'))).size / 1024 / 1024 : 0;
  return { label, dataDir, storeMb, first: await measureStartup(service(dataDir)), restarts: [] };
}

const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
const range = (values: number[]) => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;

function describe(timings: StartupTiming[], withReady: boolean): string {
  const listening = `listening ${ms(median(timings.map((t) => t.wallMs)))} (CPU ${ms(median(timings.map((t) => t.cpuMs)))}; wall ${range(timings.map((t) => t.wallMs))})`;
  if (!withReady) return listening;
  return (
    `${listening}, ready ${ms(median(timings.map((t) => t.readyWallMs)))} ` +
    `(CPU ${ms(median(timings.map((t) => t.readyCpuMs)))}; wall ${range(timings.map((t) => t.readyWallMs))}), ` +
    `RSS at listening ${median(timings.map((t) => t.rssMb)).toFixed(0)} MB, at ready ${median(timings.map((t) => t.readyRssMb)).toFixed(0)} MB`
  );
}

async function main(): Promise<void> {
  if (args.entry === undefined) {
    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs'), '--quiet'], {
      cwd: REPO_ROOT,
    });
  }
  process.stdout.write(
    `bench:startup — node ${path.relative(REPO_ROOT, entry)} from spawn to "listening" and to "ready", median of ${runs} restarts; ` +
      `node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(1)}\n\n`,
  );
  const scenarios = [await prepare('fresh data folder', 0)];
  try {
    if (stored > 0) scenarios.push(await prepare(`${stored} conversations stored`, stored));
    const floor: StartupTiming[] = [];
    for (let run = 0; run < runs; run += 1) {
      floor.push(await measureStartup(FLOOR));
      for (const scenario of scenarios)
        scenario.restarts.push(await measureStartup(service(scenario.dataDir)));
    }
    process.stdout.write(`floor (node, bare restify listening): ${describe(floor, false)}\n`);
    for (const scenario of scenarios) {
      const size = scenario.storeMb > 0 ? `, store.sqlite ${scenario.storeMb.toFixed(1)} MB` : '';
      process.stdout.write(
        `${scenario.label}${size}:\n  restart: ${describe(scenario.restarts, true)}\n` +
          `  first start (loads the articles, trains): ${describe([scenario.first], true)}\n`,
      );
    }
    process.stdout.write(`\nload at the end ${os.loadavg()[0]?.toFixed(1)}\n`);
  } finally {
    for (const scenario of scenarios) await rm(scenario.dataDir, { recursive: true, force: true });
  }
}

await main();
