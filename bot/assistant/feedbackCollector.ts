import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { FeedbackStore } from '../storage/ports.js';
import { storedText } from './storedText.js';
import { systemClock, type Clock } from '../shared/clock.js';

export interface FeedbackInput {
  articleId: string;
  locale: Locale;
  helpful: boolean;
  /** The question the article answered; masked again here in case a caller forgot. */
  question: string;
}

/** Stores "Was this helpful?" answers for the editors' reports. */
export class FeedbackCollector {
  constructor(
    private readonly store: Pick<FeedbackStore, 'add'>,
    private readonly clock: Clock = systemClock,
  ) {}

  async record(context: TurnContext, input: FeedbackInput): Promise<void> {
    await this.store.add({
      id: randomUUID(),
      conversationId: context.activity.conversation?.id ?? 'unknown',
      articleId: input.articleId,
      locale: input.locale,
      question: storedText(input.question),
      helpful: input.helpful,
      at: this.clock.now().toISOString(),
    });
  }
}
