// npm run bench:socket [-- --visitors 500 --questions 5 --warmup 2000 --bot assistant|echo]
//
// N simulated visitors connect to the widget's Socket.IO channel and each asks questions one
// after another, as people do. Measured: round-trip latency (question sent → first reply
// received) p50/p99, questions answered per second, and the server's memory per connected
// visitor. The same run against a bare Socket.IO echo server (same events, no bot, no store)
// gives the floor to compare with. Each server runs in its own child process, so the visitors'
// sockets are not counted in its memory and do not share its event loop. Each server first answers
// `--warmup` questions (V8 compiles the turn's code over thousands of turns, on threads of the
// process whose CPU is counted), then the measured visitors connect.
//
// Prints figures; asserts nothing (times depend on the machine).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { createServer } from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { ActivityHandler, ActivityTypes } from 'botbuilder';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  ChatMessage,
  ClientToServerEvents,
  SendMessagePayload,
  ServerToClientEvents,
  SessionInfo,
} from '../contracts/visitorEvents.js';
import { CommandLine } from './lib/commandLine.js';
import { percentile } from './lib/percentile.js';
import { procCpuMs, procRssMb } from './lib/serverProcess.js';

const SCRIPT = fileURLToPath(import.meta.url);

type Role = 'main' | 'product-server' | 'echo-server';
type ServerMessage = { type: 'listening'; port: number } | { type: 'memory'; heapUsed: number; rss: number };

interface Options {
  visitors: number;
  questions: number;
  /** Questions answered before the measured visitors connect. */
  warmup: number;
  bot: 'assistant' | 'echo';
  connectConcurrency: number;
  /** Conversations on record before the product starts (seeded into its data folder). */
  stored: number;
  dataDir?: string;
}

const command = new CommandLine(
  'bench:socket',
  'usage: npm run bench:socket -- [--visitors 500] [--questions 5] [--warmup 2000] [--bot assistant|echo] [--connect-concurrency 50] [--stored 0]',
);

function parseOptions(): Options & { role: Role } {
  const values = command.options({
    role: { type: 'string', default: 'main' },
    visitors: { type: 'string', default: '500' },
    questions: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2000' },
    bot: { type: 'string', default: 'assistant' },
    'connect-concurrency': { type: 'string', default: '50' },
    stored: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
  });
  const { role, bot } = values;
  if (bot !== 'assistant' && bot !== 'echo') return command.usageError('--bot must be "assistant" or "echo"');
  if (role !== 'main' && role !== 'product-server' && role !== 'echo-server')
    return command.usageError(`unknown --role "${role}"`);
  return {
    role,
    visitors: command.integer('visitors', values.visitors),
    questions: command.integer('questions', values.questions),
    warmup: command.integer('warmup', values.warmup, 0),
    bot,
    connectConcurrency: command.integer('connect-concurrency', values['connect-concurrency']),
    stored: command.integer('stored', values.stored, 0),
    ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
  };
}

/** A visitor waits this long after the last message before asking again. */
const THINK_MS = 100;

const QUESTIONS: Array<{ text: string; locale: 'en' | 'es' }> = [
  { text: 'How do I check my case status?', locale: 'en' },
  { text: 'What are your phone hours?', locale: 'en' },
  { text: '¿Cómo cambio mi dirección?', locale: 'es' },
  { text: 'How do I make an appointment at a field office?', locale: 'en' },
  { text: '¿Cuánto tiempo tarda mi solicitud?', locale: 'es' },
];

// ------------------------------------------------------------------------------------------------
// Child processes: the servers under test. They report their port, and their memory on request
// (after a full GC, so the figure is live memory, not garbage waiting to be collected).

