import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CaseStatusProvider } from '../../cases/caseStatusProvider.js';
import { findReceiptNumber } from '../../cases/receiptNumber.js';
import { actionValueOf } from '../actionValues.js';
import type { AssistantAnalytics } from '../assistantAnalytics.js';
import type { AssistantText } from '../assistantText.js';
import type { CaseStatusReplies, KeptCaseHistory } from '../caseStatusReplies.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { Phrasebook } from '../phrasebook.js';
import { textReply } from '../replyActivity.js';
import { visitorAddressOf } from '../visitorAddress.js';
import { DONE, REROUTE } from './dialogOutcome.js';

export const CASE_STATUS_DIALOG = 'caseStatusDialog';
const WATERFALL = 'caseStatusWaterfall';
/** Malformed numbers in a row before the dialog gives up and lets the visitor move on. */
export const MAX_MALFORMED_ATTEMPTS = 2;

/** Kept between the status and the visitor's next message. */
interface StepValues {
  history?: KeptCaseHistory;
}

export interface CaseStatusOptions {
  /** Show the history right after the status (the visitor asked for the history). */
  wantHistory?: boolean;
  /** Malformed numbers typed so far. */
  attempts?: number;
}

export interface CaseStatusDialogDeps {
  memory: ConversationMemory;
  text: AssistantText;
  phrasebook: Phrasebook;
  provider: CaseStatusProvider;
  replies: CaseStatusReplies;
  analytics: AssistantAnalytics;
}

/**
 * Case status: finds the receipt number in the message (any typing, inside a sentence), asks for
 * it when there is none, explains the format when it is malformed, looks it up, and offers the
 * history. The receipt number is read from the message of the turn that uses it and never kept
 * in dialog state, so it is not stored unmasked; only the masked form and the history are kept
 * while the visitor may still ask for the history.
 */
export class CaseStatusDialog extends ComponentDialog {
  constructor(private readonly deps: CaseStatusDialogDeps) {
    super(CASE_STATUS_DIALOG);
    this.addDialog(
      new WaterfallDialog<CaseStatusOptions>(WATERFALL, [
        this.start.bind(this),
        this.receive.bind(this),
        this.offerHistory.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async start(step: WaterfallStepContext<CaseStatusOptions>): Promise<DialogTurnResult> {
    const search = findReceiptNumber(step.context.activity.text ?? '');
    if (search.kind === 'found') return step.next();
    const locale = await this.deps.memory.locale(step.context);
    if (search.kind === 'malformed') {
      await step.context.sendActivity(textReply(locale, this.deps.text.get(locale, 'caseStatus.malformed')));
      return Dialog.EndOfTurn;
    }
    const ask = this.deps.text.get(locale, 'caseStatus.ask');
    const text = step.options.wantHistory
      ? `${this.deps.text.get(locale, 'caseStatus.historyNeedsReceipt')} ${ask}`
      : ask;
    await step.context.sendActivity(textReply(locale, text));
    return Dialog.EndOfTurn;
  }

  private async receive(step: WaterfallStepContext<CaseStatusOptions>): Promise<DialogTurnResult> {
    const search = findReceiptNumber(step.context.activity.text ?? '');
    if (search.kind === 'none') return step.endDialog(REROUTE);
    if (search.kind === 'malformed') {
      const attempts = (step.options.attempts ?? 0) + 1;
      if (attempts < MAX_MALFORMED_ATTEMPTS)
        return step.replaceDialog(WATERFALL, { ...step.options, attempts });
      const locale = await this.deps.memory.locale(step.context);
      await step.context.sendActivity(textReply(locale, this.deps.text.get(locale, 'caseStatus.giveUp')));
      return step.endDialog(DONE);
    }
    const locale = await this.deps.memory.locale(step.context);
    const result = await this.deps.provider.getStatus(search.receiptNumber, {
      conversationId: step.context.activity.conversation?.id ?? 'unknown',
      address: visitorAddressOf(step.context),
    });
    await this.deps.analytics.caseStatus(step.context, { locale, outcome: result.kind });
    if (result.kind !== 'found') {
      await step.context.sendActivity(this.deps.replies.failure(locale, result.kind, search.receiptNumber));
      return step.endDialog(DONE);
    }
    await step.context.sendActivity(this.deps.replies.found(locale, result.case));
    const history = this.deps.replies.keepHistory(result.case);
    if (step.options.wantHistory) {
      await step.context.sendActivity(this.deps.replies.history(locale, history));
      return step.endDialog(DONE);
    }
    (step.values as StepValues).history = history;
    return Dialog.EndOfTurn;
  }

  /** After a status: "Show case history" shows it; any other message is handled as a new one. */
  private async offerHistory(step: WaterfallStepContext<CaseStatusOptions>): Promise<DialogTurnResult> {
    const { activity } = step.context;
    const value = actionValueOf(activity.value);
    const asked =
      value?.type === 'case_history' ||
      (!value && this.deps.phrasebook.isWhole('caseHistory', activity.text ?? ''));
    const { history } = step.values as StepValues;
    if (!asked || !history) return step.endDialog(REROUTE);
    const locale = await this.deps.memory.locale(step.context);
    await step.context.sendActivity(this.deps.replies.history(locale, history));
    return step.endDialog(DONE);
  }
}
