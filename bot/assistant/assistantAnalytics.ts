import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../knowledge/content/article.js';
import type { AnswerDecision } from '../../knowledge/engine/types.js';
import type { Logger } from '../logging/logger.js';
import type { AnalyticsEvent, AnalyticsStore } from '../storage/ports.js';
import { storedText } from './storedText.js';

export type CaseStatusOutcome = 'found' | 'not_found' | 'invalid' | 'unavailable' | 'daily_limit';

/**
 * One analytics event per question, live-agent request and case status lookup. Text is masked
 * here, whatever the caller passed. A failure to record is logged and swallowed: analytics must
 * never cost a visitor their answer.
 */
export class AssistantAnalytics {
  constructor(
    private readonly store: Pick<AnalyticsStore, 'record'>,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
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
    return this.record(context, {
      type: 'question',
      locale: event.locale,
      decision: event.decision,
      articleId: event.articleId,
      score: event.score,
      text: event.text,
      outcome: null,
    });
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

  caseStatus(context: TurnContext, event: { locale: Locale; outcome: CaseStatusOutcome }): Promise<void> {
    // The visitor's words are left out: they hold the receipt number, and the outcome is the point.
    return this.record(context, {
      type: 'case_status',
      locale: event.locale,
      decision: null,
      articleId: null,
      score: null,
      text: null,
      outcome: event.outcome,
    });
  }

  private async record(
    context: TurnContext,
    event: Omit<AnalyticsEvent, 'id' | 'conversationId' | 'at'>,
  ): Promise<void> {
    const conversationId = context.activity.conversation?.id ?? 'unknown';
    try {
      await this.store.record({
        ...event,
        text: event.text === null ? null : storedText(event.text),
        id: randomUUID(),
        conversationId,
        at: this.clock().toISOString(),
      });
    } catch (error) {
      this.logger.warn({ err: error, conversationId, type: event.type }, 'analytics event not recorded');
    }
  }
}
