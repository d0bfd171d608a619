import type { Locale, SuggestedAction } from '../protocol/events.js';
import type { MarkdownRenderer } from '../shared/renderMarkdown.js';
import type { LogEntry } from './conversationLog.js';
import { h } from '../shared/dom.js';
import type { Translate } from './widgetStrings.js';

export interface MessageViewContext {
  doc: Document;
  t: Translate;
  uiLocale: Locale;
  renderer: MarkdownRenderer;
  timeFormat: Intl.DateTimeFormat;
  /** Only the newest message keeps its suggested replies, as in Web Chat. */
  isLast: boolean;
  /**
   * Show "Was this helpful?" here: on the last of the bot's messages about one article (an
   * answer and its follow-up prompt get one set of buttons, not two).
   */
  showFeedback: boolean;
  /** The visitor's answer to "Was this helpful?" for an article, if given. */
  feedbackFor(articleId: string): boolean | undefined;
}

export function senderName(entry: LogEntry, t: Translate): string {
  switch (entry.role) {
    case 'visitor':
      return t('sender.visitor');
    case 'agent':
      return entry.agentName ? t('sender.agentNamed', { name: entry.agentName }) : t('sender.agent');
    case 'system':
      return t('sender.system');
    default:
      return t('sender.bot');
  }
}

/**
 * One message as a list item. Buttons carry `data-act` and are handled by one listener on the
 * list. Returns null for messages with nothing to show (a feedback click, a button's value).
 */
export function renderMessage(entry: LogEntry, context: MessageViewContext): HTMLLIElement | null {
  const { doc, t } = context;
  if (entry.role === 'visitor' && entry.text.trim() === '') return null;
  const bubbleId = `va-text-${entry.id}`;
  const bubble = h(doc, 'div', { class: 'va-bubble', id: bubbleId, lang: entry.locale ?? context.uiLocale });
  if (entry.textFormat === 'markdown') bubble.innerHTML = context.renderer.render(entry.text);
  else bubble.textContent = entry.text;

  const time = h(doc, 'time', { datetime: entry.at }, formatTime(entry.at, context.timeFormat));
  const meta = h(doc, 'div', { class: 'va-meta' }, time);
  if (entry.delivery) {
    const failed = entry.delivery === 'failed';
    meta.append(
      h(
        doc,
        'span',
        { class: failed ? 'va-delivery va-delivery-failed' : 'va-delivery' },
        t(`delivery.${entry.delivery}`),
        failed && entry.failure ? `: ${entry.failure}` : '',
      ),
    );
    if (failed)
      meta.append(
        h(doc, 'button', { type: 'button', class: 'va-retry', 'data-act': 'retry' }, t('delivery.retry')),
      );
  }

  const item = h(
    doc,
    'li',
    { class: `va-msg va-msg-${entry.role}`, 'data-id': entry.id },
    h(doc, 'div', { class: 'va-sender' }, senderName(entry, t)),
    bubble,
    meta,
  );

  if (context.showFeedback && entry.answer) {
    const given = context.feedbackFor(entry.answer.articleId);
    // When the bot's own message already asks "Was this helpful?", the buttons are labelled by it.
    const botAsked = entry.suggestedActions.some(isFeedbackAction);
    const labelId = botAsked ? bubbleId : `va-fb-${entry.id}`;
    item.append(
      given === undefined
        ? h(
            doc,
            'div',
            { class: 'va-feedback', role: 'group', 'aria-labelledby': labelId },
            !botAsked && h(doc, 'span', { id: labelId }, t('feedback.question')),
            h(
              doc,
              'button',
              { type: 'button', 'data-act': 'feedback', 'data-helpful': 'true' },
              t('feedback.yes'),
            ),
            h(
              doc,
              'button',
              { type: 'button', 'data-act': 'feedback', 'data-helpful': 'false' },
              t('feedback.no'),
            ),
          )
        : h(doc, 'p', { class: 'va-feedback-done' }, t('feedback.thanks')),
    );
  }

  // Feedback buttons among the bot's suggested actions are drawn as the widget's own feedback
  // group above (one per answer, kept after the next message); the others as reply buttons.
  const actions = entry.suggestedActions
    .map((action, index) => ({ action, index }))
    .filter(({ action }) => !isFeedbackAction(action));
  if (context.isLast && entry.role !== 'visitor' && actions.length > 0) {
    const group = h(doc, 'div', { class: 'va-actions', role: 'group', 'aria-label': t('actions.label') });
    for (const { action, index } of actions) {
      group.append(
        h(
          doc,
          'button',
          { type: 'button', 'data-act': 'suggest', 'data-index': index, lang: entry.locale ?? undefined },
          action.title,
        ),
      );
    }
    item.append(group);
  }
  return item;
}

function isFeedbackAction(action: SuggestedAction): boolean {
  const value = action.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.type === 'feedback';
}

function formatTime(iso: string, format: Intl.DateTimeFormat): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}
