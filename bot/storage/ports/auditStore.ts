// Who changed what, for admins.

export interface AuditEntry {
  id: string;
  at: string;
  /** Username or user id of who did it ("system" for scripts). */
  actor: string;
  /** e.g. "login", "login_failed", "article.update", "article.publish", "user.roles". */
  action: string;
  target: string | null;
  /** JSON with details (never a password or a token). */
  details: string | null;
  /** Entries recorded with `recordRepeated`: how many times it happened, and when last (`at` is the first). */
  count?: number;
  lastAt?: string;
}

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
