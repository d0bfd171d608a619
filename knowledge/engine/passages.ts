import type { AnalyzedQuery } from './analyzedQuery.js';
import { CONCEPT_PREFIX } from './conceptPrefix.js';
import {
  askedKinds,
  asksWho,
  frameStems,
  isWhoHeading,
  KIND_PREFIX,
  privativeStem,
  privativeTerms,
  saidKinds,
  WHO_KIND,
} from './answerKinds.js';
import { deniedStems } from './negation.js';
import { requestTerms } from './requestWords.js';
import type { AnalyzedText, TextAnalyzer } from './textAnalyzer.js';
import type { IndexDocument, Passage } from './types.js';

export type { Passage };

/**
 * Precise answers: the passage of a document's body that answers a question about one of its
 * details ("can I walk in?", "where is the receipt number printed?"), rather than the document's
 * general short answer. Done locally, in the spirit of Azure AI Language's "precise answering".
 *
 * A body (Markdown) is cut into passages: each paragraph and each list item, with the heading of
 * its section. A passage is chosen only when the question asks for something the short answer
 * does not say: its words are weighed by how rare they are in the whole index (global IDF) and
 * how few of the document's own passages have them (local IDF), so words every passage shares
 * (the document's subject) decide nothing and the detail words decide. The general question keeps
 * the short answer.
 */

/** One block of a body before analysis. */
export interface BodyPassage {
  index: number;
  text: string;
  heading: string | null;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

/** Cuts a Markdown body into paragraphs and list items, each with its section heading. */
export function splitPassages(body: string): BodyPassage[] {
  const passages: BodyPassage[] = [];
  let heading: string | null = null;
  let current: string[] = [];
  const flush = (): void => {
    const text = current.join('\n').trim();
    if (text !== '') passages.push({ index: passages.length, text, heading });
    current = [];
  };
  for (const line of body.split(/\r?\n/)) {
    const headingMatch = HEADING.exec(line);
    if (headingMatch) {
      flush();
      heading = (headingMatch[1] ?? '').trim() || null;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flush();
      current.push(line.replace(LIST_ITEM, ''));
      continue;
    }
    // A continuation line joins the paragraph or list item it follows.
    current.push(line.trim());
  }
  flush();
  return passages;
}

/** What a question must say for a passage to replace the short answer. */
export interface PassageThresholds {
  /** The passage must cover at least this share of the question's discriminating words. */
  minScore: number;
  /** ...and this much more than the short answer does. */
  minLead: number;
}

export const DEFAULT_PASSAGE_THRESHOLDS: PassageThresholds = { minScore: 0.34, minLead: 0.2 };

/** How a passage is looked for. */
export interface PassageOptions {
  /**
   * A follow-up on an article the visitor already has ("and how much is it?"): the short answer
   * was shown, so the passage that says most of the detail is wanted even when the short answer
   * also touches it, and an elliptical question needs less of its words covered.
   */
  followUp?: boolean;
}

const NONE_DENIED: ReadonlySet<string> = new Set();

/** What a follow-up's passage must cover (it need not lead the short answer). */
const FOLLOW_UP_MIN_SCORE = 0.2;

/** The share of a name word's weight the short answer gets without saying the word. */
const NAME_CREDIT = 0.5;

/**
 * The global IDF an answer kind is weighed with (`kind:duration`, see `answerKinds.ts`): about
 * that of a word a few articles have. The index knows no such term.
 */
const KIND_IDF = 1;

interface AnalyzedPassages {
  passages: BodyPassage[];
  /** Terms (stems and concepts) of each passage. */
  terms: Set<string>[];
  /** The stems each passage only says did not happen ("never arrived"; see `deniedStems`). */
  denied: ReadonlySet<string>[];
  /** Terms of each passage's section heading (empty without one). */
  headings: Set<string>[];
  /** Whether each passage's section heading starts with "who" ("Who must be on the call"). */
  whoHeadings: boolean[];
  /** Terms of the short answer. */
  summary: Set<string>;
  /** Terms of the title: what the whole document is about, never a detail. */
  title: Set<string>;
  /**
   * Terms of the tags and synonyms: names of the subject, which the short answer speaks for in
   * part (a question about "the USCIS phone number" is the general question of the Contact
   * Center article, though its short answer gives the number without the word).
   */
  names: Set<string>;
  /**
   * Terms of the tags: the headings the document is filed under ("contact center, phone, hours"),
   * which the short answer speaks for in full ("¿cuál es el teléfono del centro de contacto?" is
   * its general question, though one passage starts with "Teléfono:"). Synonyms name details too
   * ("TTY", "second attempt"), so they keep half.
   */
  tags: Set<string>;
  /**
   * The terms of each name of the subject written in several words (tags, synonyms: "become a
   * citizen", "work permit"), among those that mean what the title means (the engine's synonym
   * concept of the title; "Case Was Approved" names a detail of its article). A question that writes one of them whole names the
   * subject with it: the short answer speaks for those words in full, even where one passage
   * repeats them ("you become a citizen when you take the oath").
   */
  namePhrases: Set<string>[];
  /** How many of the passages (the short answer counted as one) have each term. */
  frequency: Map<string, number>;
}

/**
 * Finds the passage of a document that answers a question. Analysis of a document's passages is
 * done on first use and kept (an index is immutable), so building an index costs nothing extra.
 */
export class PassageFinder<D extends IndexDocument> {
  private readonly analyzed = new Map<number, AnalyzedPassages>();
  /** Words of what the visitor wants done ("need", "apply", "pedir"): no detail (see `requestTerms`). */
  private readonly requestTerms: ReadonlySet<string>;

  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly globalIdf: (term: string) => number,
    private readonly thresholds: PassageThresholds = DEFAULT_PASSAGE_THRESHOLDS,
  ) {
    this.requestTerms = requestTerms(analyzer);
  }

