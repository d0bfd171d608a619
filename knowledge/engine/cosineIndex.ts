import { NEVER_PAUSE, type Pausable } from './timeSlicer.js';

/**
 * TF-IDF cosine similarity between a query and many short texts ("units": a title, one alternate
 * question...), through an inverted index so a query only visits the units that share a term with
 * it. Used twice: on word stems (nearest question) and on character trigrams (typo robustness).
 */

/** A bag of terms with their weights (counts for texts; counts times a trust factor for queries). */
export type TermWeights = ReadonlyMap<string, number>;

interface Postings {
  units: Int32Array;
  weights: Float32Array;
  /** The term's `idf`, kept with its postings so a query looks each term up once. */
  idf: number;
}

/** A scratch accumulator reused across queries, so a query allocates little. */
export interface UnitScores {
  /** Ids of the units with a non-zero score, in the order they were first reached. */
  touched: number[];
  /** Cosine of each unit in `touched` (other slots are stale). */
  scores: Float64Array;
}

/** Postings longer than this many units, and than this share of all units, are not walked. */
const COMMON_TERM_FLOOR = 2_000;
const COMMON_TERM_SHARE = 0.1;

export function countTerms(terms: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

export class CosineIndex {
  private readonly pending: Map<string, number>[] = [];
  private postings = new Map<string, Postings>();
  private documentFrequency = new Map<string, number>();
  private unitCount = 0;
  /** The `idf` of a term no unit has (see `idf`). */
  private unknownTermIdf = 0;
  private finished = false;

  /** Adds a unit and returns its id (0, 1, 2... in the order added). */
  addUnit(termCounts: Map<string, number>): number {
    if (this.finished) throw new Error('CosineIndex: cannot add units after finish()');
    this.pending.push(termCounts);
    return this.pending.length - 1;
  }

  /** IDF of a term; a term no unit has gets the highest weight, so unknown words count against a match. */
  idf(term: string): number {
    return this.idfOf(this.documentFrequency.get(term) ?? 0);
  }

  private idfOf(documentFrequency: number): number {
    return Math.log(1 + (this.unitCount + 1) / (documentFrequency + 0.5));
  }

  /** Computes IDF and unit norms and freezes the postings into typed arrays. */
  async finish(slicer: Pausable = NEVER_PAUSE): Promise<void> {
    this.unitCount = this.pending.length;
    for (let unit = 0; unit < this.pending.length; unit++) {
      if (unit % 64 === 0) await slicer.maybePause();
      for (const term of (this.pending[unit] as Map<string, number>).keys()) {
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      }
    }
    const lists = new Map<string, { units: number[]; weights: number[] }>();
    for (let unit = 0; unit < this.pending.length; unit++) {
      const counts = this.pending[unit] as Map<string, number>;
      if (unit % 64 === 0) await slicer.maybePause();
      let norm = 0;
      const weighted: [string, number][] = [];
      for (const [term, count] of counts) {
        const weight = (1 + Math.log(count)) * this.idf(term);
        weighted.push([term, weight]);
        norm += weight * weight;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [term, weight] of weighted) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { units: [], weights: [] }));
        list.units.push(unit);
        list.weights.push(weight / norm);
      }
    }
    let converted = 0;
    for (const [term, list] of lists) {
      if (++converted % 16 === 0) await slicer.maybePause();
      this.postings.set(term, {
        units: Int32Array.from(list.units),
        weights: Float32Array.from(list.weights),
        idf: this.idf(term),
      });
    }
    this.unknownTermIdf = this.idfOf(0);
    this.pending.length = 0;
    this.finished = true;
  }

  newScratch(): UnitScores {
    return { touched: [], scores: new Float64Array(this.unitCount) };
  }

  /** Cosine between the query and every unit sharing a term with it, written into `scratch`. */
  similarities(query: TermWeights, scratch: UnitScores): UnitScores {
    const { scores } = scratch;
    for (const unit of scratch.touched) scores[unit] = 0;
    scratch.touched.length = 0;
    let queryNorm = 0;
    const weighted: [Postings | undefined, number][] = [];
    for (const [term, count] of query) {
      // Every term of a unit has postings: a term without them is one no unit has.
      const postings = this.postings.get(term);
      const idf = postings?.idf ?? this.unknownTermIdf;
      const weight = (1 + Math.log(Math.max(1, count))) * idf * Math.min(1, count);
      queryNorm += weight * weight;
      weighted.push([postings, weight]);
    }
    queryNorm = Math.sqrt(queryNorm);
    if (queryNorm === 0) return scratch;
    const longestWalked = Math.max(COMMON_TERM_FLOOR, COMMON_TERM_SHARE * this.unitCount);
    for (const [postings, weight] of weighted) {
      if (!postings) continue;
      // A term in a large share of thousands of units adds little (low IDF) and would cost a walk
      // over most of the index: it still counts in the question's norm, but its postings are skipped.
      if (postings.units.length > longestWalked) continue;
      const factor = weight / queryNorm;
      const { units, weights } = postings;
      for (let i = 0; i < units.length; i++) {
        const unit = units[i] as number;
        if (scores[unit] === 0) scratch.touched.push(unit);
        scores[unit] = (scores[unit] as number) + factor * (weights[i] as number);
      }
    }
    return scratch;
  }
}
