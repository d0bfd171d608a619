import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/locale.js';
import type { Role, Store, UserRecord } from '../storage/ports.js';
import { NotFoundError } from '../storage/errors.js';
import { FieldProblemsError } from '../shared/fieldProblems.js';

/** A user as admins see it: never the password hash. */
export type UserView = Omit<UserRecord, 'passwordHash'>;

export interface UserChange {
  roles?: Role[];
  languages?: Locale[];
  disabled?: boolean;
  displayName?: string;
  maxChats?: number;
}

/**
 * Admins' use-cases on accounts: list them, change roles, languages, display name, chat limit,
 * or disable them. Each kind of change is its own audit entry (who, what, before and after).
 * Sign-ins read the user on every request, so a change applies at the user's next call; a change
 * that takes access away (disabled, a role removed) is also handed to `accessChanged`, which
 * closes the user's open console sockets at once.
 */
export class UserAdmin {
  constructor(
    private readonly store: Pick<Store, 'users' | 'audit'>,
    private readonly clock: () => Date = () => new Date(),
    private readonly accessChanged: (before: UserRecord, after: UserRecord) => void = () => undefined,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.store.users.list()).map(toView);
  }

  async update(
    actor: { userId: string; username: string },
    id: string,
    change: UserChange,
  ): Promise<UserView> {
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
    const at = this.clock().toISOString();
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
      await this.store.audit.record({
        id: randomUUID(),
        at,
        actor: actor.username,
        action,
        target: current.username,
        details: JSON.stringify({ from: before, to: after }),
      });
    }
    return toView(updated);
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