  private analyze(position: number, document: D): AnalyzedPassages {
    const cached = this.analyzed.get(position);
    if (cached) return cached;
    const termsOf = (text: string): Set<string> => new Set(this.analyzer.terms(text));
    const passages = splitPassages(document.body ?? '');
    const locale = this.analyzer.locale;
    // A block's words, synonym concepts, "without" terms and the answer kinds it says.
    const blockTerms = (analyzed: AnalyzedText): Set<string> =>
      new Set([
        ...analyzed.contentStems,
        ...analyzed.concepts,
        ...privativeTerms(analyzed, locale),
        ...saidKinds(analyzed, locale),
      ]);
    const analyses = passages.map((passage) => this.analyzer.analyze(passage.text));
    const terms = analyses.map(blockTerms);
    const denied = analyses.map((analyzed) => deniedStems(analyzed, locale));
    const headingAnalyses = passages.map((passage) => this.analyzer.analyze(passage.heading ?? ''));
    const headings = headingAnalyses.map(
      (analyzed) => new Set([...analyzed.contentStems, ...analyzed.concepts]),
    );
    const whoHeadings = headingAnalyses.map((analyzed) => isWhoHeading(analyzed, locale));
    const summary = blockTerms(this.analyzer.analyze(document.answer ?? ''));
    const frequency = new Map<string, number>();
    for (const set of [summary, ...terms])
      for (const term of set) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    const nameTexts = [...(document.tags ?? []), ...(document.synonyms ?? [])];
    const names = termsOf(nameTexts.join('\n'));
    const tags = termsOf((document.tags ?? []).join('\n'));
    const title = termsOf(document.title);
    const nameAnalyses = nameTexts.map((name) => this.analyzer.analyze(name));
    // A name written with title words only, in any order, names what the title names: its concepts
    // are the title's ("cita en la oficina local" for "Cómo conseguir una cita en persona en una
    // oficina local", where the title's own words are not in the order of any synonym phrase).
    for (const name of nameAnalyses)
      if (name.contentStems.length > 0 && name.contentStems.every((stem) => title.has(stem)))
        for (const concept of name.concepts) title.add(concept);
    const namePhrases = nameAnalyses
      .filter((name) => name.contentStems.length >= 2 && name.concepts.some((term) => title.has(term)))
      .map((name) => new Set(name.contentStems));
    const result = {
      passages,
      terms,
      denied,
      headings,
      whoHeadings,
      summary,
      title,
      names,
      tags,
      namePhrases,
      frequency,
    };
    this.analyzed.set(position, result);
    return result;
  }

  /** The global IDF of a question term: an answer kind's is fixed, a "without" term's is its word's. */
  private idfOf(term: string): number {
    if (!term.startsWith(KIND_PREFIX)) return this.globalIdf(term);
    const stem = privativeStem(term);
    return stem === null ? KIND_IDF : this.globalIdf(stem);
  }

