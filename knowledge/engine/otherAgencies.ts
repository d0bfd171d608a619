import { languageOf } from './calibrationFile.js';
import phrases from './otherAgencyPhrases.json' with { type: 'json' };
import { phraseWordsOf, WholeWordPhrases } from './wholeWordPhrases.js';

/**
 * The matters other agencies handle (taxes, Social Security, passports and consulates, driver's
 * licenses, birth certificates, immigration court…), per language, from `otherAgencyPhrases.json`.
 *
 * Why: the near-domain questions a visitor asks are shaped exactly like ours ("how do I correct the
 * name on my Social Security card" is "how do I correct my card" with another agency's card), so
 * every word-overlap signal and the classifier (which only knows our articles) rate them like the
 * question they resemble. Naming another agency's matter is what tells them apart: a question that
 * names one about an article whose title, tags and synonyms do not name it gets the `otherAgency`
 * signal, and the confidence model learns its weight. An article that does name it (the ADIT stamp
 * goes in a passport) is not marked, so questions about it stay in scope. Alternate questions do not
 * count, as for the subject: they carry incidental words.
 */
export class OtherAgencies {
  private readonly list: WholeWordPhrases;

  /** @param list the phrases of one language; the built-in list of `language` by default. */
  constructor(language: string, list?: readonly string[]) {
    const builtIn = (phrases as unknown as Record<string, string[] | undefined>)[languageOf(language)];
    this.list = new WholeWordPhrases(list ?? builtIn ?? []);
  }

  /** The other agencies' matters a text names (their positions in the list). */
  namedIn(texts: readonly string[]): number[] {
    if (this.list.size === 0) return [];
    const found = new Set<number>();
    for (const text of texts) for (const id of this.list.matchesIn(phraseWordsOf(text))) found.add(id);
    return [...found].sort((a, b) => a - b);
  }
}
