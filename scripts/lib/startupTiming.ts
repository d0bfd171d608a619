/**
 * Start-up as an operator sees it: a process spawned with `args`, timed from spawn to the output
 * line that says it listens and (optionally) to the one that says it is ready, in wall time and in
 * the process's own CPU time (from /proc, which a busy machine does not inflate); then stopped
 * with SIGTERM, the graceful stop.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { procCpuMs, procRssMb } from './serverProcess.js';

export interface StartupTiming {
  /** Spawn to the listening line. */
  wallMs: number;
  /** The process's user + system CPU time by then. */
  cpuMs: number;
  rssMb: number;
  /** Spawn to the ready line (the listening figures when there is no ready line to wait for). */
  readyWallMs: number;
  readyCpuMs: number;
  /** RSS at the ready line (at listening when there is none). */
  readyRssMb: number;
}

export interface StartupRun {
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Text of the line that says it listens. */
  listening: string;
  /** Text of the line that says it is ready; without it, listening is ready. */
  ready?: string;
}

/**
 * The built service (`entry`, e.g. dist/bot/main.js) on `dataDir`, on a free port, waited for
 * until it logs that it listens and that the answer engine answers. `nodeArgs` go before the
 * entry (e.g. `--cpu-prof`).
 */
export function serviceStartupRun(
  entry: string,
  cwd: string,
  dataDir: string,
  nodeArgs: readonly string[] = [],
): StartupRun {
  return {
    args: [...nodeArgs, entry],
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
    },
    listening: 'virtual assistant listening',
    ready: 'ready: the answer engine answers',
  };
}

export async function measureStartup(run: StartupRun): Promise<StartupTiming> {
  const started = performance.now();
  const child = spawn(process.execPath, run.args, {
    cwd: run.cwd,
    env: run.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const pid = child.pid as number;
  const timing = await new Promise<StartupTiming>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${run.args.join(' ')} exited with code ${code} before it was ready`)),
    );
    let listening: Pick<StartupTiming, 'wallMs' | 'cpuMs' | 'rssMb'> | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (listening === undefined && line.includes(run.listening)) {
        listening = { wallMs: performance.now() - started, cpuMs: procCpuMs(pid), rssMb: procRssMb(pid) };
        if (run.ready === undefined)
          resolve({
            ...listening,
            readyWallMs: listening.wallMs,
            readyCpuMs: listening.cpuMs,
            readyRssMb: listening.rssMb,
          });
      } else if (run.ready !== undefined && listening !== undefined && line.includes(run.ready)) {
        resolve({
          ...listening,
          readyWallMs: performance.now() - started,
          readyCpuMs: procCpuMs(pid),
          readyRssMb: procRssMb(pid),
        });
      }
    });
  });
  child.kill('SIGTERM');
  await exited;
  return timing;
}
