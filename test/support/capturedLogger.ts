import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../bot/logging/logger.js';

/** A log line as the logger writes it (pino JSON), parsed. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/** A real logger (JSON lines, as in production) whose lines are kept, parsed, for a test to read. */
export function capturedLogger(level: 'debug' | 'info' = 'debug'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: createLogger({ level, pretty: false }, sink), lines };
}
