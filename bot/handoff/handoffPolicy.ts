/**
 * The handoff's tunable numbers, from the app config. Durations are in milliseconds so the
 * service never converts units; every check compares them with timestamps read from the store.
 */
export interface HandoffPolicy {
  /** Longest a visitor waits in the queue before the entry ends as `expired`. */
  maxWaitMs: number;
  /** How long a disconnected agent keeps their chats before they go back to the queue. */
  graceMs: number;
  /** How long a queued visitor may be gone (no page connected) before they leave the queue. */
  visitorGraceMs: number;
  /** A presence heartbeat older than this means the agent's instance is gone. */
  agentTimeoutMs: number;
  /** How often each instance refreshes heartbeats and sweeps (expiry, grace periods). */
  sweepIntervalMs: number;
  /** Business days to answer a message left out of hours: normal and urgent. */
  messageDueDays: number;
  urgentMessageDueDays: number;
  /**
   * Visitors from one address who may wait in the queue at once: one address opening many
   * conversations must not push everyone else down the line. Offices and NATs share addresses.
   */
  maxQueuedPerAddress: number;
}

export const DEFAULT_HANDOFF_POLICY: HandoffPolicy = {
  maxWaitMs: 15 * 60_000,
  graceMs: 60_000,
  visitorGraceMs: 120_000,
  agentTimeoutMs: 45_000,
  sweepIntervalMs: 5_000,
  messageDueDays: 3,
  urgentMessageDueDays: 1,
  maxQueuedPerAddress: 3,
};
