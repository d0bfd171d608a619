import type { AnalyzedQuery } from './analyzedQuery.js';
import { Bm25fIndex, type DocumentScores, type FieldTerms } from './bm25fIndex.js';
import { CosineIndex, countTerms, type UnitScores } from './cosineIndex.js';
import { classifierFeatures, classifierFeatureWeight } from './classifierFeatures.js';
import { CONCEPT_PREFIX } from './conceptPrefix.js';
import {
  DEFAULT_CLASSIFIER_OPTIONS,
  LinearClassifier,
  trainingKey,
  type ClassifierCache,
  type LinearClassifierOptions,
  type TrainingExample,
} from './linearClassifier.js';
import { FuzzyPhraseMatcher, type FuzzyConcept } from './fuzzyPhraseMatcher.js';
import { OtherAgencies } from './otherAgencies.js';
import { PassageFinder, type Passage, type PassageOptions } from './passages.js';
import { requestTerms } from './requestWords.js';
import { headTerms, SubjectIndex, type SubjectScores } from './subjectIndex.js';
import { SynonymMatcher, type SynonymGroup } from './synonymMatcher.js';
import { characterTrigrams, TextAnalyzer, type AnalyzedText, type WordAnalysis } from './textAnalyzer.js';
import { NEVER_PAUSE, type Pausable } from './timeSlicer.js';
import { PHONETIC_KEYS, TypoCorrector } from './typoCorrector.js';
import { languageOf } from './calibrationFile.js';
import type { IndexDocument, SignalScores } from './types.js';

/**
 * Everything the engine knows about the documents of one locale, and the per-signal scores of a
 * question against them. It ranks nothing and decides nothing: `AnswerIndex` combines the signals
 * (`confidenceModel.ts`) and applies the thresholds (`decision.ts`).
 */

/** A short text that stands for its document on its own: the title, an alternate question, a synonym, a tag. */
interface Unit {
  document: number;
  text: string;
}

/** The analyzed form of a question, with its typo corrections applied. */
export type { AnalyzedQuery };

export interface LocaleIndexOptions {
  synonymGroups?: readonly SynonymGroup[];
  /**
   * The classifier keeps one weight per feature and document, so it is trained only up to this many
   * documents; above it the other signals decide alone (the classifier signal is 0).
   */
  maxClassifierDocuments?: number;
  classifier?: LinearClassifierOptions;
  /** Trained weights kept between restarts (under this index's locale); trained each time without. */
  classifierCache?: ClassifierCache;
  /**
   * The words and stems of texts analysed by an earlier build (kept between restarts): the
   * documents' texts found here are not segmented and stemmed again. With it, the index records
   * the analyses of its documents' texts for the next start (`takeRecordedAnalyses`).
   */
  knownAnalyses?: ReadonlyMap<string, WordAnalysis>;
}

export const DEFAULT_MAX_CLASSIFIER_DOCUMENTS = 600;

/**
 * The phrase matchers of a synonym table, by table and language. Analyzing a few hundred phrases
 * takes tens of milliseconds, and the tables rarely change, so each rebuild reuses them (analysis
 * is deterministic per language, so matchers built by one analyzer serve another of the same
 * language).
 */
interface PhraseMatchers {
  exact: SynonymMatcher;
  fuzzy: FuzzyPhraseMatcher;
}

const matcherCache = new WeakMap<readonly SynonymGroup[], Map<string, PhraseMatchers>>();

function phraseMatchersFor(
  locale: string,
  groups: readonly SynonymGroup[],
  analyzer: TextAnalyzer,
): PhraseMatchers {
  let byLocale = matcherCache.get(groups);
  if (!byLocale) matcherCache.set(groups, (byLocale = new Map<string, PhraseMatchers>()));
  let matchers = byLocale.get(locale);
  if (!matchers) {
    matchers = {
      exact: new SynonymMatcher(groups, (phrase) => {
        const analyzed = analyzer.analyze(phrase);
        return { contentStems: analyzed.contentStems, wordCount: analyzed.words.length };
      }),
      fuzzy: new FuzzyPhraseMatcher(groups, (phrase) => analyzer.analyze(phrase).words.join('')),
    };
    byLocale.set(locale, matchers);
  }
  return matchers;
}

/** Up to how many words around an unknown word are joined and matched against the synonym phrases. */
const FUZZY_WINDOW_WORDS = 3;

/** A word of a question that a document never says (see `LocaleIndex.unsaidWords`). */
export interface UnsaidWord {
  /** The word as the index reads it (a stem). */
  word: string;
  /** Another document says it. */
  elsewhere: boolean;
}

