import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { KnowledgeArticle } from '../../../knowledge/content/article.js';
import { actionValueOf } from '../actionValues.js';
import type { ArticleCatalog } from '../answerSource.js';
import type { ArticlePresenter } from '../articlePresenter.js';
import type { AssistantText } from '../assistantText.js';
import type { ConversationMemory } from '../conversationMemory.js';
import { normalizeText, type Phrasebook } from '../phrasebook.js';
import { textReply, valueAction } from '../replyActivity.js';
import { DONE, REROUTE, type DialogOutcome } from './dialogOutcome.js';

export const CLARIFY_DIALOG = 'clarifyDialog';
const WATERFALL = 'clarifyWaterfall';

export interface ClarifyChoice {
  articleId: string;
  score: number;
}

export interface ClarifyOptions {
  /** The visitor's question, masked (kept with feedback on the chosen answer). */
  question: string;
  /** Two or three candidates, best first. */
  choices: ClarifyChoice[];
}

export interface ClarifyDialogDeps {
  memory: ConversationMemory;
  text: AssistantText;
  phrasebook: Phrasebook;
  catalog: ArticleCatalog;
  presenter: ArticlePresenter;
}

/**
 * "Did you mean…?": offers up to three articles by title plus "None of these", then answers with
 * the one chosen (by button, by typing its title or its number). "None of these" ends with
 * `unanswered`; any other message is handed back to be handled as a new one.
 */
export class ClarifyDialog extends ComponentDialog {
  constructor(private readonly deps: ClarifyDialogDeps) {
    super(CLARIFY_DIALOG);
    this.addDialog(
      new WaterfallDialog<ClarifyOptions>(WATERFALL, [this.offer.bind(this), this.choose.bind(this)]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async offer(step: WaterfallStepContext<ClarifyOptions>): Promise<DialogTurnResult> {
    const locale = await this.deps.memory.locale(step.context);
    const articles = this.articles(step.options, locale);
    const actions = [
      ...articles.map(({ article }) =>
        valueAction(article.title, { type: 'article', articleId: article.id }),
      ),
      valueAction(this.deps.text.get(locale, 'clarify.none'), { type: 'clarify_none' }),
    ];
    await step.context.sendActivity(
      textReply(locale, this.deps.text.get(locale, 'clarify.prompt'), { actions }),
    );
    return Dialog.EndOfTurn;
  }

  private async choose(step: WaterfallStepContext<ClarifyOptions>): Promise<DialogTurnResult> {
    const { activity } = step.context;
    const locale = await this.deps.memory.locale(step.context);
    const articles = this.articles(step.options, locale);
    const value = actionValueOf(activity.value);
    const text = activity.text ?? '';
    if (value?.type === 'clarify_none' || (!value && this.deps.phrasebook.isWhole('noneOfThese', text))) {
      return step.endDialog({ next: 'unanswered' } satisfies DialogOutcome);
    }
    const typed = normalizeText(text);
    const picked =
      value?.type === 'article'
        ? articles.find(({ article }) => article.id === value.articleId)
        : (articles[Number(typed) - 1] ??
          articles.find(({ article }) => normalizeText(article.title) === typed));
    if (!picked) return step.endDialog(REROUTE);
    await this.deps.presenter.send(step.context, picked.article, locale, {
      score: picked.score,
      question: step.options.question,
    });
    return step.endDialog(DONE);
  }

  private articles(
    options: ClarifyOptions,
    locale: KnowledgeArticle['locale'],
  ): { article: KnowledgeArticle; score: number }[] {
    return options.choices.flatMap((choice) => {
      const article = this.deps.catalog.get(choice.articleId, locale);
      return article ? [{ article, score: choice.score }] : [];
    });
  }
}
