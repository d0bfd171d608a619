/**
 * V8 CPU profiles (the `.cpuprofile` format of `node --cpu-prof` and the inspector's Profiler), read
 * the way `perf report` reads its samples: the functions where the time was spent (self time),
 * biggest first. The benchmarks print this top list next to their figures with `--profile`, and
 * keep the whole profile for Chrome DevTools.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  /** Share of all samples, 0–100. */
  percent: number;
  selfMs: number;
  /** `function (file:line)`, files relative to the repository or to node_modules. */
  name: string;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function location(url: string, line: number): string {
  if (url === '') return '';
  const file = url
    .replace(/^file:\/\//, '')
    .replace(REPO_ROOT, '')
    .replace(/^.*node_modules\//, '');
  return ` (${file}:${line + 1})`;
}

/**
 * The `count` functions with the most self time, as shares of the time the thread was busy: V8's
 * pseudo-frames "(garbage collector)" and "(program)" count, "(idle)" does not, nor the profiler's
 * own work (samples under `node:inspector`, which carry the time of the start and stop requests).
 */
export function topFunctions(profile: CpuProfile, count = 10): ProfileLine[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const isProfilerOwn = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      if (byNode.get(at)?.callFrame.url === 'node:inspector') return true;
    }
    return false;
  };
  const selfByName = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = Math.max(0, profile.timeDeltas[index] ?? 0);
    const node = byNode.get(id);
    if (node === undefined || node.callFrame.functionName === '(idle)' || isProfilerOwn(id)) return;
    total += delta;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'}${location(url, lineNumber)}`;
    selfByName.set(name, (selfByName.get(name) ?? 0) + delta);
  });
  return [...selfByName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({
      percent: total > 0 ? (100 * micros) / total : 0,
      selfMs: micros / 1000,
      name,
    }));
}

/** The top list as printed lines, indented under a title. */
export function formatTop(title: string, lines: readonly ProfileLine[]): string {
  return [title, ...lines.map((line) => `  ${line.percent.toFixed(1).padStart(5)} %  ${line.name}`)].join(
    '\n',
  );
}

export async function writeProfile(file: string, profile: CpuProfile): Promise<void> {
  await writeFile(file, JSON.stringify(profile));
}