/** How many of the classifier's best documents join the candidates whatever the other signals say. */
const CLASSIFIER_CANDIDATES = 5;

export class LocaleIndex<D extends IndexDocument = IndexDocument> {
  readonly locale: string;
  readonly documents: D[] = [];
  readonly analyzer: TextAnalyzer;
  private readonly units: Unit[] = [];
  /** `units[i].document` as a flat array, read in the hot loop of `signals`. */
  private unitDocuments = new Int32Array(0);
  private readonly bm25f = new Bm25fIndex();
  private readonly wordIndex = new CosineIndex();
  private readonly charIndex = new CosineIndex();
  private readonly typos: TypoCorrector;
  private readonly subjects = new SubjectIndex();
  private readonly positionById = new Map<string, number>();
  private readonly otherAgencies: OtherAgencies;
  /** Per document, the other agencies' matters its naming fields name (see `OtherAgencies`). */
  private readonly namedOtherMatters: number[][] = [];
  private readonly passages: PassageFinder<D>;
  /** Words of what the visitor wants done (see `requestTerms`): no subject of their own. */
  private readonly requestTerms: ReadonlySet<string>;
  private readonly fuzzyPhrases: FuzzyPhraseMatcher;
  private readonly trainingExamples: TrainingExample[] = [];
  private readonly maxClassifierDocuments: number;
  private readonly classifierOptions: LinearClassifierOptions;
  private readonly classifierCache: ClassifierCache | undefined;
  private classifier: LinearClassifier | undefined;
  private finished = false;
  private readonly recordsAnalyses: boolean;
  private recordedAnalyses: { analyses: Map<string, WordAnalysis>; misses: number } | undefined;

  constructor(locale: string, options: LocaleIndexOptions = {}) {
    this.locale = locale;
    this.analyzer = new TextAnalyzer(locale);
    const phoneticKey = PHONETIC_KEYS[languageOf(locale)];
    this.typos = new TypoCorrector(phoneticKey ? { phoneticKey } : {});
    const matchers = phraseMatchersFor(locale, options.synonymGroups ?? [], this.analyzer);
    this.analyzer.useSynonyms(matchers.exact);
    this.passages = new PassageFinder<D>(this.analyzer, (term) => this.bm25f.idf(term));
    this.requestTerms = requestTerms(this.analyzer);
    this.fuzzyPhrases = matchers.fuzzy;
    this.maxClassifierDocuments = options.maxClassifierDocuments ?? DEFAULT_MAX_CLASSIFIER_DOCUMENTS;
    this.classifierOptions = options.classifier ?? DEFAULT_CLASSIFIER_OPTIONS;
    this.classifierCache = options.classifierCache;
    this.otherAgencies = new OtherAgencies(locale);
    // After the synonym phrases are analysed: only the documents' texts are recorded.
    this.recordsAnalyses = options.knownAnalyses !== undefined;
    if (options.knownAnalyses) this.analyzer.recordAnalyses(options.knownAnalyses);
  }

  /** Analyzes and adds one document. Cheap enough to call in chunks between event-loop turns. */
  add(document: D): void {
    if (this.finished) throw new Error('LocaleIndex: cannot add documents after finish()');
    const index = this.documents.length;
    this.documents.push(document);
    // With two documents of one id, the first stays the one found by id.
    if (!this.positionById.has(document.id)) this.positionById.set(document.id, index);
    /** Analyzes a text of the document and teaches its words to the typo corrector. */
    const analyze = (text: string): { analyzed: AnalyzedText; terms: string[] } => {
      const analyzed = this.analyzer.analyze(text);
      analyzed.contentWords.forEach((word, i) => this.typos.add(word, analyzed.contentStems[i] as string));
      return { analyzed, terms: [...analyzed.contentStems, ...analyzed.concepts] };
    };
    const addUnit = (text: string): string[] => {
      const { analyzed, terms } = analyze(text);
      if (terms.length === 0) return terms;
      if (this.documents.length <= this.maxClassifierDocuments) {
        this.trainingExamples.push({ features: classifierFeatures(analyzed), label: index });
      }
      const counts = countTerms(terms);
      this.units.push({ document: index, text });
      this.wordIndex.addUnit(counts);
      this.charIndex.addUnit(characterTrigrams(analyzed.contentWords));
      return terms;
    };
    const fields: FieldTerms = {
      title: addUnit(document.title),
      questions: document.questions.flatMap(addUnit),
      // Editors' synonyms and tags are short names of the subject: they count like questions.
      synonyms: (document.synonyms ?? []).flatMap(addUnit),
      tags: (document.tags ?? []).flatMap(addUnit),
      body: analyze(`${document.answer ?? ''}\n${document.body ?? ''}`).terms,
    };
    this.bm25f.addDocument(fields);
    const names = [document.title, ...(document.tags ?? []), ...(document.synonyms ?? [])];
    // Like the subject, from the naming fields only: alternate questions carry incidental words
    // ("do I bring my passport to biometrics?" does not make passports the article's matter).
    this.namedOtherMatters.push(this.otherAgencies.namedIn(names));
    this.subjects.add(
      index,
      names.flatMap((name) => headTerms(name, this.analyzer)),
    );
  }

