import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import type { AnswerResult } from '../../knowledge/engine/index.js';
import type { AnswerSource } from './answerSource.js';
import type { AssistantAnalytics } from './assistantAnalytics.js';
import type { ConversationMemory } from './conversationMemory.js';
import { storedText } from './storedText.js';

/** What was said just before a question that may complete it. */
export interface QuestionSurroundings {
  /** The article the question points back to ("can I renew it?"). */
  topic?: KnowledgeArticle;
  /** The "Did you mean…?" just offered, which this message may narrow down. */
  offered?: ClarifyOffer;
}

/** A "Did you mean…?": the question it was asked for (masked) and the articles offered. */
export interface ClarifyOffer {
  question: string;
  articleIds: string[];
}

/** How decided an answer is: a narrowed question is used only when it decides more. */
const DECISIVENESS = { none: 0, clarify: 1, answer: 2 } as const;

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
   * `offered`: after "Did you mean…?" for "green card", the visitor may answer with more words
   * instead of a choice ("mine expires in 3 months"). A message that alone gets no answer or only
   * a "Did you mean" is asked again together with the question offered for, and that reading is
   * taken when it decides more, among the articles offered only: "green card" then "what is the
   * weather" must not become an answer about office closures.
   */
  async ask(
    context: TurnContext,
    text: string,
    locale: Locale,
    { topic, offered }: QuestionSurroundings = {},
  ): Promise<AnswerResult<KnowledgeArticle>> {
    let result = this.answers.answer(text, locale);
    if (topic && this.mayMeanTopic(result, topic)) {
      const withTopic = this.answers.answer(`${text}\n${topic.title}`, locale);
      if (withTopic.decision === 'answer' && withTopic.article?.id === topic.id) result = withTopic;
    }
    if (offered && result.decision !== 'answer') {
      const narrowed = this.narrowed(offered, text, locale);
      if (narrowed && DECISIVENESS[narrowed.decision] > DECISIVENESS[result.decision]) result = narrowed;
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

  /** The offer narrowed by the visitor's words, kept to the articles offered (see `ask`). */
  private narrowed(
    offer: ClarifyOffer,
    text: string,
    locale: Locale,
  ): AnswerResult<KnowledgeArticle> | undefined {
    const result = this.answers.answer(`${offer.question}\n${text}`, locale);
    const offered = (id: string | undefined) => id !== undefined && offer.articleIds.includes(id);
    if (result.decision === 'answer') return offered(result.article?.id) ? result : undefined;
    const alternatives = result.alternatives.filter((candidate) => offered(candidate.document.id));
    if (result.decision !== 'clarify' || alternatives.length === 0) return undefined;
    return { ...result, alternatives, score: alternatives[0]?.score ?? result.score };
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
