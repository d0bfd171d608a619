import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { BUILT_SERVICE, builtServiceEnv } from '../support/builtService.js';
import { seedKeptAnswerIndex } from '../support/keptAnswerIndex.js';

/** Starts the built product (`node dist/bot/main.js`, what `npm start` runs) as its own process. */
async function startProcess(
  dataDir: string,
): Promise<{ child: ChildProcessWithoutNullStreams; baseUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [BUILT_SERVICE], {
    cwd: REPO_ROOT,
    env: builtServiceEnv(dataDir, { LOG_LEVEL: 'info' }),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    // Resolves as soon as the line comes; the limit only ends a start that is stuck (a busy machine
    // can take half a minute to start the built server).
    const timer = setTimeout(() => reject(new Error(`no listening line in 240 s:\n${output}`)), 240_000);
    const onData = () => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => output };
}

function stopWith(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

async function post(baseUrl: string, conversationId: string, text: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      text,
      locale: 'en-US',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/unused',
      deliveryMode: 'expectReplies',
      from: { id: 'visitor' },
      recipient: { id: 'bot' },
      conversation: { id: conversationId },
    }),
  });
  return response.status;
}

describe('graceful shutdown', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'when stopped with %s and started again, then nothing stored before the signal is lost',
    async (signal) => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'va-shutdown-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      // The run's answer index of these articles: the first start is ready without training.
      await seedKeptAnswerIndex(inject('keptAnswerIndexDir'), dataDir);

      const first = await startProcess(dataDir);
      cleanups.push(async () => void first.child.kill('SIGKILL'));
      // Ten conversations are mid-turn when the signal arrives: every one the service accepted
      // must finish and be stored; none may be half-written.
      const requests = Array.from({ length: 10 }, (_, index) =>
        post(first.baseUrl, `conv-${index}`, `question ${index}`).catch(() => 0),
      );
      // Signal as soon as the service has answered one of them: the others are in flight.
      await Promise.race(requests);
      const exited = stopWith(first.child, signal);
      const statuses = await Promise.all(requests);
      expect(await exited).toBe(0);
      expect(first.output()).toMatch(/stopped/);
      const accepted = statuses.flatMap((status, index) => (status === 200 ? [index] : []));
      expect(accepted.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 200 || status === 503 || status === 0)).toBe(true);

      const second = await startProcess(dataDir);
      cleanups.push(async () => void second.child.kill('SIGKILL'));
      // The store reopens with what the first process wrote: the articles are not seeded again
      // and every accepted conversation is there with its transcript.
      expect(second.output()).not.toMatch(/articles loaded into the store on first start/);
      const { openStore } = await import('../../bot/storage/openStore.js');
      expect(await stopWith(second.child, 'SIGTERM')).toBe(0);
      const store = await openStore({ kind: 'embedded', dataDir });
      try {
        const articles = await store.articles.list();
        expect(articles.length).toBeGreaterThan(0);
        for (const index of accepted) {
          expect(await store.conversations.get(`conv-${index}`), `conv-${index}`).not.toBeNull();
          const transcript = await store.conversations.transcript(`conv-${index}`);
          expect(transcript.map((entry) => entry.role)).toEqual(expect.arrayContaining(['visitor', 'bot']));
        }
      } finally {
        await store.close();
      }
    },
  );
});
