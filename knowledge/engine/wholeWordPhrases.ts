import { foldAccents } from './textAnalyzer.js';

/**
 * A list of phrases matched on whole words, after lower-casing and folding accents, so "¿Califico?"
 * and "califico" are the same; "..." in a phrase stands for a few other words ("can i travel ...
 * while" matches "can I travel with advance parole while"). Used for the judgement questions
 * (`judgementDetector.ts`) and for the matters of other agencies (`otherAgencies.ts`).
 */

/** How many words "..." may stand for. */
const MAX_GAP_WORDS = 6;

type Pattern = (string | null)[];

/** The words of a text as the phrases are matched against them. */
export function phraseWordsOf(text: string): string[] {
  return foldAccents(text.toLowerCase())
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

function compile(phrase: string): Pattern {
  return phrase
    .replace(/\.\.\.|…/g, ' \u0000 ')
    .split(/\s+/)
    .filter((part) => part !== '')
    .flatMap((part) => (part === '\u0000' ? [null] : phraseWordsOf(part)));
}

function matchesAt(words: readonly string[], start: number, pattern: Pattern, at: number): boolean {
  if (at === pattern.length) return true;
  const part = pattern[at];
  if (part === null) {
    for (let skip = 0; skip <= MAX_GAP_WORDS && start + skip <= words.length; skip++)
      if (matchesAt(words, start + skip, pattern, at + 1)) return true;
    return false;
  }
  return words[start] === part && matchesAt(words, start + 1, pattern, at + 1);
}

export class WholeWordPhrases {
  private readonly patterns: Pattern[];

  constructor(phrases: readonly string[]) {
    this.patterns = phrases.map(compile).filter((pattern) => pattern.length > 0);
  }

  get size(): number {
    return this.patterns.length;
  }

  /** The positions (in the list) of the phrases the words contain, in list order. */
  matchesIn(words: readonly string[]): number[] {
    const found: number[] = [];
    this.patterns.forEach((pattern, id) => {
      if (words.some((_, start) => matchesAt(words, start, pattern, 0))) found.push(id);
    });
    return found;
  }

  /** Whether the text contains any of the phrases. */
  anyIn(text: string): boolean {
    const words = phraseWordsOf(text);
    return this.patterns.some((pattern) => words.some((_, start) => matchesAt(words, start, pattern, 0)));
  }
}
