import type { AnalyticsEvent } from '../../storage/ports.js';

/**
 * Replies that leave a question without an answer (see `channelData.outcome`): a fallback, a
 * follow-up the topic's article does not answer, or a live agent offered or asked for instead.
 */
const UNANSWERED_OUTCOMES: ReadonlySet<string> = new Set([
  'fallback',
  'notInArticle',
  'agentOffer',
  'noAgent',
  'outOfHours',
  'queued',
  'handoff',
  'leaveMessage',
]);

export type QuestionResult = 'answered' | 'clarified' | 'unanswered';

/**
 * How a question went for the visitor. Events record the reply's outcome (what the visitor got:
 * an answer, a passage, "did you mean", a fallback…); older events only have the engine's decision.
 * So "thanks, bye" answered with small talk is no miss, and a follow-up answered from the topic's
 * article is an answer even though the engine alone found none.
 */
export function questionResult(event: Pick<AnalyticsEvent, 'decision' | 'outcome'>): QuestionResult {
  if (event.outcome) {
    if (UNANSWERED_OUTCOMES.has(event.outcome)) return 'unanswered';
    return event.outcome === 'clarify' ? 'clarified' : 'answered';
  }
  if (event.decision === 'answer') return 'answered';
  return event.decision === 'clarify' ? 'clarified' : 'unanswered';
}
