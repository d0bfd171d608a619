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

  /**
   * `topic`: the article the question points back to ("can I renew it?"). The question is asked
   * again with the topic's title when alone it gets no answer, or an answer about another article
   * although it names no subject that article has and the topic lacks ("what about renewing it?"
   * after DACA is not the green card's renewal); the second answer is taken only when it is the
   * topic itself: the title settles what "it" is, never a different subject.
   */
  async ask(
    context: TurnContext,
    text: string,
    locale: Locale,
    topic?: KnowledgeArticle,
  ): Promise<AnswerResult<KnowledgeArticle>> {
    let result = this.answers.answer(text, locale);
    if (topic && this.mayMeanTopic(result, topic)) {
      const withTopic = this.answers.answer(`${text}\n${topic.title}`, locale);
      if (withTopic.decision === 'answer' && withTopic.article?.id === topic.id) result = withTopic;
    }
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

  /** Whether a question that points back could still be about the topic (see `ask`). */
  private mayMeanTopic(result: AnswerResult<KnowledgeArticle>, topic: KnowledgeArticle): boolean {
    if (result.decision !== 'answer') return true;
    if (result.article?.id === topic.id) return false;
    const subjectOf = (id: string | undefined) =>
      result.ranking.find((candidate) => candidate.document.id === id)?.signals.subject ?? 0;
    return subjectOf(result.article?.id) <= subjectOf(topic.id);
  }
}
