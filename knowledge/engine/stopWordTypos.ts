import { adjacentSwaps, collapseDoubles, type PhoneticKey } from './soundAlike.js';
import realWords from './stopWordTypos.json' with { type: 'json' };
import { BoundedMemo } from './boundedMemo.js';

/**
 * Function words typed wrong: "ocmo" and "komo" for "como", "tenggo", "parra", "haccer", "ahce",
 * "waht", "htere", "shuold". A stop word typed wrong is no stop word any more: it becomes a rare
 * "content" word that no article has, which weighs heavily against every article (the question
 * seems to be about something the knowledge base does not cover) and may even be "corrected"
 * into some content word. The analyzer gives such a word back to the stop words.
 *
 * Three spellings count, each the evidence a real typo leaves:
 * - a letter typed twice ("tenggo", "whatt"),
 * - two adjacent letters swapped, the first two included ("ocmo", "hwat", "ahce"),
 * - in Spanish, the same sound ("komo", "porke", "aser", "asta"; see `PHONETIC_KEYS`).
 * Only stop words of four letters or more are reached by a doubled or swapped letter (one letter
 * away from "to", "de", "the" there are too many real words), and of three or more by sound.
 *
 * The analyzer runs on the articles too, so a real word that happens to be such a spelling
 * ("form" is "from" with two letters swapped, "peor" is "pero", "perro" is "pero" with a doubled
 * letter) must stay a word: `stopWordTypos.json` lists, per language, the words of a dictionary
 * (Debian's `wamerican` and `wspanish` word lists) that these rules would otherwise take for a
 * stop word. Its test re-derives the rules' hits on the articles' own words.
 */

/** Stop words shorter than this are not reached by a doubled or swapped letter. */
const MIN_EDITED_STOP_WORD = 4;
/** Stop words shorter than this are not reached by sound ("ke" is "que", but "e" is no "he"). */
const MIN_SOUND_ALIKE_STOP_WORD = 3;
/** Typed words shorter than this are left alone. */
const MIN_TYPED_LENGTH = 2;

const REAL_WORDS = realWords as Record<string, string[]>;

export class StopWordTypos {
  private readonly stopWords: ReadonlySet<string>;
  private readonly byCollapsed = new Map<string, string>();
  private readonly bySound = new Map<string, string>();
  private readonly phoneticKey: PhoneticKey | undefined;
  private readonly realWords: ReadonlySet<string>;
  private readonly intendedWords = new BoundedMemo<string | undefined>(20_000);

  /**
   * @param language the language code of `stopWordTypos.json`.
   * @param stopWords the language's stop words, lower-cased and accent-folded.
   * @param phoneticKey the language's sound-alike key, if sound-alike spellings count.
   */
  constructor(language: string, stopWords: ReadonlySet<string>, phoneticKey?: PhoneticKey) {
    this.stopWords = stopWords;
    this.phoneticKey = phoneticKey;
    this.realWords = new Set(REAL_WORDS[language] ?? []);
    // Sorted so that, when two stop words share a key, the choice does not depend on the list's order.
    for (const stopWord of [...stopWords].sort()) {
      if (stopWord.length >= MIN_EDITED_STOP_WORD) {
        const collapsed = collapseDoubles(stopWord);
        if (!this.byCollapsed.has(collapsed)) this.byCollapsed.set(collapsed, stopWord);
      }
      if (phoneticKey && stopWord.length >= MIN_SOUND_ALIKE_STOP_WORD) {
        const key = phoneticKey(stopWord);
        if (!this.bySound.has(key)) this.bySound.set(key, stopWord);
      }
    }
  }

  /** The stop word a lower-cased, folded word that is no stop word was typed for, if any. */
  intended(word: string): string | undefined {
    if (word.length < MIN_TYPED_LENGTH || this.stopWords.has(word) || /\d/.test(word)) return undefined;
    return this.intendedWords.get(word, (unseen) => this.find(unseen));
  }

  private find(word: string): string | undefined {
    if (this.realWords.has(word)) return undefined;
    if (word.length >= MIN_EDITED_STOP_WORD) {
      const collapsed = collapseDoubles(word);
      if (collapsed !== word) {
        const stopWord = this.byCollapsed.get(collapsed);
        if (stopWord !== undefined) return stopWord;
      }
      for (const swapped of adjacentSwaps(word)) {
        if (swapped.length >= MIN_EDITED_STOP_WORD && this.stopWords.has(swapped)) return swapped;
      }
    }
    if (this.phoneticKey) return this.bySound.get(this.phoneticKey(word));
    return undefined;
  }
}
