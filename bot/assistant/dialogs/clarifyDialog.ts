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
import type { PassageSource } from '../followUps/passageSource.js';
import type { ConversationContext } from '../conversationContext.js';
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
  /** Asked again after a plain "yes": say that one of them must be picked. */
  askWhich?: boolean;
}

export interface ClarifyDialogDeps {
  memory: ConversationMemory;
  text: AssistantText;
  prompter: Prompter;
  catalog: ArticleCatalog;
  presenter: ArticlePresenter;
  /** Remembers the question offered for, which the visitor's next message may narrow down. */
  context: ConversationContext;
  /** The passage of the article picked that answers the question offered for, if one does. */
  passages: PassageSource;
}

/**
 * "Did you mean…?": offers up to three articles by title plus "None of these", then answers with
 * the one chosen (by button, or typed: its title, "2", "the second one", "la primera"; the reply
 * reader turns a typed choice into its button's value). "None of these" ends with `unanswered`; a
 * plain "yes" ("yes please", "sí") picks the only option, or asks which one when there are several
 * (a guess could be a confident wrong answer); any other message is handed back to be handled as a
 * new one, which may narrow the offer down ("mine expires soon": see `AnswerLookup.ask`).
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
    const offered = this.articles(step.options, locale).map(({ article }) => article.id);
    await this.deps.context.clarifyOffered(
      step.context,
      { question: step.options.question, articleIds: offered },
      locale,
    );
    await this.deps.prompter.ask(step.context, {
      ...(step.options.askWhich ? { lead: [{ key: 'clarify.which' }] } : {}),
      // One article offered is "Did you mean this?", not "one of these".
      question: { key: offered.length === 1 ? 'clarify.promptOne' : 'clarify.prompt' },
      choices: [
        ...this.articles(step.options, locale).map(({ article }) => ({
          label: { articleId: article.id },
          value: { type: 'article' as const, articleId: article.id },
          numbered: true,
        })),
        {
          label: { key: offered.length === 1 ? 'clarify.noneOne' : 'clarify.none' },
          value: { type: 'clarify_none' },
          // "No" to "Did you mean…?" is none of them.
          phrases: ['noneOfThese', 'no'],
        },
        { value: { type: 'clarify_yes' }, phrases: ['yes'] },
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
    const offered = this.articles(step.options, locale);
    if (value?.type === 'clarify_yes' && offered.length > 1) {
      return step.replaceDialog(WATERFALL, { ...step.options, askWhich: true });
    }
    const picked =
      value?.type === 'article'
        ? offered.find(({ article }) => article.id === value.articleId)
        : value?.type === 'clarify_yes'
          ? offered[0]
          : undefined;
    if (!picked) return step.endDialog(REROUTE);
    // The article picked answers the question offered for as the engine answers any question: with
    // the passage of it that says the question better than its short answer, if one does
    // ("puedo trabajar mientras mi green card está en proceso", then "sí": the work permit item).
    const { question } = step.options;
    const passage = this.deps.passages.passageFor(picked.article, question, { summaryShown: false });
    await this.deps.presenter.send(step.context, picked.article, locale, {
      score: picked.score,
      question,
      passage: passage && { ...passage, score: picked.score },
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
