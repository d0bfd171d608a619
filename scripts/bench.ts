/**
 * What a turn through POST /api/messages (the Emulator's way, `expectReplies`) costs the server:
 * its CPU time per turn and its memory, read from /proc/<pid> of the server process, for an
 * answered question and a case-status lookup (sample provider), with a fresh data folder and with
 * `--stored` conversations on record; next to the floor measured in the same run, a bare restify
 * route taking and answering the same requests. Also latency (p50/p99), and start-up as an operator
 * sees it: `node dist/bot/main.js` (what `npm start` runs, built first) from spawn to "listening"
 * and to "ready" (the answer engine trains after it listens), in wall time and in the process's
 * CPU time (which a busy machine does not inflate). Prints
 * figures; asserts nothing.
 *
 * The turns are measured once the server is warm: `--warmup` questions (and half as many case
 * lookups) first, on the floor too. V8 keeps compiling the turn's code for the first thousands
 * of turns (its optimising compiler runs on threads of the process, so its work is in the CPU
 * read from /proc): the first 1,000 turns after a start cost 1 to 3.5 ms more each than the
 * turns measured after 3,000 (nine runs, load 3 to 10 on two cores). The warm-up's CPU per turn
 * is printed by the thousand, so that cost is seen, not hidden.
 *
 *   npm run bench [-- --stored 20000 --turns 600 --warmup 3000 --concurrency 10 --profile]
 *
 * `--profile` adds a profiled pass of each kind of turn (the server's V8 profiler on, through its
 * inspector, for that pass only; the figures above come from the unprofiled pass) and profiles each
 * start-up; it prints the top 10 functions by self time of each and writes the profiles to
 * .tmp/prof (open them in Chrome DevTools).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommandLine } from './lib/commandLine.js';
import { formatTop, topFunctions, type CpuProfile } from './lib/cpuProfile.js';
import { askBot } from './lib/inProcessApp.js';
import { percentile } from './lib/percentile.js';
import {
  measureStartup as measureProcessStartup,
  serviceStartupRun,
  type StartupTiming,
} from './lib/startupTiming.js';
import { startServerProcess, reportListening, type ServerProcess } from './lib/serverProcess.js';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROFILE_DIR = path.join(REPO_ROOT, '.tmp/prof');

const command = new CommandLine(
  'bench',
  'usage: npm run bench -- [--stored 20000] [--turns 600] [--warmup 3000] [--concurrency 10] [--profile]',
);
const args = command.options({
  stored: { type: 'string', default: '20000' },
  turns: { type: 'string', default: '600' },
  warmup: { type: 'string', default: '3000' },
  concurrency: { type: 'string', default: '10' },
  profile: { type: 'boolean', default: false },
  role: { type: 'string', default: 'main' },
  'data-dir': { type: 'string' },
});
const stored = command.integer('stored', args.stored, 0);
const turns = command.integer('turns', args.turns);
const warmup = command.integer('warmup', args.warmup, 0);
/** The warm-up's CPU per turn is printed for each run of this many questions. */
const WARMUP_CHUNK = 1_000;
const concurrency = command.integer('concurrency', args.concurrency);

/** Questions the articles answer, in the visitor's own words; each conversation keeps to one language. */
const QUESTIONS: Record<'en-US' | 'es-US', string[]> = {
  'en-US': [
    'How do I make an online account with USCIS?',
    'Which phone number do I dial to speak with the USCIS Contact Center?',
    'How long is USCIS taking these days to process a work permit?',
    'I lost my green card and travel next week, how do I get a temporary stamp in my passport?',
  ],
  'es-US': [
    '¿Qué número marco para comunicarme con el Centro de Contacto de USCIS?',
    'No puedo ir a mi cita de huellas digitales, ¿cómo la cambio?',
    'Perdí mi tarjeta verde y viajo pronto, ¿cómo consigo un sello temporal en el pasaporte?',
    'Tengo un compromiso el día de mi entrevista de ciudadanía, ¿la puedo pasar a otra fecha?',
  ],
};
/** A receipt number the sample provider knows. */
const CASE_STATUS = {
  'en-US': 'What is the status of EAC9999103402?',
  'es-US': '¿Cuál es el estado de EAC9999103402?',
};