  /** Freezes the index and trains the classifier, giving the event loop turns when `slicer` says so. */
  async finish(slicer: Pausable = NEVER_PAUSE): Promise<void> {
    this.finished = true;
    if (this.recordsAnalyses) this.recordedAnalyses = this.analyzer.stopRecording();
    this.unitDocuments = Int32Array.from(this.units, (unit) => unit.document);
    await this.bm25f.finish(slicer);
    await this.wordIndex.finish(slicer);
    await this.charIndex.finish(slicer);
    await this.typos.finish(slicer);
    if (this.documents.length > 1 && this.documents.length <= this.maxClassifierDocuments) {
      this.classifier = await this.trainClassifier(slicer);
    }
    this.trainingExamples.length = 0;
  }

  /**
   * The classifier of these documents: the weights kept in the cache when they were trained from
   * exactly these examples (training is most of a rebuild's time), else trained now and kept.
   */
  private async trainClassifier(slicer: Pausable): Promise<LinearClassifier> {
    const classifier = new LinearClassifier(this.documents.length, classifierFeatureWeight);
    const cache = this.classifierCache;
    const key = cache
      ? trainingKey(classifier.classCount, this.trainingExamples, this.classifierOptions)
      : '';
    if (cache) {
      const kept = await cache.load(this.locale, key);
      await slicer.maybePause();
      if (kept && classifier.restore(kept)) return classifier;
    }
    await classifier.train(this.trainingExamples, this.classifierOptions, slicer);
    if (cache) await cache.save(this.locale, key, classifier.trainedWeights());
    return classifier;
  }

  /**
   * With `knownAnalyses`, once finished: the analyses of the documents' texts and how many were
   * not known; handed over once (the index does not keep them).
   */
  takeRecordedAnalyses(): { analyses: Map<string, WordAnalysis>; misses: number } | undefined {
    const recorded = this.recordedAnalyses;
    this.recordedAnalyses = undefined;
    return recorded;
  }

  /** Position of the document with this id, if indexed. */
  positionOf(id: string): number | undefined {
    return this.positionById.get(id);
  }

  /** The passage of a document's body that answers the question better than its short answer, or null. */
  passage(position: number, query: AnalyzedQuery, options: PassageOptions = {}): Passage | null {
    const document = this.documents[position];
    return document ? this.passages.find(position, document, query, options) : null;
  }

  /**
   * The question's words that the document never says, in any field, as such or as one of their
   * synonym concepts, each with whether another document says it: a word no document says names
   * nothing the articles speak of ("what time is it in Tokyo?" read with a topic). Words of what
   * the visitor wants done ("pedir", "apply") name nothing and are left out, as are words read as
   * typos of others (their reading is a guess).
   */
  unsaidWords(position: number, query: AnalyzedQuery): UnsaidWord[] {
    // A word is said as such or as one of its synonym concepts; one the document does not say is
    // said elsewhere when any document has it at all.
    const formsOf = (term: string): string[] => [term, ...this.analyzer.conceptsIn([term])];
    return [...query.terms]
      .filter(
        ([term, trust]) =>
          trust >= 1 &&
          !term.startsWith(CONCEPT_PREFIX) &&
          !this.requestTerms.has(term) &&
          !formsOf(term).some((form) => this.bm25f.has(form, position)),
      )
      .map(([term]) => ({
        word: term,
        elsewhere: formsOf(term).some((form) => this.bm25f.documentFrequency(form) > 0),
      }));
  }

  unitText(unit: number): string {
    return this.units[unit]?.text ?? '';
  }

