import type { AnalyzedText } from './textAnalyzer.js';

/** A question as every signal and the passage finder read it, analysed once per question. */
export interface AnalyzedQuery {
  analyzed: AnalyzedText;
  /** Search terms → trust (1, or the similarity of a typo correction). */
  terms: Map<string, number>;
  /** Character trigrams of the words as typed. */
  trigrams: Map<string, number>;
  /** The linear classifier's features (see `classifierFeatures`). */
  features: string[];
  /** The other agencies' matters the question names (positions in their list, see `OtherAgencies`). */
  otherAgencyMatters: number[];
}
