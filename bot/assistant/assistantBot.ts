import {
  ActivityHandler,
  ActivityTypes,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Locale } from '../../contracts/locale.js';
import { toProductLocale } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import { actionValueOf, type FeedbackValue } from './actionValues.js';
import { AnswerChannelDataMiddleware } from './answerChannelDataMiddleware.js';
import type { ArticleCatalog } from './answerSource.js';
import type { AssistantAnalytics } from './assistantAnalytics.js';
import type { AssistantText } from './assistantText.js';
import type { ConversationContext } from './conversationContext.js';
import {
  feedbackKey,
  remember,
  type ConversationData,
  type ConversationMemory,
} from './conversationMemory.js';
import type { MainDialog } from './dialogs/mainDialog.js';
import type { FeedbackCollector } from './feedbackCollector.js';
import type { LanguageDetector } from './languageDetector.js';
import { LANGUAGE_CHOSEN_EVENT, type LanguageSwitch } from './languageSwitch.js';
import type { Phrasebook } from './phrasebook.js';
import type { Prompt } from './prompts/prompt.js';
import type { Prompter } from './prompts/prompter.js';
import type { ReplyReader } from './prompts/replyReader.js';
import { textReply } from './replyActivity.js';
import { ReplyOutcomeMiddleware } from './replyOutcome.js';
import type { WelcomeMessage } from './welcomeMessage.js';

/** The turn's analytics write (`AssistantAnalytics.flush`, which never fails), in the turn state. */
const ANALYTICS_WRITTEN = Symbol('analyticsWritten');

/** Related topics offered again after "not helpful"; as many as the answer offered. */
const MAX_RELATED = 3;

export interface AssistantBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  memory: ConversationMemory;
  dialog: MainDialog;
  text: AssistantText;
  phrasebook: Phrasebook;
  languageDetector: LanguageDetector;
  language: LanguageSwitch;
  prompter: Prompter;
  reader: ReplyReader;
  context: ConversationContext;
  catalog: ArticleCatalog;
  analytics: AssistantAnalytics;
  welcome: WelcomeMessage;
  feedback: FeedbackCollector;
  logger: Logger;
}

/**
 * The assistant as the channels see it: one ActivityHandler that any adapter (Bot Framework,
 * the widget's Socket.IO channel) can run. Per message, in order: the conversation's language (a
 * choice, a request for one, the channel changing it), the reply to the question the assistant
 * asked last (read once for every prompt: `ReplyReader`), a message clearly in the other language,
 * the welcome on a first message, feedback on an answer, then the dialogs; after them, the
 * conversation's context and analytics. State is saved once at the end of the turn; an error gets
 * the visitor a short apology and clears the dialog stack, so the conversation keeps working.
 */
