/**
 * Masks personal data in free text before it reaches a log line, an analytics record, a stored
 * transcript or a report. Visitors paste receipt numbers, A-numbers, Social Security numbers,
 * emails and phone numbers into chats, in English and Spanish and in every typing; none of them
 * may leave the conversation unmasked.
 *
 * The patterns are deliberately generous (separators, lower case, words around the number):
 * masking a harmless number is cheap, leaking a real one is not. What they must leave alone is
 * what the agency's own answers are made of: form numbers (I-130, N-400, AR-11), dates, fees,
 * times, ZIP codes. `npm run privacy:corpus` measures both on a corpus of phrasings
 * (test/privacy/personalDataCorpus.ts).
 */

export type PersonalDataKind = 'email' | 'receipt' | 'a_number' | 'ssn' | 'phone';

/** One piece of personal data found in a text: `text.slice(start, end)`. */
export interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

/** A separator people type inside numbers. */
const SEP = '[\\s.-]?';
/** 7 to 9 digits with optional separators: an A-number's digits. */
const A_DIGITS = `\\d(?:${SEP}\\d){6,8}`;

/** Emails: a pragmatic pattern (letters of any language); the exact RFC grammar is not the point. */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * The receipt notices' office prefixes (RECEIPT_NUMBER_PREFIXES in bot/cases/receiptNumber.ts,
 * which imports this module, hence the copy; a test keeps the two equal).
 */
export const RECEIPT_PREFIXES_FOR_MASKING = [
  'EAC',
  'WAC',
  'LIN',
  'SRC',
  'NBC',
  'MSC',
  'IOE',
  'YSC',
  'VSC',
  'CSC',
  'NSC',
  'TSC',
] as const;
/** Receipt numbers with a known prefix: ten digits typed with spaces, dashes, dots, in any case. */
const RECEIPT_KNOWN = new RegExp(
  `\\b(${RECEIPT_PREFIXES_FOR_MASKING.join('|')})${SEP}((?:\\d${SEP}){9}\\d)\\b`,
  'gi',
);
/**
 * Any three letters and ten digits typed together, as a receipt number is printed: an unknown
 * prefix is trusted only then ("was 09-05-2023 14:28" is a date, not a receipt).
 */
const RECEIPT_OTHER = /\b([A-Za-z]{3})[\s.-]?(\d{10})\b/g;

/**
 * Words that announce an A-number (Alien Registration Number, USCIS number), in English and
 * Spanish, with or without accents: "A-number", "alien registration no.", "número A", "número de
 * extranjero", "n.º de registro de extranjero", "USCIS #"...
 */
const A_NUMBER_WORDS = [
  'a[\\s-]?(?:number|num(?:ber)?\\.?|no\\.?|nr\\.?|#)',
  'alien(?:\\s+registration)?(?:\\s+(?:number|num\\.?|no\\.?|#))',
  'alien\\s+registration',
  '(?:registration|file|a[\\s-]?file|uscis)\\s*(?:number|num\\.?|no\\.?|#)',
  'n[uú]m(?:ero|\\.)?\\s*(?:de\\s+)?(?:a|uscis)\\b',
  'n[uú]m(?:ero|\\.)?\\s+de\\s+(?:registro\\s+de\\s+)?extranjer[oa]',
  'n[uú]m(?:ero|\\.)?\\s+de\\s+registro',
  'n[uú]m(?:ero|\\.)?\\s+de\\s+expediente',
  'n\\.?\\s?[ºo°]\\s*(?:de\\s+)?(?:a|registro|extranjero|uscis)\\b',
  'registro\\s+de\\s+extranjer[oa]',
].join('|');

/** An announced A-number: the words, a few characters ("is", ": ", "es el"), then the digits. */
const A_NUMBER_ANNOUNCED = new RegExp(
  `\\b(?:${A_NUMBER_WORDS})[^\\d\\n]{0,20}?((?:[Aa]${SEP}#?${SEP})?${A_DIGITS})\\b`,
  'giu',
);
/** A written A-number: "A" then 7 to 9 digits, often grouped 3-3-3 ("A-123-456-789", "A#12345678"). */
const A_NUMBER = new RegExp(`\\b[Aa]${SEP}#?${SEP}(${A_DIGITS})\\b`, 'g');

