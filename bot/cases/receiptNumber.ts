/**
 * Finds a USCIS receipt number in what a visitor typed and normalises it ("eac-99-991-03402" →
 * "EAC9999103402"), or recognises a failed attempt so the bot can explain the format instead of
 * ignoring it. A receipt number is 3 letters (the office that received the case) and 10 digits.
 *
 * False positives matter as much as misses: an ordinary word followed by a number ("tel 202 555
 * 1234", "NBC 4", "Jan 20, 2026"), form numbers ("I-130"), A-numbers ("A123456789") and dates must
 * not be taken for receipt numbers. So known prefixes are trusted generously, unknown ones only
 * when the letters and exactly ten digits are typed together like a receipt number.
 */
import { maskReceiptNumber as maskWithPrefixAndDigits } from '../privacy/personalData.js';

import receiptPrefixFile from './receiptPrefixes.json' with { type: 'json' };

/**
 * Office prefixes printed on receipt notices, from `receiptPrefixes.json` (the one list of them):
 * the service centres' historic codes (EAC Vermont, WAC California, LIN Nebraska, SRC Texas), the
 * National Benefits Center (NBC, MSC), online filing (IOE), the Potomac Service Center (YSC), and
 * the four service centres under their current names (VSC, CSC, NSC, TSC). None of them is an
 * English or Spanish word, so accepting them all costs no false positives.
 */
export const RECEIPT_NUMBER_PREFIXES: readonly string[] = receiptPrefixFile.prefixes.map(
  (entry) => entry.prefix,
);

/** The prefixes named to visitors as examples ("such as EAC, WAC, LIN…"). */
export const COMMON_RECEIPT_NUMBER_PREFIXES: readonly string[] = receiptPrefixFile.prefixes
  .filter((entry) => entry.common)
  .map((entry) => entry.prefix);

const KNOWN_PREFIXES: ReadonlySet<string> = new Set(RECEIPT_NUMBER_PREFIXES);

/** Three-letter words that come before phone or ID numbers ("tel 2025551234"), never a receipt. */
const NOT_PREFIXES: ReadonlySet<string> = new Set([
  'TEL',
  'FAX',
  'CEL',
  'MOB',
  'SSN',
  'EIN',
  'ITN',
  'NUM',
  'REF',
]);

const RECEIPT_DIGITS = 10;
/** Known prefix + this many digits (but not 10) reads as a mistyped receipt number. */
const MIN_DIGITS_OF_AN_ATTEMPT = 7;
/**
 * Fewer digits still read as an attempt when they are glued to a known prefix ("EAC12345") or the
 * visitor says it is a receipt number ("my receipt number is EAC 12345"); "EAC 123" alone is not.
 */
const MIN_DIGITS_OF_A_SHORT_ATTEMPT = 3;
const MAX_DIGITS_OF_AN_ATTEMPT = 14;

export type MalformedReceiptProblem =
  /** A known prefix with too few or too many digits ("EAC 99991034"), or letters among them ("EAC99991O3402"). */
  | 'wrong_digit_count'
  /** Three letters that are no office code, typed like a receipt number: "EAK9999103402". */
  | 'unknown_prefix'
  /** Two or four letters glued to ten digits: "EA9999103402". */
  | 'wrong_letter_count';

export type ReceiptNumberSearch =
  | { kind: 'found'; receiptNumber: string; raw: string }
  | {
      kind: 'malformed';
      problem: MalformedReceiptProblem;
      raw: string;
      /** The letters typed (upper case), to say which prefix is wrong. */
      letters: string;
      /** How many digits were typed after them. */
      digits: number;
    }
  | { kind: 'none' };

/** A strictly normalised receipt number: 3 upper-case letters and 10 digits. */
export const RECEIPT_NUMBER_PATTERN = /^[A-Z]{3}\d{10}$/;

