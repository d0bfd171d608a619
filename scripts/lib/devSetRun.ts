import path from 'node:path';
import type { CommandLine } from './commandLine.js';

/** How a command that sends the development set through the assistant is asked to run. */
export interface DevSetRun {
  /** The question set (JSON lines; dev.jsonl by default). */
  queriesFile: string;
  /** Conversations in flight at once. */
  concurrency: number;
  /** Wrong answers listed at most. */
  errorLimit: number;
}

/**
 * The options eval:bot and eval:switch share: `--queries FILE` (default `../shared/eval/dev.jsonl`
 * beside the repository), `--concurrency N` (default 8), `--errors N` (default 40).
 */
export function devSetRun(command: CommandLine, repoRoot: string): DevSetRun {
  const args = command.options({
    queries: { type: 'string', default: path.resolve(repoRoot, '../shared/eval/dev.jsonl') },
    concurrency: { type: 'string', default: '8' },
    errors: { type: 'string', default: '40' },
  });
  return {
    queriesFile: path.resolve(args.queries),
    concurrency: command.integer('concurrency', args.concurrency),
    errorLimit: command.integer('errors', args.errors, 0),
  };
}
