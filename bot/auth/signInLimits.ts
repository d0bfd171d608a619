import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** How many sign-in attempts may fail, and where (see LOGIN_* in bot/config/settings.ts). */
export interface SignInLimits {
  /** Per username from one address, in the window: the lock-out a guesser meets first. */
  perUsernameAndAddress: number;
  /** Per address whatever the usernames, in the window. */
  perAddress: number;
  /** Per username from all addresses together, in the window, before the back-off starts. */
  perUsername: number;
  /** Past `perUsername`: one attempt for that username every this many seconds, from anywhere. */
  backoffSeconds: number;
}

/** Which limit refused an attempt: also what repeated refusals are aggregated by in the audit log. */
export type SignInBlockScope = 'username_address' | 'address' | 'username';

export type SignInReservation =
  | {
      ok: true;
      /** The password was right: the attempt is given back and this address's failures forgotten. */
      succeeded(): Promise<void>;
    }
  | { ok: false; scope: SignInBlockScope; retryAfterSeconds: number };

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

/**
 * Sign-in attempts are counted *before* the password is checked: `reserve` takes one attempt from
 * every limit at once (each take is atomic in rate-limiter-flexible's memory store), so forty
 * concurrent guesses get exactly the allowed number of password checks, not however many happened
 * to read the counter before the first failure was written. A wrong password simply keeps its
 * reservation; a right one gives it back.
 *
 * The lock-out is keyed per username *and* address, so a guesser elsewhere cannot lock a user out
 * (with SOCKET_TRUST_PROXY the address is the client's, not the load balancer's). Across
 * addresses a username only slows down: past `perUsername` failures one attempt goes through
 * every `backoffSeconds`, which bounds a distributed guesser without handing them a lock-out.
 *
 * The counters live in this process's memory: with several instances each counts its own, which
 * still bounds guessing; rate-limiter-flexible's RateLimiterMongo is the drop-in for shared ones.
 */
export class SignInThrottle {
  private readonly byUsernameAndAddress: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;
  private readonly byUsername: RateLimiterMemory;
  private readonly backoff: RateLimiterMemory;

  constructor(limits: SignInLimits) {
    const window = (points: number, keyPrefix: string) =>
      new RateLimiterMemory({ points, duration: SIGN_IN_WINDOW_SECONDS, keyPrefix });
    this.byUsernameAndAddress = window(limits.perUsernameAndAddress, 'login-user-address');
    this.byAddress = window(limits.perAddress, 'login-address');
    this.byUsername = window(limits.perUsername, 'login-user');
    this.backoff = new RateLimiterMemory({
      points: 1,
      duration: limits.backoffSeconds,
      keyPrefix: 'login-backoff',
    });
  }

  async reserve(username: string, address: string): Promise<SignInReservation> {
    const pairKey = `${username}|${address}`;
    const pair = await take(this.byUsernameAndAddress, pairKey);
    if (pair !== null) return { ok: false, scope: 'username_address', retryAfterSeconds: pair };
    const byAddress = await take(this.byAddress, address);
    if (byAddress !== null) {
      await this.byUsernameAndAddress.reward(pairKey, 1);
      return { ok: false, scope: 'address', retryAfterSeconds: byAddress };
    }
    if ((await take(this.byUsername, username)) !== null) {
      const wait = await take(this.backoff, username);
      if (wait !== null) {
        await Promise.all([this.byUsernameAndAddress.reward(pairKey, 1), this.byAddress.reward(address, 1)]);
        return { ok: false, scope: 'username', retryAfterSeconds: wait };
      }
    }
    return {
      ok: true,
      succeeded: async () => {
        await Promise.all([
          this.byUsernameAndAddress.delete(pairKey),
          this.byAddress.reward(address, 1),
          this.byUsername.reward(username, 1),
        ]);
      },
    };
  }
}

/** Takes one point; null when allowed, else the seconds until the limiter allows again. */
async function take(limiter: RateLimiterMemory, key: string): Promise<number | null> {
  try {
    await limiter.consume(key, 1);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}
