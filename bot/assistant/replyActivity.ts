import { ActionTypes, ActivityTypes, TextFormatTypes, type Activity, type CardAction } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { ActionValue } from './actionValues.js';
import type { ReplyOutcome } from './replyOutcome.js';

/** What every reply carries in `channelData.answer` when it comes from an article. */
export interface AnswerChannelData {
  articleId: string;
  locale: Locale;
  score: number;
  /** Which passage of the article's body answered (its index), or null for the short answer. */
  passage: number | null;
}

/**
 * A Markdown message in the conversation's language, optionally with buttons. `outcome` says what
 * the reply is (replyOutcome.ts); article replies may leave it out (they are answers).
 */
export function textReply(
  locale: Locale,
  text: string,
  options: { actions?: CardAction[]; answer?: AnswerChannelData | null; outcome?: ReplyOutcome } = {},
): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: locale === 'es' ? spanishClockTimes(text) : text,
    textFormat: TextFormatTypes.Markdown,
    locale,
    channelData: { answer: options.answer ?? null, ...(options.outcome ? { outcome: options.outcome } : {}) },
  };
  if (options.actions && options.actions.length > 0)
    activity.suggestedActions = { actions: options.actions, to: [] };
  return activity;
}

/**
 * Spanish replies write times one way, "8 a. m." (as the business hours do), whoever wrote the
 * text: articles written with "8 a.m." or "8am" are shown the same way.
 */
function spanishClockTimes(text: string): string {
  return text.replace(
    /(\d)\s?([ap])\.?\s?m\.?(?![\p{L}])/giu,
    (_match, digit: string, letter: string) => `${digit} ${letter.toLowerCase()}. m.`,
  );
}

/**
 * A button that sends a typed value (and shows `title` as what the visitor said). `messageBack`
 * carries both: channels that only read text get `title`, the assistant reads the value.
 */
export function valueAction(title: string, value: ActionValue): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/** A button that simply sends its title as the visitor's message. */
export function textAction(title: string): CardAction {
  return { type: ActionTypes.ImBack, title, value: title };
}
