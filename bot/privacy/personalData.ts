/**
 * Masks personal data in free text before it reaches a log line, an analytics record, a stored
 * transcript or a report. Visitors paste receipt numbers, A-numbers, Social Security numbers,
 * emails and phone numbers into chats; none of them may leave the conversation unmasked.
 *
 * The patterns are deliberately generous (separators, lower case, no word boundaries inside
 * numbers): masking a harmless number is cheap, leaking a real one is not.
 */

const SEP = '[\\s.-]?';

/** Receipt numbers: three letters and ten digits, typed with spaces, dashes or lower case. */
const RECEIPT = new RegExp(`\\b([A-Za-z]{3})${SEP}((?:\\d${SEP}){9}\\d)\\b`, 'g');
/** A-numbers (Alien Registration Numbers): "A" then 8 or 9 digits, often grouped 3-3-3. */
const A_NUMBER = new RegExp(`\\b[Aa]${SEP}#?${SEP}((?:\\d${SEP}){7,8}\\d)\\b`, 'g');
/** Emails: a pragmatic pattern; the exact RFC grammar is not the point here. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Social Security numbers: 3-2-4 digits with separators, or nine digits in a row. */
const SSN = /\b\d{3}[\s.-]\d{2}[\s.-]\d{4}\b|\b\d{9}\b/g;
/** Phone numbers: North American numbers in common typings, with an optional +1 / 1 prefix. */
const PHONE = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}\b/g;

/**
 * The agency's own public lines (the Contact Center and its TTY): not anyone's personal data. The
 * assistant gives them as `tel:` links, which must still dial after a reload replays the stored
 * transcript, and in a downloaded transcript.
 */
const PUBLIC_PHONE_NUMBERS = new Set(['8003755283', '8007671833']);

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * "EAC9999103402" → "EAC*******3402": the office prefix and the last four digits stay, so support
 * staff can tell cases apart; the stars are a fixed run so the mask does not reveal the length.
 */
export function maskReceiptNumber(prefix: string, digits: string): string {
  return `${prefix.toUpperCase()}*******${digits.slice(-4)}`;
}

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, (email) => `${email[0] ?? ''}***@***`)
    .replace(RECEIPT, (_match, prefix: string, digits: string) => maskReceiptNumber(prefix, digitsOf(digits)))
    .replace(A_NUMBER, (_match, digits: string) => `A*****${digitsOf(digits).slice(-3)}`)
    .replace(SSN, '***-**-****')
    .replace(PHONE, (phone) =>
      PUBLIC_PHONE_NUMBERS.has(digitsOf(phone).slice(-10)) ? phone : `***-***-${digitsOf(phone).slice(-4)}`,
    );
}

/**
 * Masks every string inside a JSON-like value (objects, arrays, errors), leaving its shape alone.
 * Used by the logger for structured fields and by analytics for stored payloads.
 */
export function maskPersonalDataDeep<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return maskPersonalData(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Error) {
    const masked: Record<string, unknown> = {
      type: value.name,
      message: maskPersonalData(value.message),
      stack: value.stack === undefined ? undefined : maskPersonalData(value.stack),
    };
    for (const [key, inner] of Object.entries(value)) masked[key] = maskPersonalDataDeep(inner, seen);
    return masked as T;
  }
  if (Array.isArray(value)) return value.map((item) => maskPersonalDataDeep(item, seen)) as T;
  if (value instanceof Date) return value;
  const masked: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) masked[key] = maskPersonalDataDeep(inner, seen);
  return masked as T;
}
