import type { Locale } from '../../contracts/locale.js';
import type { MarkdownRenderer } from '../shared/renderMarkdown.js';
import { fillBubble } from '../shared/chatParts.js';
import { h } from '../shared/dom.js';
import { formatTime } from '../shared/timeFormat.js';
import type { LogEntry } from './conversationLog.js';
import { isFeedbackAction, renderFeedback } from './feedbackView.js';
import { renderSuggestedActions } from './suggestedActionsView.js';
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

export function senderName(entry: Pick<LogEntry, 'role' | 'agentName'>, t: Translate): string {
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
  fillBubble(bubble, entry.text, entry.textFormat, context.renderer);

  const item = h(
    doc,
    'li',
    { class: `va-msg va-msg-${entry.role}`, 'data-id': entry.id },
    h(doc, 'div', { class: 'va-sender' }, senderName(entry, t)),
    bubble,
    renderMeta(entry, context),
  );

  if (context.showFeedback && entry.answer) {
    item.append(
      renderFeedback(doc, t, {
        entryId: entry.id,
        bubbleId,
        botAsked: entry.suggestedActions.some(isFeedbackAction),
        given: context.feedbackFor(entry.answer.articleId),
      }),
    );
  }
  if (context.isLast && entry.role !== 'visitor') {
    const actions = renderSuggestedActions(doc, t, entry.suggestedActions, entry.locale);
    if (actions) item.append(actions);
  }
  return item;
}

/** The time, and for the visitor's own messages whether they went (with Retry when they did not). */
function renderMeta(entry: LogEntry, context: MessageViewContext): HTMLElement {
  const { doc, t } = context;
  const meta = h(
    doc,
    'div',
    { class: 'va-meta' },
    h(doc, 'time', { datetime: entry.at }, formatTime(entry.at, context.timeFormat)),
  );
  if (!entry.delivery) return meta;
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
  return meta;
}
