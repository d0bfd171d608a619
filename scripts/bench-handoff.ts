// Live-agent relay figures: 200 concurrent chats between visitors (widget protocol) and agents
// (console protocol) on one instance with the embedded store, next to a bare Socket.IO relay
// measured in the same run. Each server runs in its own process (the clients' work is not counted):
// prints latencies (p50, p99), messages per second, and the server's CPU time per relayed message
// and memory (/proc/<pid>); `--profile` prints the top 10 functions of each relay phase.
// Asserts nothing (a benchmark is not a test).
//
//   npm run bench:handoff -- [--chats 200] [--messages 10] [--agents 50] [--profile]
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  AgentAck,
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  AgentState,
} from '../contracts/agentEvents.js';
import type { ClientToServerEvents, ServerToClientEvents, SessionInfo } from '../contracts/visitorEvents.js';
import { CommandLine } from './lib/commandLine.js';
import { formatTop, topFunctions } from './lib/cpuProfile.js';
import { percentile } from './lib/percentile.js';
import { reportListening, startServerProcess, type ServerProcess } from './lib/serverProcess.js';
import { systemClock } from '../bot/shared/clock.js';

const SCRIPT = fileURLToPath(import.meta.url);
const PROFILE_DIR = path.join(fileURLToPath(new URL('..', import.meta.url)), '.tmp/prof');

const command = new CommandLine(
  'bench:handoff',
  'usage: npm run bench:handoff -- [--chats 200] [--messages 10] [--agents 50] [--profile]',
);
const values = command.options({
  chats: { type: 'string', default: '200' },
  messages: { type: 'string', default: '10' },
  agents: { type: 'string', default: '50' },
  profile: { type: 'boolean', default: false },
  role: { type: 'string', default: 'main' },
});
const CHATS = command.integer('chats', values.chats);
const MESSAGES = command.integer('messages', values.messages);
const AGENTS = command.integer('agents', values.agents);
const PER_AGENT = Math.ceil(CHATS / AGENTS);
const PASSWORD = 'bench password 1234';
/** A Tuesday at 11 a.m. Eastern: agents work, whatever the real time of the run. */
const IN_HOURS = new Date('2026-03-10T15:00:00.000Z');

type VisitorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

interface Figures {
  visitorToAgent: number[];
  agentToVisitor: number[];
  messages: number;
  seconds: number;
}

interface Measured extends Figures {
  /** The server process's CPU time (user + system) over the relay phase, per message relayed. */
  cpuMsPerMessage: number;
  /** The server's resident memory after the relay phase. */
  rssMb: number;
  profile?: string;
}

