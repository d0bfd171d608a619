import type { Activity, TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Locale } from '../../../contracts/locale.js';
import { formatDueDate } from '../../handoff/businessHours/index.js';
import type { HandoffText } from '../../handoff/handoffText.js';
import type { ServiceRequestDesk } from '../../handoff/serviceRequestDesk.js';
import { maskPersonalData } from '../../privacy/personalData.js';
import { actionValueOf, type ActionValue } from '../actionValues.js';
import type { ConversationContext } from '../conversationContext.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { KeywordList, Phrasebook } from '../phrasebook.js';
import type { Prompt, PromptChoice, PromptText } from '../prompts/prompt.js';
import type { Prompter } from '../prompts/prompter.js';
import type { ReplyReader } from '../prompts/replyReader.js';
import { textReply } from '../replyActivity.js';
import { contactIn, contactOf } from './contactDetails.js';
import { DONE, REROUTE } from './dialogOutcome.js';

export const LEAVE_MESSAGE_DIALOG = 'leaveMessageDialog';

const MAX_NAME = 200;
const MAX_QUESTION = 2000;
/** A name typed with the other details is short: more words are a sentence, not a name. */
const MAX_NAME_WORDS = 6;

type Step = 'name' | 'contact' | 'confirmQuestion' | 'question' | 'urgent' | 'review' | 'change';

/** Collected so far (dialog state: only until the request is stored or dropped). */
interface LeaveMessageState {
  step: Step;
  name?: string;
  email?: string | null;
  phone?: string | null;
  /** The question, masked. */
  question?: string;
  urgent?: boolean;
  /** The visitor's recent question (masked), offered for confirmation. */
  candidate?: string;
  /** Changing one part from the summary: back to the summary after it. */
  changing?: boolean;
}

export interface LeaveMessageDialogDeps {
  memory: ConversationMemory;
  phrasebook: Phrasebook;
  prompter: Prompter;
  reader: ReplyReader;
  context: ConversationContext;
  text: HandoffText;
  desk: ServiceRequestDesk;
}

const KEY = (key: string) => `handoff.leaveMessage.${key}`;

/**
 * "Leave a message" when no live agent can chat: the visitor's name, an email or a phone number,
 * the question and whether it is urgent, then a summary to send as it is or correct, stored as a
 * service request due in business days (sooner when urgent), which agents see in their console.
 *
 * The question: the last one the visitor asked is offered for confirmation only when it is recent
 * and a real question; otherwise the visitor is asked for it, and a yes, a
 * no or a request for an agent is never taken as the question. A new question typed instead of a
 * name or a contact leaves the dialog and is answered. Started by the offer's button or by the
 * words ("leave a message"); help, restart and cancel interrupt it like any dialog.
 *
 * The offer asks for a name, a way to reach the visitor and the question, so many visitors type
 * them in one message ("Ana Ruiz, ana@example.com, my card never came"): an email or a phone
 * number in a longer message fills each part it gives, and only the parts still missing are asked.
 */
export class LeaveMessageDialog extends Dialog {
  constructor(private readonly deps: LeaveMessageDialogDeps) {
    super(LEAVE_MESSAGE_DIALOG);
  }

