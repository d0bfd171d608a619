import { adjacentSwaps, type PhoneticKey } from './soundAlike.js';
import { characterTrigrams } from './textAnalyzer.js';
import { NEVER_PAUSE, type Pausable } from './timeSlicer.js';
import { BoundedMemo } from './boundedMemo.js';

// The engine's index takes a language's sound-alike key from here, with the corrector.
export { PHONETIC_KEYS } from './soundAlike.js';

/**
 * Maps a misspelled question word to the index's own words ("apointment" → "appointment",
 * "infopas" → "infopass", "crad" → "card"). A trigram index over the vocabulary, plus the word's
 * adjacent-letter swaps, picks a few candidates cheaply; the edit distance then decides.
 *
 * A word the index does not know is usually not a typo at all but an ordinary word the articles
 * never use ("food", "weather", "gmail"), and most of those are one letter away from some vocabulary
 * word ("good", "rather", "email"). Rewriting them puts words in the visitor's mouth, so a
 * correction needs the evidence a real typo leaves:
 * - the first letter is kept (or swapped with the second): people rarely mistype it, while another
 *   first letter mostly makes another real word (food/good, near/hear, tall/call);
 * - one edit for words of up to eight letters, two from nine on;
 * - a four-letter word is only corrected for two swapped letters ("crad", "fomr") or for one letter
 *   left out of a word the articles use often ("chek" → check, "renw" → renew): one other edit away
 *   from a four-letter word there is nearly always a real word (life/live, park/part), while a
 *   frequent word of the articles minus one letter is rarely another word a visitor would type.
 * Among equally close candidates, the word the articles use most wins.
 */

export interface Correction {
  /** The vocabulary word the question's word was taken for. */
  word: string;
  stem: string;
  /** 1 − edits / length: 1 is identical. */
  similarity: number;
}

export interface TypoCorrectorOptions {
  /** Words shorter than this are never corrected: too many short words are one typo apart. */
  minWordLength: number;
  /**
   * Words shorter than this are corrected only for two swapped adjacent letters, or for one letter
   * left out of a vocabulary word that occurs at least `minOccurrencesForShortInsertion` times.
   */
  minLengthForAnyEdit: number;
  /** How often the articles must use a word for a short word missing one of its letters to be taken for it. */
  minOccurrencesForShortInsertion: number;
  /** Words this long or longer may have two edits; shorter ones one. */
  minLengthForTwoEdits: number;
  /** How many candidates the trigram filter keeps for the edit distance. */
  maxCandidates: number;
  /** The language's sound-alike key (see `PHONETIC_KEYS`); none: spelling edits only. */
  phoneticKey?: PhoneticKey;
}

/** How much a sound-alike correction is trusted (1 is the word as typed). */
const SOUND_ALIKE_SIMILARITY = 0.85;