function waitFor(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

// ------------------------------------------------------------------------------------------------
// The servers, each in its own process.

/** The product, with the agents' accounts created (the password hash is slow on purpose: once). */
async function runProductServer(): Promise<void> {
  const { startInProcessApp } = await import('./lib/inProcessApp.js');
  const { hashPassword } = await import('../bot/auth/passwords.js');
  const unlimited = '1000000';
  const started = performance.now();
  const running = await startInProcessApp({
    tempPrefix: 'va-bench-handoff-',
    env: {
      LOG_LEVEL: 'warn',
      WIDGET_MESSAGES_PER_MINUTE: unlimited,
      WIDGET_IP_MESSAGES_PER_MINUTE: unlimited,
      WIDGET_IP_CONVERSATIONS_PER_MINUTE: unlimited,
      WIDGET_EVENTS_PER_MINUTE: unlimited,
      // Every simulated visitor comes from 127.0.0.1.
      HANDOFF_MAX_QUEUED_PER_ADDRESS: '1000',
    },
    // The time stands still in business hours; nothing in the product sleeps on this path.
    overrides: { clock: { now: () => new Date(IN_HOURS), sleep: (ms) => systemClock.sleep(ms) } },
  });
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  for (let i = 0; i < AGENTS; i += 1) {
    await running.app.store.users.create({
      id: randomUUID(),
      username: `agent${i}`,
      displayName: `Agent ${i}`,
      roles: ['agent'],
      languages: ['en', 'es'],
      maxChats: PER_AGENT,
      passwordHash,
      disabled: false,
      createdAt: now,
      updatedAt: now,
    });
  }
  reportListening(running.port, performance.now() - started, () => running.stop());
}

/** The floor: a bare Socket.IO server relaying between paired sockets, no store, no checks. */
async function runBareRelay(): Promise<void> {
  const started = performance.now();
  const httpServer = createServer();
  const io = new Server(httpServer);
  io.on('connection', (socket) => {
    const pair = String(socket.handshake.auth.pair);
    const side = String(socket.handshake.auth.side);
    void socket.join(`${side}:${pair}`);
    socket.on('relay', (text: string, ack: () => void) => {
      io.to(`${side === 'visitor' ? 'agent' : 'visitor'}:${pair}`).emit('relay', text);
      ack();
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  reportListening(port, performance.now() - started, async () => {
    await io.close();
  });
}

// ------------------------------------------------------------------------------------------------
// The clients, in this (main) process.

/** Runs `relay` (the measured phase) with the server's CPU time and memory read around it. */
async function measured(
  server: ServerProcess,
  name: string,
  relay: () => Promise<Figures>,
): Promise<Measured> {
  const cpuBefore = server.cpuMs();
  let figures: Figures;
  let profile: string | undefined;
  if (values.profile) {
    await mkdir(PROFILE_DIR, { recursive: true });
    const file = path.join(PROFILE_DIR, `handoff-${name.replace(/\W+/g, '-')}.cpuprofile`);
    const profiled = await server.profile(file, relay);
    figures = profiled.result;
    profile = formatTop(
      `${name}: relay phase (profiled: its CPU figure includes the profiler)`,
      topFunctions(profiled.profile, 10),
    );
  } else {
    figures = await relay();
  }
  const cpuMs = server.cpuMs() - cpuBefore;
  return {
    ...figures,
    cpuMsPerMessage: cpuMs / figures.messages,
    rssMb: server.rssMb(),
    ...(profile && { profile }),
  };
}

/** The product: widget visitors asking for an agent, agents answering in the console protocol. */
async function benchHandoff(): Promise<Measured> {
  const server = await startServerProcess(SCRIPT, [
    '--role',
    'product',
    '--agents',
    String(AGENTS),
    '--chats',
    String(CHATS),
  ]);
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const sockets: Socket[] = [];
  try {
    const agents: Array<{ socket: AgentSocket; chats: string[] }> = [];
    for (let i = 0; i < AGENTS; i += 1) {
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `agent${i}`, password: PASSWORD }),
      });
      if (!response.ok) throw new Error(`agent${i} could not sign in: ${response.status}`);
      // A sign-in without an Origin (the service's own console page) answers with the HttpOnly
      // cookie, which the console's socket then carries in its handshake, as a browser does.
      const cookie = response.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ');
      const socket: AgentSocket = connect(`${baseUrl}/agent`, {
        path: '/socket.io',
        transports: ['websocket'],
        forceNew: true,
        extraHeaders: { cookie },
      });
      sockets.push(socket);
      await new Promise<AgentState>((resolve, reject) => {
        socket.once('state', resolve);
        socket.once('connect_error', reject);
      });
      const agent = { socket, chats: [] as string[] };
      socket.on('chat:assigned', ({ chat }) => agent.chats.push(chat.conversationId));
      agents.push(agent);
      const ack = (await socket.emitWithAck('presence:set', { status: 'available' })) as AgentAck<unknown>;
      if (!ack.ok) throw new Error(`presence:set refused: ${ack.error.code}`);
    }

    const visitors: Array<{ socket: VisitorSocket; conversationId: string }> = [];
    await Promise.all(
      Array.from({ length: CHATS }, async () => {
        const socket: VisitorSocket = connect(`${baseUrl}/visitor`, {
          path: '/socket.io',
          transports: ['websocket'],
          forceNew: true,
          auth: { locale: 'en' },
        });
        sockets.push(socket);
        const session = await new Promise<SessionInfo>((resolve) => socket.once('session', resolve));
        visitors.push({ socket, conversationId: session.conversationId });
        await socket.timeout(30_000).emitWithAck('message:send', {
          id: `ask-${randomUUID()}`,
          text: 'Talk to an agent',
          value: { type: 'agent_request' },
          locale: 'en',
        });
      }),
    );
    await waitFor(
      () => agents.reduce((sum, agent) => sum + agent.chats.length, 0) >= CHATS,
      'every chat assigned',
    );

    return await measured(server, 'handoff (product)', async () => {
      const visitorToAgent: number[] = [];
      const agentToVisitor: number[] = [];
      const sentAt = new Map<string, number>();
      for (const agent of agents) {
        agent.socket.on('chat:message', ({ message }) => {
          const started = sentAt.get(message.text);
          if (message.role === 'visitor' && started !== undefined)
            visitorToAgent.push(performance.now() - started);
        });
      }
      for (const visitor of visitors) {
        visitor.socket.on('message:new', (message) => {
          const started = sentAt.get(message.text);
          if (message.role === 'agent' && started !== undefined)
            agentToVisitor.push(performance.now() - started);
        });
      }

      const begin = performance.now();
      await Promise.all([
        ...visitors.map(async (visitor) => {
          for (let m = 0; m < MESSAGES; m += 1) {
            const text = `v ${visitor.conversationId} ${m}`;
            sentAt.set(text, performance.now());
            await visitor.socket
              .timeout(30_000)
              .emitWithAck('message:send', { id: `v-${randomUUID()}`, text, locale: 'en' });
          }
        }),
        ...agents.flatMap((agent) =>
          agent.chats.map(async (conversationId) => {
            for (let m = 0; m < MESSAGES; m += 1) {
              const text = `a ${conversationId} ${m}`;
              sentAt.set(text, performance.now());
              const ack = (await agent.socket.timeout(30_000).emitWithAck('chat:send', {
                conversationId,
                id: `a-${randomUUID()}`,
                text,
              })) as AgentAck<unknown>;
              if (!ack.ok) throw new Error(`chat:send refused: ${ack.error.code}`);
            }
          }),
        ),
      ]);
      await waitFor(
        () => visitorToAgent.length >= CHATS * MESSAGES && agentToVisitor.length >= CHATS * MESSAGES,
        'every message delivered',
      );
      const seconds = (performance.now() - begin) / 1000;
      return { visitorToAgent, agentToVisitor, messages: 2 * CHATS * MESSAGES, seconds };
    });
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  }
}

/** The floor: the bare relay, with as many pairs of sockets and messages. */
async function benchBareRelay(): Promise<Measured> {
  const server = await startServerProcess(SCRIPT, ['--role', 'bare']);
  const port = server.port;
  const sockets: Socket[] = [];
  try {
    const open = async (side: string, pair: number) => {
      const socket = connect(`http://127.0.0.1:${port}`, {
        transports: ['websocket'],
        forceNew: true,
        auth: { side, pair },
      });
      sockets.push(socket);
      await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
      return socket;
    };
    const pairs = await Promise.all(
      Array.from({ length: CHATS }, async (_unused, pair) => ({
        visitor: await open('visitor', pair),
        agent: await open('agent', pair),
      })),
    );
    const visitorToAgent: number[] = [];
    const agentToVisitor: number[] = [];
    const sentAt = new Map<string, number>();
    for (const { visitor, agent } of pairs) {
      agent.on('relay', (text: string) => visitorToAgent.push(performance.now() - (sentAt.get(text) ?? 0)));
      visitor.on('relay', (text: string) => agentToVisitor.push(performance.now() - (sentAt.get(text) ?? 0)));
    }
    return await measured(server, 'bare Socket.IO relay (floor)', async () => {
      const begin = performance.now();
      await Promise.all(
        pairs.flatMap(({ visitor, agent }, pair) =>
          (['v', 'a'] as const).map(async (side) => {
            const socket = side === 'v' ? visitor : agent;
            for (let m = 0; m < MESSAGES; m += 1) {
              const text = `${side} ${pair} ${m}`;
              sentAt.set(text, performance.now());
              await socket.timeout(30_000).emitWithAck('relay', text);
            }
          }),
        ),
      );
      await waitFor(
        () => visitorToAgent.length >= CHATS * MESSAGES && agentToVisitor.length >= CHATS * MESSAGES,
        'every relayed message',
      );
      return {
        visitorToAgent,
        agentToVisitor,
        messages: 2 * CHATS * MESSAGES,
        seconds: (performance.now() - begin) / 1000,
      };
    });
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  }
}

function row(name: string, figures: Measured): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
  return [
    name.padEnd(28),
    ms(percentile(figures.visitorToAgent, 50)),
    ms(percentile(figures.visitorToAgent, 99)),
    ms(percentile(figures.agentToVisitor, 50)),
    ms(percentile(figures.agentToVisitor, 99)),
    `${Math.round(figures.messages / figures.seconds)}`.padStart(10),
    `${figures.cpuMsPerMessage.toFixed(3)} ms`.padStart(12),
    `${figures.rssMb.toFixed(0)} MB`.padStart(8),
  ].join('  ');
}

