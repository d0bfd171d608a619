import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataRetention, retentionRules, type RetentionRule } from '../../bot/privacy/dataRetention.js';
import { openStore } from '../../bot/storage/openStore.js';
import { chatNote, conversation } from '../storage/fixtures/records.js';
import { capturedLogger } from '../support/capturedLogger.js';
import { TestClock } from '../support/testClock.js';

const NOW = new Date('2026-03-10T15:00:00.000Z');

/** The conversations rule over a stand-in for the store's deleteInactiveSince. */
function conversationsRule(deleteInactiveSince: (cutoff: string) => Promise<number>): RetentionRule[] {
  return [{ what: 'conversations', period: 'visitor', apply: (cutoff) => deleteInactiveSince(cutoff) }];
}

describe('data retention: the sweep', () => {
  it('when it sweeps, then it deletes what was idle since before the retention period, and says how much', async () => {
    const cutoffs: string[] = [];
    const { logger, lines } = capturedLogger('info');
    const retention = new DataRetention({
      rules: conversationsRule(async (cutoff) => {
        cutoffs.push(cutoff);
        return 3;
      }),
      days: { visitor: 90, audit: 365 },
      logger,
      clock: new TestClock(NOW),
    });
    await retention.sweep();
    expect(cutoffs).toEqual(['2025-12-10T15:00:00.000Z']);
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'conversations past the retention period deleted', deleted: 3 }),
    ]);
  });

  it('when the store fails, then the failure is logged and the next sweep still runs', async () => {
    let calls = 0;
    const { logger, lines } = capturedLogger('info');
    const retention = new DataRetention({
      rules: conversationsRule(async () => {
        calls += 1;
        if (calls === 1) throw new Error('store unavailable');
        return 0;
      }),
      days: { visitor: 30, audit: 365 },
      logger,
      clock: new TestClock(NOW),
    });
    await expect(retention.sweep()).resolves.toBeUndefined();
    await expect(retention.sweep()).resolves.toBeUndefined();
    expect(calls).toBe(2);
    expect(lines.map((line) => line.msg)).toEqual(['conversations retention failed']);
  });

  it('when started, then it sweeps at once and on every interval; stop waits for the sweep in progress', async () => {
    const started = (intervalMs: number) => {
      const counts = { sweeps: 0, finished: 0 };
      const retention = new DataRetention({
        rules: conversationsRule(async () => {
          counts.sweeps += 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
          counts.finished += 1;
          return 0;
        }),
        days: { visitor: 30, audit: 365 },
        logger: capturedLogger('info').logger,
        clock: new TestClock(NOW),
        intervalMs,
      });
      retention.start();
      retention.start(); // A second start changes nothing.
      return { retention, counts };
    };

    const hourly = started(3_600_000);
    await expect.poll(() => hourly.counts.finished).toBe(1);
    await hourly.retention.stop();
    expect(hourly.counts.sweeps).toBe(1);

    const frequent = started(10);
    await expect.poll(() => frequent.counts.sweeps).toBeGreaterThanOrEqual(3);
    await frequent.retention.stop();
    expect(frequent.counts.finished).toBe(frequent.counts.sweeps);
    const after = frequent.counts.sweeps;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frequent.counts.sweeps).toBe(after);
  });

  it("when it sweeps a real store, then agents' private notes go with the conversations past the period, and recent ones stay", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'va-retention-'));
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      const old = '2025-11-01T15:00:00.000Z';
      const recent = '2026-03-09T15:00:00.000Z';
      await store.conversations.create({ ...conversation('old'), createdAt: old, lastActivityAt: old });
      await store.conversations.create({
        ...conversation('recent'),
        createdAt: recent,
        lastActivityAt: recent,
      });
      await store.chatNotes.add(chatNote('n1', { conversationId: 'old', at: old }));
      await store.chatNotes.add(chatNote('n1', { conversationId: 'recent', at: recent }));
      const { logger, lines } = capturedLogger('info');
      const retention = new DataRetention({
        rules: retentionRules(store),
        days: { visitor: 90, audit: 365 },
        logger,
        clock: new TestClock(NOW),
      });
      await retention.sweep();
      expect(await store.conversations.get('old')).toBeNull();
      expect(await store.chatNotes.list('old')).toEqual([]);
      expect((await store.chatNotes.list('recent')).map((note) => note.id)).toEqual(['n1']);
      expect(lines.map((line) => [line.msg, line.deleted])).toEqual([
        ['conversations past the retention period deleted', 1],
        ['chat notes past the retention period deleted', 1],
      ]);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
