import {
  calibrationFor,
  DEFAULT_CALIBRATION,
  languageOf,
  type EngineCalibration,
} from './calibrationFile.js';
import { confidence, signalContributions, type ConfidenceWeights } from './confidenceModel.js';
import { decide } from './decision.js';
import type { ClassifierCache, LinearClassifierOptions } from './linearClassifier.js';
import {
  LocaleIndex,
  type AnalyzedQuery,
  type LocaleIndexOptions,
  type SignalScratch,
  type SignalTable,
} from './localeIndex.js';
import type { UnsaidWord } from './localeIndex.js';
import type { Passage, PassageOptions } from './passages.js';
import type { SynonymGroup } from './synonymMatcher.js';
import { BUILT_IN_SYNONYMS } from './synonymTables.js';
import type { AnalysisCache, WordAnalysis } from './textAnalyzer.js';
import { NEVER_PAUSE, type Pausable } from './timeSlicer.js';
import type { AnswerResult, IndexDocument, RankedDocument, SignalScores } from './types.js';

/**
 * An immutable, searchable snapshot of a document set: one `LocaleIndex` per language, the
 * calibration that turns signals into a confidence and a decision. Build it with `AnswerIndex.build`
 * (async, cooperative); `KnowledgeIndexHolder` swaps snapshots for the running bot.
 */

export interface AnswerIndexOptions {
  /** Weights and thresholds (see `calibrationFile.ts`); defaults when not calibrated. */
  calibration?: EngineCalibration;
  /** Synonym groups per language code; the built-in English and Spanish tables by default. */
  synonyms?: Readonly<Record<string, readonly SynonymGroup[]>>;
  /** See `LocaleIndexOptions.maxClassifierDocuments`. */
  maxClassifierDocuments?: number;
  /** Training settings of the linear classifier. */
  classifier?: LinearClassifierOptions;
  /** See `LocaleIndexOptions.classifierCache`. */
  classifierCache?: ClassifierCache;
  /**
   * The analysed words of the documents' texts kept between restarts, per language (see
   * `LocaleIndexOptions.knownAnalyses`); written again after a build that analysed a text it did
   * not have, or no longer needs one it had.
   */
  analysisCache?: AnalysisCache;
  /** Gives the event loop turns during the build; the build runs in one go without it. */
  slicer?: Pausable;
  /** How many candidates `ranking` keeps. */
  rankingSize?: number;
}

/** A candidate before the confidence model: its signals only (the calibration script fits on these). */
export interface ScoredCandidate<D extends IndexDocument> {
  document: D;
  /** Position of the document among its language's documents: breaks ties deterministically. */
  position: number;
  signals: SignalScores;
  matchedQuestion: string;
}

/** Questions longer than this are cut: nobody types more in a chat box, and it bounds a query's cost. */
const MAX_QUESTION_LENGTH = 500;

export class AnswerIndex<D extends IndexDocument = IndexDocument> {
  private readonly byLanguage: ReadonlyMap<string, LocaleIndex<D>>;
  private readonly scratches = new Map<string, SignalScratch>();
  readonly calibration: EngineCalibration;
  readonly size: number;
  private readonly rankingSize: number;

  private constructor(
    byLanguage: ReadonlyMap<string, LocaleIndex<D>>,
    calibration: EngineCalibration,
    size: number,
    rankingSize: number,
  ) {
    this.byLanguage = byLanguage;
    this.calibration = calibration;
    this.size = size;
    this.rankingSize = rankingSize;
  }

