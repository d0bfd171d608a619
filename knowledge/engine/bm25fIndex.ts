import type { TermWeights } from './cosineIndex.js';
import { NEVER_PAUSE, type Pausable } from './timeSlicer.js';

/**
 * BM25F over whole documents: each field (title, questions, synonyms, tags, body) has its own weight
 * and length normalization, and the weighted term frequencies are summed before BM25's saturation
 * (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009). Also
 * reports coverage: the IDF-weighted share of the query's terms a document contains at all, which
 * says how much of the question the document speaks about.
 */

export const BM25F_FIELDS = ['title', 'questions', 'synonyms', 'tags', 'body'] as const;
export type Bm25fField = (typeof BM25F_FIELDS)[number];

export interface Bm25fParameters {
  k1: number;
  /** Field weights: a title word says more about the subject than a body word. */
  weights: Record<Bm25fField, number>;
  /** Per-field length normalization (0: none, 1: full). */
  b: Record<Bm25fField, number>;
}

export const DEFAULT_BM25F_PARAMETERS: Bm25fParameters = {
  k1: 1.2,
  weights: { title: 3, questions: 1.5, synonyms: 3, tags: 1.5, body: 0.6 },
  b: { title: 0.5, questions: 0.75, synonyms: 0.3, tags: 0.3, body: 0.75 },
};

const FIELD_COUNT = BM25F_FIELDS.length;

/** Term frequencies per field for one document, in `BM25F_FIELDS` order. */
export type FieldTerms = Record<Bm25fField, readonly string[]>;

interface Postings {
  documents: Int32Array;
  /** `FIELD_COUNT` term frequencies per posting, in `BM25F_FIELDS` order. */
  frequencies: Float32Array;
}

export interface DocumentScores {
  touched: number[];
  bm25: Float64Array;
  /** IDF-weighted share of query terms present, in [0, 1]. */
  coverage: Float64Array;
  /** The same share counting only the fields that name the document (title, questions, synonyms, tags). */
  nameCoverage: Float64Array;
}

/** Fields written to name a document: a visitor's words found there are what the document is for. */
const NAME_FIELDS: readonly boolean[] = BM25F_FIELDS.map((field) => field !== 'body');

export class Bm25fIndex {
  private readonly parameters: Bm25fParameters;
  private readonly pending: Map<string, Float32Array>[] = [];
  private readonly lengths: number[] = [];
  private postings = new Map<string, Postings>();
  private averageLength = new Float64Array(FIELD_COUNT);
  private documentCount = 0;

  constructor(parameters: Bm25fParameters = DEFAULT_BM25F_PARAMETERS) {
    this.parameters = parameters;
  }

  addDocument(fields: FieldTerms): number {
    const frequencies = new Map<string, Float32Array>();
    BM25F_FIELDS.forEach((field, fieldIndex) => {
      const terms = fields[field];
      this.lengths.push(terms.length);
      for (const term of terms) {
        let row = frequencies.get(term);
        if (!row) frequencies.set(term, (row = new Float32Array(FIELD_COUNT)));
        row[fieldIndex] = (row[fieldIndex] as number) + 1;
      }
    });
    this.pending.push(frequencies);
    return this.pending.length - 1;
  }

  /** Whether document `document` has `term` in any field (after `finish`). */
  has(term: string, document: number): boolean {
    const documents = this.postings.get(term)?.documents;
    if (!documents) return false;
    // Postings list documents in the order they were added: ascending.
    let low = 0;
    let high = documents.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = documents[middle] as number;
      if (found === document) return true;
      if (found < document) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** How many documents have `term` (after `finish`). */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.documents.length ?? 0;
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    // The "+1" form never goes negative; unseen terms get the highest weight.
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  async finish(slicer: Pausable = NEVER_PAUSE): Promise<void> {
    this.documentCount = this.pending.length;
    const totals = new Float64Array(FIELD_COUNT);
    for (let i = 0; i < this.lengths.length; i++) {
      const field = i % FIELD_COUNT;
      totals[field] = (totals[field] as number) + (this.lengths[i] as number);
    }
    for (let f = 0; f < FIELD_COUNT; f++)
      this.averageLength[f] = (totals[f] as number) / Math.max(1, this.documentCount) || 1;
    const lists = new Map<string, { documents: number[]; frequencies: number[] }>();
    for (let document = 0; document < this.pending.length; document++) {
      const frequencies = this.pending[document] as Map<string, Float32Array>;
      if (document % 16 === 0) await slicer.maybePause();
      for (const [term, row] of frequencies) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { documents: [], frequencies: [] }));
        list.documents.push(document);
        for (let f = 0; f < FIELD_COUNT; f++) list.frequencies.push(row[f] as number);
      }
    }
    let converted = 0;
    for (const [term, list] of lists) {
      if (++converted % 16 === 0) await slicer.maybePause();
      this.postings.set(term, {
        documents: Int32Array.from(list.documents),
        frequencies: Float32Array.from(list.frequencies),
      });
    }
    this.pending.length = 0;
  }

  newScratch(): DocumentScores {
    return {
      touched: [],
      bm25: new Float64Array(this.documentCount),
      coverage: new Float64Array(this.documentCount),
      nameCoverage: new Float64Array(this.documentCount),
    };
  }

  /**
   * BM25F divided by its ceiling for this query (every term saturated in every document), so it is
   * in [0, 1) and comparable across questions; and coverage.
   */
  scores(query: TermWeights, scratch: DocumentScores): DocumentScores {
    const { bm25, coverage, nameCoverage, touched } = scratch;
    for (const document of touched) {
      bm25[document] = 0;
      coverage[document] = 0;
      nameCoverage[document] = 0;
    }
    touched.length = 0;
    const { k1, weights, b } = this.parameters;
    let ceiling = 0;
    let idfTotal = 0;
    for (const [term, trust] of query) {
      const idf = this.idf(term);
      const termWeight = idf * Math.min(1, trust);
      ceiling += termWeight * (k1 + 1);
      idfTotal += termWeight;
      const postings = this.postings.get(term);
      if (!postings) continue;
      const { documents, frequencies } = postings;
      for (let i = 0; i < documents.length; i++) {
        const document = documents[i] as number;
        let weightedFrequency = 0;
        let inName = false;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const frequency = frequencies[i * FIELD_COUNT + f] as number;
          if (frequency === 0) continue;
          if (NAME_FIELDS[f]) inName = true;
          const length = this.lengths[document * FIELD_COUNT + f] as number;
          const field = BM25F_FIELDS[f] as Bm25fField;
          const normalizer = 1 - b[field] + (b[field] * length) / (this.averageLength[f] as number);
          weightedFrequency += (weights[field] * frequency) / Math.max(normalizer, 0.05);
        }
        if (weightedFrequency === 0) continue;
        if (bm25[document] === 0 && coverage[document] === 0) touched.push(document);
        bm25[document] =
          (bm25[document] as number) + (termWeight * weightedFrequency * (k1 + 1)) / (k1 + weightedFrequency);
        coverage[document] = (coverage[document] as number) + termWeight;
        if (inName) nameCoverage[document] = (nameCoverage[document] as number) + termWeight;
      }
    }
    if (ceiling > 0) {
      for (const document of touched) {
        bm25[document] = (bm25[document] as number) / ceiling;
        coverage[document] = (coverage[document] as number) / idfTotal;
        nameCoverage[document] = (nameCoverage[document] as number) / idfTotal;
      }
    }
    return scratch;
  }
}
