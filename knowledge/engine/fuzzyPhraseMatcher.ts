import Fuse from 'fuse.js';
import { CONCEPT_PREFIX } from './conceptPrefix.js';
import type { SynonymGroup } from './synonymMatcher.js';
import { editDistance } from './typoCorrector.js';
import { BoundedMemo } from './boundedMemo.js';

/**
 * Typo-tolerant matching of the synonym tables' short phrases ("green card", "InfoPass",
 * "tarjeta de residente permanente") with fuse.js. The word-by-word typo corrector cannot see
 * these mistakes: a phrase typed as one word with a typo ("greencrad") or split in two ("info pas"),
 * or a first letter mistyped inside a known phrase ("tarjeta berde"), which the word corrector
 * refuses on a lone word because it mostly makes another real word. Here the question's words
 * around an unknown word are joined without spaces and searched among the phrases, also joined,
 * so spacing does not matter and fuse.js's Bitap search tolerates the typo.
 *
 * fuse.js would also find a phrase merely containing the text ("card" in "greencard"), which is no
 * typo, so a hit must start with the phrase's first letter and be within one edit (two from nine
 * letters on) of the whole joined phrase; a phrase's context makes a typo inside it far more
 * likely than a lone word's. The tables have a few hundred phrases and
 * each first letter a few dozen, so a lookup stays far below a millisecond at any article count.
 */

export interface FuzzyConcept {
  /** The concept term ("syn:green-card"). */
  concept: string;
  /** 1 − edits / length: 1 is identical. */
  similarity: number;
}

interface Phrase {
  /** The phrase's words, folded and joined without spaces. */
  key: string;
  concept: string;
}

/** Joined texts shorter than this are not matched: acronyms ("EAD", "ASC") are one typo from others. */
const MIN_KEY_LENGTH = 5;
/** fuse.js's Bitap works on patterns of up to 32 characters. */
const MAX_KEY_LENGTH = 32;
const MIN_LENGTH_FOR_TWO_EDITS = 9;

function allowedEdits(key: string): number {
  return key.length >= MIN_LENGTH_FOR_TWO_EDITS ? 2 : 1;
}

export class FuzzyPhraseMatcher {
  /** One fuse.js index per first letter: a typo rarely changes it, and it keeps each search small. */
  private readonly byFirstLetter = new Map<string, Fuse<Phrase>>();
  private readonly exactKeys = new Map<string, string>();
  private readonly matches = new BoundedMemo<FuzzyConcept | undefined>(10_000);

  /**
   * @param groups the synonym groups of one locale.
   * @param toKey the phrase's words as the analyzer folds them, joined without spaces.
   */
  constructor(groups: readonly SynonymGroup[], toKey: (phrase: string) => string) {
    const byLetter = new Map<string, Phrase[]>();
    for (const group of groups) {
      for (const term of group.terms) {
        const key = toKey(term);
        if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH || /\d/.test(key)) continue;
        const concept = `${CONCEPT_PREFIX}${group.id}`;
        if (!this.exactKeys.has(key)) this.exactKeys.set(key, concept);
        const letter = key[0] as string;
        byLetter.set(letter, [...(byLetter.get(letter) ?? []), { key, concept }]);
      }
    }
    for (const [letter, phrases] of byLetter) {
      this.byFirstLetter.set(
        letter,
        new Fuse(phrases, {
          keys: ['key'],
          includeScore: true,
          // The phrase is as long as the text, so where the match starts does not matter.
          ignoreLocation: true,
          ignoreFieldNorm: true,
          // Two errors in nine letters is a score of 0.22; the edit distance below has the last word.
          threshold: 0.25,
        }),
      );
    }
  }

  /**
   * The concept whose phrase `key` (folded words joined without spaces) is a typo of, if any.
   * An exact key is not a typo: the synonym matcher has already found it.
   */
  match(key: string): FuzzyConcept | undefined {
    if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH || /\d/.test(key)) return undefined;
    if (this.exactKeys.has(key)) return undefined;
    return this.matches.get(key, (unseen) => this.search(unseen));
  }

  private search(key: string): FuzzyConcept | undefined {
    const fuse = this.byFirstLetter.get(key[0] as string);
    if (!fuse) return undefined;
    const allowed = allowedEdits(key);
    let best: FuzzyConcept | undefined;
    for (const hit of fuse.search(key)) {
      const phrase = hit.item.key;
      if (Math.abs(phrase.length - key.length) > allowed) continue;
      const edits = editDistance(key, phrase);
      if (edits > allowed) continue;
      const similarity = 1 - edits / Math.max(key.length, phrase.length);
      if (!best || similarity > best.similarity) best = { concept: hit.item.concept, similarity };
    }
    return best;
  }
}