const DEFAULT_OPTIONS: TypoCorrectorOptions = {
  minWordLength: 4,
  minLengthForAnyEdit: 5,
  minOccurrencesForShortInsertion: 30,
  minLengthForTwoEdits: 9,
  maxCandidates: 40,
};

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[] = new Array<number>(rows * columns).fill(0);
  const at = (i: number, j: number): number => table[i * columns + j] as number;
  for (let i = 0; i < rows; i++) table[i * columns] = i;
  for (let j = 0; j < columns; j++) table[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      table[i * columns + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * Whether `editDistance(a, b) === 1`, found in one pass without the distance table: one letter
 * added, dropped or changed, or two adjacent letters swapped. For callers that compare a word
 * with many others and only care about a single slip (the phrasebook's typo reading).
 */
export function isOneEditApart(a: string, b: string): boolean {
  if (a.length === b.length) {
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    if (at === a.length) return false;
    // One letter changed, or this letter and the next swapped; the rest must be the same.
    const swapped = at + 1 < a.length && a[at] === b[at + 1] && a[at + 1] === b[at];
    return a.slice(at + 1) === b.slice(at + 1) || (swapped && a.slice(at + 2) === b.slice(at + 2));
  }
  if (a.length === b.length + 1) return isOneLetterLeftOut(b, a);
  if (b.length === a.length + 1) return isOneLetterLeftOut(a, b);
  return false;
}

/** Whether `word` is `candidate` with exactly one of its letters left out ("chek" of "check"). */
function isOneLetterLeftOut(word: string, candidate: string): boolean {
  if (candidate.length !== word.length + 1) return false;
  let skipped = 0;
  for (let i = 0, j = 0; i < word.length; j++) {
    if (word[i] === candidate[j]) i++;
    else if (++skipped > 1) return false;
  }
  return true;
}

export class TypoCorrector {
  private readonly options: TypoCorrectorOptions;
  private readonly stemByWord = new Map<string, string>();
  /** How often each word occurs in the indexed texts: breaks ties between equally close candidates. */
  private readonly occurrences = new Map<string, number>();
  private readonly knownStems = new Set<string>();
  private words: string[] = [];
  private readonly wordsByTrigram = new Map<string, number[]>();
  /** Shared-trigram counts by word, reused across lookups (only the touched slots are reset). */
  private sharedCounts = new Uint16Array(0);
  private readonly corrections = new BoundedMemo<Correction[]>(10_000);
  /** Vocabulary words by sound-alike key. */
  private readonly wordsBySound = new Map<string, string[]>();

  constructor(options: Partial<TypoCorrectorOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Records one occurrence of a word of the indexed texts. */
  add(word: string, stem: string): void {
    if (!this.stemByWord.has(word)) {
      this.stemByWord.set(word, stem);
      const key = this.options.phoneticKey?.(word);
      if (key !== undefined && word.length >= this.options.minWordLength - 1) {
        const list = this.wordsBySound.get(key);
        if (list) list.push(word);
        else this.wordsBySound.set(key, [word]);
      }
    }
    this.occurrences.set(word, (this.occurrences.get(word) ?? 0) + 1);
    this.knownStems.add(stem);
  }

  async finish(slicer: Pausable = NEVER_PAUSE): Promise<void> {
    this.words = [...this.stemByWord.keys()].filter((word) => word.length >= this.options.minWordLength - 1);
    this.sharedCounts = new Uint16Array(this.words.length);
    for (let index = 0; index < this.words.length; index++) {
      if (index % 256 === 0) await slicer.maybePause();
      for (const gram of characterTrigrams([this.words[index] as string]).keys()) {
        const list = this.wordsByTrigram.get(gram);
        if (list) list.push(index);
        else this.wordsByTrigram.set(gram, [index]);
      }
    }
  }

  /** Whether the index knows this word or another word with the same stem. */
  isKnown(word: string, stem: string): boolean {
    return this.stemByWord.has(word) || this.knownStems.has(stem);
  }

  /** The vocabulary words this unknown word is probably a misspelling of, best first (at most 2). */
  correct(word: string): Correction[] {
    if (word.length < this.options.minWordLength || /\d/.test(word)) return [];
    return this.corrections.get(word, (unseen) => this.findCorrections(unseen));
  }

  /** The edits allowed between `word` and `candidate`, or -1 when the pair does not look like a typo. */
  private allowedEdits(word: string, candidate: string): number {
    const keepsFirstLetter =
      word[0] === candidate[0] || (word[0] === candidate[1] && word[1] === candidate[0]);
    if (!keepsFirstLetter) return -1;
    if (word.length < this.options.minLengthForAnyEdit) {
      if (adjacentSwaps(word).includes(candidate)) return 1;
      const common = (this.occurrences.get(candidate) ?? 0) >= this.options.minOccurrencesForShortInsertion;
      return common && isOneLetterLeftOut(word, candidate) ? 1 : -1;
    }
    return word.length >= this.options.minLengthForTwoEdits ? 2 : 1;
  }

  private findCorrections(word: string): Correction[] {
    const frequency = (candidate: string): number => this.occurrences.get(candidate) ?? 0;
    const key = this.options.phoneticKey?.(word);
    const soundAlikes = key === undefined ? [] : (this.wordsBySound.get(key) ?? []);
    if (soundAlikes.length > 0) {
      // The commonest sound-alike wins; it is trusted like a one-letter typo of a long word.
      const best = [...soundAlikes].sort(
        (a, b) => frequency(b) - frequency(a) || (a < b ? -1 : 1),
      )[0] as string;
      return [{ word: best, stem: this.stemByWord.get(best) as string, similarity: SOUND_ALIKE_SIMILARITY }];
    }
    const scored: { word: string; edits: number }[] = [];
    for (const candidate of new Set([...this.trigramCandidates(word), ...adjacentSwaps(word)])) {
      if (!this.stemByWord.has(candidate)) continue;
      const allowed = this.allowedEdits(word, candidate);
      if (allowed < 0) continue;
      const edits = editDistance(word, candidate);
      if (edits <= allowed) scored.push({ word: candidate, edits });
    }
    scored.sort(
      (a, b) => a.edits - b.edits || frequency(b.word) - frequency(a.word) || (a.word < b.word ? -1 : 1),
    );
    const fewest = scored[0]?.edits;
    return scored
      .filter((candidate) => candidate.edits === fewest)
      .slice(0, 2)
      .map((candidate) => ({
        word: candidate.word,
        stem: this.stemByWord.get(candidate.word) as string,
        similarity: 1 - candidate.edits / Math.max(word.length, candidate.word.length),
      }));
  }

  /** Vocabulary words of about the same length sharing enough trigrams with `word`, most shared first. */
  private trigramCandidates(word: string): string[] {
    const grams = characterTrigrams([word]);
    const counts = this.sharedCounts;
    const touched: number[] = [];
    for (const gram of grams.keys()) {
      for (const index of this.wordsByTrigram.get(gram) ?? []) {
        if (counts[index] === 0) touched.push(index);
        counts[index] = (counts[index] as number) + 1;
      }
    }
    const minShared = Math.max(1, Math.floor(grams.size * 0.3));
    const shared: [number, number][] = [];
    for (const index of touched) {
      const count = counts[index] as number;
      counts[index] = 0;
      if (count >= minShared && Math.abs((this.words[index] as string).length - word.length) <= 2)
        shared.push([index, count]);
    }
    return shared
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.options.maxCandidates)
      .map(([index]) => this.words[index] as string);
  }
}
