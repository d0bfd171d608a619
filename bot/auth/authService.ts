import { createHash, randomUUID } from 'node:crypto';
import type { SignedInUser } from '../../contracts/adminApi.js';
import type { AuditStore, SessionStore, UserStore } from '../storage/ports.js';
import type { UserRecord } from './records.js';
import { ConsoleCookie } from './consoleCookie.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newOpaqueToken } from './sessionTokens.js';
import {
  SIGN_IN_WINDOW_SECONDS,
  SignInThrottle,
  type SignInBlockScope,
  type SignInLimits,
} from './signInLimits.js';
import { systemClock, type Clock } from '../shared/clock.js';

/** Who is calling, as the routes and the agent namespace see it; sign-in sends it back as `user`. */
export type Principal = SignedInUser;

export type LoginResult =
  | { ok: true; token: string; expiresAt: string; principal: Principal }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number };

/**
 * A console's access ended before its token expired: one session (sign-out), or every session
 * of a user (disabled, or no longer allowed what they were signed in for). The channels close
 * the sockets it opened, on every instance.
 */
export type Revocation =
  | { kind: 'session'; tokenHash: string; userId: string }
  | {
      kind: 'user';
      userId: string;
      reason: 'disabled' | 'roles' | 'password';
      user: Pick<UserRecord, 'roles'>;
    };

export interface AuthServiceOptions {
  users: UserStore;
  sessions: SessionStore;
  audit: AuditStore;
  sessionTtlMs: number;
  signIn?: Partial<SignInLimits>;
  clock?: Clock;
  /** Production: the sign-in cookie is Secure even when the Host says localhost (behind a proxy). */
  cookieAlwaysSecure?: boolean;
}

const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perUsernameAndAddress: 5,
  perAddress: 20,
  perUsername: 20,
  backoffSeconds: 30,
};

/**
 * Logins for agents, editors and admins: argon2id password checks, opaque bearer tokens stored
 * hashed with an expiry, limited attempts (SignInThrottle), and an audit entry for every attempt,
 * except that repeated refusals by one limit are one entry with a count (an anonymous flood must
 * not grow the audit log with every request).
 */
export class AuthService {
  private readonly throttle: SignInThrottle;
  private readonly clock: Clock;
  private readonly revocationListeners: Array<(revocation: Revocation) => void> = [];
  /** Verified against when the username does not exist, so timing does not reveal which usernames do. */
  private dummyHash: Promise<string> | undefined;

  /** The consoles' sign-in cookie, as this service sets and reads it. */
  readonly cookie: ConsoleCookie;

  constructor(private readonly options: AuthServiceOptions) {
    this.cookie = new ConsoleCookie({ alwaysSecure: options.cookieAlwaysSecure ?? false });
    this.throttle = new SignInThrottle({ ...DEFAULT_SIGN_IN_LIMITS, ...options.signIn });
    this.clock = options.clock ?? systemClock;
  }

  async login(usernameInput: string, password: string, ip: string): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const reservation = await this.throttle.reserve(username, ip);
    if (!reservation.ok) {
      await this.auditBlocked(username, ip, reservation.scope, reservation.retryAfterSeconds);
      return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: reservation.retryAfterSeconds };
    }
    const user = await this.options.users.findByUsername(username);
    const passwordOk = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await this.getDummyHash(), password).then(() => false);
    if (!user || !passwordOk || user.disabled) {
      await this.audit(username, 'login_failed', { ip, reason: user?.disabled ? 'disabled' : 'credentials' });
      return { ok: false, reason: 'invalid_credentials' };
    }
    await reservation.succeeded();
    const token = newOpaqueToken();
    const now = this.clock.now();
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
    const session = await this.options.sessions.find(hashToken(token), this.clock.now().toISOString());
    if (!session) return null;
    const user = await this.options.users.get(session.userId);
    if (!user || user.disabled) return null;
    return toPrincipal(user);
  }

  /** Ends the sign-in for every tab and both consoles sharing it (its sockets are closed at once). */
  async logout(token: string, actor: { userId: string; username: string }): Promise<void> {
    const tokenHash = hashToken(token);
    await this.options.sessions.delete(tokenHash);
    this.revoke({ kind: 'session', tokenHash, userId: actor.userId });
    await this.audit(actor.username, 'logout', {});
  }

  /**
   * Tells the channels that a user's access changed (called by the account admin after a change):
   * disabled, or without a role they may be using, their sockets are closed at once.
   */
  userChanged(before: UserRecord, after: UserRecord): void {
    const user = { roles: after.roles };
    if (after.disabled && !before.disabled) {
      this.revoke({ kind: 'user', userId: after.id, reason: 'disabled', user });
    } else if (before.roles.some((role) => !after.roles.includes(role))) {
      this.revoke({ kind: 'user', userId: after.id, reason: 'roles', user });
    } else if (after.passwordHash !== before.passwordHash) {
      // A new password set by an admin ends every sign-in of the user: their consoles too.
      this.revoke({ kind: 'user', userId: after.id, reason: 'password', user });
    }
  }

  /** `listener` hears every revocation made through this service (sign-outs, account changes). */
  onRevocation(listener: (revocation: Revocation) => void): void {
    this.revocationListeners.push(listener);
  }

  private revoke(revocation: Revocation): void {
    for (const listener of this.revocationListeners) listener(revocation);
  }

  /**
   * One audit entry per limit, key and window, counting the refusals in it: a flood of refused
   * attempts costs one stored record, not one per request. The id is a hash, so the address is not
   * repeated in it.
   */
  private async auditBlocked(
    username: string,
    ip: string,
    scope: SignInBlockScope,
    retryAfterSeconds: number,
  ): Promise<void> {
    const key = scope === 'address' ? ip : scope === 'username' ? username : `${username}|${ip}`;
    const now = this.clock.now();
    const window = Math.floor(now.getTime() / (SIGN_IN_WINDOW_SECONDS * 1000));
    const id = `login_blocked-${createHash('sha256').update(`${scope}\n${key}\n${window}`).digest('hex')}`;
    await this.options.audit.recordRepeated({
      id,
      at: now.toISOString(),
      // Refusals of one address span usernames: the entry names none of them.
      actor: scope === 'address' ? '(any username)' : username.slice(0, 100) || '(empty)',
      action: 'login_blocked',
      target: null,
      details: JSON.stringify({ scope, ...(scope !== 'username' && { ip }), retryAfterSeconds }),
    });
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomUUID());
    return this.dummyHash;
  }

  private async audit(actor: string, action: string, details: Record<string, unknown>): Promise<void> {
    await this.options.audit.record({
      id: randomUUID(),
      at: this.clock.now().toISOString(),
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