  /** Analyzes a question and replaces the words the index does not know by their likely spelling. */
  analyzeQuery(text: string): AnalyzedQuery {
    const analyzed = this.analyzer.analyze(text);
    const terms = new Map<string, number>();
    const correctedStems: string[] = [];
    const { concepts: fuzzyConcepts, explainedWords } = this.fuzzyConceptsIn(analyzed);
    analyzed.contentWords.forEach((word, i) => {
      const stem = analyzed.contentStems[i] as string;
      let chosen = stem;
      if (!this.typos.isKnown(word, stem)) {
        const [best, ...others] = this.typos.correct(word);
        if (best) {
          chosen = best.stem;
          terms.set(best.stem, Math.max(terms.get(best.stem) ?? 0, best.similarity));
          for (const other of others)
            terms.set(other.stem, Math.max(terms.get(other.stem) ?? 0, other.similarity * 0.5));
          correctedStems.push(chosen);
          return;
        }
        // An unknown word that was part of a misspelled synonym phrase is searched as that phrase,
        // and one that is a synonym by itself (Spanglish "appointment", "fingerprints") as its
        // concept: neither counts as a word no document has.
        if (explainedWords.has(word) || this.analyzer.conceptsIn([stem]).length > 0) return;
      }
      correctedStems.push(chosen);
      terms.set(stem, (terms.get(stem) ?? 0) + 1);
    });
    const concepts = new Set([...analyzed.concepts, ...this.analyzer.conceptsIn(correctedStems)]);
    for (const concept of concepts) terms.set(concept, 1);
    for (const { concept, similarity } of fuzzyConcepts) {
      if (!concepts.has(concept)) terms.set(concept, Math.max(terms.get(concept) ?? 0, similarity));
    }
    const features = this.classifier ? classifierFeatures(analyzed) : [];
    if (this.classifier) for (const { concept } of fuzzyConcepts) features.push(concept);
    return {
      analyzed,
      terms,
      trigrams: characterTrigrams(analyzed.contentWords),
      features,
      otherAgencyMatters: this.otherAgencies.namedIn([text]),
    };
  }

  /**
   * Synonym phrases typed with a typo or with other spacing ("greencrad", "info pas", "tarjeta
   * berde"): each run of up to three words that includes a word the index does not know is joined
   * and matched with fuse.js (see `FuzzyPhraseMatcher`). Known words alone are never reinterpreted.
   */
  private fuzzyConceptsIn(analyzed: AnalyzedText): { concepts: FuzzyConcept[]; explainedWords: Set<string> } {
    const { words, stems } = analyzed;
    const found = new Map<string, number>();
    const explainedWords = new Set<string>();
    for (let unknown = 0; unknown < words.length; unknown++) {
      const word = words[unknown] as string;
      if (analyzed.isStopWord[unknown] || this.typos.isKnown(word, stems[unknown] as string)) continue;
      const first = Math.max(0, unknown - FUZZY_WINDOW_WORDS + 1);
      for (let start = first; start <= unknown; start++) {
        for (let end = unknown + 1; end <= Math.min(words.length, start + FUZZY_WINDOW_WORDS); end++) {
          const match = this.fuzzyPhrases.match(words.slice(start, end).join(''));
          if (!match) continue;
          explainedWords.add(word);
          if (match.similarity > (found.get(match.concept) ?? 0)) found.set(match.concept, match.similarity);
        }
      }
    }
    const concepts = [...found].map(([concept, similarity]) => ({ concept, similarity }));
    return { concepts, explainedWords };
  }

  /** A reusable scratch space for `signals`; one per concurrent caller (queries run one at a time). */
  newScratch(): SignalScratch {
    const count = this.documents.length;
    return {
      documents: this.bm25f.newScratch(),
      subjects: this.subjects.newScratch(),
      words: this.wordIndex.newScratch(),
      characters: this.charIndex.newScratch(),
      table: {
        touched: [],
        bm25: new Float64Array(count),
        coverage: new Float64Array(count),
        nameCoverage: new Float64Array(count),
        subject: new Float64Array(count),
        questionMatch: new Float64Array(count),
        charMatch: new Float64Array(count),
        classifier: new Float64Array(count),
        otherAgency: new Float64Array(count),
        bestUnit: new Int32Array(count).fill(-1),
        seen: new Uint8Array(count),
      },
    };
  }

