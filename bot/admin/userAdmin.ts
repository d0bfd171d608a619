import { randomUUID } from 'node:crypto';
import type { UserAccount } from '../../contracts/adminApi.js';
import type { Locale } from '../../contracts/locale.js';
import { hashPassword } from '../auth/passwords.js';
import type { Role, Store, UserRecord } from '../storage/ports.js';
import { isStoreError, NotFoundError } from '../storage/errors.js';
import { FieldProblemsError } from '../shared/fieldProblems.js';
import { systemClock, type Clock } from '../shared/clock.js';

/** A user as admins see it: never the password hash. */
export type UserView = UserAccount;

/** A new account, as an admin fills it in (already checked against accountFields). */
export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  languages: Locale[];
  maxChats: number;
  password: string;
}

type Actor = { userId: string; username: string };

export interface UserChange {
  roles?: Role[];
  languages?: Locale[];
  disabled?: boolean;
  displayName?: string;
  maxChats?: number;
}

/**
 * Admins' use-cases on accounts: list them, create them, reset a password, change roles,
 * languages, display name, chat limit, or disable them. Each kind of change is its own audit entry
 * (who, what, before and after; never a password).
 * Sign-ins read the user on every request, so a change applies at the user's next call; a change
 * that takes access away (disabled, a role removed) is also handed to `accessChanged`, which
 * closes the user's open console sockets at once.
 */
export class UserAdmin {
  constructor(
    private readonly store: Pick<Store, 'users' | 'audit' | 'sessions'>,
    private readonly clock: Clock = systemClock,
    private readonly accessChanged: (before: UserRecord, after: UserRecord) => void = () => undefined,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.store.users.list()).map(toView);
  }

  async create(actor: Actor, input: NewUser): Promise<UserView> {
    const at = this.clock.now().toISOString();
    const user: UserRecord = {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName,
      roles: input.roles,
      languages: input.languages,
      maxChats: input.maxChats,
      passwordHash: await hashPassword(input.password),
      disabled: false,
      createdAt: at,
      updatedAt: at,
    };
    try {
      await this.store.users.create(user);
    } catch (error) {
      if (!isStoreError(error, 'duplicate')) throw error;
      throw new FieldProblemsError([
        { field: 'body.username', message: 'is already taken', messageKey: 'field.usernameTaken' },
      ]);
    }
    await this.audit(actor, 'user.create', user.username, at, {
      roles: user.roles,
      languages: user.languages,
      maxChats: user.maxChats,
    });
    return toView(user);
  }

  /**
   * A new password, set by an admin: the user's sign-ins end everywhere (their sessions are
   * deleted), so whoever knew the old one is out. Returns how many sign-ins ended.
   */
  async resetPassword(actor: Actor, id: string, password: string): Promise<{ signedOut: number }> {
    const current = await this.store.users.get(id);
    if (!current) throw new NotFoundError('No such user', { id });
    const at = this.clock.now().toISOString();
    const updated = await this.store.users.update(id, {
      passwordHash: await hashPassword(password),
      updatedAt: at,
    });
    if (!updated) throw new NotFoundError('No such user', { id });
    const signedOut = await this.store.sessions.deleteForUser(id);
    this.accessChanged(current, updated);
    await this.audit(actor, 'user.password_reset', current.username, at, { signedOut });
    return { signedOut };
  }

  async update(actor: Actor, id: string, change: UserChange): Promise<UserView> {
    const current = await this.store.users.get(id);
    if (!current) throw new NotFoundError('No such user', { id });
    // An admin locking themselves out would leave nobody to undo it.
    if (id === actor.userId && change.disabled === true) {
      throw new FieldProblemsError([
        {
          field: 'body.disabled',
          message: 'you cannot disable your own account',
          messageKey: 'field.selfDisable',
        },
      ]);
    }
    if (
      id === actor.userId &&
      change.roles &&
      !change.roles.includes('admin') &&
      current.roles.includes('admin')
    ) {
      throw new FieldProblemsError([
        {
          field: 'body.roles',
          message: 'you cannot remove your own admin role',
          messageKey: 'field.selfDemote',
        },
      ]);
    }
    const at = this.clock.now().toISOString();
    const patch = {
      ...(change.roles && { roles: [...new Set(change.roles)] }),
      ...(change.languages && { languages: [...new Set(change.languages)] }),
      ...(change.disabled !== undefined && { disabled: change.disabled }),
      ...(change.displayName !== undefined && { displayName: change.displayName }),
      ...(change.maxChats !== undefined && { maxChats: change.maxChats }),
    };
    const updated = await this.store.users.update(id, { ...patch, updatedAt: at });
    if (!updated) throw new NotFoundError('No such user', { id });
    this.accessChanged(current, updated);
    for (const [action, field] of AUDITED) {
      const before = current[field];
      const after = updated[field];
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      await this.audit(actor, action, current.username, at, { from: before, to: after });
    }
    return toView(updated);
  }

  private async audit(
    actor: Actor,
    action: string,
    target: string,
    at: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.store.audit.record({
      id: randomUUID(),
      at,
      actor: actor.username,
      action,
      target,
      details: JSON.stringify(details),
    });
  }
}

const AUDITED: ReadonlyArray<readonly [string, keyof UserRecord]> = [
  ['user.roles', 'roles'],
  ['user.languages', 'languages'],
  ['user.disabled', 'disabled'],
  ['user.display_name', 'displayName'],
  ['user.max_chats', 'maxChats'],
];

function toView(user: UserRecord): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    languages: user.languages,
    maxChats: user.maxChats,
    disabled: user.disabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
