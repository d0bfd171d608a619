import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { KnowledgeArticle } from '../../knowledge/content/article.js';
import type { ArticleCatalog } from './answerSource.js';
import type { AssistantText } from './assistantText.js';
import { feedbackKey, remember, type ConversationMemory } from './conversationMemory.js';
import { textReply, valueAction, type AnswerChannelData } from './replyActivity.js';
import { storedText } from './storedText.js';

/** Related articles offered after an answer; more would crowd a phone screen. */
const MAX_FOLLOW_UPS = 3;

export interface ArticleReplyOptions {
  /** The engine's confidence (1 when the visitor picked the article from a list). */
  score: number;
  /** The visitor's question, kept (masked) with any feedback on this answer. */
  question: string;
  /**
   * `full`: the answer, then "Was this helpful?" with related topics. `brief`: the answer only,
   * when the assistant goes on to ask something else (a receipt number, a live agent).
   */
  mode?: 'full' | 'brief';
}

/**
 * Turns an article into replies: the short answer (Markdown) with a link to its first source,
 * then "Was this helpful?" with yes/no and related articles' titles as buttons. Both replies
 * carry `channelData.answer`, so analytics and the evaluation can tell which article answered.
 */
export class ArticlePresenter {
  constructor(
    private readonly text: AssistantText,
    private readonly catalog: ArticleCatalog,
    private readonly memory: ConversationMemory,
  ) {}

  async send(
    context: TurnContext,
    article: KnowledgeArticle,
    locale: Locale,
    options: ArticleReplyOptions,
  ): Promise<void> {
    const answer: AnswerChannelData = { articleId: article.id, locale, score: round(options.score) };
    const source = article.links[0];
    const body = source
      ? `${article.answer}\n\n${this.text.get(locale, 'answer.source', { title: source.title, url: source.url })}`
      : article.answer;
    const replies = [textReply(locale, body, { answer })];
    const full = (options.mode ?? 'full') === 'full';
    if (full) {
      const related = article.related
        .map((id) => this.catalog.get(id, locale))
        .filter((found): found is KnowledgeArticle => found !== undefined)
        .slice(0, MAX_FOLLOW_UPS);
      const actions = [
        valueAction(this.text.get(locale, 'answer.yes'), {
          type: 'feedback',
          articleId: article.id,
          locale,
          helpful: true,
        }),
        valueAction(this.text.get(locale, 'answer.no'), {
          type: 'feedback',
          articleId: article.id,
          locale,
          helpful: false,
        }),
        ...related.map((found) => valueAction(found.title, { type: 'article', articleId: found.id })),
      ];
      const prompt = related.length > 0 ? 'answer.helpfulWithRelated' : 'answer.helpful';
      replies.push(textReply(locale, this.text.get(locale, prompt), { actions, answer }));
    }
    await context.sendActivities(replies);

    const data = await this.memory.data(context);
    data.lastAnswer = {
      articleId: article.id,
      locale,
      question: storedText(options.question),
    };
    data.answered = remember(data.answered, feedbackKey(article.id, locale));
    data.feedbackPending = full;
    data.misses = 0;
  }
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
