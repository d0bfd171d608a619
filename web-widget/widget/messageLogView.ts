import type { SuggestedAction, TypingState } from '../../contracts/visitorEvents.js';
import { isNearBottom } from '../shared/chatParts.js';
import { h } from '../shared/dom.js';
import type { ConversationLog, LogEntry } from './conversationLog.js';
import { isFeedbackValue } from './feedbackView.js';
import { renderMessage } from './messageView.js';
import { TypingIndicatorView } from './typingIndicatorView.js';
import type { WidgetContext } from './widgetContext.js';

/** What the visitor did with a message's buttons. */
export interface MessageLogActions {
  retry(entry: LogEntry): void;
  suggest(entry: LogEntry, action: SuggestedAction): void;
  feedback(entry: LogEntry, helpful: boolean): void;
  /** Any button in the log was pressed, or a focused one was redrawn away: focus goes back to the box. */
  focusComposer(): void;
}

/** Space left above a long answer's first line when it is scrolled to the top of the view. */
const ANCHOR_MARGIN_PX = 8;

/**
 * The conversation: a scrollable, focusable region with the messages in order, the typing
 * indicator after them, and a hint while it is empty. A new or changed message redraws only
 * itself (and the previous last one, whose reply buttons go); all of it is drawn again only after
 * a language switch or a new conversation.
 *
 * It follows new messages while the reader is at the end, and leaves the scroll alone while they
 * read further up. Following never scrolls past the start of the answer to the visitor's last
 * message (the "anchor"): a long answer, and the "Was this helpful?" after it, are shown from the
 * answer's first line, and the visitor scrolls on from there.
 */