function reportMemoryOnRequest(stop: () => Promise<void> = async () => {}): void {
  process.on('message', (message) => {
    if (message !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    process.send?.({ type: 'memory', heapUsed: usage.heapUsed, rss: usage.rss } satisfies ServerMessage);
  });
  // The main process is done with this server: stop it, then end the child.
  process.on('disconnect', () => {
    void stop().finally(() => process.exit(0));
  });
}

/** A minimal bot for `--bot echo`: the channel's own cost, without the assistant's work. */
class BenchEchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: `echo: ${context.activity.text ?? ''}`,
      });
      await next();
    });
  }
}

async function runProductServer(options: Options): Promise<void> {
  // Imported here: the visitors' process and the echo server do not load the product.
  const { startInProcessApp } = await import('./lib/inProcessApp.js');
  const limit = String(options.visitors * (options.questions + 10) * 10);
  const running = await startInProcessApp({
    tempPrefix: 'va-bench-',
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    env: {
      LOG_LEVEL: 'warn',
      BOTFRAMEWORK_ENABLED: 'false',
      // Every simulated visitor comes from 127.0.0.1: the per-IP limits would stop the benchmark.
      WIDGET_MESSAGES_PER_MINUTE: limit,
      WIDGET_IP_MESSAGES_PER_MINUTE: limit,
      WIDGET_IP_CONVERSATIONS_PER_MINUTE: limit,
      WIDGET_EVENTS_PER_MINUTE: limit,
    },
    overrides: options.bot === 'echo' ? { bot: new BenchEchoBot() } : {},
  });
  reportMemoryOnRequest(() => running.stop());
  process.send?.({ type: 'listening', port: running.port } satisfies ServerMessage);
}

