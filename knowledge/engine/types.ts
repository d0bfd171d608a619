/**
 * The shapes the answer engine reads and returns. The engine is generic over documents: it reads
 * only the fields of `IndexDocument`, and hands back the very object it was given (type `D`), so a
 * caller that indexes full `KnowledgeArticle`s gets full `KnowledgeArticle`s back.
 */
import type { AnswerDecision } from '../../contracts/rehearsalApi.js';

/** What the engine needs from a document. `KnowledgeArticle` is a superset of it. */
export interface IndexDocument {
  id: string;
  /** A BCP 47 tag or bare language code: "en", "es", "en-US"... Documents are searched per locale. */
  locale: string;
  title: string;
  /** Other ways a visitor asks for this document. */
  questions: readonly string[];
  body?: string;
  /** A short direct answer; indexed with the body. */
  answer?: string;
  tags?: readonly string[];
  /** Words and acronyms that mean this document's subject. */
  synonyms?: readonly string[];
}

/** What the assistant should do with a question: one definition, in the wire protocol ("Try it" shows it). */
export type { AnswerDecision } from '../../contracts/rehearsalApi.js';

/**
 * The evidence behind one candidate, each in [0, 1], so the editors' "Try it" screen can show why a
 * document was picked. `confidence` combines them (see `confidenceModel.ts`).
 */
export interface SignalScores {
  /** BM25F over title, questions, synonyms, tags and body, divided by the best score of this query. */
  bm25: number;
  /** IDF-weighted share of the question's words that the document contains anywhere. */
  coverage: number;
  /**
   * The same share, counting only the words of the fields that name the document (title, alternate
   * questions, synonyms, tags), not its body: a document that merely mentions a word in passing
   * does not explain it.
   */
  nameCoverage: number;
  /**
   * Whether the question names what the document is about: the most specific head term of the
   * document's title, tags and synonyms that the question contains (1: a head no other document
   * has; 0: none). "How do I renew my passport" shares "passport" with the ADIT stamp article but
   * not its subject, the stamp (see `subjectIndex.ts` and the README).
   */
  subject: number;
  /** Word TF-IDF cosine with the closest of the document's title and alternate questions. */
  questionMatch: number;
  /** Character-trigram cosine with the closest title or question: robust to typos. */
  charMatch: number;
  /** Probability given by the linear classifier trained on the documents' own questions. */
  classifier: number;
  /**
   * 1 when the question names a matter another agency handles (taxes, Social Security, passports,
   * consulates, driver's licenses, birth certificates, immigration court…) that the document does
   * not name itself, else 0 (see `otherAgencies.ts`): "fix the name on my Social Security card" is
   * shaped like a question about correcting our documents, but is not one.
   */
  otherAgency: number;
}

export type SignalName = keyof SignalScores;

export const SIGNAL_NAMES: readonly SignalName[] = [
  'bm25',
  'coverage',
  'nameCoverage',
  'subject',
  'questionMatch',
  'charMatch',
  'classifier',
  'otherAgency',
];

/** One ranked candidate. */
export interface RankedDocument<D extends IndexDocument = IndexDocument> {
  document: D;
  /** Combined confidence in [0, 1]: the thresholds apply to it. */
  score: number;
  signals: SignalScores;
  /**
   * What each signal added to the weighted sum behind `score` (weight × signal), for explanations:
   * the largest contributions say why the document was picked.
   */
  contributions?: SignalScores;
  /** The title or alternate question closest to the visitor's text (word match). */
  matchedQuestion: string;
}

export interface AnswerResult<D extends IndexDocument = IndexDocument> {
  decision: AnswerDecision;
  /** The document to answer with; only when `decision` is "answer". */
  document?: D;
  /** Same as `document`: the name the assistant uses for knowledge articles. */
  article?: D;
  /** The best candidate's combined confidence (0 when nothing matched at all). */
  score: number;
  /**
   * For "clarify": the two or three candidates to offer ("Did you mean…?"), best first.
   * For "answer": other candidates that were also plausible (may be empty). For "none": empty.
   */
  alternatives: RankedDocument<D>[];
  /** The best candidates with their signals whatever the decision, for explanations and tuning. */
  ranking: RankedDocument<D>[];
  /** The words the engine searched for after analysis (stems, synonyms, typo corrections). */
  queryTerms: string[];
  /**
   * For "answer": the passage of the document's body that answers a question about one of its
   * details, or null when the short answer fits (a general question). Null for other decisions.
   */
  passage?: Passage | null;
}

/** A paragraph or list item of an article's body that answers a detail question on its own. */
export interface Passage {
  /** Position among the body's passages (0 first): stable while the body does not change. */
  index: number;
  /** The passage as written (Markdown): a paragraph, or one list item without its bullet. */
  text: string;
  /** The heading of the section it belongs to, if any. */
  heading: string | null;
  /** How much of the question's detail it covers, in [0, 1]. */
  score: number;
}