export class MessageLogView {
  readonly element: HTMLDivElement;
  private readonly empty: HTMLParagraphElement;
  private readonly list: HTMLOListElement;
  private readonly typing: TypingIndicatorView;
  private readonly nodes = new Map<string, HTMLLIElement>();
  /** The visitor's "Was this helpful?" answers, by article. */
  private readonly feedback = new Map<string, boolean>();
  private lastId: string | null = null;
  /** The first reply (bot or agent) after the visitor's last message; null until one arrives. */
  private anchorId: string | null = null;
  /** Every entry placed so far: an ack or echo of a visitor message is not a new message. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly context: WidgetContext,
    private readonly log: ConversationLog,
    private readonly actions: MessageLogActions,
    /** Shown after the messages, before the typing indicator (the rating of a live chat). */
    tail: HTMLElement[] = [],
  ) {
    const { doc } = context;
    this.empty = h(doc, 'p', { class: 'va-empty' });
    this.list = h(doc, 'ol', { class: 'va-list' });
    this.typing = new TypingIndicatorView(context, () => this.scrollToEnd(true));
    // Scrollable, so focusable: keyboard users can scroll the conversation.
    this.element = h(
      doc,
      'div',
      { class: 'va-log', tabindex: 0, role: 'region' },
      this.empty,
      this.list,
      ...tail,
      this.typing.element,
    );
    this.list.addEventListener('click', (event) => this.onClick(event));
  }

  applyStrings(): void {
    const { t } = this.context;
    this.element.setAttribute('aria-label', t('log.label'));
    this.empty.textContent = t('log.empty');
  }

  /** Draws the whole conversation again (a language switch, a new conversation, the first draw). */
  renderAll(): void {
    this.nodes.clear();
    this.list.replaceChildren();
    const entries = this.log.entries();
    for (const entry of entries) {
      if (entry.role === 'visitor' && isFeedbackValue(entry.value))
        this.feedback.set(entry.value.articleId, entry.value.helpful);
    }
    entries.forEach((entry) => {
      const node = this.render(entry, entries);
      if (node) {
        this.nodes.set(entry.id, node);
        this.list.append(node);
      }
    });
    this.lastId = entries[entries.length - 1]?.id ?? null;
    this.anchorId = anchorOf(entries);
    this.seen.clear();
    for (const entry of entries) this.seen.add(entry.id);
    this.empty.hidden = this.nodes.size > 0;
    this.scrollToEnd();
  }

  /** An entry was added or changed. */
  show(entry: LogEntry): void {
    if (entry.role === 'visitor' && isFeedbackValue(entry.value)) {
      this.feedback.set(entry.value.articleId, entry.value.helpful);
      this.rerenderAnswers(entry.value.articleId);
    }
    if (entry.role !== 'visitor') this.typing.hide();
    this.place(entry);
  }

  /**
   * The visitor did something that is not a message but is answered like one (left the live
   * chat): what follows is read from the end, as after a message of theirs.
   */
  startExchange(): void {
    this.anchorId = null;
    this.scrollToEnd();
  }

  /** A new conversation: the feedback given in the old one no longer applies. */
  forgetFeedback(): void {
    this.feedback.clear();
  }

  showTyping(state: TypingState): void {
    this.typing.update(state);
  }

  /**
   * Scrolls to the end, but not past the anchor's first line. `force`: only if the reader is
   * already near the end (the typing indicator appearing).
   */
  scrollToEnd(force = false): void {
    const log = this.element;
    if (force && !isNearBottom(log)) return;
    const end = log.scrollHeight - log.clientHeight;
    const anchor = this.anchorId ? this.nodes.get(this.anchorId) : undefined;
    if (!anchor?.isConnected) {
      log.scrollTop = end;
      return;
    }
    const anchorTop = anchor.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
    log.scrollTop = Math.max(0, Math.min(end, anchorTop - ANCHOR_MARGIN_PX));
  }

  /** Draws one added or changed entry where it belongs, and redraws the previous last one (its buttons go). */
  private place(entry: LogEntry): void {
    const entries = this.log.entries();
    const newLast = entries[entries.length - 1]?.id ?? null;
    const previousLast = this.lastId;
    this.lastId = newLast;
    const nearBottom = isNearBottom(this.element);
    if (!this.seen.has(entry.id)) {
      this.seen.add(entry.id);
      // A new message of the visitor's starts a new exchange; its first reply is the next anchor.
      if (entry.role === 'visitor') this.anchorId = null;
      else if (this.anchorId === null && isReply(entry)) this.anchorId = entry.id;
    }
    this.redraw(entry, entries);
    if (previousLast && previousLast !== newLast && previousLast !== entry.id) {
      const previous = this.log.get(previousLast);
      if (previous) this.redraw(previous, entries);
    }
    this.empty.hidden = this.nodes.size > 0;
    if (nearBottom || entry.role === 'visitor') this.scrollToEnd();
  }

  private redraw(entry: LogEntry, entries: LogEntry[]): void {
    const old = this.nodes.get(entry.id);
    const node = this.render(entry, entries);
    const root = this.element.getRootNode() as Document | ShadowRoot;
    const hadFocus = old?.contains(root.activeElement) ?? false;
    if (!node) {
      old?.remove();
      this.nodes.delete(entry.id);
      return;
    }
    this.nodes.set(entry.id, node);
    // Insert before the next entry (in display order) that is already drawn.
    const index = entries.findIndex((item) => item.id === entry.id);
    let before: Node | null = null;
    for (const next of entries.slice(index + 1)) {
      const drawn = this.nodes.get(next.id);
      if (drawn && drawn !== old) {
        before = drawn;
        break;
      }
    }
    if (old && old.nextSibling === before) old.replaceWith(node);
    else {
      old?.remove();
      this.list.insertBefore(node, before);
    }
    if (hadFocus) this.actions.focusComposer();
  }

  /** `entries`: the whole log in display order (who comes next decides the buttons shown). */
  private render(entry: LogEntry, entries: LogEntry[]): HTMLLIElement | null {
    const position = entries.findIndex((item) => item.id === entry.id);
    const next = entries[position + 1];
    const isLast = position === entries.length - 1;
    const sameAnswerFollows =
      next !== undefined && next.role === 'bot' && next.answer?.articleId === entry.answer?.articleId;
    const { doc, t, locale, renderer, timeFormat } = this.context;
    return renderMessage(entry, {
      showFeedback: entry.role === 'bot' && entry.answer !== null && !sameAnswerFollows,
      doc,
      t,
      uiLocale: locale,
      renderer,
      timeFormat,
      isLast,
      feedbackFor: (articleId) => this.feedback.get(articleId),
    });
  }

  private rerenderAnswers(articleId: string): void {
    const entries = this.log.entries();
    for (const entry of entries) {
      if (entry.answer?.articleId === articleId) this.redraw(entry, entries);
    }
  }

  private onClick(event: Event): void {
    const button = (event.target as Element | null)?.closest('button[data-act]');
    const item = button?.closest('li[data-id]');
    const id = item?.getAttribute('data-id');
    const entry = id ? this.log.get(id) : undefined;
    if (!button || !entry) return;
    const act = button.getAttribute('data-act');
    if (act === 'retry') {
      this.actions.retry(entry);
    } else if (act === 'suggest') {
      const action = entry.suggestedActions[Number(button.getAttribute('data-index'))];
      if (action) this.actions.suggest(entry, action);
    } else if (act === 'feedback' && entry.answer) {
      this.actions.feedback(entry, button.getAttribute('data-helpful') === 'true');
    }
    this.actions.focusComposer();
  }
}

/** A bot answer or an agent's message: what a visitor reads from its first line. */
function isReply(entry: LogEntry): boolean {
  return entry.role === 'bot' || entry.role === 'agent';
}

/** The first reply after the visitor's last message (or the first reply of all, before any). */
function anchorOf(entries: readonly LogEntry[]): string | null {
  let lastVisitor = -1;
  entries.forEach((entry, index) => {
    if (entry.role === 'visitor') lastVisitor = index;
  });
  return entries.slice(lastVisitor + 1).find(isReply)?.id ?? null;
}