  static async build<D extends IndexDocument>(
    documents: readonly D[],
    options: AnswerIndexOptions = {},
  ): Promise<AnswerIndex<D>> {
    const slicer = options.slicer ?? NEVER_PAUSE;
    const synonyms = options.synonyms ?? BUILT_IN_SYNONYMS;
    const byLanguage = new Map<string, LocaleIndex<D>>();
    const knownAnalysisCounts = new Map<string, number>();
    for (let i = 0; i < documents.length; i++) {
      const document = documents[i] as D;
      const language = languageOf(document.locale);
      let index = byLanguage.get(language);
      if (!index) {
        const localeOptions: LocaleIndexOptions = { synonymGroups: synonyms[language] ?? [] };
        if (options.maxClassifierDocuments !== undefined) {
          localeOptions.maxClassifierDocuments = options.maxClassifierDocuments;
        }
        if (options.classifier) localeOptions.classifier = options.classifier;
        if (options.classifierCache) localeOptions.classifierCache = options.classifierCache;
        if (options.analysisCache) {
          const known = (await options.analysisCache.load(language)) ?? new Map<string, WordAnalysis>();
          knownAnalysisCounts.set(language, known.size);
          localeOptions.knownAnalyses = known;
        }
        index = new LocaleIndex<D>(language, localeOptions);
        byLanguage.set(language, index);
        // Setting up a language (stemmer, segmenter, synonym phrases) is a slice of its own.
        await slicer.maybePause();
      }
      index.add(document);
      await slicer.maybePause();
    }
    for (const index of byLanguage.values()) await index.finish(slicer);
    for (const [language, index] of byLanguage) {
      const recorded = index.takeRecordedAnalyses();
      if (!options.analysisCache || !recorded) continue;
      // Unchanged texts (every one known, none left over): the kept entry is already this one.
      if (recorded.misses === 0 && recorded.analyses.size === knownAnalysisCounts.get(language)) continue;
      await options.analysisCache.save(language, recorded.analyses);
    }
    return new AnswerIndex(
      byLanguage,
      options.calibration ?? DEFAULT_CALIBRATION,
      documents.length,
      options.rankingSize ?? 5,
    );
  }

  /** The same documents with another calibration (no rebuild): used while calibrating. */
  withCalibration(calibration: EngineCalibration): AnswerIndex<D> {
    return new AnswerIndex(this.byLanguage, calibration, this.size, this.rankingSize);
  }

  /** Language codes that have documents. */
  get languages(): string[] {
    return [...this.byLanguage.keys()];
  }

  /** Every document that shares anything with the question, with its signals (unordered). */
  candidates(text: string, locale: string): ScoredCandidate<D>[] {
    return this.search(text, locale).candidates;
  }

  /** The candidates with their confidence, best first (ties: the order documents were given in). */
  rank(text: string, locale: string, limit = this.rankingSize): RankedDocument<D>[] {
    const { weights } = calibrationFor(this.calibration, locale);
    return rankCandidates(this.search(text, locale, weights, limit).candidates, weights, limit);
  }

  /** Answer, clarify or none, for one visitor question. */
  answer(text: string, locale: string): AnswerResult<D> {
    const { weights, thresholds } = calibrationFor(this.calibration, locale);
    const { candidates, queryTerms, query } = this.search(text, locale, weights, this.rankingSize);
    const ranking = rankCandidates(candidates, weights, this.rankingSize);
    const { decision, alternatives } = decide(ranking, thresholds);
    const best = ranking[0];
    const result: AnswerResult<D> = {
      decision,
      score: best?.score ?? 0,
      alternatives,
      ranking,
      queryTerms,
      passage: null,
    };
    if (decision === 'answer' && best) {
      result.document = best.document;
      result.article = best.document;
      result.passage = this.findPassage(best.document.id, locale, query);
    }
    return result;
  }

  /**
   * The passage of document `id` (in `locale`) that answers `question`, when the question asks
   * about one of its details rather than its subject; null for a general question (answer with
   * the short answer), an unknown document or a body without passages. For follow-ups against
   * the current topic ("how much does it cost?" after an answer) as well as for answers.
   */
  passageFor(id: string, locale: string, question: string, options: PassageOptions = {}): Passage | null {
    const index = this.byLanguage.get(languageOf(locale));
    if (!index) return null;
    return this.findPassage(id, locale, index.analyzeQuery(question.slice(0, MAX_QUESTION_LENGTH)), options);
  }

