import type { AuditEntry } from '../../logging/auditRecords.js';
export type { AuditEntry } from '../../logging/auditRecords.js';

// Who changed what, for admins.

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  limit?: number;
}

export interface AuditStore {
  record(entry: AuditEntry): Promise<void>;
  /**
   * The same event again (e.g. refused sign-ins): the first call stores `entry` with `count` 1,
   * later calls with the same id add one to its `count` and set `lastAt` to their `at`. Atomic:
   * concurrent calls count every one.
   */
  recordRepeated(entry: AuditEntry): Promise<void>;
  /** Retention: deletes entries older than `cutoff` (by `at`). Returns how many. */
  deleteBefore(cutoff: string): Promise<number>;
  /** Newest first. `action` matches that action and its sub-actions ("article" → "article.publish"). */
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
}