export class AssistantBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly answerChannelData = new AnswerChannelDataMiddleware();
  private readonly replyOutcomes = new ReplyOutcomeMiddleware();

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

    this.onEvent(async (context, next) => {
      if (context.activity.name === LANGUAGE_CHOSEN_EVENT) await this.languageChosen(context);
      await next();
    });
  }

  /** Runs the turn inside the reply checks (every message says what it is) and saves state. */
  override async run(context: TurnContext): Promise<void> {
    await this.answerChannelData.onTurn(context, () =>
      this.replyOutcomes.onTurn(context, async () => {
        try {
          await super.run(context);
          // The turn's writes go to the store together (one commit for all of them): its state,
          // and the analytics of its questions (started when the dialogs ended).
          await Promise.all([
            this.deps.conversationState.saveChanges(context, this.changedState(context)),
            this.deps.userState.saveChanges(context, false),
            context.turnState.get<Promise<void> | undefined>(ANALYTICS_WRITTEN),
          ]);
        } catch (error) {
          await context.turnState.get<Promise<void> | undefined>(ANALYTICS_WRITTEN);
          await this.recover(context, error);
        }
      }),
    );
  }

  /**
   * True when the turn certainly changed the conversation's state: a message counts itself in it
   * (`ConversationData.turn`). botbuilder then saves it without first serialising and hashing it
   * to find that out (its change check), which costs as much as the write.
   */
  private changedState(context: TurnContext): boolean {
    return (
      context.activity.type === ActivityTypes.Message &&
      this.deps.conversationState.get(context) !== undefined
    );
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { memory, phrasebook } = this.deps;
    const data = await memory.data(context);
    data.turn = (data.turn ?? 0) + 1;
    const text = context.activity.text?.trim() ?? '';

    // 1. The visitor chooses a language (button, or a request such as "¿me puede ayudar en
    //    español?"): that is the whole message.
    const value = actionValueOf(context.activity.value);
    const chosen = value?.type === 'language' ? value.locale : this.requestedLanguage(text);
    if (chosen) {
      if (context.activity.locale) data.channelLocale = toProductLocale(context.activity.locale);
      if (!data.welcomed) {
        await this.deps.language.set(context, chosen);
        await this.welcomeOnce(context);
      } else if (await this.deps.language.set(context, chosen)) {
        await this.deps.language.switchAndRepeat(context, chosen);
      } else {
        await this.deps.language.announce(context, chosen, 'language.switched');
      }
      return;
    }
    // 2. The channel's language changed since the last message (the visitor changed it there).
    await this.followChannelLanguage(context, data);

    // 3. The reply to the assistant's last question: a typed answer becomes its button's value.
    const prompt = data.pendingPrompt ?? (await this.feedbackPrompt(data));
    let answered = false;
    if (prompt && !value) {
      const reading = this.deps.reader.read(context.activity, prompt);
      if (reading.kind === 'choice') {
        context.activity.value = reading.choice.value;
        answered = true;
      }
    }
    data.feedbackPending = false;

    // 4. A message clearly written in the other language switches, with a note once welcomed;
    //    not an answer to a question, nor free text the assistant asked for (a name, a question).
    let locale = await memory.locale(context);
    const waitsForText = data.pendingPrompt?.expects === 'text';
    const detected =
      answered || value || waitsForText
        ? undefined
        : this.deps.languageDetector.detect(text, {
            firstMessage: !data.welcomed,
            channelLanguage: data.channelLocale,
          });
    if (detected && detected !== locale) {
      locale = detected;
      await this.deps.language.set(context, locale);
      if (data.welcomed) await this.deps.language.announce(context, locale, 'language.detected');
    } else {
      await memory.setLocale(context, locale);
    }

    // 5. First message: welcome first; a bare greeting needs nothing more.
    if (
      (await this.welcomeOnce(context)) &&
      (text === '' || phrasebook.consistsOf(['smallTalk.hello'], text))
    )
      return;

    // 6. "Was this helpful?", clicked or typed.
    const feedback = actionValueOf(context.activity.value);
    if (feedback?.type === 'feedback') return this.recordFeedback(context, feedback, data);

    // 7. Dialogs, then what the turn changed in the conversation's context.
    await this.deps.context.beforeTurn(context);
    try {
      await this.deps.dialog.run(context, this.dialogState);
      await this.deps.context.afterTurn(context);
      await this.forgetAnsweredPrompt(context, data);
    } finally {
      // Not awaited here: `run` awaits it with the state's write. Its outcome is the replies' so far.
      context.turnState.set(ANALYTICS_WRITTEN, this.deps.analytics.flush(context));
    }
  }

  /** The widget's language button (or any channel's own control): switch, and repeat. */
  private async languageChosen(context: TurnContext): Promise<void> {
    const requested = (context.activity.value as { locale?: unknown } | undefined)?.locale;
    if (requested !== 'en' && requested !== 'es') return;
    const data = await this.deps.memory.data(context);
    data.channelLocale = requested;
    if (!data.welcomed) {
      await this.deps.language.set(context, requested);
      return;
    }
    if (await this.deps.language.set(context, requested))
      await this.deps.language.switchAndRepeat(context, requested);
  }

  private async followChannelLanguage(context: TurnContext, data: ConversationData): Promise<void> {
    const channel = context.activity.locale ? toProductLocale(context.activity.locale) : undefined;
    const previous = data.channelLocale;
    if (channel) data.channelLocale = channel;
    if (!channel || !previous || channel === previous || !data.welcomed) return;
    if (await this.deps.language.set(context, channel))
      await this.deps.language.announce(context, channel, 'language.switchedShort');
  }

  /** "In English please", "¿me puede ayudar en español?", "hablo español": the language asked for. */
  private requestedLanguage(text: string): Locale | undefined {
    const book = this.deps.phrasebook;
    const filler = ['languageRequest', 'replyFiller'] as const;
    const spanish = book.phrasesIn(['switchToSpanish'], filler, text) !== undefined;
    const english = book.phrasesIn(['switchToEnglish'], filler, text) !== undefined;
    if (spanish === english) return undefined;
    return spanish ? 'es' : 'en';
  }

  /**
   * Right after an answer, "Was this helpful?" is the question waiting: yes or no (clicked or
   * typed, "yeah", "nop"), or one of the related topics offered with it ("the second one").
   */
  private async feedbackPrompt(data: ConversationData): Promise<Prompt | undefined> {
    const last = data.lastAnswer;
    if (!data.feedbackPending || !last) return undefined;
    const { articleId, locale } = last;
    return {
      question: { key: 'answer.helpful' },
      choices: [
        {
          label: { key: 'answer.yes' },
          value: { type: 'feedback', articleId, locale, helpful: true },
          phrases: ['yes'],
        },
        {
          label: { key: 'answer.no' },
          value: { type: 'feedback', articleId, locale, helpful: false },
          phrases: ['no', 'smallTalk.notHelpful'],
        },
        ...this.related(articleId, locale).map((id) => ({
          label: { articleId: id },
          value: { type: 'article' as const, articleId: id },
          numbered: true,
        })),
      ],
      outcome: 'answer',
      expects: 'choice',
    };
  }

  private related(articleId: string, locale: Locale): string[] {
    const article = this.deps.catalog.get(articleId, locale);
    return (article?.related ?? [])
      .filter((id) => this.deps.catalog.get(id, locale) !== undefined)
      .slice(0, MAX_RELATED);
  }

  /** The question asked last is over once no dialog waits for it and no new one was asked. */
  private async forgetAnsweredPrompt(context: TurnContext, data: ConversationData): Promise<void> {
    if (this.deps.prompter.askedThisTurn(context)) return;
    const stack = (await this.dialogState.get(context))?.dialogStack ?? [];
    if (stack.length === 0) delete data.pendingPrompt;
  }

  /** Sends the welcome unless this conversation already had it; true when it was sent now. */
  private async welcomeOnce(context: TurnContext): Promise<boolean> {
    const data = await this.deps.memory.data(context);
    if (data.welcomed) return false;
    data.welcomed = true;
    await context.sendActivity(this.deps.welcome.build(await this.deps.memory.locale(context)));
    return true;
  }

  /**
   * One vote and one thanks per article this conversation was answered with: a vote for an article
   * never shown is refused with a word, a second one is not counted (the widget shows the one
   * given), so votes cannot be made up for the editors' reports. "No" keeps the related topics on
   * offer (the thanks says so) and makes the question the one to leave for an agent.
   */
  private async recordFeedback(
    context: TurnContext,
    value: FeedbackValue,
    data: ConversationData,
  ): Promise<void> {
    const locale = await this.deps.memory.locale(context);
    const article = feedbackKey(value.articleId, value.locale);
    if (data.rated?.includes(article)) return;
    if (!data.answered?.includes(article)) {
      await context.sendActivity(
        textReply(locale, this.deps.text.get(locale, 'answer.feedbackNotShown'), { outcome: 'feedback' }),
      );
      return;
    }
    data.rated = remember(data.rated, article);
    const last = data.lastAnswer;
    const question = last && last.articleId === value.articleId ? last.question : '';
    await this.deps.feedback.record(context, { ...value, question });
    if (value.helpful) {
      await context.sendActivity(
        textReply(locale, this.deps.text.get(locale, 'answer.thanksHelpful'), { outcome: 'feedback' }),
      );
      return;
    }
    if (question) await this.deps.context.notHelpful(context, question);
    // The related topics stay on offer, as a question of its own: "the first one" picks one.
    const related = this.related(value.articleId, locale);
    await this.deps.prompter.ask(context, {
      question: {
        key: related.length > 0 ? 'answer.thanksNotHelpfulWithRelated' : 'answer.thanksNotHelpful',
      },
      choices: [
        ...related.map((id) => ({
          label: { articleId: id },
          value: { type: 'article' as const, articleId: id },
          numbered: true,
        })),
        { label: { key: 'agentOffer.action' }, value: { type: 'agent_request' } },
      ],
      outcome: 'feedback',
      expects: 'choice',
    });
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
      delete (await this.deps.memory.data(context)).pendingPrompt;
      await this.deps.conversationState.saveChanges(context, true);
    } catch (stateError) {
      this.deps.logger.error({ err: stateError, conversationId }, 'could not reset the conversation state');
    }
    const replyLocale = locale ?? toProductLocale(context.activity.locale);
    await context.sendActivity(
      textReply(replyLocale, this.deps.text.get(replyLocale, 'error.turn'), { outcome: 'error' }),
    );
  }
}