/** Social Security numbers: 3-2-4 digits with separators, or nine digits in a row. */
const SSN = /\b\d{3}[\s.-]{1,3}\d{2}[\s.-]{1,3}\d{4}\b|\b\d{9}\b/g;

/** International numbers: "+" or "00", a country code, then groups of digits. */
const PHONE_INTERNATIONAL = /(?:\+|\b00[\s.-]?)\d[\d\s().-]{6,22}\d/g;
/** North American numbers in common typings, with an optional +1 / 1 prefix. */
const PHONE_NANP = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}\b/g;
/**
 * National typings of the countries most visitors call from: Mexico "55 1234 5678" (2-4-4) and
 * "(55) 1234 5678", Spain "612 34 56 78" (3-2-2-2) and "91 123 45 67" (2-3-2-2), and "612 345 678"
 * (3-3-3). Dates and fees never have these shapes.
 */
const PHONE_NATIONAL =
  /(?:\b\d{2}|\(\d{2,3}\))[\s.-]?\d{4}[\s.-]\d{4}\b|\b\d{3}[\s.-]\d{2}[\s.-]\d{2}[\s.-]\d{2}\b|\b\d{2}[\s.-]\d{3}[\s.-]\d{2}[\s.-]\d{2}\b|\b\d{3}[\s.-]\d{3}[\s.-]\d{3}\b/g;
/**
 * Any other number someone calls a phone number ("my cell is 7123 4567", "teléfono: 2222-3333",
 * "WhatsApp 55 12 34 56 78"): 7 to 15 digits right after the word.
 */
const PHONE_ANNOUNCED =
  /\b(?:phone|telephone|tel|cell(?:phone)?|mobile|call\s+me\s+(?:at|on)|text\s+me\s+at|whats\s?app|tel[eé]fono|celular|m[oó]vil|ll[aá]m[ea]me\s+al?|n[uú]mero\s+de\s+(?:tel[eé]fono|celular|contacto))\b[^\d\n+]{0,15}?(\+?\d(?:[\s.()-]{0,2}\d){6,14})\b/giu;

interface Rule {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** The capture group that holds the data, when the match includes words around it. */
  group?: number;
  /** Keeps a match only if this says so (digit counts the pattern cannot express). */
  accept?: (matched: string) => boolean;
}

const digitCount = (text: string) => text.replace(/\D/g, '').length;

/** In priority order: a span claimed by one rule is not looked at by the next ones. */
const RULES: readonly Rule[] = [
  { kind: 'email', pattern: EMAIL },
  { kind: 'receipt', pattern: RECEIPT_KNOWN },
  { kind: 'receipt', pattern: RECEIPT_OTHER },
  { kind: 'a_number', pattern: A_NUMBER },
  { kind: 'a_number', pattern: A_NUMBER_ANNOUNCED, group: 1 },
  { kind: 'ssn', pattern: SSN },
  {
    kind: 'phone',
    pattern: PHONE_INTERNATIONAL,
    accept: (matched) => digitCount(matched) >= 8 && digitCount(matched) <= 17,
  },
  { kind: 'phone', pattern: PHONE_NANP },
  { kind: 'phone', pattern: PHONE_NATIONAL },
  { kind: 'phone', pattern: PHONE_ANNOUNCED, group: 1 },
];

/**
 * The agency's own public lines (the Contact Center and its TTY): not anyone's personal data. The
 * assistant gives them as `tel:` links, which must still dial after a reload replays the stored
 * transcript, and in a downloaded transcript.
 */
const PUBLIC_PHONE_NUMBERS = new Set(['8003755283', '8007671833']);
const isPublicPhoneNumber = (value: string) => PUBLIC_PHONE_NUMBERS.has(value.replace(/\D/g, '').slice(-10));

