/**
 * A server under measurement in its own process, so what the benchmark's clients cost is not
 * counted: its CPU time and memory are read from /proc/<pid> (Linux), as an operator would.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeProfile, type CpuProfile } from './cpuProfile.js';

/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ), whatever the kernel's own rate. */
const TICKS_PER_SECOND = 100;

type ChildMessage =
  | { type: 'listening'; port: number; startupMs: number }
  | { type: 'profiling' }
  | { type: 'profiled'; profile: CpuProfile }
  | { type: 'collected'; rss: number };
type ParentMessage = { type: 'profile:start' } | { type: 'profile:stop'; file: string } | { type: 'collect' };

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** createApp to listening, measured inside the child (module loading excluded). */
  startupMs: number;
  /** User + system CPU time the process has used so far, in ms. */
  cpuMs(): number;
  /** Resident memory now, in MB. */
  rssMb(): number;
  /**
   * Resident memory in MB once the server has collected all its garbage (two full collections):
   * what it holds, whenever V8 would have got round to collecting.
   */
  liveRssMb(): Promise<number>;
  /**
   * Runs `work` with the server's V8 CPU profiler on (its inspector, in the server process: the
   * window is exactly `work`), writes the profile to `file` and returns it with `work`'s result.
   */
  profile<T>(file: string, work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }>;
  stop(): Promise<void>;
}

export function procCpuMs(pid: number): number {
  // Fields after the command name (which is in parentheses and may hold spaces): utime is the
  // 14th field of the line, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export function procRssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

/** Forks `script` with `args` (it must call `reportListening`), and waits until it listens. */
export async function startServerProcess(script: string, args: string[]): Promise<ServerProcess> {
  const child = fork(script, args, {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listening = await new Promise<Extract<ChildMessage, { type: 'listening' }>>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server exited with code ${code} before listening`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'listening') resolve(message);
    });
  });
  const pid = child.pid as number;
  const reply = <Type extends ChildMessage['type']>(type: Type, request: ParentMessage) =>
    new Promise<Extract<ChildMessage, { type: Type }>>((resolve) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message as Extract<ChildMessage, { type: Type }>);
      };
      child.on('message', onMessage);
      child.send(request);
    });
  return {
    child,
    port: listening.port,
    startupMs: listening.startupMs,
    cpuMs: () => procCpuMs(pid),
    rssMb: () => procRssMb(pid),
    liveRssMb: async () => (await reply('collected', { type: 'collect' })).rss / 1024 / 1024,
    profile: async (file, work) => {
      await reply('profiling', { type: 'profile:start' });
      const result = await work();
      const { profile } = await reply('profiled', { type: 'profile:stop', file });
      return { result, profile };
    },
    stop: () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}

/**
 * In the child: says it listens, profiles itself when asked (`ServerProcess.profile`), and stops
 * (then exits) when the parent lets go.
 */
export function reportListening(port: number, startupMs: number, stop: () => Promise<void>): void {
  const session = new Session();
  process.on('message', (message: ParentMessage) => {
    void (async () => {
      if (message.type === 'profile:start') {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        process.send?.({ type: 'profiling' } satisfies ChildMessage);
      } else if (message.type === 'profile:stop') {
        const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
        session.disconnect();
        await writeProfile(message.file, profile);
        process.send?.({ type: 'profiled', profile } satisfies ChildMessage);
      } else if (message.type === 'collect') {
        // The server runs with --expose-gc (startServerProcess).
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        gc?.();
        process.send?.({ type: 'collected', rss: process.memoryUsage().rss } satisfies ChildMessage);
      }
    })();
  });
  process.send?.({ type: 'listening', port, startupMs } satisfies ChildMessage);
  process.on('disconnect', () => {
    void stop().finally(() => process.exit(0));
  });
}
