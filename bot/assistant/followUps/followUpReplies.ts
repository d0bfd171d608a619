import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import type { ArticleCatalog } from '../answerSource.js';
import type { ArticlePresenter } from '../articlePresenter.js';
import type { AssistantAnalytics } from '../assistantAnalytics.js';
import type { AssistantText } from '../assistantText.js';
import type { CaseStatusReplies } from '../caseStatusReplies.js';
import type { ConversationContext } from '../conversationContext.js';
import type { ConversationTopic } from '../conversationMemory.js';
import { textReply } from '../replyActivity.js';
import type { AspectPassages } from './aspectPassages.js';
import type { FollowUpAspect } from './followUpAspect.js';
import followUpFile from './followUps.json' with { type: 'json' };
import type { ArticlePassage } from './passageSource.js';

/** Case follow-ups the status explanation answers. */
const CASE_ASPECTS: readonly FollowUpAspect[] = ['meaning', 'next', 'time', 'more'];
const GENERAL_ARTICLES = followUpFile.articles as Record<FollowUpAspect, string[]>;

export interface FollowUpRepliesDeps {
  text: AssistantText;
  catalog: ArticleCatalog;
  presenter: ArticlePresenter;
  analytics: AssistantAnalytics;
  caseReplies: CaseStatusReplies;
  context: ConversationContext;
  /** Finds a detail's passage (the answer engine's passage finder, with the detail's words). */
  aspects: AspectPassages;
}

/**
 * Answers an elliptical follow-up against the conversation's topic: for an article, the passage
 * that says it ("Fees: …"), else an article about that detail in general (fees, processing
 * times), else an honest "that page does not say; here is where to look"; for a case, what its
 * status means and what happens next. False when the topic cannot take the follow-up, so the
 * message is handled as a question of its own.
 */
export class FollowUpReplies {
  constructor(private readonly deps: FollowUpRepliesDeps) {}

  async answer(
    context: TurnContext,
    topic: ConversationTopic,
    aspect: FollowUpAspect,
    question: string,
    locale: Locale,
  ): Promise<boolean> {
    if (topic.kind === 'case') {
      if (!CASE_ASPECTS.includes(aspect)) return false;
      await context.sendActivity(this.deps.caseReplies.explain(locale, topic.status));
      await this.deps.context.caseExplained(context);
      return true;
    }
    const article = this.deps.catalog.get(topic.articleId, locale);
    if (!article) return false;
    const briefly = async () => {
      await this.deps.presenter.send(context, article, locale, { score: 1, question, mode: 'brief' });
      await this.record(context, locale, question, article.id);
      return true;
    };
    // "What does it mean?" is the short answer again.
    if (aspect === 'meaning') return briefly();
    // "Tell me more", "¿cómo?", "what can I do?": the whole article, in the chat.
    if (aspect === 'more') {
      await this.deps.presenter.sendFull(context, article, locale);
      await this.record(context, locale, question, article.id);
      return true;
    }
    if (await this.sendPassage(context, article, aspect, locale, question)) {
      await this.record(context, locale, question, article.id);
      return true;
    }
    // So is "which form?" when the short answer names it and no passage of the body does.
    if (this.deps.aspects.summaryStates(article, aspect, locale)) return briefly();
    await this.notInArticle(context, article, aspect, locale, question);
    await this.deps.context.topicKept(context, article.id);
    await this.record(context, locale, question, null);
    return true;
  }

  /** The passage of `article` about `aspect`, with its source; false when the article has none. */
  async sendPassage(
    context: TurnContext,
    article: KnowledgeArticle,
    aspect: FollowUpAspect,
    locale: Locale,
    question = '',
  ): Promise<boolean> {
    const passage = this.passageOf(article, aspect, locale, question);
    if (!passage) return false;
    const source = article.links[0];
    const parts = [
      this.deps.text.get(locale, 'followUp.passageLead', { title: article.title }),
      passage.text,
      ...(source
        ? [this.deps.text.get(locale, 'answer.source', { title: source.title, url: source.url })]
        : []),
    ];
    await context.sendActivity(
      textReply(locale, parts.join('\n\n'), {
        answer: { articleId: article.id, locale, score: 1, passage: passage.index },
        outcome: 'passage',
      }),
    );
    await this.deps.context.passageShown(context, article.id, aspect);
    return true;
  }

  private passageOf(
    article: KnowledgeArticle,
    aspect: FollowUpAspect,
    locale: Locale,
    question: string,
  ): ArticlePassage | null {
    return this.deps.aspects.find(article, aspect, locale, question);
  }

  /** The article does not say it: an article about the detail in general, or where to look. */
  private async notInArticle(
    context: TurnContext,
    article: KnowledgeArticle,
    aspect: FollowUpAspect,
    locale: Locale,
    question: string,
  ): Promise<void> {
    const { text } = this.deps;
    const says = text.get(locale, 'followUp.notInArticle', {
      title: article.title,
      detail: text.get(locale, `followUp.detail.${aspect}`),
    });
    const general = (GENERAL_ARTICLES[aspect] ?? [])
      .filter((id) => id !== article.id)
      .map((id) => this.deps.catalog.get(id, locale))
      .find((found): found is KnowledgeArticle => found !== undefined);
    if (general) {
      await context.sendActivity(
        textReply(locale, `${says} ${text.get(locale, 'followUp.generalArticle')}`, {
          outcome: 'notInArticle',
        }),
      );
      await this.deps.presenter.send(context, general, locale, { score: 1, question, mode: 'brief' });
      return;
    }
    const source = article.links[0];
    const look = text.has(locale, `followUp.look.${aspect}`)
      ? text.get(locale, `followUp.look.${aspect}`)
      : source
        ? text.get(locale, 'followUp.lookSource', { title: source.title, url: source.url })
        : '';
    await context.sendActivity(
      textReply(locale, [says, look].filter(Boolean).join(' '), { outcome: 'notInArticle' }),
    );
  }

  private async record(
    context: TurnContext,
    locale: Locale,
    question: string,
    articleId: string | null,
  ): Promise<void> {
    await this.deps.analytics.question(context, {
      locale,
      text: question,
      decision: articleId ? 'answer' : 'none',
      articleId,
      score: articleId ? 1 : 0,
    });
  }
}
