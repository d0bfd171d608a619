import type { Activity, CardAction } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Locale } from '../../../knowledge/content/article.js';
import { formatDueDate } from '../../handoff/businessHours/index.js';
import type { HandoffText } from '../../handoff/handoffText.js';
import type { ServiceRequestDesk } from '../../handoff/serviceRequestDesk.js';
import { maskPersonalData } from '../../privacy/personalData.js';
import { actionValueOf, type ActionValue } from '../actionValues.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { Phrasebook } from '../phrasebook.js';
import { textReply, valueAction } from '../replyActivity.js';
import { DONE } from './dialogOutcome.js';

export const LEAVE_MESSAGE_DIALOG = 'leaveMessageDialog';
const WATERFALL = 'leaveMessageWaterfall';
const NAME_PROMPT = 'leaveMessageName';
const CONTACT_PROMPT = 'leaveMessageContact';
const CONFIRM_PROMPT = 'leaveMessageConfirm';
const QUESTION_PROMPT = 'leaveMessageQuestion';
const URGENT_PROMPT = 'leaveMessageUrgent';

const MAX_NAME = 200;
const MAX_QUESTION = 2000;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@.]{2,}$/;
/** Digits with the usual separators; 7 to 15 digits (E.164's maximum). */
const PHONE = /^\+?[\d\s().-]{7,25}$/;

/** Collected so far (dialog state: only until the request is stored). */
interface Collected {
  name?: string;
  email?: string | null;
  phone?: string | null;
  question?: string;
  /** The question the visitor asked the assistant last, offered for confirmation. */
  lastQuestion?: string;
}

export interface LeaveMessageDialogDeps {
  memory: ConversationMemory;
  phrasebook: Phrasebook;
  text: HandoffText;
  desk: ServiceRequestDesk;
}

/**
 * "Leave a message" when no live agent can chat: the visitor's name, an email or a phone number,
 * the question (the last one asked, if the visitor confirms it) and whether it is urgent; stored as
 * a service request due in business days (sooner when urgent), which agents see in their console.
 * Started by the offer's button or by the words ("leave a message"); help, restart and cancel
 * interrupt it like any dialog under the main one.
 */
