/**
 * The editors' "Try it" and rehearsal API (`/api/admin/try`, `/api/admin/rehearsal`): a question
 * asked against the drafts, with the engine's evidence, and what a widget visitor would be shown.
 * Part of the admin API (adminApi.ts re-exports it). Types only, as the rest of contracts/.
 */
import type { Locale } from './locale.js';
import type { KnowledgeArticle } from './article.js';
import type { ChatMessage, JsonValue } from './visitorEvents.js';

// ---------------------------------------------------------------------------------------------
// "Try it" (/api/admin/try): a question against the drafts.

export interface TryRequest {
  text: string;
  locale: Locale;
}

/** What the assistant does with a question (the answer engine's decision; the engine imports this one). */
export type AnswerDecision = 'answer' | 'clarify' | 'none';

/**
 * The evidence for a candidate, each in [0, 1]: the engine's signal scores, of which the editor
 * shows these. The server sends every signal the engine has; the editor relies on these only, so
 * the engine may add signals without changing the protocol.
 */
export interface TriedSignals {
  bm25: number;
  coverage: number;
  questionMatch: number;
  charMatch: number;
  classifier: number;
}

/** Where the engine cuts (the engine's calibration may hold more; the editor shows these). */
export interface TriedThresholds {
  /** Minimum confidence to answer with the best article. */
  answer: number;
  /** Minimum confidence for an article to be offered at all. */
  clarify: number;
  /** The best must lead the second by this much to be answered directly. */
  margin: number;
}

/** One candidate of a "Try it" answer, with the evidence for it. */
export interface TriedCandidate {
  id: string;
  title: string;
  score: number;
  signals: TriedSignals;
  matchedQuestion: string;
}

/** What the assistant would do with a question if every draft were published, and why. */
export interface TryResult {
  decision: AnswerDecision;
  score: number;
  /** The article it would answer with ("answer" only). */
  article: { id: string; locale: Locale; title: string } | null;
  /** The articles it would offer ("clarify"), or other plausible ones ("answer"). */
  alternatives: string[];
  ranking: TriedCandidate[];
  /** The words searched for after analysis (stems, synonym concepts, typo corrections). */
  queryTerms: string[];
  /** Where the engine cuts: the score must reach `answer` (and lead by `margin`), or `clarify` to be offered. */
  thresholds: TriedThresholds;
  /** Drafts in the index. */
  drafts: number;
}

export interface TryResponse {
  result: TryResult;
}

// ---------------------------------------------------------------------------------------------
// Rehearsal (/api/admin/rehearsal): what a widget visitor would be shown, answered from the
// drafts, for "Preview, as visitors see it" and "Try it". Nothing is stored or counted.

/** One thing the visitor does: types `text`, or presses a button (its `text` and `value`). */
export interface RehearsalStep {
  text: string;
  value?: JsonValue;
}

/** The article being edited, as its form holds it (saved or not): the preview shows this text. */
export type PreviewDraft = Pick<
  KnowledgeArticle,
  'id' | 'locale' | 'title' | 'answer' | 'body' | 'related' | 'links'
>;

export interface RehearsalRequest {
  /** The widget's language. */
  locale: Locale;
  /** A new conversation, then these steps in order (at most 8). */
  steps: RehearsalStep[];
  draft?: PreviewDraft;
}

/** One step and the assistant's replies to it, as the widget gets them (the same messages). */
export interface RehearsalTurn {
  visitor: ChatMessage;
  replies: ChatMessage[];
  /** The visitor asked for a live agent in hours: a real conversation would join the queue here. */
  liveAgentRequested: boolean;
}

export interface RehearsalResponse {
  turns: RehearsalTurn[];
}