  /**
   * Every signal for every document that shares anything with the question, written into the
   * scratch's flat arrays (no object per document: a question can touch thousands of them).
   */
  signals(query: AnalyzedQuery, scratch: SignalScratch): SignalTable {
    const table = scratch.table;
    for (const document of table.touched) {
      table.bm25[document] = 0;
      table.coverage[document] = 0;
      table.nameCoverage[document] = 0;
      table.subject[document] = 0;
      table.questionMatch[document] = 0;
      table.charMatch[document] = 0;
      table.classifier[document] = 0;
      table.otherAgency[document] = 0;
      table.bestUnit[document] = -1;
      table.seen[document] = 0;
    }
    table.touched.length = 0;
    const touch = (document: number): void => {
      if (table.seen[document] === 0) {
        table.seen[document] = 1;
        table.touched.push(document);
      }
    };
    const documentScores = this.bm25f.scores(query.terms, scratch.documents);
    for (const document of documentScores.touched) {
      touch(document);
      table.bm25[document] = documentScores.bm25[document] as number;
      table.coverage[document] = documentScores.coverage[document] as number;
      table.nameCoverage[document] = documentScores.nameCoverage[document] as number;
    }
    // Only documents that share a word can name the question's subject: no new documents here.
    const subjectScores = this.subjects.scores(query.terms, scratch.subjects);
    for (const document of subjectScores.touched) {
      if (table.seen[document] === 1) table.subject[document] = subjectScores.subject[document] as number;
    }
    const wordScores = this.wordIndex.similarities(query.terms, scratch.words);
    for (const unit of wordScores.touched) {
      const document = this.unitDocuments[unit] as number;
      const score = Math.min(1, wordScores.scores[unit] as number);
      touch(document);
      if (score > (table.questionMatch[document] as number)) {
        table.questionMatch[document] = score;
        table.bestUnit[document] = unit;
      }
    }
    const charScores = this.charIndex.similarities(query.trigrams, scratch.characters);
    for (const unit of charScores.touched) {
      const document = this.unitDocuments[unit] as number;
      const score = Math.min(1, charScores.scores[unit] as number);
      touch(document);
      if (score > (table.charMatch[document] as number)) {
        table.charMatch[document] = score;
        if (table.bestUnit[document] === -1) table.bestUnit[document] = unit;
      }
    }
    // A question with no content word ("hi", "") has no evidence: the classifier would still spread
    // its probability over documents, so it is not asked.
    if (this.classifier && query.terms.size > 0) {
      const probabilities = this.classifier.probabilities(query.features);
      // Documents that share no word with the question can still be the classifier's pick.
      for (const document of highest(probabilities, CLASSIFIER_CANDIDATES)) touch(document);
      for (const document of table.touched) table.classifier[document] = probabilities[document] as number;
    }
    if (query.otherAgencyMatters.length > 0) {
      for (const document of table.touched) {
        const named = this.namedOtherMatters[document] as number[];
        if (query.otherAgencyMatters.some((matter) => !named.includes(matter)))
          table.otherAgency[document] = 1;
      }
    }
    return table;
  }

  /** The signals of one document from a table `signals` filled. */
  signalsOf(table: SignalTable, document: number): SignalScores {
    return {
      bm25: table.bm25[document] as number,
      coverage: table.coverage[document] as number,
      nameCoverage: table.nameCoverage[document] as number,
      subject: table.subject[document] as number,
      questionMatch: table.questionMatch[document] as number,
      charMatch: table.charMatch[document] as number,
      classifier: table.classifier[document] as number,
      otherAgency: table.otherAgency[document] as number,
    };
  }
}

export interface SignalScratch {
  documents: DocumentScores;
  subjects: SubjectScores;
  words: UnitScores;
  characters: UnitScores;
  table: SignalTable;
}

/** Signals by document index; only the documents in `touched` are meaningful. */
export interface SignalTable {
  touched: number[];
  bm25: Float64Array;
  coverage: Float64Array;
  nameCoverage: Float64Array;
  subject: Float64Array;
  questionMatch: Float64Array;
  charMatch: Float64Array;
  classifier: Float64Array;
  otherAgency: Float64Array;
  /** The unit (title, question or synonym) that matched best, or -1. */
  bestUnit: Int32Array;
  /** 1 for documents already in `touched`. */
  seen: Uint8Array;
}

/**
 * The indices of the `count` largest values, largest first (ties: lower index first), by insertion
 * into a short list: no copy and sort of every document's probability on each query.
 */
function highest(values: ArrayLike<number>, count: number): number[] {
  const best: number[] = [];
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (best.length === count && value <= (values[best[count - 1] as number] as number)) continue;
    let at = best.length;
    while (at > 0 && (values[best[at - 1] as number] as number) < value) at--;
    best.splice(at, 0, index);
    if (best.length > count) best.pop();
  }
  return best;
}
