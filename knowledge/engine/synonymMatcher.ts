import { CONCEPT_PREFIX } from './conceptPrefix.js';

/**
 * Finds synonym concepts in analyzed text. A synonym group ("green card", "permanent resident card",
 * "I-551"...) becomes one concept term ("syn:green-card") added next to the words wherever any of
 * its phrases occurs, in documents and in questions alike; so a question that says "green card"
 * matches a document that only says "permanent resident card", and the explanation shows the concept.
 */

/** One entry of a synonym table: phrases that mean the same thing. */
export interface SynonymGroup {
  /** A stable slug; the concept term is `syn:<id>`. */
  id: string;
  terms: string[];
}

/** The per-locale synonym data files (`synonyms.<locale>.json`) have this shape. */
export interface SynonymTable {
  locale: string;
  groups: SynonymGroup[];
}

interface Phrase {
  stems: string[];
  concept: string;
}

export class SynonymMatcher {
  /** Phrases by their first stem, longest first. */
  private readonly phrasesByFirstStem = new Map<string, Phrase[]>();

  /**
   * @param groups the synonym groups of one locale.
   * @param analyze the analyzer's view of a phrase: its content stems (stop words removed), written
   *   the way the text will be written when it is matched, and how many words it had in all.
   */
  constructor(
    groups: readonly SynonymGroup[],
    analyze: (phrase: string) => { contentStems: string[]; wordCount: number },
  ) {
    for (const group of groups) {
      const concept = `${CONCEPT_PREFIX}${group.id}`;
      for (const term of group.terms) {
        const { contentStems: stems, wordCount } = analyze(term);
        const first = stems[0];
        if (first === undefined) continue;
        // "my account" or "en persona" would shrink to one everyday word once stop words go, and
        // then fire on every "account" or "persona": a phrase must keep two words to count.
        if (wordCount > 1 && stems.length < 2) continue;
        const list = this.phrasesByFirstStem.get(first) ?? [];
        list.push({ stems, concept });
        this.phrasesByFirstStem.set(first, list);
      }
    }
    for (const list of this.phrasesByFirstStem.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  }

  /** The distinct concepts whose phrases occur (as consecutive content stems) in `contentStems`. */
  conceptsIn(contentStems: readonly string[]): string[] {
    const found: string[] = [];
    for (let start = 0; start < contentStems.length; start++) {
      const candidates = this.phrasesByFirstStem.get(contentStems[start] as string);
      if (!candidates) continue;
      for (const phrase of candidates) {
        if (found.includes(phrase.concept)) continue;
        if (phrase.stems.every((stem, offset) => contentStems[start + offset] === stem))
          found.push(phrase.concept);
      }
    }
    return found;
  }
}