/**
 * Whether any rule could match: an email needs an "@", and every other kind at least seven digits
 * (an A-number's fewest; `\d` is ASCII in every pattern). Most texts (the bot's answers, labels,
 * questions) have neither, and this look is much cheaper than the ten patterns.
 */
function mayHoldPersonalData(text: string): boolean {
  if (text.includes('@')) return true;
  let digits = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code >= 48 && code <= 57 && ++digits >= MIN_DIGITS) return true;
  }
  return false;
}
const MIN_DIGITS = 7;

/** Every piece of personal data in `text`, in order, none overlapping another. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  if (!mayHoldPersonalData(text)) return found;
  const overlaps = (start: number, end: number) =>
    found.some((match) => start < match.end && match.start < end);
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const value = rule.group === undefined ? match[0] : match[rule.group];
      if (value === undefined || match.index === undefined) continue;
      const start = match.index + (rule.group === undefined ? 0 : match[0].lastIndexOf(value));
      const end = start + value.length;
      if (rule.accept && !rule.accept(value)) continue;
      if (rule.kind === 'phone' && isPublicPhoneNumber(value)) continue;
      if (!overlaps(start, end)) found.push({ kind: rule.kind, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

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

/** What one match is replaced with. */
function maskOf(kind: PersonalDataKind, value: string): string {
  switch (kind) {
    case 'email':
      return `${value[0] ?? ''}***@***`;
    case 'receipt':
      return maskReceiptNumber(value.slice(0, 3), digitsOf(value));
    case 'a_number':
      return `A*****${digitsOf(value).slice(-3)}`;
    case 'ssn':
      return '***-**-****';
    case 'phone':
      return `***-***-${digitsOf(value).slice(-4)}`;
  }
}

/** Replaces the matches with their masks (`matches` in order, not overlapping). */
function replaceMatches(text: string, matches: readonly PersonalDataMatch[]): string {
  let masked = '';
  let at = 0;
  for (const match of matches) {
    masked += text.slice(at, match.start) + maskOf(match.kind, text.slice(match.start, match.end));
    at = match.end;
  }
  return masked + text.slice(at);
}

export function maskPersonalData(text: string): string {
  return replaceMatches(text, findPersonalData(text));
}

/**
 * For a visitor's message as it comes in, before anyone sees it (their own chat, the bot, an
 * agent): only Social Security numbers are hidden. Nobody here ever needs one, so it is hidden
 * even from the turn, while receipt numbers stay for the case-status lookup. `found` says whether
 * there was one, so the visitor can be warned.
 */
export function hideSocialSecurityNumbers(text: string): { text: string; found: boolean } {
  const numbers = findPersonalData(text).filter((match) => match.kind === 'ssn');
  return { text: replaceMatches(text, numbers), found: numbers.length > 0 };
}

/**
 * Masks every string inside a JSON-like value (objects, arrays, errors), leaving its shape alone.
 * Used by the logger for structured fields and by analytics for stored payloads. An object met
 * twice (the same card in two places, or a cycle) becomes the same masked copy both times: it is
 * never passed through unmasked.
 */
export function maskPersonalDataDeep<T>(value: T, copies = new WeakMap<object, unknown>()): T {
  if (typeof value === 'string') return maskPersonalData(value) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const known = copies.get(value);
  if (known !== undefined) return known as T;
  if (Array.isArray(value)) {
    const masked: unknown[] = [];
    copies.set(value, masked);
    for (const item of value as unknown[]) masked.push(maskPersonalDataDeep(item, copies));
    return masked as T;
  }
  const masked: Record<string, unknown> =
    value instanceof Error
      ? {
          type: value.name,
          message: maskPersonalData(value.message),
          stack: value.stack === undefined ? undefined : maskPersonalData(value.stack),
        }
      : {};
  copies.set(value, masked);
  for (const [key, inner] of Object.entries(value)) masked[key] = maskPersonalDataDeep(inner, copies);
  return masked as T;
}
