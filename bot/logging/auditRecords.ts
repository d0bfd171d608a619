/**
 * The audit trail: who changed what (sign-ins, accounts and roles, articles, canned replies), for
 * admins. Several rooms record it (auth, admin, articles, the handoff), so its record lives here,
 * beside the logs, where every room may look; the audit store (bot/storage/ports/) keeps it. Like
 * a log line, an entry never holds a password or a token.
 */
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
