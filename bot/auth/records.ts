import type { Locale } from '../../contracts/locale.js';

/**
 * Who signs in to the consoles and with which roles: the user and the session records. The storage
 * ports (bot/storage/ports/) keep them; they are defined here, beside the code that checks them.
 */

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

export interface SessionRecord {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  roles: Role[];
  createdAt: string;
  expiresAt: string;
}
