import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import { toProductLocale } from '../i18n/i18n.js';
import type { KeptCaseStatus } from './caseStatusReplies.js';
import type { FollowUpAspect } from './followUps/followUpAspect.js';
import type { Prompt } from './prompts/prompt.js';

/** The article last given as an answer, so that feedback can be stored with its question. */
export interface LastAnswer {
  articleId: string;
  locale: Locale;
  /** The visitor's question, personal data masked. */
  question: string;
}

/**
 * What the conversation is about now, for follow-ups that do not name it ("how much does it
 * cost?", "what does that mean?"): the article last answered, or the case last looked up. Kept
 * for a few turns (`turn` is when it was set) and replaced when the subject changes.
 */
export type ConversationTopic =
  | { kind: 'article'; articleId: string; turn: number }
  | { kind: 'case'; status: KeptCaseStatus; turn: number };

/** The last reply worth saying again in the other language after a switch. */
export type RepeatableReply =
  | { kind: 'article'; articleId: string }
  | { kind: 'passage'; articleId: string; aspect: FollowUpAspect }
  | { kind: 'caseStatus'; status: KeptCaseStatus };

/** What the assistant remembers for one conversation (kept in conversation state). */
export interface ConversationData {
  /** The language chosen for this conversation; absent until the first turn decides it. */
  locale?: Locale;
  /** Whether the welcome has been sent (on members added or before the first answer). */
  welcomed?: boolean;
  /** Questions in a row that got no answer; at two, a live agent is offered. */
  misses?: number;
  lastAnswer?: LastAnswer;
  /** The visitor's last question, personal data masked: handed to a live agent on request. */
  lastQuestion?: string;
  /** True right after an article answer: a plain "yes"/"no" then is feedback on it. */
  feedbackPending?: boolean;
  /** Messages the visitor has sent: the clock that topics and open questions are dated by. */
  turn?: number;
  /** The locale the visitor's channel sent last: a change there is the visitor choosing a language. */
  channelLocale?: Locale;
  /** The question the assistant waits on (`Prompter`); gone once no dialog waits for it. */
  pendingPrompt?: Prompt;
  topic?: ConversationTopic;
  lastReply?: RepeatableReply;
  /**
   * The visitor's last real question (masked; not a yes, a no, a request for a person or small
   * talk), and the turn it was asked or found unhelpful. Offered for confirmation as the question
   * when leaving a message for an agent.
   */
  recentQuestion?: { text: string; turn: number };
  /**
   * The last "Did you mean…?": the question it was asked for (masked), the articles offered, the
   * language and turn. The visitor's next message may narrow it down ("mine expires soon")
   * instead of picking an option. `closest`: the closest topics offered after a miss, which the
   * next message may narrow down the same way ("i need help with my green card", then "it
   * expired").
   */
  offered?: { question: string; articleIds: string[]; locale: Locale; turn: number; closest?: true };
  /**
   * The detail (a cost, a duration) the visitor's question of that turn asked: the next message
   * may ask it of another subject ("and the work permit?"; see `SameDetailFollowUp`).
   */
  askedDetail?: { aspect: 'cost' | 'time' | 'documents'; turn: number };
  /**
   * The articles this conversation was answered with (`feedbackKey`), newest last: feedback is
   * taken only for these, once each (`rated`), so votes cannot be made up for articles never shown
   * nor repeated.
   */
  answered?: string[];
  rated?: string[];
}

/** How many answered and rated articles a conversation remembers (bot state stays small). */
const MAX_REMEMBERED_ANSWERS = 20;

/** One article in one language, as feedback names it. */
export function feedbackKey(articleId: string, locale: Locale): string {
  return `${locale}:${articleId}`;
}

/** Adds `key` to a remembered list, keeping the newest `MAX_REMEMBERED_ANSWERS`. */
export function remember(list: string[] | undefined, key: string): string[] {
  return [...(list ?? []).filter((item) => item !== key), key].slice(-MAX_REMEMBERED_ANSWERS);
}

/** What the assistant remembers about a visitor across conversations (user state). */
export interface VisitorProfile {
  /** The language the visitor chose last; used when a channel sends no locale. */
  preferredLocale?: Locale;
}

/**
 * Typed access to the assistant's conversation and user state. botbuilder caches state per
 * turn, so every reader in a turn sees (and changes) the same object; `AssistantBot` saves it
 * once at the end of the turn.
 */
export class ConversationMemory {
  private readonly conversation: StatePropertyAccessor<ConversationData>;
  private readonly visitor: StatePropertyAccessor<VisitorProfile>;

  constructor(conversationState: ConversationState, userState: UserState) {
    this.conversation = conversationState.createProperty<ConversationData>('assistant');
    this.visitor = userState.createProperty<VisitorProfile>('visitor');
  }

  data(context: TurnContext): Promise<ConversationData> {
    return this.conversation.get(context, {});
  }

  profile(context: TurnContext): Promise<VisitorProfile> {
    return this.visitor.get(context, {});
  }

  /** The conversation's language: its choice, else the channel's locale, else the visitor's last choice. */
  async locale(context: TurnContext): Promise<Locale> {
    const data = await this.data(context);
    if (data.locale) return data.locale;
    if (context.activity.locale) return toProductLocale(context.activity.locale);
    return (await this.profile(context)).preferredLocale ?? toProductLocale(undefined);
  }

  /**
   * Sets the conversation's language and remembers it as the visitor's choice. The visitor's
   * profile is user state, a store read of its own: it is touched only when the language changes,
   * not on every message that keeps it.
   */
  async setLocale(context: TurnContext, locale: Locale): Promise<void> {
    const data = await this.data(context);
    if (data.locale === locale) return;
    data.locale = locale;
    (await this.profile(context)).preferredLocale = locale;
  }
}
