import { languageOf } from './calibrationFile.js';
import phrases from './judgementPhrases.json' with { type: 'json' };
import { foldAccents } from './textAnalyzer.js';

/**
 * Recognizes questions that ask the assistant to judge the visitor's own case ("am I eligible for
 * DACA?", "¿califico para…?", "can I travel while my case is pending?", "will I lose my status
 * if…?"). Nobody but the agency decides those, and a confident answer would be taken as advice: the
 * assistant says so, gives the general information and points to legal help.
 *
 * The phrases are data (`judgementPhrases.json`, one list per language), matched on whole words
 * after lower-casing and folding accents, so "¿Califico?" and "califico" are the same; "..." in a
 * phrase stands for a few other words ("can i travel ... while" matches "can I travel with advance
 * parole while").
 */

/** How many words "..." may stand for. */
const MAX_GAP_WORDS = 6;

type Pattern = (string | null)[];

function wordsOf(text: string): string[] {
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
    .map((part) => (part === '\u0000' ? null : (wordsOf(part)[0] ?? part)));
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

export class JudgementDetector {
  private readonly patterns = new Map<string, Pattern[]>();

  /** @param lists phrases per language code; the built-in lists by default. */
  constructor(lists: Readonly<Record<string, readonly string[]>> = { en: phrases.en, es: phrases.es }) {
    for (const [language, list] of Object.entries(lists)) this.patterns.set(language, list.map(compile));
  }

  /** Whether the question asks for a judgement on the visitor's own case. */
  asksForJudgement(text: string, locale: string): boolean {
    const patterns = this.patterns.get(languageOf(locale));
    if (!patterns) return false;
    const words = wordsOf(text.slice(0, 500));
    return patterns.some((pattern) => words.some((_, start) => matchesAt(words, start, pattern, 0)));
  }
}
