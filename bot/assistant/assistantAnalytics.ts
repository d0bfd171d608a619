import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { AnswerDecision } from '../../knowledge/engine/index.js';
import type { Logger } from '../logging/logger.js';
import type { AnalyticsStore } from '../storage/ports.js';
import type { AnalyticsEvent } from './records.js';
import { sentReplies, type ReplyOutcome } from './replyOutcome.js';
import { storedText } from './storedText.js';
import { systemClock, type Clock } from '../shared/clock.js';

/**
 * Questions and case status lookups of this turn, recorded when the turn ends (a question with
 * what the reply to it was), in the same commit as the turn's other writes.
 */
const STAGED_EVENTS = Symbol('stagedEvents');
/** Replies that say nothing about how a question went (the welcome, a note about the language). */
const NOT_AN_ANSWER: ReadonlySet<ReplyOutcome> = new Set(['welcome', 'languageSwitch']);

export type CaseStatusOutcome =
  'found' | 'not_found' | 'invalid' | 'unavailable' | 'daily_limit' | 'visitor_limit';

/**
 * One analytics event per question, live-agent request and case status lookup. A question's event
 * is written when its turn ends (`flush`), with what the reply was in `outcome` (an answer, a
 * passage, a fallback…: `channelData.outcome`), so the reports count what the visitor got, not
 * only what the engine decided. Text is masked here, whatever the caller passed. A failure to
 * record is logged and swallowed: analytics must never cost a visitor their answer.
 */
export class AssistantAnalytics {
  constructor(
    private readonly store: Pick<AnalyticsStore, 'record'>,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  question(
    context: TurnContext,
    event: {
      locale: Locale;
      text: string;
      decision: AnswerDecision;
      articleId: string | null;
      score: number;
    },
  ): Promise<void> {
    stage(context, {
      type: 'question',
      locale: event.locale,
      decision: event.decision,
      articleId: event.articleId,
      score: event.score,
      text: event.text,
      outcome: null,
    });
    return Promise.resolve();
  }

  /**
   * Writes the turn's events: each question with the outcome of the turn's first reply that
   * answers something, each case status lookup with its own.
   */
  async flush(context: TurnContext): Promise<void> {
    const staged = context.turnState.get<StagedEvent[] | undefined>(STAGED_EVENTS) ?? [];
    context.turnState.delete(STAGED_EVENTS);
    const outcome = sentReplies(context).find((reply) => !NOT_AN_ANSWER.has(reply.outcome))?.outcome ?? null;
    for (const event of staged) {
      await this.record(context, event.type === 'question' ? { ...event, outcome } : event);
    }
  }

  handoffRequest(
    context: TurnContext,
    event: { locale: Locale; text: string; outcome: string },
  ): Promise<void> {
    return this.record(context, {
      type: 'handoff_request',
      locale: event.locale,
      decision: null,
      articleId: null,
      score: null,
      text: event.text,
      outcome: event.outcome,
    });
  }

  /** Staged, like a question, for the end of the turn (`flush`). */
  caseStatus(context: TurnContext, event: { locale: Locale; outcome: CaseStatusOutcome }): Promise<void> {
    // The visitor's words are left out: they hold the receipt number, and the outcome is the point.
    stage(context, {
      type: 'case_status',
      locale: event.locale,
      decision: null,
      articleId: null,
      score: null,
      text: null,
      outcome: event.outcome,
    });
    return Promise.resolve();
  }

  private async record(context: TurnContext, event: StagedEvent): Promise<void> {
    const conversationId = context.activity.conversation?.id ?? 'unknown';
    try {
      await this.store.record({
        ...event,
        text: event.text === null ? null : storedText(event.text),
        id: randomUUID(),
        conversationId,
        at: this.clock.now().toISOString(),
      });
    } catch (error) {
      this.logger.warn({ err: error, conversationId, type: event.type }, 'analytics event not recorded');
    }
  }
}

type StagedEvent = Omit<AnalyticsEvent, 'id' | 'conversationId' | 'at'>;

function stage(context: TurnContext, event: StagedEvent): void {
  const staged = context.turnState.get<StagedEvent[] | undefined>(STAGED_EVENTS) ?? [];
  context.turnState.set(STAGED_EVENTS, staged);
  staged.push(event);
}
