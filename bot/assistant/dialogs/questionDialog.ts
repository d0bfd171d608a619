import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { AskedCost } from '../followUps/askedCost.js';
import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import type { AnswerResult, JudgementDetector } from '../../../knowledge/engine/index.js';
import type { ArticleCatalog } from '../answerSource.js';
import type { AnswerLookup } from '../answerLookup.js';
import type { ArticlePresenter } from '../articlePresenter.js';
import type { AssistantText } from '../assistantText.js';
import type { ConversationContext } from '../conversationContext.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { LanguageSwitch } from '../languageSwitch.js';
import type { TopicReference } from '../followUps/topicReference.js';
import { textReply, valueAction } from '../replyActivity.js';
import { storedText } from '../storedText.js';
import { CLARIFY_DIALOG, type ClarifyDialog, type ClarifyOptions } from './clarifyDialog.js';
import { DONE, outcomeOf, type DialogOutcome } from './dialogOutcome.js';

export const QUESTION_DIALOG = 'questionDialog';
const WATERFALL = 'questionWaterfall';

/** Unanswered questions in a row before a live agent is offered. */
export const MISSES_BEFORE_AGENT_OFFER = 2;
/** "Did you mean" never offers more than this. */
const MAX_CLARIFY_CHOICES = 3;
/** Closest topics offered after a miss. */
const MAX_CLOSEST_TOPICS = 3;
/**
 * A topic is offered after a miss only when its confidence reaches this share of the "clarify"
 * cut: close enough to be worth a look, not a random article for a question about pizza.
 */
export const CLOSEST_TOPIC_SHARE = 0.15;
/** The article about finding legal help, offered with every judgement question. */
export const LEGAL_HELP_ARTICLE = 'legal-help';

/** How the question dialog starts. */
export interface QuestionOptions {
  /**
   * The question the message means, when the conversation completes it ("and the work permit?"
   * after a question about a cost: "how much is the work permit"); else the message as typed.
   */
  text?: string;
}

export interface QuestionDialogDeps {
  memory: ConversationMemory;
  text: AssistantText;
  lookup: AnswerLookup;
  presenter: ArticlePresenter;
  catalog: ArticleCatalog;
  judgement: JudgementDetector;
  /** The current topic, when a question points back to it ("can I renew it?"). */
  topicReference: TopicReference;
  /** What the conversation offered just before ("Did you mean…?" for which question). */
  context: ConversationContext;
  /** The engine's "clarify" cut in this language (closest topics are measured against it). */
  clarifyThreshold: (locale: Locale) => number;
  /** The language a message is surely written in, however short (see `LanguageDetector.surelyWrittenIn`). */
  surelyWrittenIn: (text: string) => Locale | undefined;
  /** Switches the conversation to the language a question was answered in. */
  language: Pick<LanguageSwitch, 'set' | 'announce'>;
  /** The cost passage of an answer to "how much is…?" (see `AskedCost`). */
  askedCost: AskedCost;
}

/**
 * A visitor's question: the answer engine decides. `answer` → the article, or the passage of it
 * that answers a detail question; `clarify` → "Did you mean" (ClarifyDialog); `none` → ask to
 * rephrase with the closest topics and the agency's help pages, and after two misses in a row end
 * with `offerAgent` so the main dialog offers a live agent. A question that asks for a judgement
 * on the visitor's own case ("am I eligible…") gets an honest reply first: the assistant cannot
 * decide that; then the general article, if one answers, and where to find legal help.
 */
