import type { Locale } from '../../../contracts/locale.js';

// People who sign in: agents, editors, admins.

export type Role = 'agent' | 'editor' | 'admin';

export interface UserRecord {
  id: string;
  /** Unique, lower case. */
  username: string;
  displayName: string;
  roles: Role[];
  /** Languages the agent can chat in. */
  languages: Locale[];
  maxChats: number;
  /** A slow-KDF hash (argon2id, PHC string); never the password. */
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserStore {
  /** `DuplicateKeyError` when the id or username is taken. */
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | null>;
  findByUsername(username: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  update(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<UserRecord | null>;
}
