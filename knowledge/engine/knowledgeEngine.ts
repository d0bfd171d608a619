import type { KnowledgeArticle } from '../../contracts/article.js';
import { parseCalibration, type EngineCalibration } from './calibrationFile.js';
import { KnowledgeIndexHolder, type KnowledgeIndexHolderOptions } from './knowledgeIndexHolder.js';
import calibrationJson from './thresholds.json' with { type: 'json' };

/**
 * The engine as the assistant uses it on our knowledge articles: the calibration chosen for them by
 * `scripts/calibrate.ts` (thresholds.json) and the built-in synonym tables.
 */

/** Weights and thresholds calibrated on knowledge/eval/validation.jsonl. */
export const KNOWLEDGE_CALIBRATION: EngineCalibration = parseCalibration(calibrationJson);

/** A holder for our articles; call `rebuild(articles)` at start-up and after each publish. */
export function createKnowledgeIndexHolder(
  options: KnowledgeIndexHolderOptions = {},
): KnowledgeIndexHolder<KnowledgeArticle> {
  return new KnowledgeIndexHolder<KnowledgeArticle>({ calibration: KNOWLEDGE_CALIBRATION, ...options });
}
