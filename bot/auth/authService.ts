import { randomUUID } from 'node:crypto';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import type { SignedInUser } from '../../web-widget/protocol/adminApi.js';
import type { AuditStore, SessionStore, UserRecord, UserStore } from '../storage/ports.js';
import { ConsoleCookie } from './consoleCookie.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newOpaqueToken } from './sessionTokens.js';

/** Who is calling, as the routes and the agent namespace see it; sign-in sends it back as `user`. */
export type Principal = SignedInUser;

export type LoginResult =
  | { ok: true; token: string; expiresAt: string; principal: Principal }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number };

export interface AuthServiceOptions {
  users: UserStore;
  sessions: SessionStore;
  audit: AuditStore;
  sessionTtlMs: number;
  /** Failed logins allowed per username+IP and per IP in `attemptWindowSeconds`. */
  maxFailuresPerUser?: number;
  maxFailuresPerIp?: number;
  attemptWindowSeconds?: number;
  clock?: () => Date;
  /** Production: the sign-in cookie is Secure even when the Host says localhost (behind a proxy). */
  cookieAlwaysSecure?: boolean;
}

/**
 * Logins for agents, editors and admins: argon2id password checks, opaque bearer tokens stored
 * hashed with an expiry, rate-limited failures, and an audit entry for every attempt.
 *
 * The failure counters live in this process's memory: with several instances behind a load
 * balancer each counts its own, which still bounds guessing; a shared limiter
 * (rate-limiter-flexible's RateLimiterMongo) is the drop-in for stricter needs.
 */
export class AuthService {
  private readonly perUser: RateLimiterMemory;
  private readonly perIp: RateLimiterMemory;
  private readonly clock: () => Date;
  /** Verified against when the username does not exist, so timing does not reveal which usernames do. */
  private dummyHash: Promise<string> | undefined;
  private readonly endedListeners = new Set<() => void>();
  /** The consoles' sign-in cookie, as this service sets and reads it. */
  readonly cookie: ConsoleCookie;

  constructor(private readonly options: AuthServiceOptions) {
    this.cookie = new ConsoleCookie({ alwaysSecure: options.cookieAlwaysSecure ?? false });
    const duration = options.attemptWindowSeconds ?? 15 * 60;
    this.perUser = new RateLimiterMemory({ points: options.maxFailuresPerUser ?? 5, duration });
    this.perIp = new RateLimiterMemory({ points: options.maxFailuresPerIp ?? 20, duration });
    this.clock = options.clock ?? (() => new Date());
  }

  async login(usernameInput: string, password: string, ip: string): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const userKey = `${username}|${ip}`;
    const blocked = await this.blockedFor(userKey, ip);
    if (blocked > 0) {
      await this.audit(username, 'login_blocked', { ip });
      return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: blocked };
    }
    const user = await this.options.users.findByUsername(username);
    const passwordOk = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await this.getDummyHash(), password).then(() => false);
    if (!user || !passwordOk || user.disabled) {
      await Promise.all([this.perUser.penalty(userKey, 1), this.perIp.penalty(ip, 1)]);
      await this.audit(username, 'login_failed', { ip, reason: user?.disabled ? 'disabled' : 'credentials' });
      return { ok: false, reason: 'invalid_credentials' };
    }
    await this.perUser.delete(userKey);
    const token = newOpaqueToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlMs).toISOString();
    await this.options.sessions.create({
      tokenHash: hashToken(token),
      userId: user.id,
      roles: user.roles,
      createdAt: now.toISOString(),
      expiresAt,
    });
    // Sessions nobody signed out of would otherwise stay stored for good; sign-ins are rare enough
    // to clear the expired ones each time (one delete on the expiresAt index).
    await this.options.sessions.deleteExpired(now.toISOString());
    await this.audit(user.username, 'login', { ip });
    return { ok: true, token, expiresAt, principal: toPrincipal(user) };
  }

  /** How long a sign-in lasts. */
  get sessionTtlMs(): number {
    return this.options.sessionTtlMs;
  }

  /** The principal behind a bearer token, or null for an unknown, expired or disabled one. */
  async authenticate(token: string): Promise<Principal | null> {
    const session = await this.options.sessions.find(hashToken(token), this.clock().toISOString());
    if (!session) return null;
    const user = await this.options.users.get(session.userId);
    if (!user || user.disabled) return null;
    return toPrincipal(user);
  }

  /**
   * Ends the sign-in for every tab and console sharing it; the listeners hear of it at once (the
   * agent namespace closes that sign-in's sockets rather than wait for its next sweep).
   */
  async logout(token: string, actor: string): Promise<void> {
    await this.options.sessions.delete(hashToken(token));
    await this.audit(actor, 'logout', {});
    for (const listener of this.endedListeners) listener();
  }

  /** Called after each sign-out; returns the function that stops listening. */
  onSessionEnded(listener: () => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** Seconds until another attempt is allowed, 0 when not blocked. */
  private async blockedFor(userKey: string, ip: string): Promise<number> {
    const [user, byIp] = await Promise.all([this.perUser.get(userKey), this.perIp.get(ip)]);
    const remaining = (res: RateLimiterRes | null, points: number) =>
      res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
    return Math.max(remaining(user, this.perUser.points), remaining(byIp, this.perIp.points));
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomUUID());
    return this.dummyHash;
  }

  private async audit(actor: string, action: string, details: Record<string, unknown>): Promise<void> {
    await this.options.audit.record({
      id: randomUUID(),
      at: this.clock().toISOString(),
      actor: actor.slice(0, 100) || '(empty)',
      action,
      target: null,
      details: JSON.stringify(details),
    });
  }
}

function toPrincipal(user: UserRecord): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    languages: user.languages,
    maxChats: user.maxChats,
  };
}
