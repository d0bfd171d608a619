import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Locale } from '../../../contracts/locale.js';
import {
  type CaseStatusProvider,
  COMMON_RECEIPT_NUMBER_PREFIXES,
  findAlienNumber,
  findReceiptNumber,
  type ReceiptNumberSearch,
} from '../../cases/index.js';
import { actionValueOf } from '../actionValues.js';
import type { AssistantAnalytics } from '../assistantAnalytics.js';
import type { AssistantText } from '../assistantText.js';
import type { CaseStatusReplies } from '../caseStatusReplies.js';
import type { ConversationContext } from '../conversationContext.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { Phrasebook } from '../phrasebook.js';
import type { Prompt, PromptText } from '../prompts/prompt.js';
import type { Prompter } from '../prompts/prompter.js';
import { textReply } from '../replyActivity.js';
import { visitorAddressOf } from '../visitorAddress.js';
import { DONE, REROUTE } from './dialogOutcome.js';

export const CASE_STATUS_DIALOG = 'caseStatusDialog';
/** Malformed numbers in a row before the dialog gives up and lets the visitor move on. */
export const MAX_MALFORMED_ATTEMPTS = 2;

export interface CaseStatusOptions {
  /** Show the history right after the status (the visitor asked for the history). */
  wantHistory?: boolean;
}

/** Kept while the dialog waits for a receipt number (never the number itself). */
interface CaseStatusState {
  wantHistory: boolean;
  /** Malformed numbers (or A-numbers) typed so far. */
  attempts: number;
}

export interface CaseStatusDialogDeps {
  memory: ConversationMemory;
  text: AssistantText;
  phrasebook: Phrasebook;
  prompter: Prompter;
  provider: CaseStatusProvider;
  replies: CaseStatusReplies;
  analytics: AssistantAnalytics;
  context: ConversationContext;
}

/**
 * Case status: finds the receipt number in the message (any typing, inside a sentence), asks for
 * it when there is none, says what is wrong with a malformed one (its digits, or a prefix that is
 * no office code), tells an A-number from a receipt number, says where the number is printed when
 * the visitor asks or does not have it, looks it up, and explains the status in the conversation's
 * language. The receipt number is read from the message of the turn that uses it and never kept
 * unmasked; the case becomes the conversation's topic (history, "what does that mean?").
 */
export class CaseStatusDialog extends Dialog<CaseStatusOptions> {
  constructor(private readonly deps: CaseStatusDialogDeps) {
    super(CASE_STATUS_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: CaseStatusOptions): Promise<DialogTurnResult> {
    const state: CaseStatusState = { wantHistory: options?.wantHistory === true, attempts: 0 };
    dc.activeDialog!.state = state;
    const text = dc.context.activity.text ?? '';
    const search = this.search(text);
    if (search.kind === 'found') return this.lookUp(dc, search.receiptNumber, state);
    const locale = await this.deps.memory.locale(dc.context);
    if (this.isAlienNumber(text)) return this.ask(dc.context, locale, [{ key: 'caseStatus.aNumber' }]);
    if (search.kind === 'malformed') return this.ask(dc.context, locale, [this.malformed(search)]);
    const lead: PromptText[] = state.wantHistory ? [{ key: 'caseStatus.historyNeedsReceipt' }] : [];
    return this.ask(dc.context, locale, lead);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as CaseStatusState;
    const { activity } = dc.context;
    const locale = await this.deps.memory.locale(dc.context);
    const value = actionValueOf(activity.value);
    if (value?.type === 'receipt_help' && value.need === 'where') {
      return this.ask(dc.context, locale, [{ key: 'caseStatus.where' }], 'caseStatus.askAgain');
    }
    if (value?.type === 'receipt_help') {
      await dc.context.sendActivity(this.say(locale, 'caseStatus.missing'));
      return dc.endDialog(DONE);
    }
    if (value) return dc.endDialog(REROUTE);
    const text = activity.text ?? '';
    const search = this.search(text);
    if (search.kind === 'found') return this.lookUp(dc, search.receiptNumber, state);
    const alienNumber = this.isAlienNumber(text);
    if (search.kind === 'none' && !alienNumber) return dc.endDialog(REROUTE);
    state.attempts += 1;
    if (state.attempts >= MAX_MALFORMED_ATTEMPTS) {
      await dc.context.sendActivity(this.say(locale, 'caseStatus.giveUp'));
      return dc.endDialog(DONE);
    }
    const problem =
      alienNumber || search.kind !== 'malformed' ? { key: 'caseStatus.aNumber' } : this.malformed(search);
    return this.ask(dc.context, locale, [problem]);
  }

  private async lookUp(
    dc: DialogContext,
    receiptNumber: string,
    state: CaseStatusState,
  ): Promise<DialogTurnResult> {
    const { context } = dc;
    const locale = await this.deps.memory.locale(context);
    const result = await this.deps.provider.getStatus(receiptNumber, {
      conversationId: context.activity.conversation?.id ?? 'unknown',
      address: visitorAddressOf(context),
    });
    await this.deps.analytics.caseStatus(context, { locale, outcome: result.kind });
    if (result.kind !== 'found') {
      await context.sendActivity(this.deps.replies.failure(locale, result.kind, receiptNumber));
      return dc.endDialog(DONE);
    }
    const kept = this.deps.replies.keep(result.case);
    await context.sendActivity(this.deps.replies.found(locale, kept));
    if (state.wantHistory) await context.sendActivity(this.deps.replies.history(locale, kept.history));
    await this.deps.context.caseShown(context, kept);
    return dc.endDialog(DONE);
  }

  /** Asks for the receipt number (after `lead`), and waits. */
  private async ask(
    context: TurnContext,
    locale: Locale,
    lead: PromptText[],
    question = 'caseStatus.ask',
  ): Promise<DialogTurnResult> {
    const prompt: Prompt = {
      lead,
      question: { key: question },
      choices: [
        { value: { type: 'receipt_help', need: 'where' }, phrases: ['receiptWhere'] },
        { value: { type: 'receipt_help', need: 'missing' }, phrases: ['receiptMissing'] },
      ],
      outcome: 'caseStatusPrompt',
      expects: 'text',
    };
    await this.deps.prompter.ask(context, prompt, locale);
    return Dialog.EndOfTurn;
  }

  /** What is wrong with a number typed like a receipt number. */
  private malformed(search: Extract<ReceiptNumberSearch, { kind: 'malformed' }>): PromptText {
    const prefixes = COMMON_RECEIPT_NUMBER_PREFIXES.join(', ');
    switch (search.problem) {
      case 'unknown_prefix':
        return { key: 'caseStatus.unknownPrefix', values: { letters: search.letters, prefixes } };
      case 'wrong_letter_count':
        return { key: 'caseStatus.letterCount', values: { prefixes } };
      case 'wrong_digit_count':
        return { key: 'caseStatus.malformed', values: { digits: search.digits } };
    }
  }

  private search(text: string): ReceiptNumberSearch {
    return findReceiptNumber(text, { saysReceipt: this.deps.phrasebook.contains('receiptWords', text) });
  }

  private isAlienNumber(text: string): boolean {
    return findAlienNumber(text, { saysAlienNumber: this.deps.phrasebook.contains('aNumberWords', text) });
  }

  private say(locale: Locale, key: string) {
    const outcome =
      key === 'caseStatus.giveUp' || key === 'caseStatus.missing' ? 'caseStatusPrompt' : 'caseStatus';
    return textReply(locale, this.deps.text.get(locale, key), { outcome });
  }
}