  /**
   * A message that starts this dialog: the offer's button, "leave a message" in either language,
   * or the details themselves typed in answer to the offer.
   */
  async isRequest(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (actionValueOf(activity.value)?.type === 'leave_message') return true;
    if (this.deps.text.isLeaveMessageCommand(activity.text)) return true;
    const offer = (await this.deps.memory.data(context)).pendingPrompt;
    const offered = offer?.choices.some((choice) => choice.value.type === 'leave_message') === true;
    return offered && activity.value === undefined && contactIn(activity.text ?? '') !== undefined;
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const candidate = await this.deps.context.recentQuestion(dc.context);
    const state: LeaveMessageState = { step: 'name', ...(candidate ? { candidate } : {}) };
    dc.activeDialog!.state = state;
    const { activity } = dc.context;
    if (activity.value === undefined && this.takeDetails(state, activity.text?.trim() ?? ''))
      return this.next(dc.context, state);
    return this.ask(dc.context, state, 'name');
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as LeaveMessageState;
    const { activity } = dc.context;
    const value = actionValueOf(activity.value);
    const text = activity.text?.trim() ?? '';
    switch (state.step) {
      case 'name':
        if (!value && this.takeDetails(state, text)) return this.next(dc.context, state);
        if (value || this.isNewMessage(text) || this.isAgentRequest(text)) return dc.endDialog(REROUTE);
        if (text.length > MAX_NAME)
          return this.ask(dc.context, state, 'name', [{ key: KEY('tooLong'), values: { max: MAX_NAME } }]);
        if (text.length === 0 || this.deps.phrasebook.yesOrNo(text) !== undefined)
          return this.ask(dc.context, state, 'name');
        state.name = this.withoutNameIntro(text);
        return this.next(dc.context, state);
      case 'contact': {
        const contact = contactOf(text);
        if (!contact) {
          if (!value && this.takeDetails(state, text)) return this.next(dc.context, state);
          if (value || this.isNewMessage(text)) return dc.endDialog(REROUTE);
          return this.ask(dc.context, state, 'contact', [{ key: KEY('badContact') }]);
        }
        state.email = contact.email;
        state.phone = contact.phone;
        return this.next(dc.context, state);
      }
      case 'confirmQuestion':
        if (value?.type === 'leave_message_confirm') {
          if (value.confirm) state.question = state.candidate;
          delete state.candidate;
          return this.next(dc.context, state);
        }
        if (value) return dc.endDialog(REROUTE);
        // Typed instead of yes or no: the visitor wrote the question they meant.
        delete state.candidate;
        return this.takeQuestion(dc.context, state, text);
      case 'question':
        if (value) return dc.endDialog(REROUTE);
        return this.takeQuestion(dc.context, state, text);
      case 'urgent':
        if (value?.type === 'leave_message_urgent') {
          state.urgent = value.urgent;
          return this.next(dc.context, state);
        }
        if (value || this.isNewMessage(text)) return dc.endDialog(REROUTE);
        return this.ask(dc.context, state, 'urgent');
      case 'review':
      case 'change':
        if (value?.type !== 'leave_message_review') {
          if (value || this.isNewMessage(text)) return dc.endDialog(REROUTE);
          return this.ask(dc.context, state, state.step);
        }
        return this.review(dc, state, value.action);
    }
  }

  private async review(
    dc: DialogContext,
    state: LeaveMessageState,
    action: Extract<ActionValue, { type: 'leave_message_review' }>['action'],
  ): Promise<DialogTurnResult> {
    const locale = await this.deps.memory.locale(dc.context);
    switch (action) {
      case 'send':
        return this.save(dc, state, locale);
      case 'cancel':
        await dc.context.sendActivity(this.say(locale, 'notSent'));
        return dc.endDialog(DONE);
      case 'change':
        return this.ask(dc.context, state, 'change');
      case 'name':
      case 'contact':
      case 'question':
      case 'urgent':
        state.changing = true;
        return this.ask(dc.context, state, action);
    }
  }

  /** The question as typed, unless it is no question (a yes, a no, a request for an agent, thanks). */
  private async takeQuestion(
    context: TurnContext,
    state: LeaveMessageState,
    text: string,
  ): Promise<DialogTurnResult> {
    if (text.length > MAX_QUESTION)
      return this.ask(context, state, 'question', [{ key: KEY('tooLong'), values: { max: MAX_QUESTION } }]);
    if (!this.deps.context.isRealQuestion(text))
      return this.ask(context, state, 'question', [{ key: KEY('notAQuestion') }]);
    // Anything beyond the contact details is masked like every stored text (case numbers, SSNs...).
    state.question = maskPersonalData(text);
    return this.next(context, state);
  }

