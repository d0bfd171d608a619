import type { Logger } from '../logging/logger.js';
import { PeriodicTask } from '../server/periodicTask.js';
import type { ChatNoteStore, ConversationStore } from '../storage/ports.js';

/** How often conversations past the retention period are looked for. */
const SWEEP_INTERVAL_MS = 60 * 60_000;

/**
 * Deletes conversations (with their transcripts, and agents' private notes on them) idle for
 * longer than the retention period
 * (TRANSCRIPT_RETENTION_DAYS): once at `start`, then every hour on an unref'd timer, so it never
 * keeps the process alive. Transcripts hold what visitors typed; nothing is kept longer than the
 * agency needs it. Every instance may run it: deleting what another already deleted is harmless.
 */
export class TranscriptRetention {
  private readonly task: PeriodicTask;

  constructor(
    private readonly deps: {
      conversations: Pick<ConversationStore, 'deleteInactiveSince'>;
      /** Private notes on chats: written during a conversation, they go once older than the period. */
      notes?: Pick<ChatNoteStore, 'deleteBefore'>;
      retentionDays: number;
      logger: Logger;
      clock: () => Date;
      intervalMs?: number;
    },
  ) {
    this.task = new PeriodicTask({
      name: 'transcript retention sweep',
      intervalMs: deps.intervalMs ?? SWEEP_INTERVAL_MS,
      run: () => this.deleteIdle(),
      logger: deps.logger,
    });
  }

  start(): void {
    void this.sweep();
    this.task.start();
  }

  /**
   * One pass now; a call while one runs gets that pass (a slow pass never piles others up behind
   * it). A failure is logged, never thrown: the next pass tries again.
   */
  sweep(): Promise<void> {
    return this.task.runOnce();
  }

  /** Clears the timer and waits for a pass in progress, so the store is not closed under it. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  private async deleteIdle(): Promise<void> {
    const { conversations, retentionDays, logger, clock } = this.deps;
    const cutoff = new Date(clock().getTime() - retentionDays * 86_400_000).toISOString();
    const deleted = await conversations.deleteInactiveSince(cutoff);
    if (deleted > 0) logger.info({ deleted, cutoff }, 'conversations past the retention period deleted');
    const notes = (await this.deps.notes?.deleteBefore(cutoff)) ?? 0;
    if (notes > 0) logger.info({ deleted: notes, cutoff }, 'chat notes past the retention period deleted');
  }
}