export class QuestionDialog extends ComponentDialog {
  constructor(
    private readonly deps: QuestionDialogDeps,
    clarifyDialog: ClarifyDialog,
  ) {
    super(QUESTION_DIALOG);
    this.addDialog(clarifyDialog);
    this.addDialog(new WaterfallDialog(WATERFALL, [this.ask.bind(this), this.afterClarify.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async ask(step: WaterfallStepContext<QuestionOptions>): Promise<DialogTurnResult> {
    const text = step.options.text ?? step.context.activity.text?.trim() ?? '';
    let locale = await this.deps.memory.locale(step.context);
    const bare = await this.deps.topicReference.bareJudgement(step.context, text, locale);
    if (bare) {
      await this.judgementReply(step, locale, text, bare.about && { article: bare.about, score: 1 });
      return step.endDialog(DONE);
    }
    const offered = await this.deps.context.lastOffer(step.context, locale);
    const result = await this.deps.lookup.ask(step.context, text, locale, {
      current: await this.deps.topicReference.currentArticle(step.context, locale),
      pointsBack: this.deps.topicReference.pointsBack(text),
      withoutReference: this.deps.topicReference.withoutReference(text),
      offered,
      writtenIn: () => this.deps.surelyWrittenIn(text),
    });
    // "permiso de trabajo" in an English conversation: no English article, a Spanish one.
    if (result.locale !== locale) {
      locale = result.locale;
      await this.deps.language.set(step.context, locale);
      await this.deps.language.announce(step.context, locale, 'language.detected');
    }
    if (this.deps.judgement.asksForJudgement(text, locale)) {
      const article =
        result.decision === 'answer' && result.article?.id !== LEGAL_HELP_ARTICLE
          ? result.article
          : undefined;
      await this.judgementReply(
        step,
        locale,
        text,
        article ? { article, score: result.score } : undefined,
        // The closest topics are offered only when no article answers.
        article ? [] : this.closestTopics(result, locale),
      );
      return step.endDialog(DONE);
    }
    if (result.decision === 'answer' && result.article) {
      const cost = result.passage ? null : this.deps.askedCost.passageFor(result.article, text, locale);
      await this.deps.presenter.send(step.context, result.article, locale, {
        score: result.score,
        question: text,
        passage: result.passage ?? (cost && { ...cost, score: result.score }),
      });
      return step.endDialog(DONE);
    }
    if (result.decision === 'clarify' && result.alternatives.length > 0) {
      const choices = result.alternatives
        .slice(0, MAX_CLARIFY_CHOICES)
        .map((candidate) => ({ articleId: candidate.document.id, score: candidate.score }));
      // "citizenship", then "how much": the same offer again, saying that one of them must be picked.
      const sameOffer =
        offered !== undefined &&
        !offered.closest &&
        choices.length === offered.articleIds.length &&
        choices.every((choice) => offered.articleIds.includes(choice.articleId));
      const options: ClarifyOptions = {
        question: storedText(text),
        choices,
        ...(sameOffer ? { askWhich: true } : {}),
      };
      return step.beginDialog(CLARIFY_DIALOG, options);
    }
    return this.miss(step, locale, 'fallback.rephrase', this.closestTopics(result, locale), text);
  }

  /**
   * "Am I eligible…", "will I lose my status if…": only the agency decides, so the assistant says
   * it cannot, gives the general article when one answers (its short answer; the question is not
   * a detail it could quote) or the topic a bare "do I qualify?" is about, and points to legal
   * help; with no article, the closest topics.
   */
  private async judgementReply(
    step: WaterfallStepContext,
    locale: Locale,
    text: string,
    answered: { article: KnowledgeArticle; score: number } | undefined,
    closest: readonly KnowledgeArticle[] = [],
  ): Promise<void> {
    const { context } = step;
    const article = answered?.article;
    const legalHelp = this.deps.catalog.get(LEGAL_HELP_ARTICLE, locale);
    const intro = article ? 'judgement.cannotDecide' : 'judgement.cannotDecideNoArticle';
    await context.sendActivity(
      textReply(locale, this.deps.text.get(locale, intro), { outcome: 'eligibility' }),
    );
    if (article) {
      await this.deps.presenter.send(context, article, locale, {
        score: answered.score,
        question: text,
        mode: 'brief',
      });
    }
    const actions = [
      ...(article ? this.deps.presenter.fullArticleActions(article, locale) : []),
      ...(legalHelp ? [valueAction(legalHelp.title, { type: 'article', articleId: legalHelp.id })] : []),
      ...(article
        ? []
        : closest.map((topic) => valueAction(topic.title, { type: 'article', articleId: topic.id }))),
    ];
    await context.sendActivity(
      textReply(locale, this.deps.text.get(locale, 'judgement.legalHelp'), {
        actions,
        outcome: 'eligibility',
      }),
    );
  }

  /** The articles closest to an unanswered question, best first (none for a question far from all). */
  private closestTopics(result: AnswerResult<KnowledgeArticle>, locale: Locale): KnowledgeArticle[] {
    const floor = this.deps.clarifyThreshold(locale) * CLOSEST_TOPIC_SHARE;
    const ranked = result.ranking.length > 0 ? result.ranking : result.alternatives;
    return ranked
      .filter((candidate) => candidate.score >= floor && candidate.document.id !== LEGAL_HELP_ARTICLE)
      .map((candidate) => this.deps.catalog.get(candidate.document.id, locale))
      .filter((found): found is KnowledgeArticle => found !== undefined)
      .slice(0, MAX_CLOSEST_TOPICS);
  }

  private async afterClarify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = outcomeOf(step.result);
    if (outcome.next === 'unanswered') {
      return this.miss(step, await this.deps.memory.locale(step.context), 'fallback.rephraseAfterNone');
    }
    return step.endDialog(outcome);
  }

  /**
   * An unanswered question: rephrase, the closest topics as buttons (when some are close enough)
   * and the agency's help pages; the second miss in a row offers a live agent instead. The closest
   * topics are remembered as an offer for `question`: the visitor's next message may say more
   * instead of picking one ("i need help with my green card", then "it expired last month").
   */
  private async miss(
    step: WaterfallStepContext,
    locale: Locale,
    rephraseKey: string,
    closest: readonly KnowledgeArticle[] = [],
    question?: string,
  ): Promise<DialogTurnResult> {
    const data = await this.deps.memory.data(step.context);
    data.misses = (data.misses ?? 0) + 1;
    if (data.misses >= MISSES_BEFORE_AGENT_OFFER) {
      data.misses = 0;
      return step.endDialog({ next: 'offerAgent' } satisfies DialogOutcome);
    }
    const { text } = this.deps;
    const parts = [text.get(locale, rephraseKey)];
    if (closest.length > 0) parts.push(text.get(locale, 'fallback.closestTopics'));
    parts.push(text.get(locale, 'fallback.helpPages'));
    const actions = closest.map((topic) =>
      valueAction(topic.title, { type: 'article', articleId: topic.id }),
    );
    if (question !== undefined && closest.length > 0) {
      const offer = {
        question: storedText(question),
        articleIds: closest.map(({ id }) => id),
        closest: true as const,
      };
      await this.deps.context.clarifyOffered(step.context, offer, locale);
    }
    await step.context.sendActivity(textReply(locale, parts.join('\n\n'), { actions, outcome: 'fallback' }));
    return step.endDialog(DONE);
  }
}