  /**
   * The parts of a message that holds an email or a phone number among other words: the contact;
   * the name before it, when it looks like one ("My name is Ana Ruiz," and not "call me at"); the
   * question after it, when it is a real one. False when the message has no contact.
   */
  private takeDetails(state: LeaveMessageState, text: string): boolean {
    if (text.length > MAX_NAME + MAX_QUESTION) return false;
    const found = contactIn(text);
    if (!found) return false;
    state.email = found.contact.email;
    state.phone = found.contact.phone;
    const [first = '', ...others] = found.before.split(/[,;\n]+/);
    const name = this.nameIn(first);
    if (name !== undefined && state.name === undefined) state.name = name;
    const question = [...others, found.after]
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .join(', ');
    if (
      state.question === undefined &&
      question.length <= MAX_QUESTION &&
      this.deps.context.isRealQuestion(question)
    ) {
      state.question = maskPersonalData(question);
      delete state.candidate;
    }
    return true;
  }

  /** A name as typed, without the greeting and the "my name is" / "me llamo" before it. */
  private withoutNameIntro(text: string): string {
    const book = this.deps.phrasebook;
    return book.withoutLeadingPhrase('nameIntro', book.withoutLeadingPhrase('smallTalk.hello', text)).trim();
  }

  /** A name as typed before the contact, without "my name is"; undefined when it is no name. */
  private nameIn(text: string): string | undefined {
    const book = this.deps.phrasebook;
    const name = this.withoutNameIntro(text);
    const words = name.split(/\s+/).length;
    if (name === '' || name.length > MAX_NAME || words > MAX_NAME_WORDS || /\d/.test(name)) return undefined;
    if (book.contains('field.contact', name) || book.contains('contactIntro', name)) return undefined;
    if (book.yesOrNo(name) !== undefined || this.deps.reader.looksLikeQuestion(name)) return undefined;
    return name;
  }

  /** The next part still missing, or the summary once everything is there. */
  private next(context: TurnContext, state: LeaveMessageState): Promise<DialogTurnResult> {
    if (state.changing) return this.ask(context, state, 'review');
    if (state.name === undefined) return this.ask(context, state, 'name');
    if (state.email === undefined) return this.ask(context, state, 'contact');
    if (state.question === undefined)
      return this.ask(context, state, state.candidate ? 'confirmQuestion' : 'question');
    if (state.urgent === undefined) return this.ask(context, state, 'urgent');
    return this.ask(context, state, 'review');
  }

  private async ask(
    context: TurnContext,
    state: LeaveMessageState,
    step: Step,
    lead: PromptText[] = [],
  ): Promise<DialogTurnResult> {
    state.step = step;
    if (step === 'review') state.changing = false;
    await this.deps.prompter.ask(context, { ...this.prompt(state, step), lead });
    return Dialog.EndOfTurn;
  }