export class LeaveMessageDialog extends ComponentDialog {
  constructor(private readonly deps: LeaveMessageDialogDeps) {
    super(LEAVE_MESSAGE_DIALOG);
    this.addDialog(new TextPrompt(NAME_PROMPT, async (prompt) => this.hasText(prompt, MAX_NAME)));
    this.addDialog(
      new TextPrompt(CONTACT_PROMPT, async (prompt) => contactOf(prompt.recognized.value ?? '') !== null),
    );
    this.addDialog(
      new TextPrompt(CONFIRM_PROMPT, async (prompt) => this.yesNo(prompt.context.activity) !== undefined),
    );
    this.addDialog(new TextPrompt(QUESTION_PROMPT, async (prompt) => this.hasText(prompt, MAX_QUESTION)));
    this.addDialog(
      new TextPrompt(URGENT_PROMPT, async (prompt) => this.urgency(prompt.context.activity) !== undefined),
    );
    this.addDialog(
      new WaterfallDialog<Collected>(WATERFALL, [
        this.askName.bind(this),
        this.askContact.bind(this),
        this.confirmQuestion.bind(this),
        this.askQuestion.bind(this),
        this.askUrgent.bind(this),
        this.save.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  /** A message that starts this dialog: the offer's button, or "leave a message" in either language. */
  isRequest(activity: Partial<Activity>): boolean {
    return (
      actionValueOf(activity.value)?.type === 'leave_message' ||
      this.deps.text.isLeaveMessageCommand(activity.text)
    );
  }

  private async askName(step: WaterfallStepContext<Collected>): Promise<DialogTurnResult> {
    const locale = await this.locale(step);
    const lastQuestion = (await this.deps.memory.data(step.context)).lastQuestion;
    if (lastQuestion) (step.values as Collected).lastQuestion = lastQuestion;
    return step.prompt(NAME_PROMPT, {
      prompt: this.say(locale, 'askName'),
      retryPrompt: this.say(locale, 'tooLong', { max: MAX_NAME }),
    });
  }

  private async askContact(step: WaterfallStepContext<Collected>): Promise<DialogTurnResult> {
    (step.values as Collected).name = String(step.result).trim();
    const locale = await this.locale(step);
    return step.prompt(CONTACT_PROMPT, {
      prompt: this.say(locale, 'askContact'),
      retryPrompt: this.say(locale, 'badContact'),
    });
  }

  private async confirmQuestion(step: WaterfallStepContext<Collected>): Promise<DialogTurnResult> {
    const values = step.values as Collected;
    const contact = contactOf(String(step.result));
    values.email = contact?.email ?? null;
    values.phone = contact?.phone ?? null;
    if (!values.lastQuestion) return step.next(false);
    const locale = await this.locale(step);
    const prompt = this.say(locale, 'confirmQuestion', { question: values.lastQuestion }, [
      this.button(locale, 'yes', { type: 'leave_message_confirm', confirm: true }),
      this.button(locale, 'no', { type: 'leave_message_confirm', confirm: false }),
    ]);
    return step.prompt(CONFIRM_PROMPT, { prompt, retryPrompt: prompt });
  }

  private async askQuestion(step: WaterfallStepContext<Collected>): Promise<DialogTurnResult> {
    const values = step.values as Collected;
    if (values.lastQuestion && this.yesNo(step.context.activity) === true && step.result !== false) {
      values.question = values.lastQuestion;
      return step.next(values.question);
    }
    const locale = await this.locale(step);
    return step.prompt(QUESTION_PROMPT, {
      prompt: this.say(locale, 'askQuestion'),
      retryPrompt: this.say(locale, 'tooLong', { max: MAX_QUESTION }),
    });
  }

  private async askUrgent(step: WaterfallStepContext<Collected>): Promise<DialogTurnResult> {
    const values = step.values as Collected;
    // Anything beyond the contact details is masked like every stored text (case numbers, SSNs...).
    values.question = maskPersonalData(String(step.result).trim());
    const locale = await this.locale(step);
    const prompt = this.say(locale, 'askUrgent', {}, [
      this.button(locale, 'urgentYes', { type: 'leave_message_urgent', urgent: true }),
      this.button(locale, 'urgentNo', { type: 'leave_message_urgent', urgent: false }),
    ]);
    return step.prompt(URGENT_PROMPT, { prompt, retryPrompt: prompt });
  }

  private async save(step: WaterfallStepContext<Collected>): Promise<DialogTurnResult> {
    const values = step.values as Collected;
    const urgent = this.urgency(step.context.activity) === true;
    const locale = await this.locale(step);
    const request = await this.deps.desk.leave({
      conversationId: step.context.activity.conversation?.id ?? 'unknown',
      locale,
      name: values.name ?? '',
      email: values.email ?? null,
      phone: values.phone ?? null,
      question: values.question ?? '',
      urgent,
    });
    const due = formatDueDate(request.dueDate, locale);
    await step.context.sendActivity(
      this.say(locale, urgent ? 'savedUrgent' : 'saved', { name: request.name, due }),
    );
    return step.endDialog(DONE);
  }

  private hasText(prompt: PromptValidatorContext<string>, max: number): boolean {
    const value = prompt.recognized.value?.trim() ?? '';
    return value.length > 0 && value.length <= max;
  }

  private yesNo(activity: Partial<Activity>): boolean | undefined {
    const value = actionValueOf(activity.value);
    if (value?.type === 'leave_message_confirm') return value.confirm;
    return this.deps.phrasebook.yesOrNo(activity.text ?? '');
  }

  private urgency(activity: Partial<Activity>): boolean | undefined {
    const value = actionValueOf(activity.value);
    if (value?.type === 'leave_message_urgent') return value.urgent;
    return this.deps.phrasebook.yesOrNo(activity.text ?? '');
  }

  private async locale(step: WaterfallStepContext<Collected>): Promise<Locale> {
    return this.deps.memory.locale(step.context);
  }

  private say(
    locale: Locale,
    key: string,
    values: Record<string, string | number> = {},
    actions: CardAction[] = [],
  ): Partial<Activity> {
    return textReply(locale, this.deps.text.get(locale, `leaveMessage.${key}`, values), { actions });
  }

  private button(locale: Locale, key: string, value: ActionValue): CardAction {
    return valueAction(this.deps.text.get(locale, `leaveMessage.${key}`), value);
  }
}

/** An email address or a phone number, as typed; null when it is neither. */
function contactOf(text: string): { email: string | null; phone: string | null } | null {
  const value = text.trim();
  if (EMAIL.test(value)) return { email: value.toLowerCase(), phone: null };
  const digits = value.replace(/\D/g, '');
  if (PHONE.test(value) && digits.length >= 7 && digits.length <= 15) return { email: null, phone: value };
  return null;
}