// Dash-like characters people paste from documents and phones, turned into "-".
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Between the letters and the digits: a few separators such as " ", "-", ": ", " # ". */
const PREFIX_SEPARATOR = /^[\s\-.:#/_]{0,3}/;
/** Between digit groups: one short separator run such as " ", "-", " - ", ".". */
const GROUP_SEPARATOR = /^[ \t\-./_]{1,3}/;
/** A run of 2-4 ASCII letters that is a whole word (no letter or digit glued on either side). */
const LETTER_RUN = /(?<![\p{L}\p{N}_])([A-Za-z]{2,4})(?![\p{L}_])/gu;

interface DigitGroups {
  /** Text positions (exclusive) after each group, with the running digit count there. */
  boundaries: { end: number; digits: number }[];
  /** Each group's digits, to tell a phone-number layout (3-3-4) from a receipt-number one. */
  groups: string[];
  /** The separators between groups (none when there is one group). */
  separators: string[];
}

function readDigitGroups(text: string, start: number): DigitGroups {
  const result: DigitGroups = { boundaries: [], groups: [], separators: [] };
  let position = start;
  let digits = 0;
  for (;;) {
    const group = /^\d+/.exec(text.slice(position))?.[0];
    if (!group) break;
    position += group.length;
    digits += group.length;
    result.groups.push(group);
    result.boundaries.push({ end: position, digits });
    if (digits >= MAX_DIGITS_OF_AN_ATTEMPT) break;
    const separator = GROUP_SEPARATOR.exec(text.slice(position))?.[0] ?? '';
    if (!separator || !/^\d/.test(text.slice(position + separator.length))) break;
    result.separators.push(separator);
    position += separator.length;
  }
  return result;
}

/** "2024-05-09", "05/09/2024", "9-5-2023": digit groups shaped like a date, not a receipt number. */
function isDateLayout(groups: string[]): boolean {
  const layout = groups.map((group) => group.length).join('-');
  return /^(?:4-[12]-[12]|[12]-[12]-4)$/.test(layout);
}

type Candidate = Exclude<ReceiptNumberSearch, { kind: 'none' }>;

export interface ReceiptSearchOptions {
  /** The visitor says the number is a receipt number: shorter attempts count as attempts. */
  saysReceipt?: boolean;
}

function classify(
  text: string,
  letterStart: number,
  letters: string,
  options: ReceiptSearchOptions,
): Candidate | null {
  const prefix = letters.toUpperCase();
  const afterLetters = letterStart + letters.length;
  const separator = PREFIX_SEPARATOR.exec(text.slice(afterLetters))?.[0] ?? '';
  const digitsStart = afterLetters + separator.length;
  if (!/^\d/.test(text.slice(digitsStart))) return null;
  const { boundaries, groups, separators } = readDigitGroups(text, digitsStart);
  const rawUpTo = (end: number) => text.slice(letterStart, end);
  const total = boundaries[boundaries.length - 1]?.digits ?? 0;
  const lastEnd = boundaries[boundaries.length - 1]?.end ?? digitsStart;
  const malformed = (problem: MalformedReceiptProblem, end: number, digits = total): Candidate => ({
    kind: 'malformed',
    problem,
    raw: rawUpTo(end),
    letters: prefix,
    digits,
  });

  if (letters.length === 3 && KNOWN_PREFIXES.has(prefix)) {
    // Stop at the first group boundary with exactly ten digits, so a number typed after the
    // receipt number ("EAC9999103402 2023") does not spoil it.
    const exact = boundaries.find((boundary) => boundary.digits === RECEIPT_DIGITS);
    if (exact) {
      const digits = text.slice(digitsStart, exact.end).replace(/\D/g, '');
      return { kind: 'found', receiptNumber: `${prefix}${digits}`, raw: rawUpTo(exact.end) };
    }
    // The letter O for a zero or l for a one ("EAC99991O3402") is a receipt number typed wrong.
    const withLookalikes = /^[\dOoIl]{7,14}(?![\p{L}\p{N}])/u.exec(text.slice(digitsStart))?.[0];
    if (withLookalikes && /[OoIl]/.test(withLookalikes)) {
      return malformed('wrong_digit_count', digitsStart + withLookalikes.length, withLookalikes.length);
    }
    if (isDateLayout(groups)) return null;
    const shortAttempt =
      total >= MIN_DIGITS_OF_A_SHORT_ATTEMPT && (separator === '' || options.saysReceipt === true);
    if (total < MIN_DIGITS_OF_AN_ATTEMPT && !shortAttempt) return null;
    return malformed('wrong_digit_count', lastEnd);
  }

  // Unknown letters: only a compact receipt-like shape counts, i.e. letters glued to the digits or
  // joined by a single dash, ten digits in dash-separated groups, and not a phone layout (3-3-4).
  const gluedOrDashed = separator === '' || separator === '-';
  const dashGroupsOnly = separators.every((between) => between === '-');
  const phoneLayout = groups.length === 3 && groups.map((group) => group.length).join('-') === '3-3-4';
  const receiptShaped =
    total === RECEIPT_DIGITS &&
    (gluedOrDashed || options.saysReceipt === true) &&
    dashGroupsOnly &&
    !phoneLayout;
  if (!receiptShaped || NOT_PREFIXES.has(prefix)) return null;
  if (letters.length === 3) return malformed('unknown_prefix', lastEnd);
  // Two or four letters: only when glued to ten digits in one run ("EA9999103402"), the typing
  // least likely to be anything else.
  if (separator === '' && groups.length === 1) return malformed('wrong_letter_count', lastEnd);
  return null;
}

/**
 * The first valid receipt number in `text`; else the first attempt that looks like one but is
 * malformed; else `none`. Full-width characters and typographic dashes are accepted.
 */
export function findReceiptNumber(text: string, options: ReceiptSearchOptions = {}): ReceiptNumberSearch {
  const normalised = text.normalize('NFKC').replace(DASHES, '-');
  let firstMalformed: Candidate | null = null;
  for (const match of normalised.matchAll(LETTER_RUN)) {
    const letters = match[1];
    if (!letters || match.index === undefined) continue;
    const candidate = classify(normalised, match.index, letters, options);
    if (candidate?.kind === 'found') return candidate;
    if (candidate && !firstMalformed) firstMalformed = candidate;
  }
  return firstMalformed ?? { kind: 'none' };
}

/**
 * A receipt number as the API wants it ("EAC9999103402") from one typed on its own
 * ("eac-99-991-03402", " EAC 9999103402 "), or null when it is not 3 letters + 10 digits.
 * Does not check the prefix: the API is the authority on which offices exist.
 */
export function normaliseReceiptNumber(input: string): string | null {
  const compact = input
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015.:#/_]/g, '')
    .toUpperCase();
  return RECEIPT_NUMBER_PATTERN.test(compact) ? compact : null;
}

/**
 * "EAC9999103402" → "EAC*******3402" for logs and analytics (the same mask as the privacy module,
 * a fixed run of stars so the length is not revealed). Anything else is masked after removing
 * separators; too short to keep four digits private, it is masked entirely.
 */
export function maskReceiptNumber(receiptNumber: string): string {
  const compact = receiptNumber.replace(/[^A-Za-z0-9]/g, '');
  if (compact.length < 8) return '*'.repeat(Math.max(compact.length, 1));
  return maskWithPrefixAndDigits(compact.slice(0, 3), compact.slice(3));
}