  /** See `LocaleIndex.unsaidWords`: the words of `question` that article `id` never says ([] when unknown). */
  unsaidWords(id: string, locale: string, question: string): UnsaidWord[] {
    const index = this.byLanguage.get(languageOf(locale));
    const position = index?.positionOf(id);
    if (!index || position === undefined) return [];
    return index.unsaidWords(position, index.analyzeQuery(question.slice(0, MAX_QUESTION_LENGTH)));
  }

  private findPassage(
    id: string,
    locale: string,
    query: AnalyzedQuery | undefined,
    options: PassageOptions = {},
  ): Passage | null {
    const index = this.byLanguage.get(languageOf(locale));
    const position = index?.positionOf(id);
    if (!index || position === undefined || !query) return null;
    return index.passage(position, query, options);
  }

  /**
   * Scores every document the question touches straight from the flat signal arrays and keeps the
   * `limit` best (all of them without weights), building objects only for those: a question can
   * touch thousands of documents.
   */
  private search(
    text: string,
    locale: string,
    weights?: ConfidenceWeights,
    limit = Infinity,
  ): { candidates: ScoredCandidate<D>[]; queryTerms: string[]; query?: AnalyzedQuery } {
    const language = languageOf(locale);
    const index = this.byLanguage.get(language);
    if (!index) return { candidates: [], queryTerms: [] };
    let scratch = this.scratches.get(language);
    if (!scratch) this.scratches.set(language, (scratch = index.newScratch()));
    const query = index.analyzeQuery(text.slice(0, MAX_QUESTION_LENGTH));
    const table = index.signals(query, scratch);
    const chosen =
      weights && limit < table.touched.length ? bestDocuments(table, weights, limit) : table.touched;
    const candidates = chosen.map((document) => ({
      document: index.documents[document] as D,
      position: document,
      signals: index.signalsOf(table, document),
      matchedQuestion: index.unitText(table.bestUnit[document] as number),
    }));
    return { candidates, queryTerms: [...query.terms.keys()], query };
  }
}

/**
 * The `limit` documents with the highest weighted sum (the confidence before its monotonic
 * logistic), by insertion into a short sorted list: no sort of thousands of documents.
 */
function bestDocuments(table: SignalTable, weights: ConfidenceWeights, limit: number): number[] {
  const w = weights.signals;
  const best: number[] = [];
  const values: number[] = [];
  for (const document of table.touched) {
    const value =
      w.bm25 * (table.bm25[document] as number) +
      w.coverage * (table.coverage[document] as number) +
      w.nameCoverage * (table.nameCoverage[document] as number) +
      w.subject * (table.subject[document] as number) +
      w.questionMatch * (table.questionMatch[document] as number) +
      w.charMatch * (table.charMatch[document] as number) +
      w.classifier * (table.classifier[document] as number) +
      w.otherAgency * (table.otherAgency[document] as number);
    if (best.length === limit && value <= (values[limit - 1] as number)) continue;
    let at = best.length;
    while (
      at > 0 &&
      ((values[at - 1] as number) < value ||
        ((values[at - 1] as number) === value && (best[at - 1] as number) > document))
    )
      at--;
    best.splice(at, 0, document);
    values.splice(at, 0, value);
    if (best.length > limit) {
      best.pop();
      values.pop();
    }
  }
  return best;
}

/** Sorts candidates by confidence, best first; ties keep the order documents were given in. */
export function rankCandidates<D extends IndexDocument>(
  candidates: readonly ScoredCandidate<D>[],
  weights: ConfidenceWeights,
  limit: number,
): RankedDocument<D>[] {
  return candidates
    .map((candidate) => ({
      document: candidate.document,
      position: candidate.position,
      score: confidence(candidate.signals, weights),
      signals: candidate.signals,
      contributions: signalContributions(candidate.signals, weights),
      matchedQuestion: candidate.matchedQuestion,
    }))
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .slice(0, limit)
    .map(({ position: _position, ...ranked }) => ranked);
}
