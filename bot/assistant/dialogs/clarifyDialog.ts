import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import { actionValueOf } from '../actionValues.js';
import type { ArticleCatalog } from '../answerSource.js';
import type { ArticlePresenter } from '../articlePresenter.js';
import type { AssistantText } from '../assistantText.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { Prompter } from '../prompts/prompter.js';
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
  prompter: Prompter;
  catalog: ArticleCatalog;
  presenter: ArticlePresenter;
}

/**
 * "Did you mean…?": offers up to three articles by title plus "None of these", then answers with
 * the one chosen (by button, or typed: its title, "2", "the second one", "la primera"; the reply
 * reader turns a typed choice into its button's value). "None of these" ends with `unanswered`;
 * any other message is handed back to be handled as a new one.
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
    await this.deps.prompter.ask(step.context, {
      question: { key: 'clarify.prompt' },
      choices: [
        ...this.articles(step.options, locale).map(({ article }) => ({
          label: { articleId: article.id },
          value: { type: 'article' as const, articleId: article.id },
          numbered: true,
        })),
        { label: { key: 'clarify.none' }, value: { type: 'clarify_none' }, phrases: ['noneOfThese'] },
      ],
      outcome: 'clarify',
      expects: 'choice',
    });
    return Dialog.EndOfTurn;
  }

  private async choose(step: WaterfallStepContext<ClarifyOptions>): Promise<DialogTurnResult> {
    const locale = await this.deps.memory.locale(step.context);
    const value = actionValueOf(step.context.activity.value);
    if (value?.type === 'clarify_none') return step.endDialog({ next: 'unanswered' } satisfies DialogOutcome);
    const picked =
      value?.type === 'article'
        ? this.articles(step.options, locale).find(({ article }) => article.id === value.articleId)
        : undefined;
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