type Kind = 'question' | 'case status';

function message(
  kind: Kind,
  conversation: number,
  turn: number,
): { text: string; locale: 'en-US' | 'es-US' } {
  const locale = conversation % 2 === 0 ? 'en-US' : 'es-US';
  if (kind === 'case status') return { text: CASE_STATUS[locale], locale };
  const list = QUESTIONS[locale];
  return { text: list[(conversation + turn) % list.length] as string, locale };
}

// ------------------------------------------------------------------------------------------------
// The servers, each in its own process.

async function runProductServer(dataDir: string): Promise<void> {
  const { startInProcessApp } = await import('./lib/inProcessApp.js');
  const started = performance.now();
  // One address sends everything: the per-address limits of the Emulator mode would measure themselves.
  const running = await startInProcessApp({
    tempPrefix: 'va-bench-',
    dataDir,
    env: {
      LOG_LEVEL: 'warn',
      WIDGET_IP_MESSAGES_PER_MINUTE: '1000000',
      WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000000',
    },
  });
  reportListening(running.port, performance.now() - started, () => running.stop());
}

/** The floor: restify, the same JSON body parsing, and a reply of about the same size; no bot. */
async function runBareRoute(): Promise<void> {
  const restify = await import('restify');
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    const activity = req.body as { text?: string; conversation?: { id?: string } };
    res.send(200, {
      activities: [
        {
          type: 'message',
          text: `echo: ${activity.text ?? ''}`.repeat(4),
          conversation: activity.conversation,
          channelData: { answer: { articleId: 'x', locale: 'en', score: 0.9 } },
          suggestedActions: { actions: [{ type: 'imBack', title: 'Yes', value: 'Yes' }], to: [] },
        },
      ],
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  reportListening(server.address().port, 0, async () => {
    server.close();
  });
}

// ------------------------------------------------------------------------------------------------
// The load, from this process.

interface Measured {
  cpuMsPerTurn: number;
  p50: number;
  p99: number;
  answered: number;
  rssMb: number;
}

async function drive(server: ServerProcess, kind: Kind, count: number, prefix: string): Promise<Measured> {
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const latencies: number[] = [];
  let answered = 0;
  let next = 0;
  const cpuBefore = server.cpuMs();
  await Promise.all(
    Array.from({ length: concurrency }, async (_unused, worker) => {
      for (let turn = 0; next < count; turn += 1) {
        next += 1;
        const { text, locale } = message(kind, worker, turn);
        const started = performance.now();
        const { status, replies } = await askBot(baseUrl, {
          conversationId: `${prefix}-${worker}`,
          from: `bench-${prefix}-${worker}`,
          locale,
          text,
        });
        latencies.push(performance.now() - started);
        if (status !== 200) throw new Error(`HTTP ${status}`);
        if (replies.length > 0) answered += 1;
      }
    }),
  );
  const cpuMs = server.cpuMs() - cpuBefore;
  return {
    cpuMsPerTurn: cpuMs / count,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    answered,
    rssMb: server.rssMb(),
  };
}

/**
 * `warmup` questions on `server`, then half as many case lookups when the server looks cases up
 * (the floor does not), none measured; returns the CPU per question of each run of
 * `WARMUP_CHUNK` questions (how a turn's cost falls while V8 compiles its code).
 */
async function warmUp(server: ServerProcess, kinds: readonly Kind[]): Promise<number[]> {
  const perChunk: number[] = [];
  for (let done = 0; done < warmup; done += WARMUP_CHUNK) {
    const count = Math.min(WARMUP_CHUNK, warmup - done);
    perChunk.push((await drive(server, 'question', count, `warm-${done}`)).cpuMsPerTurn);
  }
  if (kinds.includes('case status') && warmup > 0) {
    await drive(server, 'case status', Math.ceil(warmup / 2), 'warm-case');
  }
  return perChunk;
}

/** Spawn to "listening" and to "ready" (the answer engine trains after it listens). */
type Startup = StartupTiming;

interface Scenario {
  label: string;
  /** The store file's size once seeded (before the run). */
  storeMb: number;
  /** The first start on the folder (it loads the articles into the store), then a restart. */
  firstStart: Startup;
  restart: Startup;
  /** RSS after the measured turns and two full garbage collections, in MB. */
  liveRssMb: number;
  /** CPU per question of each run of `WARMUP_CHUNK` warm-up questions. */
  warmup: number[];
  results: Record<Kind, Measured>;
  profiles: string[];
}

/**
 * `node dist/bot/main.js` on `dataDir`, from spawn until it logs that it listens and that it is
 * ready (the answer engine trained); then stopped
 * (SIGTERM, the graceful stop). With `profileName`, under `--cpu-prof` (the whole life of the
 * process, which is nearly all start-up).
 */
async function measureStartup(dataDir: string, profileName?: string): Promise<Startup> {
  const profiling = profileName
    ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${profileName}`]
    : [];
  return measureProcessStartup(
    serviceStartupRun(path.join(REPO_ROOT, 'dist/bot/main.js'), REPO_ROOT, dataDir, profiling),
  );
}

/** The top of a profile, printed under `title` (the file is kept in .tmp/prof). */
function profileTop(title: string, profile: CpuProfile): string {
  return formatTop(title, topFunctions(profile, 10));
}

async function measureProduct(label: string, storedConversations: number): Promise<Scenario> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'va-bench-'));
  const tag = storedConversations > 0 ? `stored-${storedConversations}` : 'fresh';
  const profiles: string[] = [];
  try {
    if (storedConversations > 0) {
      const { openStore } = await import('../bot/storage/openStore.js');
      const { seedConversations } = await import('./lib/seedConversations.js');
      const store = await openStore({ kind: 'embedded', dataDir });
      try {
        await seedConversations(store, storedConversations);
      } finally {
        await store.close();
      }
    }
    const storeMb =
      storedConversations > 0 ? (await stat(path.join(dataDir, 'store.sqlite'))).size / 1024 / 1024 : 0;
    const firstStart = await measureStartup(dataDir);
    const restart = await measureStartup(dataDir, args.profile ? `startup-${tag}.cpuprofile` : undefined);
    if (args.profile) {
      const profile = JSON.parse(
        await readFile(path.join(PROFILE_DIR, `startup-${tag}.cpuprofile`), 'utf8'),
      ) as CpuProfile;
      profiles.push(profileTop(`${label}: start-up (node dist/bot/main.js until ready, then stop)`, profile));
    }
    const server = await startServerProcess(SCRIPT, ['--role', 'product', '--data-dir', dataDir]);
    try {
      // Code paths compiled, caches filled; measured by the thousand only.
      const warmupCosts = await warmUp(server, ['question', 'case status']);
      const question = await drive(server, 'question', turns, 'q');
      const caseStatus = await drive(server, 'case status', Math.ceil(turns / 2), 'c');
      // After the warm-up's thousands of turns the RSS holds garbage V8 collects when it likes:
      // the scenarios' memory is compared after a collection.
      const liveRssMb = await server.liveRssMb();
      if (args.profile) {
        for (const [kind, count, prefix] of [
          ['question', turns, 'pq'],
          ['case status', Math.ceil(turns / 2), 'pc'],
        ] as const) {
          const file = path.join(PROFILE_DIR, `${tag}-${kind.replace(' ', '-')}.cpuprofile`);
          const { profile } = await server.profile(file, () => drive(server, kind, count, prefix));
          profiles.push(profileTop(`${label}: ${kind} turns (profiled pass)`, profile));
        }
      }
      return {
        label,
        storeMb,
        firstStart,
        restart,
        liveRssMb,
        warmup: warmupCosts,
        results: { question, 'case status': caseStatus },
        profiles,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measureFloor(): Promise<Measured> {
  const server = await startServerProcess(SCRIPT, ['--role', 'bare']);
  try {
    await warmUp(server, ['question']);
    return await drive(server, 'question', turns, 'q');
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  if (args.role === 'product') return runProductServer(args['data-dir'] ?? command.usageError('--data-dir'));
  if (args.role === 'bare') return runBareRoute();

  // Start-up is measured on what `npm start` runs: the built service.
  await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs'), '--quiet'], {
    cwd: REPO_ROOT,
  });
  if (args.profile) await mkdir(PROFILE_DIR, { recursive: true });
  process.stdout.write(
    `bench — POST /api/messages (expectReplies), ${concurrency} conversations at a time, ${turns} questions and ` +
      `${Math.ceil(turns / 2)} case-status lookups per scenario after ${warmup} questions and ${Math.ceil(warmup / 2)} ` +
      `lookups to warm up (the floor too); server CPU from /proc/<pid>; node ${process.version}, ` +
      `${os.cpus().length} CPUs\n\n`,
  );
  const scenarios = [await measureProduct('fresh data folder', 0)];
  if (stored > 0) scenarios.push(await measureProduct(`${stored} conversations stored`, stored));
  const floor = await measureFloor();

  const rows: string[][] = [['', 'CPU/turn', 'p50', 'p99', 'RSS after', 'answered']];
  const startup = (figures: Startup) =>
    `listening ${figures.wallMs.toFixed(0)} ms (CPU ${figures.cpuMs.toFixed(0)} ms, RSS ${figures.rssMb.toFixed(0)} MB), ` +
    `ready ${figures.readyWallMs.toFixed(0)} ms (CPU ${figures.readyCpuMs.toFixed(0)} ms)`;
  for (const scenario of scenarios) {
    rows.push([
      `${scenario.label}${scenario.storeMb > 0 ? `, store.sqlite ${scenario.storeMb.toFixed(1)} MB` : ''}: ` +
        `first start ${startup(scenario.firstStart)}, restart ${startup(scenario.restart)}`,
    ]);
    rows.push([`  RSS after the turns and a full garbage collection: ${scenario.liveRssMb.toFixed(0)} MB`]);
    if (scenario.warmup.length > 0) {
      rows.push([
        `  warm-up, CPU per question: ` +
          scenario.warmup
            .map((cost, chunk) => {
              const first = chunk * WARMUP_CHUNK + 1;
              return `turns ${first}–${Math.min(first + WARMUP_CHUNK - 1, warmup)} ${cost.toFixed(2)} ms`;
            })
            .join(', '),
      ]);
    }
    for (const kind of ['question', 'case status'] as const) {
      const result = scenario.results[kind];
      rows.push([
        `  ${kind}`,
        `${result.cpuMsPerTurn.toFixed(2)} ms`,
        `${result.p50.toFixed(1)} ms`,
        `${result.p99.toFixed(1)} ms`,
        `${result.rssMb.toFixed(0)} MB`,
        `${result.answered}`,
      ]);
    }
  }
  rows.push([
    'floor: bare restify route',
    `${floor.cpuMsPerTurn.toFixed(2)} ms`,
    `${floor.p50.toFixed(1)} ms`,
    `${floor.p99.toFixed(1)} ms`,
    `${floor.rssMb.toFixed(0)} MB`,
    `${floor.answered}`,
  ]);
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.filter((row) => row.length > 1).map((row) => row[column]?.length ?? 0)),
  );
  for (const row of rows) {
    if (row.length === 1) process.stdout.write(`${row[0]}\n`);
    else
      process.stdout.write(
        `${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('   ')}\n`,
      );
  }
  const [fresh, full] = scenarios;
  if (fresh && full) {
    const ratio = full.results.question.cpuMsPerTurn / fresh.results.question.cpuMsPerTurn;
    process.stdout.write(
      `\nwith ${stored} stored: CPU per question ${ratio.toFixed(2)}× the fresh folder's; RSS after the run and a ` +
        `full garbage collection ${(full.liveRssMb - fresh.liveRssMb).toFixed(0)} MB above it\n`,
    );
  }
  for (const scenario of scenarios) {
    for (const top of scenario.profiles) process.stdout.write(`\n${top}\n`);
  }
  if (args.profile) process.stdout.write(`\nProfiles: ${path.relative(REPO_ROOT, PROFILE_DIR)}/\n`);
  process.stdout.write(
    '\nOther benchmarks: npm run bench:startup (start-up, median of several, next to its floor), npm run bench:search\n(answer engine alone), npm run bench:socket (widget channel), npm run bench:handoff (live-agent relay).\n',
  );
}

await command.run(main);
