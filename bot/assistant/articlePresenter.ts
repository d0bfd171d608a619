import type { CardAction, TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import type { Passage } from '../../knowledge/engine/index.js';
import type { ArticleCatalog } from './answerSource.js';
import type { AssistantText } from './assistantText.js';
import { feedbackKey, remember, type ConversationMemory } from './conversationMemory.js';
import { textReply, valueAction, type AnswerChannelData } from './replyActivity.js';
import { storedText } from './storedText.js';

/** Where an answer comes from, as its reply says it (see `ArticlePresenter.attribution`). */
interface Attribution {
  /** "Read more: [title](url)" for the article's first link; empty when it has none. */
  source: string;
  /** "This is part of “title”. Read more: …", under a passage of the article. */
  origin: string;
}

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
  /**
   * The passage of the body that answers a question about one detail (see the engine's precise
   * answers): shown instead of the short answer. Absent or null: the short answer.
   */
  passage?: Passage | null;
}

/**
 * Turns an article into replies: the short answer (Markdown), or the passage of its body that
 * answers a detail question, with a link to its first source; then "Was this helpful?" with
 * yes/no, "Show the full article" (when the article has more to show) and related articles'
 * titles as buttons. Every reply carries `channelData.answer` ({articleId, locale, score,
 * passage}: passage null for the short answer, else the passage's index), so analytics and the
 * evaluation can tell what answered. `sendFull` shows the whole article in the chat.
 */
export class ArticlePresenter {
  private readonly attributions = new WeakMap<KnowledgeArticle, Map<Locale, Attribution>>();

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
    const passage = options.passage ?? null;
    const answer: AnswerChannelData = {
      articleId: article.id,
      locale,
      score: round(options.score),
      passage: passage?.index ?? null,
    };
    const replies = [textReply(locale, this.answerText(article, locale, passage), { answer })];
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
        ...this.fullArticleActions(article, locale),
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

  /** The whole article in the chat: title, short answer, body and sources ("Show the full article"). */
  async sendFull(context: TurnContext, article: KnowledgeArticle, locale: Locale): Promise<void> {
    const answer: AnswerChannelData = { articleId: article.id, locale, score: 1, passage: null };
    const sources = article.links.map((link) =>
      this.text.get(locale, 'answer.source', { title: link.title, url: link.url }),
    );
    const text = [`## ${article.title}`, article.answer, article.body, ...sources]
      .filter((part) => part.trim() !== '')
      .join('\n\n');
    await context.sendActivity(textReply(locale, text, { answer }));
  }

  /** "Show the full article", for an article whose body says more than its short answer. */
  fullArticleActions(article: KnowledgeArticle, locale: Locale): CardAction[] {
    if (article.body.trim() === '') return [];
    return [
      valueAction(this.text.get(locale, 'answer.fullArticle'), {
        type: 'full_article',
        articleId: article.id,
      }),
    ];
  }

  /** The short answer, or the passage with the article it comes from; then the source link. */
  private answerText(article: KnowledgeArticle, locale: Locale, passage: Passage | null): string {
    const { source, origin } = this.attribution(article, locale);
    if (!passage) return source ? `${article.answer}\n\n${source}` : article.answer;
    const heading = passage.heading ? `**${passage.heading}**\n\n` : '';
    return `${heading}${passage.text}\n\n${origin}`;
  }

  /**
   * The article's source line and the line that says a passage comes from it, in `locale`: built
   * once per published article (they depend on nothing else), because an i18next interpolation
   * costs a tenth of a millisecond or more inside a turn, the most expensive part of an answer's
   * wording. Kept as long as the published article object is.
   */
  private attribution(article: KnowledgeArticle, locale: Locale): Attribution {
    let byLocale = this.attributions.get(article);
    if (byLocale === undefined) this.attributions.set(article, (byLocale = new Map<Locale, Attribution>()));
    let attribution = byLocale.get(locale);
    if (attribution === undefined) {
      const link = article.links[0];
      const source = link ? this.text.get(locale, 'answer.source', { title: link.title, url: link.url }) : '';
      const origin = this.text.get(locale, 'answer.passageSource', { title: article.title, source }).trim();
      byLocale.set(locale, (attribution = { source, origin }));
    }
    return attribution;
  }
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
