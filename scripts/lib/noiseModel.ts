import { createHash } from 'node:crypto';
import { seededRandom } from '../../knowledge/engine/linearClassifier.js';

/**
 * A seeded model of how visitors really type, applied to clean questions to measure the engine on
 * noisy input (issue 12): accents dropped, letters doubled or swapped, and in Spanish the phonetic
 * spellings of people who write as they speak (b/v, s/c/z, y/ll, a silent h dropped, qu/k).
 *
 * Deterministic: each question's noise comes from a generator seeded with the seed and the question
 * itself, so a question gets the same noise whatever the file's order or the other questions.
 */

export interface NoiseOptions {
  seed: number;
  /** Chance that a question is typed without accents (and without ¿ ¡). */
  dropAccents: number;
  /** Chance that a word of four letters or more gets one mistake. */
  wordError: number;
  /** At most this many words of a question get a mistake. */
  maxErrorsPerQuestion: number;
  /** In Spanish, the share of mistakes that are phonetic spellings rather than typos. */
  phoneticShare: number;
}

export const DEFAULT_NOISE: NoiseOptions = {
  seed: 12,
  dropAccents: 0.7,
  wordError: 0.3,
  maxErrorsPerQuestion: 2,
  phoneticShare: 0.6,
};

type Random = () => number;

function pickIndex(random: Random, length: number): number {
  return Math.min(length - 1, Math.floor(random() * length));
}

function doubleLetter(word: string, random: Random): string {
  const at = pickIndex(random, word.length);
  return `${word.slice(0, at + 1)}${word[at]}${word.slice(at + 1)}`;
}

function swapLetters(word: string, random: Random): string {
  const at = pickIndex(random, word.length - 1);
  return `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}`;
}

/** Spanish sound-alike spellings: each rule rewrites one place where it applies. */
const PHONETIC_RULES: readonly { pattern: RegExp; replace: (match: string) => string }[] = [
  { pattern: /b/g, replace: () => 'v' },
  { pattern: /v/g, replace: () => 'b' },
  { pattern: /c(?=[eiéí])/g, replace: () => 's' },
  { pattern: /z/g, replace: () => 's' },
  { pattern: /s(?=[eiéí])/g, replace: () => 'c' },
  { pattern: /ll/g, replace: () => 'y' },
  { pattern: /y(?=[aeiouáéíóú])/g, replace: () => 'll' },
  { pattern: /h/g, replace: () => '' },
  { pattern: /qu(?=[eiéí])/g, replace: () => 'k' },
  { pattern: /c(?=[aouáóú])/g, replace: () => 'k' },
];

function phoneticSpelling(word: string, random: Random): string | undefined {
  const sites: { index: number; length: number; replacement: string }[] = [];
  for (const rule of PHONETIC_RULES) {
    for (const match of word.matchAll(rule.pattern)) {
      // Keep "ch": dropping its h or changing its c is not a sound-alike spelling.
      if (match[0] === 'h' && word[(match.index ?? 0) - 1] === 'c') continue;
      if (match[0].startsWith('c') && word[(match.index ?? 0) + 1] === 'h') continue;
      sites.push({ index: match.index ?? 0, length: match[0].length, replacement: rule.replace(match[0]) });
    }
  }
  if (sites.length === 0) return undefined;
  const site = sites[pickIndex(random, sites.length)] as (typeof sites)[number];
  return `${word.slice(0, site.index)}${site.replacement}${word.slice(site.index + site.length)}`;
}

function misspell(word: string, locale: string, random: Random, options: NoiseOptions): string {
  if (locale.startsWith('es') && random() < options.phoneticShare) {
    const phonetic = phoneticSpelling(word, random);
    if (phonetic !== undefined) return phonetic;
  }
  return random() < 0.5 ? doubleLetter(word, random) : swapLetters(word, random);
}

function seedFor(text: string, locale: string, seed: number): number {
  return createHash('sha256').update(`${seed}\u0000${locale}\u0000${text}`).digest().readUInt32BE(0);
}

function withoutAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[¿¡]/g, '')
    .normalize('NFC');
}

/** The question as a hurried visitor might type it. */
export function addNoise(text: string, locale: string, options: NoiseOptions = DEFAULT_NOISE): string {
  const random = seededRandom(seedFor(text, locale, options.seed));
  let noisy = random() < options.dropAccents ? withoutAccents(text) : text;
  let errors = 0;
  noisy = noisy.replace(/\p{L}{4,}/gu, (word) => {
    if (errors >= options.maxErrorsPerQuestion || random() >= options.wordError) return word;
    errors++;
    return misspell(word, locale, random, options);
  });
  return noisy;
}