  /** The passage that answers `query` better than the short answer, or null (the short answer). */
  find(position: number, document: D, query: AnalyzedQuery, options: PassageOptions = {}): Passage | null {
    const data = this.analyze(position, document);
    if (data.passages.length === 0) return null;
    const blocks = data.passages.length + 1;
    const subject = new Set<string>();
    for (const phrase of data.namePhrases)
      if ([...phrase].every((term) => query.terms.has(term))) for (const term of phrase) subject.add(term);
    // Only words some passage or the short answer has can tell them apart; title words and
    // request words never do.
    // Words that frame the question ("how many *times*") name no detail either; what its question
    // words ask for (a time, a meaning) and what it asks "without" are terms of their own.
    const locale = this.analyzer.locale;
    const frame = frameStems(query.analyzed, locale);
    const questionTerms = new Map(query.terms);
    for (const term of [...askedKinds(query.analyzed, locale), ...privativeTerms(query.analyzed, locale)])
      questionTerms.set(term, 1);
    // A word that is by itself one of the title's synonym concepts says the title in other words
    // ("reviso" for "Cómo verificar el estatus de su caso", both `syn:check`).
    const namesTitle = (term: string): boolean =>
      !term.includes(':') && this.analyzer.conceptsIn([term]).some((concept) => data.title.has(concept));
    const detail = (term: string): boolean =>
      !data.title.has(term) && !this.requestTerms.has(term) && !frame.has(term) && !namesTitle(term);
    // "Who ... on the phone for the call?" asks for the section headed "Who must be on the call".
    const saysWho = new Set<number>();
    if (asksWho(query.analyzed, locale))
      data.headings.forEach((heading, i) => {
        if (data.whoHeadings[i] && [...heading].some((term) => questionTerms.has(term) && detail(term)))
          saysWho.add(i);
      });
    if (saysWho.size > 0) questionTerms.set(WHO_KIND, 1);
    // A synonym concept found in exactly the blocks that have one of the question's words is that
    // word again ("phone" and `syn:phone`): it is counted once.
    const blocksOf = (term: string): string =>
      (data.summary.has(term) ? '1' : '0') +
      data.terms.map((terms) => (terms.has(term) ? '1' : '0')).join('');
    const wordBlocks = new Set<string>();
    for (const term of questionTerms.keys())
      if (!term.startsWith(CONCEPT_PREFIX) && !term.startsWith(KIND_PREFIX) && detail(term))
        wordBlocks.add(blocksOf(term));
    const weights = new Map<string, number>();
    let total = 0;
    for (const [term, trust] of questionTerms) {
      const count = term === WHO_KIND ? saysWho.size : (data.frequency.get(term) ?? 0);
      if (count === 0 || !detail(term)) continue;
      if (term.startsWith(CONCEPT_PREFIX) && wordBlocks.has(blocksOf(term))) continue;
      const weight = this.idfOf(term) * Math.log(1 + blocks / count) * Math.min(1, trust);
      weights.set(term, weight);
      total += weight;
    }
    if (total === 0) return null;
    // A word the question and a passage say with opposite senses ("me llegó" / "nunca llegó") is
    // not one they share.
    const questionDenies = deniedStems(query.analyzed, this.analyzer.locale);
    const coverage = (terms: Set<string>, denied: ReadonlySet<string> = NONE_DENIED, block = -1): number => {
      let covered = 0;
      for (const [term, weight] of weights) {
        const has = terms.has(term) || (term === WHO_KIND && saysWho.has(block));
        if (has && denied.has(term) === questionDenies.has(term)) covered += weight;
      }
      return covered / total;
    };
    let summaryCovered = 0;
    for (const [term, weight] of weights) {
      if (data.summary.has(term) || subject.has(term) || data.tags.has(term)) summaryCovered += weight;
      else if (data.names.has(term)) summaryCovered += weight * NAME_CREDIT;
    }
    const summaryScore = summaryCovered / total;
    // Every word of the question but what it asks to have done, title words included: they tell
    // nothing apart inside a passage, but a section headed with them is about them.
    const headingWords = [...query.terms.keys()].filter((term) => !this.requestTerms.has(term));
    const headingNames = (heading: Set<string>): number =>
      headingWords.filter((term) => heading.has(term)).length;
    // A question that asks for a time or a meaning the short answer states is answered by a
    // passage that states it too, or by the short answer: "how long do I have to tell USCIS?" is
    // "within 10 days of moving", not "tell the court separately", which shares only the verb.
    // Where the short answer states none, any passage may still be the closest ("how long does
    // the test take?" is not the retest "60 to 90 days after" just because that one has days).
    const kindsAsked = askedKinds(query.analyzed, locale).filter(
      (kind) => weights.has(kind) && data.summary.has(kind),
    );
    let best = -1;
    let bestScore = 0;
    let bestHeading = { score: 0, names: 0 };
    data.terms.forEach((terms, i) => {
      if (!kindsAsked.every((kind) => terms.has(kind))) return;
      const score = coverage(terms, data.denied[i], i);
      if (score === 0 || score < bestScore) return;
      // Between passages that say as much, the one in a section about it: "¿puedo viajar?" is
      // the paragraph under "Viajes", not the renewal item that mentions a past trip; "does my
      // work permit get extended?" is the item under "The TPS work permit", not the paragraph
      // where designations are extended ("work permit" is in the title, so it weighs nothing).
      const heading = data.headings[i] as Set<string>;
      const headingScore = { score: coverage(heading), names: headingNames(heading) };
      const aboutIt =
        headingScore.score > bestHeading.score ||
        (headingScore.score === bestHeading.score && headingScore.names > bestHeading.names);
      if (score > bestScore || aboutIt) {
        best = i;
        bestScore = score;
        bestHeading = headingScore;
      }
    });
    if (options.followUp) {
      if (best < 0 || bestScore < FOLLOW_UP_MIN_SCORE) return null;
    } else {
      if (best < 0 || bestScore < this.thresholds.minScore) return null;
      if (bestScore < summaryScore + this.thresholds.minLead) return null;
    }
    const passage = data.passages[best] as BodyPassage;
    return { ...passage, score: Math.round(bestScore * 1000) / 1000 };
  }
}
