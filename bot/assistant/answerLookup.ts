import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import type { AnswerResult } from '../../knowledge/engine/index.js';
import type { AnswerSource } from './answerSource.js';
import type { AssistantAnalytics } from './assistantAnalytics.js';
import type { ConversationMemory } from './conversationMemory.js';
import { storedText } from './storedText.js';

/**
 * Asks the answer source and records the question: one analytics event per question (decision,
 * article, score, masked text), and the masked question in conversation state for a later
 * live-agent request.
 */
export class AnswerLookup {
  constructor(
    private readonly answers: AnswerSource,
    private readonly analytics: AssistantAnalytics,
    private readonly memory: ConversationMemory,
  ) {}

  async ask(context: TurnContext, text: string, locale: Locale): Promise<AnswerResult<KnowledgeArticle>> {
    const result = this.answers.answer(text, locale);
    (await this.memory.data(context)).lastQuestion = storedText(text);
    await this.analytics.question(context, {
      locale,
      text,
      decision: result.decision,
      articleId: result.article?.id ?? null,
      score: result.score,
    });
    return result;
  }
}
