/**
 * The answer engine's public surface. The assistant needs only `createKnowledgeIndexHolder`
 * (our articles, calibrated) or `KnowledgeIndexHolder` / `AnswerIndex` (any document set).
 */
export { AnswerIndex, type AnswerIndexOptions, type ScoredCandidate } from './answerIndex.js';
export { calibrate, type CalibrationOptions, type CalibrationReport } from './calibration.js';
export {
  calibrationFor,
  DEFAULT_CALIBRATION,
  parseCalibration,
  type DecisionThresholds,
  type EngineCalibration,
  type LocaleCalibration,
} from './calibrationFile.js';
export { signalContributions, type ConfidenceWeights } from './confidenceModel.js';
export { createKnowledgeIndexHolder, KNOWLEDGE_CALIBRATION } from './knowledgeEngine.js';
export { KnowledgeIndexHolder, type KnowledgeIndexHolderOptions } from './knowledgeIndexHolder.js';
export { JudgementDetector } from './judgementDetector.js';
export { isOneEditApart } from './typoCorrector.js';
export { splitPassages, type Passage, type PassageOptions } from './passages.js';
export type { SynonymGroup, SynonymTable } from './synonymMatcher.js';
export type {
  AnswerDecision,
  AnswerResult,
  IndexDocument,
  RankedDocument,
  SignalName,
  SignalScores,
} from './types.js';
export { LocaleIndex, type UnsaidWord } from './localeIndex.js';
export type { ClassifierCache, TrainedWeights } from './linearClassifier.js';
export { BUILT_IN_SYNONYMS } from './synonymTables.js';
export { foldAccents, type AnalysisCache, type TextAnalyzer, type WordAnalysis } from './textAnalyzer.js';
export { ENGINE_VERSION } from './engineVersion.js';
