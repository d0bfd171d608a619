import type { Locale } from '../../../contracts/locale.js';

// The canned replies agents insert, per language.

/** A reply agents insert in a chat, in the visitor's language; admins manage them. */
export interface CannedReply {
  id: string;
  locale: Locale;
  title: string;
  /** `{{name}}` becomes the inserting agent's display name. */
  text: string;
  createdAt: string;
  updatedAt: string;
  /** The user who wrote this version. */
  updatedBy: string;
}

export interface CannedReplyStore {
  /** Sorted by locale, then title. */
  list(filter?: { locale?: Locale }): Promise<CannedReply[]>;
  get(id: string): Promise<CannedReply | null>;
  count(locale: Locale): Promise<number>;
  /** `DuplicateKeyError` when the id exists. */
  create(reply: CannedReply): Promise<void>;
  /** Null when it does not exist. */
  update(
    id: string,
    patch: Pick<CannedReply, 'title' | 'text' | 'updatedAt' | 'updatedBy'>,
  ): Promise<CannedReply | null>;
  /** False when it did not exist. */
  delete(id: string): Promise<boolean>;
}
