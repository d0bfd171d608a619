import Fuse from 'fuse.js';
import { NEVER_PAUSE, type Pausable } from './timeSlicer.js';

/**
 * Maps a misspelled question word to the index's own words ("apointment" → "appointment",
 * "infopas" → "infopass"). A trigram index over the vocabulary picks a few candidates cheaply, then
 * fuse.js (Bitap, typo-tolerant) scores them: fuse.js shines on short texts, and running it on a few
 * dozen words instead of every document keeps a query within the latency budget.
 */

export interface Correction {
  /** The vocabulary word the question's word was taken for. */
  word: string;
  stem: string;
  /** 1 − fuse.js score: 1 is identical. */
  similarity: number;
}

export interface TypoCorrectorOptions {
  /** Words shorter than this are never corrected: too many short words are one typo apart. */
  minWordLength: number;
  /** fuse.js score threshold (0 exact … 1 anything). */
  fuseThreshold: number;
  /** How many candidates the trigram filter hands to fuse.js. */
  maxCandidates: number;
}

const DEFAULT_OPTIONS: TypoCorrectorOptions = { minWordLength: 4, fuseThreshold: 0.3, maxCandidates: 40 };

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), used as a guard
 * on fuse.js: Bitap also matches a word inside a longer one ("idea" in "decide"), which is no typo.
 */
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

/** Typos allowed for a word of this length: one up to six letters, two beyond. */
function allowedEdits(length: number): number {
  return length <= 6 ? 1 : 2;
}

function wordTrigrams(word: string): string[] {
  const padded = `#${word}#`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

export class TypoCorrector {
  private readonly options: TypoCorrectorOptions;
  private readonly stemByWord = new Map<string, string>();
  private readonly knownStems = new Set<string>();
  private words: string[] = [];
  private readonly wordsByTrigram = new Map<string, number[]>();
  /** Shared-trigram counts by word, reused across lookups (only the touched slots are reset). */
  private sharedCounts = new Uint16Array(0);
  private readonly cache = new Map<string, Correction[]>();

  constructor(options: Partial<TypoCorrectorOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  add(word: string, stem: string): void {
    if (!this.stemByWord.has(word)) this.stemByWord.set(word, stem);
    this.knownStems.add(stem);
  }

  async finish(slicer: Pausable = NEVER_PAUSE): Promise<void> {
    this.words = [...this.stemByWord.keys()].filter((word) => word.length >= this.options.minWordLength - 1);
    this.sharedCounts = new Uint16Array(this.words.length);
    for (let index = 0; index < this.words.length; index++) {
      if (index % 256 === 0) await slicer.maybePause();
      for (const gram of new Set(wordTrigrams(this.words[index] as string))) {
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
    const cached = this.cache.get(word);
    if (cached) return cached;
    const corrections = this.findCorrections(word);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, corrections);
    return corrections;
  }

  private findCorrections(word: string): Correction[] {
    const grams = new Set(wordTrigrams(word));
    const counts = this.sharedCounts;
    const touched: number[] = [];
    for (const gram of grams) {
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
    const candidates = shared
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.options.maxCandidates)
      .map(([index]) => this.words[index] as string);
    if (candidates.length === 0) return [];
    const fuse = new Fuse(candidates, {
      includeScore: true,
      ignoreLocation: true,
      threshold: this.options.fuseThreshold,
      minMatchCharLength: 2,
    });
    const results = fuse.search(word);
    const plausible = results.filter(
      (result) => editDistance(word, result.item) <= allowedEdits(word.length),
    );
    const best = plausible[0]?.score;
    if (best === undefined) return [];
    return plausible
      .filter((result) => (result.score ?? 1) <= best + 0.05)
      .slice(0, 2)
      .map((result) => ({
        word: result.item,
        stem: this.stemByWord.get(result.item) as string,
        similarity: 1 - (result.score ?? 1),
      }));
  }
}
