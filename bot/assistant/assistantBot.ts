import {
  ActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Locale } from '../../knowledge/content/article.js';
import { toProductLocale } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import { actionValueOf, type FeedbackValue } from './actionValues.js';
import { AnswerChannelDataMiddleware } from './answerChannelDataMiddleware.js';
import type { AssistantText } from './assistantText.js';
import {
  feedbackKey,
  remember,
  type ConversationData,
  type ConversationMemory,
} from './conversationMemory.js';
import type { MainDialog } from './dialogs/mainDialog.js';
import type { FeedbackCollector } from './feedbackCollector.js';
import type { LanguageDetector } from './languageDetector.js';
import type { Phrasebook } from './phrasebook.js';
import { textReply } from './replyActivity.js';
import type { WelcomeMessage } from './welcomeMessage.js';

export interface AssistantBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  memory: ConversationMemory;
  dialog: MainDialog;
  text: AssistantText;
  phrasebook: Phrasebook;
  languageDetector: LanguageDetector;
  welcome: WelcomeMessage;
  feedback: FeedbackCollector;
  logger: Logger;
}

/**
 * The assistant as the channels see it: one ActivityHandler that any adapter (Bot Framework,
 * the widget's Socket.IO channel) can run. Per message, in order: feedback on an answer, the
 * conversation's language (a choice, or a message clearly in the other language), the welcome
 * on a first message, then the dialogs. State is saved once at the end of the turn; an error
 * gets the visitor a short apology and clears the dialog stack, so the conversation keeps working.
 */
export class AssistantBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly answerChannelData = new AnswerChannelDataMiddleware();

  constructor(private readonly deps: AssistantBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');

    this.onMembersAdded(async (context, next) => {
      const visitors = (context.activity.membersAdded ?? []).filter(
        (member) => member.id !== context.activity.recipient?.id,
      );
      if (visitors.length > 0) await this.welcomeOnce(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** Runs the turn inside the reply check (every message gets `channelData.answer`) and saves state. */
  override async run(context: TurnContext): Promise<void> {
    await this.answerChannelData.onTurn(context, async () => {
      try {
        await super.run(context);
        await this.deps.conversationState.saveChanges(context, false);
        await this.deps.userState.saveChanges(context, false);
      } catch (error) {
        await this.recover(context, error);
      }
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { memory, phrasebook } = this.deps;
    const data = await memory.data(context);
    const value = actionValueOf(context.activity.value);
    const text = context.activity.text?.trim() ?? '';

    // 1. "Was this helpful?": by button, or a plain yes/no right after an answer.
    const feedbackPending = data.feedbackPending === true;
    data.feedbackPending = false;
    if (value?.type === 'feedback') return this.recordFeedback(context, value, data);
    if (!value && feedbackPending && data.lastAnswer) {
      const helpful = phrasebook.yesOrNo(text);
      if (helpful !== undefined) {
        const { articleId, locale } = data.lastAnswer;
        return this.recordFeedback(context, { type: 'feedback', articleId, locale, helpful }, data);
      }
    }

    // 2. The visitor chooses a language: that is the whole message.
    const chosen: Locale | undefined =
      value?.type === 'language'
        ? value.locale
        : phrasebook.isWhole('switchToSpanish', text)
          ? 'es'
          : phrasebook.isWhole('switchToEnglish', text)
            ? 'en'
            : undefined;
    if (chosen) {
      await memory.setLocale(context, chosen);
      if (await this.welcomeOnce(context)) return;
      await context.sendActivity(textReply(chosen, this.deps.text.get(chosen, 'language.switched')));
      return;
    }

    // 3. A message clearly written in the other language switches, with a note once welcomed.
    let locale = await memory.locale(context);
    const detected = this.deps.languageDetector.detect(text);
    if (detected && detected !== locale) {
      locale = detected;
      if (data.welcomed)
        await context.sendActivity(textReply(locale, this.deps.text.get(locale, 'language.detected')));
    }
    await memory.setLocale(context, locale);

    // 4. First message: welcome first; a bare greeting needs nothing more.
    if ((await this.welcomeOnce(context)) && (text === '' || phrasebook.isWhole('smallTalk.hello', text)))
      return;

    // 5. Dialogs.
    await this.deps.dialog.run(context, this.dialogState);
  }

  /** Sends the welcome unless this conversation already had it; true when it was sent now. */
  private async welcomeOnce(context: TurnContext): Promise<boolean> {
    const data = await this.deps.memory.data(context);
    if (data.welcomed) return false;
    data.welcomed = true;
    await context.sendActivity(this.deps.welcome.build(await this.deps.memory.locale(context)));
    return true;
  }

  private async recordFeedback(
    context: TurnContext,
    value: FeedbackValue,
    data: ConversationData,
  ): Promise<void> {
    const locale = await this.deps.memory.locale(context);
    // Only for an article this conversation was answered with, once: a vote for an article never
    // shown, or a second vote, would be made-up data in the editors' reports.
    const article = feedbackKey(value.articleId, value.locale);
    if (!data.answered?.includes(article) || data.rated?.includes(article)) {
      const refusal = data.rated?.includes(article) ? 'answer.feedbackAlready' : 'answer.feedbackNotShown';
      await context.sendActivity(textReply(locale, this.deps.text.get(locale, refusal)));
      return;
    }
    data.rated = remember(data.rated, article);
    const last = data.lastAnswer;
    const question = last && last.articleId === value.articleId ? last.question : '';
    await this.deps.feedback.record(context, { ...value, question });
    const key = value.helpful ? 'answer.thanksHelpful' : 'answer.thanksNotHelpful';
    await context.sendActivity(textReply(locale, this.deps.text.get(locale, key)));
  }

  /**
   * Something failed inside the turn. The dialog stack may be what is broken (a state that no
   * longer fits the dialogs, a step that throws every time), so it is cleared: the visitor can
   * carry on with a fresh start instead of hitting the same error again.
   */
  private async recover(context: TurnContext, error: unknown): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    this.deps.logger.error({ err: error, conversationId }, 'assistant turn failed; dialog state cleared');
    let locale: Locale | undefined;
    try {
      locale = await this.deps.memory.locale(context);
      await this.dialogState.delete(context);
      await this.deps.conversationState.saveChanges(context, true);
    } catch (stateError) {
      this.deps.logger.error({ err: stateError, conversationId }, 'could not reset the conversation state');
    }
    const replyLocale = locale ?? toProductLocale(context.activity.locale);
    await context.sendActivity(textReply(replyLocale, this.deps.text.get(replyLocale, 'error.turn')));
  }
}
