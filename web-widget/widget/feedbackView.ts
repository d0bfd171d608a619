import type { SuggestedAction } from '../../contracts/visitorEvents.js';
import { h } from '../shared/dom.js';
import type { Translate } from './widgetStrings.js';

/**
 * "Was this helpful? Yes / No" under an answer, or what the visitor answered once they did. The buttons carry
 * `data-act="feedback"` for the message log's one click listener.
 */
export function renderFeedback(
  doc: Document,
  t: Translate,
  options: {
    entryId: string;
    /** The bubble's id: when the bot's own message asks the question, it labels the buttons. */
    bubbleId: string;
    botAsked: boolean;
    /** The visitor's answer, if given. */
    given: boolean | undefined;
  },
): HTMLElement {
  // What the visitor answered; the thanks is the assistant's reply (one thanks, not two).
  if (options.given !== undefined)
    return h(
      doc,
      'p',
      { class: 'va-feedback-done' },
      t('feedback.given', { answer: t(options.given ? 'feedback.yes' : 'feedback.no') }),
    );
  const labelId = options.botAsked ? options.bubbleId : `va-fb-${options.entryId}`;
  return h(
    doc,
    'div',
    { class: 'va-feedback', role: 'group', 'aria-labelledby': labelId },
    !options.botAsked && h(doc, 'span', { id: labelId }, t('feedback.question')),
    h(doc, 'button', { type: 'button', 'data-act': 'feedback', 'data-helpful': 'true' }, t('feedback.yes')),
    h(doc, 'button', { type: 'button', 'data-act': 'feedback', 'data-helpful': 'false' }, t('feedback.no')),
  );
}

/** A suggested action whose value is feedback: drawn as the feedback group above, not as a reply button. */
export function isFeedbackAction(action: SuggestedAction): boolean {
  const value = action.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.type === 'feedback';
}

/** A visitor message's value that is a "Was this helpful?" answer. */
export function isFeedbackValue(
  value: unknown,
): value is { type: 'feedback'; articleId: string; helpful: boolean } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'feedback' &&
    typeof (value as { articleId?: unknown }).articleId === 'string' &&
    typeof (value as { helpful?: unknown }).helpful === 'boolean'
  );
}
