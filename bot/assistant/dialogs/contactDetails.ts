import { findPersonalData } from '../../privacy/personalData.js';

/** How an agent can reach a visitor who left a message: one of the two, the other null. */
export interface ContactDetails {
  email: string | null;
  phone: string | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@.]{2,}$/;
/** Digits with the usual separators; 7 to 15 digits (E.164's maximum). */
const PHONE = /^\+?[\d\s().-]{7,25}$/;
/** What people put between the parts of one message ("Ana, ana@example.com - my card…"). */
const SEPARATORS = /^[\s,;:.\-–—/|]+|[\s,;:.\-–—/|]+$/g;

/** An email address or a phone number, the whole text as typed; null when it is neither. */
export function contactOf(text: string): ContactDetails | null {
  const value = text.trim();
  if (EMAIL.test(value)) return { email: value.toLowerCase(), phone: null };
  const digits = value.replace(/\D/g, '');
  if (PHONE.test(value) && digits.length >= 7 && digits.length <= 15) return { email: null, phone: value };
  return null;
}

/** A message that has a contact among other words: the contact, and the words before and after it. */
export interface ContactInMessage {
  contact: ContactDetails;
  before: string;
  after: string;
}

/**
 * The first email address or phone number inside a longer message ("Ana Ruiz, ana@example.com, my
 * card never came"), found by the same patterns that mask personal data, so what counts as a
 * phone here is what the logs would hide. A Social Security number is never taken for a phone.
 */
export function contactIn(text: string): ContactInMessage | undefined {
  for (const match of findPersonalData(text)) {
    if (match.kind !== 'email' && match.kind !== 'phone') continue;
    const contact = contactOf(text.slice(match.start, match.end));
    if (!contact) continue;
    return {
      contact,
      before: text.slice(0, match.start).replace(SEPARATORS, ''),
      after: text.slice(match.end).replace(SEPARATORS, ''),
    };
  }
  return undefined;
}