async function main(): Promise<void> {
  if (values.role === 'product') return runProductServer();
  if (values.role === 'bare') return runBareRelay();
  const handoff = await benchHandoff();
  const bare = await benchBareRelay();
  console.log(
    `\n${CHATS} concurrent chats, ${MESSAGES} messages each way per chat, ${AGENTS} agents (${PER_AGENT} chats each), ` +
      'one instance, embedded store; server CPU per relayed message and RSS from /proc/<pid>\n',
  );
  const widths = [28, 10, 10, 10, 10, 10, 12, 8];
  console.log(
    ['', 'visitor→agent p50', 'p99', 'agent→visitor p50', 'p99', 'msg/s', 'CPU/message', 'RSS']
      .map((h, i) => (i === 0 ? h.padEnd(widths[i]!) : h.padStart(widths[i]!)))
      .join('  '),
  );
  console.log(row('handoff (product)', handoff));
  console.log(row('bare Socket.IO relay (floor)', bare));
  const rate = (figures: Figures) => figures.messages / figures.seconds;
  console.log(
    `\nhandoff: ${((100 * rate(handoff)) / rate(bare)).toFixed(0)} % of the bare relay's messages per second, ` +
      `${(handoff.cpuMsPerMessage / bare.cpuMsPerMessage).toFixed(1)}× its CPU per message.`,
  );
  console.log(
    '\nThe product records every message in the transcript (embedded store) and checks the chat is assigned before relaying; the bare relay does neither.',
  );
  for (const figures of [handoff, bare]) if (figures.profile) console.log(`\n${figures.profile}`);
}

await command.run(main);
// The servers exit when this process lets go of them (`reportListening`).
if (values.role === 'main') process.exit(0);
