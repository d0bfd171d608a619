import type { UserRecord } from '../../auth/records.js';
export type { Role, UserRecord } from '../../auth/records.js';

// People who sign in: agents, editors, admins.

export interface UserStore {
  /** `DuplicateKeyError` when the id or username is taken. */
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | null>;
  findByUsername(username: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  update(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<UserRecord | null>;
}