/** The floor: Socket.IO with the same events and the same amount of data, and nothing behind it. */
async function runEchoServer(): Promise<void> {
  const httpServer = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, { serveClient: false });
  const visitors = io.of('/visitor');
  visitors.on('connection', (socket) => {
    let seq = 0;
    socket.emit('session', {
      conversationId: socket.id,
      token: 'x'.repeat(43),
      locale: 'en',
      resumed: false,
      lastSeq: 0,
      limits: { maxMessageLength: 1000 },
    });
    socket.on('message:send', (payload, ack) => {
      const at = new Date().toISOString();
      const base = {
        textFormat: 'plain' as const,
        locale: payload.locale,
        at,
        suggestedActions: [],
        answer: null,
        agentName: null,
        outcome: null,
      };
      seq += 1;
      ack({ ok: true, data: { id: payload.id, seq, at } });
      socket.emit('message:new', {
        ...base,
        seq,
        id: payload.id,
        role: 'visitor',
        text: payload.text,
        value: null,
      });
      seq += 1;
      socket.emit('message:new', {
        ...base,
        seq,
        id: `r${seq}`,
        role: 'bot',
        text: `echo: ${payload.text}`,
        value: null,
      });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  reportMemoryOnRequest();
  const { port } = httpServer.address() as { port: number };
  process.send?.({ type: 'listening', port } satisfies ServerMessage);
}

// ------------------------------------------------------------------------------------------------
// The load: visitors in this (main) process.

type Visitor = Socket<ServerToClientEvents, ClientToServerEvents>;

interface ServerHandle {
  child: ChildProcess;
  port: number;
  memory(): Promise<{ heapUsed: number; rss: number }>;
  stop(): Promise<void>;
}

async function startServer(role: Exclude<Role, 'main'>, options: Options): Promise<ServerHandle> {
  const child = fork(
    SCRIPT,
    [
      '--role',
      role,
      '--bot',
      options.bot,
      '--visitors',
      String(options.visitors),
      '--questions',
      String(options.questions),
      ...(options.dataDir !== undefined ? ['--data-dir', options.dataDir] : []),
    ],
    {
      execArgv: [
        '--import',
        'tsx',
        '--expose-gc',
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.tmp/prof'] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${role} exited with code ${code} before listening`)));
    child.on('message', (message: ServerMessage) => {
      if (message.type === 'listening') resolve(message.port);
    });
  });
  return {
    child,
    port,
    memory: () =>
      new Promise((resolve) => {
        const onMessage = (message: ServerMessage) => {
          if (message.type !== 'memory') return;
          child.off('message', onMessage);
          resolve({ heapUsed: message.heapUsed, rss: message.rss });
        };
        child.on('message', onMessage);
        child.send('memory');
      }),
    stop: () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}

async function connectVisitor(port: number): Promise<Visitor> {
  const socket: Visitor = connect(`http://127.0.0.1:${port}/visitor`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { locale: 'en' },
  });
  await new Promise<SessionInfo>((resolve, reject) => {
    socket.once('session', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Asks one question and resolves with the time to the first reply, in ms. */
function ask(socket: Visitor, question: { text: string; locale: 'en' | 'es' }, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ackSeq: number | null = null;
    const early: ChatMessage[] = [];
    const timer = setTimeout(() => {
      socket.off('message:new', onMessage);
      reject(new Error('no reply within 30 s'));
    }, 30_000);
    const done = () => {
      clearTimeout(timer);
      socket.off('message:new', onMessage);
      resolve(performance.now() - started);
    };
    const isReply = (message: ChatMessage) =>
      message.role !== 'visitor' && ackSeq !== null && message.seq > ackSeq;
    function onMessage(message: ChatMessage): void {
      if (ackSeq === null) early.push(message);
      else if (isReply(message)) done();
    }
    socket.on('message:new', onMessage);
    const payload: SendMessagePayload = { id, text: question.text, locale: question.locale };
    socket.timeout(30_000).emit('message:send', payload, (error, ack) => {
      if (error || !ack?.ok) {
        clearTimeout(timer);
        socket.off('message:new', onMessage);
        reject(error ?? new Error(ack && !ack.ok ? ack.error.code : 'no ack'));
        return;
      }
      ackSeq = ack.data.seq;
      if (early.some(isReply)) done();
    });
  });
}

/** How many visitors ask the warm-up's questions, one after another each. */
const WARMUP_VISITORS = 20;

/** `questions` asked and answered before the measurement, by visitors who then leave. */
async function warmUp(port: number, questions: number): Promise<void> {
  const visitors = await Promise.all(
    Array.from({ length: Math.min(WARMUP_VISITORS, questions) }, () => connectVisitor(port)),
  );
  let next = 0;
  await Promise.all(
    visitors.map(async (socket, visitor) => {
      while (next < questions) {
        const index = next++;
        await ask(socket, QUESTIONS[index % QUESTIONS.length]!, `warm-${visitor}-${index}-${Date.now()}`);
        await quiet(socket, THINK_MS);
      }
    }),
  );
  for (const socket of visitors) socket.disconnect();
}

/**
 * Think time after a reply: waits until the socket has been quiet for `ms`, so a bot that answers
 * with several messages has finished before the next question (its replies are not taken for the
 * next question's), as a person reads before typing again.
 */
function quiet(socket: Visitor, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(finish, ms);
    function onMessage(): void {
      clearTimeout(timer);
      timer = setTimeout(finish, ms);
    }
    function finish(): void {
      socket.off('message:new', onMessage);
      resolve();
    }
    socket.on('message:new', onMessage);
  });
}

interface Figures {
  label: string;
  connectSeconds: number;
  questions: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  heapPerVisitorKb: number;
  /** The server process's CPU time (user + system, /proc/<pid>/stat) per question answered. */
  cpuMsPerQuestion: number;
  rssMb: number;
  /** Noisy (the allocator keeps and returns pages as it likes); the heap figure is the one to compare. */
  rssGrowthMb: number;
}

async function measure(label: string, role: Exclude<Role, 'main'>, options: Options): Promise<Figures> {
  const server = await startServer(role, options);
  try {
    // Warm up (JIT, first store writes), then take the memory baseline.
    await warmUp(server.port, options.warmup);
    const before = await server.memory();

    const connectStart = performance.now();
    const visitors: Visitor[] = [];
    for (let index = 0; index < options.visitors; index += options.connectConcurrency) {
      const batch = Math.min(options.connectConcurrency, options.visitors - index);
      visitors.push(...(await Promise.all(Array.from({ length: batch }, () => connectVisitor(server.port)))));
    }
    const connectSeconds = (performance.now() - connectStart) / 1000;
    const connected = await server.memory();

    const latencies: number[] = [];
    let failures = 0;
    const cpuBefore = procCpuMs(server.child.pid as number);
    const questionStart = performance.now();
    await Promise.all(
      visitors.map(async (socket, visitor) => {
        for (let index = 0; index < options.questions; index += 1) {
          const question = QUESTIONS[(visitor + index) % QUESTIONS.length]!;
          try {
            latencies.push(await ask(socket, question, `bench-${visitor}-${index}-${Date.now()}`));
          } catch {
            failures += 1;
          }
          await quiet(socket, THINK_MS);
        }
      }),
    );
    const questionSeconds = (performance.now() - questionStart) / 1000;
    const cpuMs = procCpuMs(server.child.pid as number) - cpuBefore;
    const rssMb = procRssMb(server.child.pid as number);
    for (const socket of visitors) socket.disconnect();

    return {
      label,
      connectSeconds,
      questions: latencies.length,
      failures,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
      perSecond: latencies.length / questionSeconds,
      heapPerVisitorKb: (connected.heapUsed - before.heapUsed) / options.visitors / 1024,
      cpuMsPerQuestion: cpuMs / Math.max(1, latencies.length),
      rssMb,
      rssGrowthMb: (connected.rss - before.rss) / 1024 / 1024,
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options.role === 'product-server') return runProductServer(options);
  if (options.role === 'echo-server') return runEchoServer();

  process.stdout.write(
    `bench:socket — ${options.visitors} visitors × ${options.questions} questions, bot: ${options.bot}, ` +
      `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})\n\n`,
  );
  const results = [await measure(`product (${options.bot} bot), fresh store`, 'product-server', options)];
  if (options.stored > 0) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'va-bench-socket-'));
    try {
      const { openStore } = await import('../bot/storage/openStore.js');
      const { seedConversations } = await import('./lib/seedConversations.js');
      const store = await openStore({ kind: 'embedded', dataDir });
      try {
        await seedConversations(store, options.stored);
      } finally {
        await store.close();
      }
      results.push(
        await measure(`product, ${options.stored} stored`, 'product-server', { ...options, dataDir }),
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  results.push(await measure('bare Socket.IO echo (floor)', 'echo-server', options));
  const rows = [
    ['', ...results.map((result) => result.label)],
    ['connect all visitors (s)', ...results.map((result) => result.connectSeconds.toFixed(2))],
    ['questions answered', ...results.map((result) => `${result.questions} (${result.failures} failed)`)],
    ['round trip p50 (ms)', ...results.map((result) => result.p50.toFixed(1))],
    ['round trip p99 (ms)', ...results.map((result) => result.p99.toFixed(1))],
    ['round trip max (ms)', ...results.map((result) => result.max.toFixed(1))],
    ['questions per second', ...results.map((result) => result.perSecond.toFixed(0))],
    ['server CPU per question (ms)', ...results.map((result) => result.cpuMsPerQuestion.toFixed(2))],
    ['server RSS after (MB)', ...results.map((result) => result.rssMb.toFixed(0))],
    ['server heap per visitor (KB)', ...results.map((result) => result.heapPerVisitorKb.toFixed(1))],
    ['server RSS growth (MB)', ...results.map((result) => result.rssGrowthMb.toFixed(1))],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    process.stdout.write(
      `${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ')}\n`,
    );
  }
  const floor = results.at(-1)!;
  for (const result of results.slice(0, -1)) {
    process.stdout.write(
      `${result.label}: ${((100 * result.perSecond) / floor.perSecond).toFixed(0)} % of the echo's questions per second, ` +
        `${(result.cpuMsPerQuestion / floor.cpuMsPerQuestion).toFixed(1)}× its CPU per question\n`,
    );
  }
}

await command.run(main);
