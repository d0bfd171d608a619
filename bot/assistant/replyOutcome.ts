import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import { toProductLocale } from '../i18n/i18n.js';

/**
 * What a reply is, for channels, analytics, reports and tests: every message the assistant sends
 * carries one in `channelData.outcome`, with the conversation's language in `channelData.locale`.
 */
export const REPLY_OUTCOMES = [
  /** The bilingual welcome. */
  'welcome',
  /** An article's short answer, and the "Was this helpful?" that follows it. */
  'answer',
  /** One passage of an article (a detail question, or a follow-up on the current topic). */
  'passage',
  /** A follow-up on the current topic that the article does not answer, with where to look. */
  'notInArticle',
  /** "Did you mean one of these?" */
  'clarify',
  /** No answer: ask again another way (and the closest topics, when there are some). */
  'fallback',
  /** An honest "I can't decide that for you" (eligibility, personal situations). */
  'eligibility',
  'smallTalk',
  'help',
  'restart',
  'cancel',
  /** The conversation's language changed (asked for, chosen, or noticed). */
  'languageSwitch',
  /** Thanks for an answer to "Was this helpful?". */
  'feedback',
  /** A case's status, its history, or why it could not be looked up. */
  'caseStatus',
  /** Asking for a receipt number, or explaining it (format, where it is printed, A-numbers). */
  'caseStatusPrompt',
  /** Offering a live agent, or the visitor declining one. */
  'agentOffer',
  /** The live-agent handoff speaking (already connected, a note about the chat). */
  'handoff',
  /** In line for a live agent. */
  'queued',
  /** No agent works now: when they are back and the other ways to get help. */
  'outOfHours',
  /** Agents work now but none can take the chat: the other ways to get help. */
  'noAgent',
  /** Leaving a message for an agent: the offer, each question, the summary, the confirmation. */
  'leaveMessage',
  /** A message the assistant cannot read (no text). */
  'onlyText',
  /** A warning not to share a Social Security number (sent by the channels, which hid it). */
  'privacyWarning',
  /** Something failed in the turn. */
  'error',
] as const;

export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

/** Marks a reply that forgot to say what it is; no reply should ever carry it (the tests check). */
export const UNLABELLED_OUTCOME = 'other';

const SENT_OUTCOMES = Symbol('sentOutcomes');

export function isReplyOutcome(value: unknown): value is ReplyOutcome {
  return typeof value === 'string' && (REPLY_OUTCOMES as readonly string[]).includes(value);
}

/** A message sent in this turn: what it is, and the article it came from (if any). */
export interface SentReply {
  outcome: ReplyOutcome;
  articleId: string | null;
}

/** The messages sent so far in this turn, in order. */
export function sentReplies(context: TurnContext): readonly SentReply[] {
  return context.turnState.get<SentReply[] | undefined>(SENT_OUTCOMES) ?? [];
}

/**
 * Makes every outgoing message say what it is: `channelData.outcome` as its sender set it (an
 * article reply without one is an `answer`, or a `passage` when `channelData.answer.passage` names
 * one), and `channelData.locale`. Remembers the turn's outcomes so the assistant can act on them
 * after the dialogs (analytics, the question a visitor may want to leave for an agent).
 */
export class ReplyOutcomeMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, sendNext) => {
      const sent = context.turnState.get<SentReply[] | undefined>(SENT_OUTCOMES) ?? [];
      context.turnState.set(SENT_OUTCOMES, sent);
      for (const activity of activities) {
        if (activity.type !== ActivityTypes.Message) continue;
        const channelData = asRecord(activity.channelData) ?? {};
        const outcome = isReplyOutcome(channelData.outcome)
          ? channelData.outcome
          : articleOutcome(channelData.answer);
        const locale: Locale | undefined = activity.locale ? toProductLocale(activity.locale) : undefined;
        activity.channelData = {
          ...channelData,
          outcome: outcome ?? UNLABELLED_OUTCOME,
          ...(locale ? { locale } : {}),
        };
        const answer = asRecord(channelData.answer);
        if (outcome)
          sent.push({ outcome, articleId: typeof answer?.articleId === 'string' ? answer.articleId : null });
      }
      return sendNext();
    });
    await next();
  }
}

function articleOutcome(answer: unknown): ReplyOutcome | undefined {
  const record = asRecord(answer);
  if (!record || typeof record.articleId !== 'string') return undefined;
  return record.passage === undefined || record.passage === null ? 'answer' : 'passage';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
