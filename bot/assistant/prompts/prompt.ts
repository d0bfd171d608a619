import type { Locale } from '../../../contracts/locale.js';
import type { ActionValue } from '../actionValues.js';
import type { KeywordList } from '../phrasebook.js';
import type { ReplyOutcome } from '../replyOutcome.js';

/**
 * A value to put into a prompt's text: as it is, a resource key said in the prompt's language, or
 * one text per language (a date in words).
 */
export type PromptValue = string | number | { key: string } | { byLocale: Record<Locale, string> };

/** Text from the resources: a key and its values. */
export interface PromptText {
  key: string;
  values?: Record<string, PromptValue>;
}

/**
 * One answer a prompt accepts. It is a button when it has a label; a typed reply picks it by its
 * label (in either language), by one of its phrase lists, or by its number when it is numbered.
 * Either way the turn then carries the choice's `value`, exactly as if its button had been clicked.
 */
export interface PromptChoice {
  /** The button's title: a resource key, or an article's title; none for a typed-only answer. */
  label?: { key: string } | { articleId: string };
  value: ActionValue;
  /** Keyword lists that say this answer, possibly with polite words around them ("yes please"). */
  phrases?: readonly KeywordList[];
  /** Words allowed around `phrases` besides the polite ones ("change the name": `editFiller`). */
  filler?: readonly KeywordList[];
  /** Can be picked as "2", "the second one", "la segunda" (its place among the numbered choices). */
  numbered?: boolean;
}

/**
 * A question the assistant asks and waits for (kept in conversation state while it waits), so
 * that any reply, clicked or typed, in either language, is read the same way (`ReplyReader`), and
 * the question can be asked again in another language after a switch.
 */
export interface Prompt {
  /** Paragraphs before the question (a summary, an explanation). */
  lead?: PromptText[];
  question: PromptText;
  choices: PromptChoice[];
  outcome: ReplyOutcome;
  /**
   * `choice`: the reply should be one of the choices, anything else is a new message. `text`: the
   * assistant waits for free text (a name, a question), so the language of the reply says nothing.
   */
  expects: 'choice' | 'text';
}
