import { languageOf } from './calibrationFile.js';
import phrases from './judgementPhrases.json' with { type: 'json' };
import { WholeWordPhrases } from './wholeWordPhrases.js';

/**
 * Recognizes questions that ask the assistant to judge the visitor's own case ("am I eligible for
 * DACA?", "¿califico para…?", "can I travel while my case is pending?", "will I lose my status
 * if…?"). Nobody but the agency decides those, and a confident answer would be taken as advice: the
 * assistant says so, gives the general information and points to legal help.
 *
 * The phrases are data (`judgementPhrases.json`, one list per language), matched on whole words
 * after lower-casing and folding accents, "..." standing for a few other words ("can i travel ...
 * while" matches "can I travel with advance parole while"): see `WholeWordPhrases`.
 */

export class JudgementDetector {
  private readonly phrases = new Map<string, WholeWordPhrases>();

  /** @param lists phrases per language code; the built-in lists by default. */
  constructor(lists: Readonly<Record<string, readonly string[]>> = { en: phrases.en, es: phrases.es }) {
    for (const [language, list] of Object.entries(lists))
      this.phrases.set(language, new WholeWordPhrases(list));
  }

  /** Whether the question asks for a judgement on the visitor's own case. */
  asksForJudgement(text: string, locale: string): boolean {
    return this.phrases.get(languageOf(locale))?.anyIn(text.slice(0, 500)) ?? false;
  }
}