  private prompt(state: LeaveMessageState, step: Step): Prompt {
    const text = (key: string, values?: PromptText['values']): PromptText => ({
      key: KEY(key),
      ...(values ? { values } : {}),
    });
    const base = { outcome: 'leaveMessage' as const };
    switch (step) {
      case 'name':
        return {
          ...base,
          // Once other details are in (typed together, or changing it), the introduction is said.
          question: text(state.changing || state.email !== undefined ? 'askNameAgain' : 'askName'),
          choices: [],
          expects: 'text',
        };
      case 'contact':
        return { ...base, question: text('askContact'), choices: [], expects: 'text' };
      case 'question':
        return { ...base, question: text('askQuestion'), choices: [], expects: 'text' };
      case 'confirmQuestion':
        return {
          ...base,
          question: text('confirmQuestion', { question: state.candidate ?? '' }),
          choices: [
            choice('yes', { type: 'leave_message_confirm', confirm: true }, ['yes']),
            choice('no', { type: 'leave_message_confirm', confirm: false }, ['no']),
          ],
          expects: 'text',
        };
      case 'urgent':
        return {
          ...base,
          question: text('askUrgent'),
          choices: [
            choice('urgentYes', { type: 'leave_message_urgent', urgent: true }, ['yes', 'urgency.yes']),
            choice('urgentNo', { type: 'leave_message_urgent', urgent: false }, ['no', 'urgency.no']),
          ],
          expects: 'choice',
        };
      case 'review':
        return {
          ...base,
          question: text('summary', {
            name: state.name ?? '',
            contact: state.email ?? state.phone ?? '',
            question: state.question ?? '',
            urgent: { key: KEY(state.urgent ? 'summaryUrgentYes' : 'summaryUrgentNo') },
            due: {
              byLocale: {
                en: formatDueDate(this.deps.desk.dueDate(state.urgent === true), 'en'),
                es: formatDueDate(this.deps.desk.dueDate(state.urgent === true), 'es'),
              },
            },
          }),
          choices: [
            choice('send', { type: 'leave_message_review', action: 'send' }, ['yes', 'confirmSend']),
            choice('change', { type: 'leave_message_review', action: 'change' }, ['no']),
            ...this.changeChoices(),
          ],
          expects: 'choice',
        };
      case 'change':
        return {
          ...base,
          question: text('askWhatToChange'),
          choices: this.changeChoices(true),
          expects: 'choice',
        };
    }
  }

  /**
   * "The name / the contact / the question / urgent or not" (buttons when asked what to change,
   * typed words on the summary: "change the name"), and "Don't send it".
   */
  private changeChoices(withButtons = false): PromptChoice[] {
    const field = (action: 'name' | 'contact' | 'question' | 'urgent', list: KeywordList): PromptChoice => ({
      ...(withButtons ? { label: { key: KEY(`changePart.${action}`) } } : {}),
      value: { type: 'leave_message_review', action },
      phrases: [list],
      filler: ['editFiller'],
    });
    return [
      field('name', 'field.name'),
      field('contact', 'field.contact'),
      field('question', 'field.question'),
      field('urgent', 'field.urgent'),
      {
        label: { key: KEY('dontSend') },
        value: { type: 'leave_message_review', action: 'cancel' },
        phrases: ['cancel'],
      },
    ];
  }

  private async save(dc: DialogContext, state: LeaveMessageState, locale: Locale): Promise<DialogTurnResult> {
    const urgent = state.urgent === true;
    const request = await this.deps.desk.leave({
      conversationId: dc.context.activity.conversation?.id ?? 'unknown',
      locale,
      name: state.name ?? '',
      email: state.email ?? null,
      phone: state.phone ?? null,
      question: state.question ?? '',
      urgent,
    });
    const due = formatDueDate(request.dueDate, locale);
    await dc.context.sendActivity(
      this.say(locale, urgent ? 'savedUrgent' : 'saved', { name: request.name, due }),
    );
    return dc.endDialog(DONE);
  }

  /** A new question or request typed instead of a name, a contact or an answer. */
  private isNewMessage(text: string): boolean {
    return this.deps.reader.looksLikeQuestion(text) || this.deps.text.isLeaveCommand(text);
  }

  private isAgentRequest(text: string): boolean {
    return this.deps.phrasebook.consistsOf(['agent', 'agentAlone', 'agentRequest'], text);
  }

  private say(locale: Locale, key: string, values: Record<string, string | number> = {}): Partial<Activity> {
    return textReply(locale, this.deps.text.get(locale, `leaveMessage.${key}`, values), {
      outcome: 'leaveMessage',
    });
  }
}

function choice(key: string, value: ActionValue, phrases: KeywordList[]): PromptChoice {
  return { label: { key: KEY(key) }, value, phrases };
}
