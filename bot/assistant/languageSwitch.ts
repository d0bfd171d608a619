import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { ArticleCatalog } from './answerSource.js';
import type { ArticlePresenter } from './articlePresenter.js';
import type { AssistantText } from './assistantText.js';
import type { CaseStatusReplies } from './caseStatusReplies.js';
import type { ConversationMemory, RepeatableReply } from './conversationMemory.js';
import type { FollowUpReplies } from './followUps/followUpReplies.js';
import type { Prompter } from './prompts/prompter.js';
import { textReply } from './replyActivity.js';

/**
 * Where the conversation's language is kept outside the assistant's own state (the stored
 * conversation record agents and reports read). Optional: tests of the dialogs run without it.
 */
export interface ConversationLanguageStore {
  setLocale(conversationId: string, locale: Locale): Promise<void>;
}

/** The name of the event a channel sends when the visitor picks a language in its own controls. */
export const LANGUAGE_CHOSEN_EVENT = 'languageChosen';

export interface LanguageSwitchDeps {
  memory: ConversationMemory;
  text: AssistantText;
  prompter: Prompter;
  catalog: ArticleCatalog;
  presenter: ArticlePresenter;
  caseReplies: CaseStatusReplies;
  followUps: FollowUpReplies;
  store?: ConversationLanguageStore;
  onStoreError?: (error: unknown) => void;
}

/**
 * Changes the conversation's language: the assistant's state, the visitor's preference, the
 * stored conversation (and so analytics and reports, which read the conversation's language).
 * After a switch the visitor is not left without context: the question the assistant is waiting
 * on is asked again in the new language, or else its last answer (an article, a passage, a case
 * status) is said again in it.
 */
export class LanguageSwitch {
  constructor(private readonly deps: LanguageSwitchDeps) {}

  /** Sets the language; true when it changed. Says nothing. */
  async set(context: TurnContext, locale: Locale): Promise<boolean> {
    const { memory } = this.deps;
    if ((await memory.locale(context)) === locale && (await memory.data(context)).locale === locale)
      return false;
    await memory.setLocale(context, locale);
    const conversationId = context.activity.conversation?.id;
    if (conversationId && this.deps.store) {
      try {
        await this.deps.store.setLocale(conversationId, locale);
      } catch (error) {
        this.deps.onStoreError?.(error);
      }
    }
    return true;
  }

  /** Switches, says so, and repeats what the visitor would otherwise have to read in the other language. */
  async switchAndRepeat(context: TurnContext, locale: Locale): Promise<void> {
    await this.set(context, locale);
    const data = await this.deps.memory.data(context);
    const prompt = data.pendingPrompt;
    const repeat = prompt ? undefined : data.lastReply;
    const canRepeat = prompt !== undefined || (repeat !== undefined && this.canRepeat(repeat, locale));
    await this.announce(context, locale, canRepeat ? 'language.switchedShort' : 'language.switched');
    if (prompt) await this.deps.prompter.ask(context, prompt, locale);
    else if (repeat && canRepeat) await this.repeat(context, repeat, locale);
  }

  async announce(context: TurnContext, locale: Locale, key: string): Promise<void> {
    await context.sendActivity(
      textReply(locale, this.deps.text.get(locale, key), { outcome: 'languageSwitch' }),
    );
  }

  private canRepeat(reply: RepeatableReply, locale: Locale): boolean {
    return reply.kind === 'caseStatus' || this.deps.catalog.get(reply.articleId, locale) !== undefined;
  }

  private async repeat(context: TurnContext, reply: RepeatableReply, locale: Locale): Promise<void> {
    if (reply.kind === 'caseStatus') {
      await context.sendActivity(this.deps.caseReplies.found(locale, reply.status));
      return;
    }
    const article = this.deps.catalog.get(reply.articleId, locale);
    if (!article) return;
    if (
      reply.kind === 'passage' &&
      (await this.deps.followUps.sendPassage(context, article, reply.aspect, locale))
    )
      return;
    const question = (await this.deps.memory.data(context)).lastAnswer?.question ?? article.title;
    await this.deps.presenter.send(context, article, locale, { score: 1, question });
  }
}
