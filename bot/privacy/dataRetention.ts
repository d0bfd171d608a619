import type { Logger } from '../logging/logger.js';
import { PeriodicTask } from '../shared/periodicTask.js';
import type { Store } from '../storage/ports.js';
import type { Clock } from '../shared/clock.js';

/** How often data past its retention period is looked for. */
const SWEEP_INTERVAL_MS = 60 * 60_000;

/** Which period a rule keeps its data for. */
export type RetentionPeriod = 'visitor' | 'audit';

/** One kind of stored data and how to let go of what is older than the cutoff. */
export interface RetentionRule {
  /** What it deletes, for the log line ("conversations", "bot state"...). */
  what: string;
  period: RetentionPeriod;
  /** Deletes (or empties) what is older than `cutoff`; `now` for what expires by its own date. */
  apply(cutoff: string, now: string): Promise<number>;
}

/**
 * Every store that holds visitors' personal data, and the audit log (addresses of sign-ins):
 * - conversations idle past the period, with their transcripts;
 * - bot state not written in the period: the assistant's memory of a conversation, a
 *   leave-a-message dialog abandoned halfway (name, e-mail, phone), visitor profiles;
 * - the visitor's words in analytics events and feedback (the counts the reports need stay);
 * - messages left out of hours once closed and past the period (open ones wait for an agent);
 * - the question of live chats that ended before the period;
 * - agents' private notes on chats, written before the period;
 * - expired sign-in sessions;
 * - audit entries older than AUDIT_RETENTION_DAYS.
 */
export function retentionRules(store: Store): RetentionRule[] {
  return [
    {
      what: 'conversations',
      period: 'visitor',
      apply: (cutoff) => store.conversations.deleteInactiveSince(cutoff),
    },
    { what: 'bot state', period: 'visitor', apply: (cutoff) => store.botState.deleteUnchangedSince(cutoff) },
    {
      what: 'analytics texts',
      period: 'visitor',
      apply: (cutoff) => store.analytics.forgetTextBefore(cutoff),
    },
    {
      what: 'feedback questions',
      period: 'visitor',
      apply: (cutoff) => store.feedback.forgetQuestionsBefore(cutoff),
    },
    {
      what: 'closed service requests',
      period: 'visitor',
      apply: (cutoff) => store.serviceRequests.deleteClosedBefore(cutoff),
    },
    {
      what: 'live chat questions',
      period: 'visitor',
      apply: (cutoff) => store.handoff.forgetQuestionsEndedBefore(cutoff),
    },
    { what: 'chat notes', period: 'visitor', apply: (cutoff) => store.chatNotes.deleteBefore(cutoff) },
    {
      what: 'expired sessions',
      period: 'visitor',
      apply: (_cutoff, now) => store.sessions.deleteExpired(now),
    },
    { what: 'audit entries', period: 'audit', apply: (cutoff) => store.audit.deleteBefore(cutoff) },
  ];
}

/**
 * Applies the retention rules once at `start`, then every hour on an unref'd timer, so it never
 * keeps the process alive. Nothing is kept longer than the agency needs it (TRANSCRIPT_RETENTION_DAYS
 * for visitors' data, AUDIT_RETENTION_DAYS for the audit log). Every instance may run it: deleting
 * what another already deleted is harmless. On the embedded store deleted records leave the files
 * at their next compaction (STORE_COMPACTION_MINUTES), and at every close.
 */
export class DataRetention {
  private readonly task: PeriodicTask;

  constructor(
    private readonly deps: {
      rules: readonly RetentionRule[];
      /** Days per period. */
      days: Record<RetentionPeriod, number>;
      logger: Logger;
      clock: Clock;
      intervalMs?: number;
    },
  ) {
    this.task = new PeriodicTask({
      name: 'data retention sweep',
      intervalMs: deps.intervalMs ?? SWEEP_INTERVAL_MS,
      run: () => this.applyRules(),
      logger: deps.logger,
    });
  }

  start(): void {
    void this.sweep();
    this.task.start();
  }

  /**
   * One pass now; a call while one runs gets that pass (a slow pass never piles others up behind
   * it). A failing rule is logged, never thrown, and does not stop the others: the next pass
   * tries again.
   */
  sweep(): Promise<void> {
    return this.task.runOnce();
  }

  /** Clears the timer and waits for a pass in progress, so the store is not closed under it. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  private async applyRules(): Promise<void> {
    const { rules, days, logger, clock } = this.deps;
    const now = clock.now();
    for (const rule of rules) {
      const cutoff = new Date(now.getTime() - days[rule.period] * 86_400_000).toISOString();
      try {
        const deleted = await rule.apply(cutoff, now.toISOString());
        if (deleted > 0) logger.info({ deleted, cutoff }, `${rule.what} past the retention period deleted`);
      } catch (error) {
        logger.warn({ err: error, what: rule.what }, `${rule.what} retention failed`);
      }
    }
  }
}
