/**
 * Tells an A-number (Alien Registration Number, "USCIS number") from a receipt number: visitors
 * asked for a receipt number often type the number that is theirs for life instead. An A-number is
 * an "A" and 7 to 9 digits ("A123456789", "A# 012-345-678", "A-12345678"); the digits alone count
 * when the visitor says it is an A-number ("mi A number es 212345678").
 */

export interface AlienNumberOptions {
  /** The visitor says the number is an A-number. */
  saysAlienNumber?: boolean;
}

const MIN_DIGITS = 7;
const MAX_DIGITS = 9;
/** "A", then an optional "#", "-", "." or space, then digits in groups ("A# 123-456-789"). */
const WITH_LETTER = /(?<![\p{L}\p{N}])A\s?[#.-]?\s?(\d(?:[\s.-]?\d){6,8})(?![\p{L}\p{N}-])/giu;
/** Digits alone: 7 to 9 in one run or grouped 3-3-3. */
const DIGITS_ALONE = /(?<![\p{L}\p{N}-])(\d{3}[\s.-]\d{3}[\s.-]\d{3}|\d{7,9})(?![\p{L}\p{N}-])/gu;

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

/** Whether the message holds an A-number. */
export function findAlienNumber(text: string, options: AlienNumberOptions = {}): boolean {
  const normalised = text.normalize('NFKC');
  for (const match of normalised.matchAll(WITH_LETTER)) {
    const digits = digitCount(match[1] ?? '');
    // A lower-case "a" before a number is as often the article ("a 1234567"): only with a sign.
    const letter = match[0].charAt(0);
    const signed = /[#-]/.test(match[0].slice(1, 3)) || !/\s/.test(match[0].charAt(1));
    if (digits >= MIN_DIGITS && digits <= MAX_DIGITS && (letter === 'A' || signed)) return true;
  }
  if (!options.saysAlienNumber) return false;
  for (const match of normalised.matchAll(DIGITS_ALONE)) {
    const digits = digitCount(match[1] ?? '');
    if (digits >= MIN_DIGITS && digits <= MAX_DIGITS) return true;
  }
  return false;
}
