import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Locale } from '../../../contracts/locale.js';
import type { AnswerLookup } from '../answerLookup.js';
import type { ArticlePresenter } from '../articlePresenter.js';
import type { AssistantText } from '../assistantText.js';
import type { ConversationMemory } from '../conversationMemory.js';
import { textReply } from '../replyActivity.js';
import { storedText } from '../storedText.js';
import { CLARIFY_DIALOG, type ClarifyDialog, type ClarifyOptions } from './clarifyDialog.js';
import { DONE, outcomeOf, type DialogOutcome } from './dialogOutcome.js';

export const QUESTION_DIALOG = 'questionDialog';
const WATERFALL = 'questionWaterfall';

/** Unanswered questions in a row before a live agent is offered. */
export const MISSES_BEFORE_AGENT_OFFER = 2;
/** "Did you mean" never offers more than this. */
const MAX_CLARIFY_CHOICES = 3;

export interface QuestionDialogDeps {
  memory: ConversationMemory;
  text: AssistantText;
  lookup: AnswerLookup;
  presenter: ArticlePresenter;
}

/**
 * A visitor's question: the answer engine decides. `answer` → the article; `clarify` → "Did you
 * mean" (ClarifyDialog); `none` → ask to rephrase, and after two misses in a row end with
 * `offerAgent` so the main dialog offers a live agent.
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

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text?.trim() ?? '';
    const locale = await this.deps.memory.locale(step.context);
    const result = await this.deps.lookup.ask(step.context, text, locale);
    if (result.decision === 'answer' && result.article) {
      await this.deps.presenter.send(step.context, result.article, locale, {
        score: result.score,
        question: text,
      });
      return step.endDialog(DONE);
    }
    if (result.decision === 'clarify' && result.alternatives.length > 0) {
      const options: ClarifyOptions = {
        question: storedText(text),
        choices: result.alternatives
          .slice(0, MAX_CLARIFY_CHOICES)
          .map((candidate) => ({ articleId: candidate.document.id, score: candidate.score })),
      };
      return step.beginDialog(CLARIFY_DIALOG, options);
    }
    return this.miss(step, locale, 'fallback.rephrase');
  }

  private async afterClarify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = outcomeOf(step.result);
    if (outcome.next === 'unanswered') {
      return this.miss(step, await this.deps.memory.locale(step.context), 'fallback.rephraseAfterNone');
    }
    return step.endDialog(outcome);
  }

  private async miss(
    step: WaterfallStepContext,
    locale: Locale,
    rephraseKey: string,
  ): Promise<DialogTurnResult> {
    const data = await this.deps.memory.data(step.context);
    data.misses = (data.misses ?? 0) + 1;
    if (data.misses >= MISSES_BEFORE_AGENT_OFFER) {
      data.misses = 0;
      return step.endDialog({ next: 'offerAgent' } satisfies DialogOutcome);
    }
    await step.context.sendActivity(
      textReply(locale, this.deps.text.get(locale, rephraseKey), { outcome: 'fallback' }),
    );
    return step.endDialog(DONE);
  }
}
