import type { Locale } from '../../../contracts/locale.js';
import type { CannedReply } from '../../handoff/records.js';
export type { CannedReply } from '../../handoff/records.js';

// The canned replies agents insert, per language.

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
