/** How long to wait before retrying: exponential back-off with jitter, or what the server asked. */

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1); injected so tests get fixed delays. */
  random: () => number;
}

/**
 * Delay before retry number `retry` (0 for the first retry): base × 2^retry, capped, with "equal
 * jitter" (half fixed, half random) so many clients that failed together do not retry together,
 * yet no retry comes back immediately.
 */
export function backoffDelay(retry: number, { baseMs, maxMs, random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * `Retry-After` in milliseconds from now: delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026
 * 07:28:00 GMT"). Null when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return null; // "-5", "1.5": not a valid value of either kind
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
