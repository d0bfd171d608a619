import type { HandoffStatus, Locale, TypingState } from '../protocol/events.js';
import { createMarkdownRenderer, type MarkdownRenderer } from '../shared/renderMarkdown.js';
import { ChatConnection, type ConnectionListener, type ConnectionStatus } from './chatConnection.js';
import type { LogEntry } from './conversationLog.js';
import { announce, h, svgElement } from '../shared/dom.js';
import { renderMessage, senderName } from './messageView.js';
import { TypingSignal } from './typingSignal.js';
import { WIDGET_CSS } from './widgetStyles.js';
import { createWidgetStrings, type Translate } from './widgetStrings.js';
import type { WidgetStorage } from './widgetStorage.js';

export interface ChatWidgetOptions {
  serverOrigin: string;
  locale: Locale;
  storage: WidgetStorage;
  win: Window & typeof globalThis;
}

/** Used until the server says otherwise in its `session` event. */
const DEFAULT_MAX_LENGTH = 1000;
/** The server already waits before saying a turn is slow; this only smooths a "typing" that ends at once. */
const TYPING_DELAY_MS = 100;
const TYPING_MAX_MS = 20_000;

/** The launcher's speech-bubble icon (decorative: the button's text names it). */
const CHAT_ICON_PATH =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z';

interface Elements {
  root: HTMLDivElement;
  launcher: HTMLButtonElement;
  launcherText: HTMLSpanElement;
  badge: HTMLSpanElement;
  panel: HTMLElement;
  title: HTMLHeadingElement;
  languageButton: HTMLButtonElement;
  closeButton: HTMLButtonElement;
  closeText: HTMLSpanElement;
  notice: HTMLParagraphElement;
  banner: HTMLParagraphElement;
  log: HTMLDivElement;
  empty: HTMLParagraphElement;
  list: HTMLOListElement;
  typing: HTMLParagraphElement;
  typingText: HTMLSpanElement;
  form: HTMLFormElement;
  label: HTMLLabelElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  counter: HTMLParagraphElement;
  live: HTMLDivElement;
}

/**
 * The visitor widget: a launcher button and a chat panel in a shadow root. Keyboard and screen
 * reader first: the panel is a labelled dialog (non-modal, the page stays usable), opening moves
 * focus to the message box and closing (button or Escape) back to the launcher, new messages
 * from the assistant are announced through a polite live region, every control has a label, and
 * each message carries the `lang` of the language it is written in.
 */
export class ChatWidget implements ConnectionListener {
  private readonly doc: Document;
  private readonly shadow: ShadowRoot;
  private readonly el: Elements;
  private readonly strings: { t: (locale: Locale) => Translate };
  private readonly renderer: MarkdownRenderer;
  private readonly connection: ChatConnection;
  private readonly nodes = new Map<string, HTMLLIElement>();
  private readonly feedback = new Map<string, boolean>();
  private locale: Locale;
  private t: Translate;
  private timeFormat: Intl.DateTimeFormat;
  private maxLength = DEFAULT_MAX_LENGTH;
  private unread = 0;
  private lastId: string | null = null;
  private typingShow: ReturnType<typeof setTimeout> | undefined;
  private typingHide: ReturnType<typeof setTimeout> | undefined;
  private handoffLine: HTMLParagraphElement | null = null;
  /** The live-agent chat as last heard of: the status line is drawn from it again in another language. */
  private handoffStatus: HandoffStatus | null = null;
  /** Tells the agent the visitor is typing, only while an agent has the chat. */
  private readonly typingSignal: TypingSignal;

  constructor(
    host: HTMLElement,
    private readonly options: ChatWidgetOptions,
  ) {
    this.doc = host.ownerDocument;
    this.locale = options.locale;
    this.strings = createWidgetStrings();
    this.t = this.strings.t(this.locale);
    this.timeFormat = timeFormat(this.locale);
    this.renderer = createMarkdownRenderer(options.win);
    this.shadow = host.attachShadow({ mode: 'open' });
    this.el = this.build();
    this.applyStyles();
    this.shadow.append(this.el.root);
    this.applyStrings();
    this.connection = new ChatConnection({
      serverOrigin: options.serverOrigin,
      storage: options.storage,
      locale: () => this.locale,
      listener: this,
      win: options.win,
    });
    this.typingSignal = new TypingSignal((active) => this.connection.setTyping(active));
    this.renderAll();
    if (this.connection.hasConversation) this.connection.start();
    if (options.storage.get('open') === '1') this.open({ focus: false });
  }

  open({ focus = true }: { focus?: boolean } = {}): void {
    this.el.panel.hidden = false;
    this.el.launcher.setAttribute('aria-expanded', 'true');
    this.options.storage.set('open', '1');
    this.unread = 0;
    this.updateBadge();
    this.connection.start();
    this.scrollToEnd();
    if (focus) this.el.input.focus();
  }

  close(): void {
    this.el.panel.hidden = true;
    this.el.launcher.setAttribute('aria-expanded', 'false');
    this.options.storage.set('open', '0');
    this.el.launcher.focus();
  }

  get isOpen(): boolean {
    return !this.el.panel.hidden;
  }

  // ConnectionListener -------------------------------------------------------------------------

  status(status: ConnectionStatus, detail: string | null): void {
    const text =
      status === 'offline'
        ? this.t('status.offline')
        : status === 'reconnecting'
          ? this.t('status.reconnecting')
          : status === 'unavailable'
            ? (detail ?? this.t('status.unavailable'))
            : '';
    // Announced through the live region: a region that appears (display: none → shown) with its
    // text is not reliably read out.
    if (text !== '' && text !== this.el.banner.textContent && this.isOpen) this.announce(text);
    this.el.banner.textContent = text;
    this.el.banner.hidden = text === '';
    this.el.root.dataset.status = status;
  }

  entry(entry: LogEntry, live: boolean): void {
    if (entry.role === 'visitor' && isFeedback(entry.value)) {
      this.feedback.set(entry.value.articleId, entry.value.helpful);
      this.rerenderAnswers(entry.value.articleId);
    }
    if (entry.role !== 'visitor') this.hideTyping();
    this.place(entry);
    if (live && entry.role !== 'visitor') {
      const text = this.plainText(entry);
      if (this.isOpen) this.announce(this.t('announce.message', { sender: senderName(entry, this.t), text }));
      else {
        this.unread += 1;
        this.updateBadge();
        this.announce(this.t('launcher.unread', { count: this.unread }));
      }
    }
    if (live && entry.delivery === 'failed') {
      this.announce(this.t('announce.failed', { reason: entry.failure ?? '' }));
    }
  }

  reset(): void {
    // A new conversation has no live-agent chat (the server says so again if it had one).
    this.handoffStatus = null;
    this.typingSignal.stop();
    this.renderHandoffLine({ announce: false });
    this.feedback.clear();
    this.renderAll();
  }

  typing(state: TypingState): void {
    if (!state.active) {
      this.hideTyping();
      return;
    }
    clearTimeout(this.typingShow);
    this.el.typingText.textContent = this.t(state.role === 'agent' ? 'typing.agent' : 'typing.bot');
    this.typingShow = setTimeout(() => {
      this.el.typing.hidden = false;
      this.scrollToEnd(true);
    }, TYPING_DELAY_MS);
    clearTimeout(this.typingHide);
    this.typingHide = setTimeout(() => this.hideTyping(), TYPING_MAX_MS);
  }

  /**
   * The live-agent status line under the connection banner: the place in line (updated as the
   * queue moves) or the agent's name; gone once the chat with the agent ends. Position changes are
   * announced; joins and ends are announced as the notices in the conversation.
   */
  handoff(status: HandoffStatus): void {
    this.handoffStatus = status;
    if (status.state !== 'assigned') this.typingSignal.stop();
    this.renderHandoffLine({ announce: true });
  }

  private renderHandoffLine({ announce }: { announce: boolean }): void {
    const status = this.handoffStatus;
    if (!status && !this.handoffLine) return;
    if (!this.handoffLine) {
      this.handoffLine = h(this.doc, 'p', { class: 'va-banner va-handoff', hidden: true });
      this.el.banner.after(this.handoffLine);
    }
    const line = this.handoffLine;
    const text =
      status?.state === 'queued' && status.position !== null
        ? [
            this.t('handoff.queued', { position: status.position }),
            status.estimatedWaitMinutes === null
              ? ''
              : this.t('handoff.estimate', { count: status.estimatedWaitMinutes }),
          ]
            .filter(Boolean)
            .join(' ')
        : status?.state === 'assigned'
          ? this.t('handoff.assigned', { agent: status.agentName ?? this.t('sender.agent') })
          : '';
    if (announce && status?.state === 'queued' && text !== line.textContent && this.isOpen) {
      this.announce(text);
    }
    line.textContent = text;
    line.hidden = text === '';
  }

  maxMessageLength(max: number): void {
    this.maxLength = max;
    this.el.input.maxLength = max;
    this.updateCounter();
  }

  // Building ----------------------------------------------------------------------------------

  private build(): Elements {
    const doc = this.doc;
    const launcherText = h(doc, 'span', {});
    const badge = h(doc, 'span', { class: 'va-badge', hidden: true });
    const icon = svgElement(
      doc,
      'svg',
      { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
      svgElement(doc, 'path', { fill: 'currentColor', d: CHAT_ICON_PATH }),
    );
    const launcher = h(
      doc,
      'button',
      { type: 'button', class: 'va-launcher', 'aria-expanded': 'false', 'aria-controls': 'va-panel' },
      icon,
      launcherText,
      badge,
    );

    const title = h(doc, 'h2', { class: 'va-title', id: 'va-title' });
    const languageButton = h(doc, 'button', { type: 'button', class: 'va-lang' });
    const closeText = h(doc, 'span', { class: 'va-sr' });
    const closeButton = h(
      doc,
      'button',
      { type: 'button', class: 'va-close' },
      h(doc, 'span', { 'aria-hidden': 'true' }, '×'),
      closeText,
    );
    const notice = h(doc, 'p', { class: 'va-notice', id: 'va-notice' });
    const banner = h(doc, 'p', { class: 'va-banner', hidden: true });
    const empty = h(doc, 'p', { class: 'va-empty' });
    const list = h(doc, 'ol', { class: 'va-list' });
    const typingText = h(doc, 'span', {});
    const typing = h(
      doc,
      'p',
      { class: 'va-typing', hidden: true },
      h(
        doc,
        'span',
        { class: 'va-dots', 'aria-hidden': 'true' },
        h(doc, 'span'),
        h(doc, 'span'),
        h(doc, 'span'),
      ),
      typingText,
    );
    // Scrollable, so focusable: keyboard users can scroll the conversation.
    const log = h(doc, 'div', { class: 'va-log', tabindex: 0, role: 'region' }, empty, list, typing);
    const label = h(doc, 'label', { class: 'va-sr', for: 'va-input' });
    const input = h(doc, 'textarea', {
      class: 'va-input',
      id: 'va-input',
      rows: 1,
      maxlength: this.maxLength,
    });
    const send = h(doc, 'button', { type: 'submit', class: 'va-send' });
    const counter = h(doc, 'p', { class: 'va-counter', id: 'va-counter', hidden: true });
    const form = h(doc, 'form', { class: 'va-composer', novalidate: true }, label, input, send, counter);
    const panel = h(
      doc,
      'section',
      {
        class: 'va-panel',
        id: 'va-panel',
        role: 'dialog',
        'aria-labelledby': 'va-title',
        'aria-describedby': 'va-notice',
        hidden: true,
      },
      h(doc, 'div', { class: 'va-header' }, title, languageButton, closeButton),
      notice,
      banner,
      log,
      form,
    );
    const live = h(doc, 'div', { class: 'va-sr', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    const root = h(doc, 'div', { class: 'va-root' }, panel, launcher, live);

    launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    closeButton.addEventListener('click', () => this.close());
    languageButton.addEventListener('click', () => this.switchLanguage());
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    input.addEventListener('input', () => {
      this.updateCounter();
      this.autoGrow();
      // Only an agent is shown the visitor typing: the bot has nothing to do with it.
      if (this.handoffStatus?.state === 'assigned') this.typingSignal.input(input.value.trim() !== '');
    });
    list.addEventListener('click', (event) => this.onListClick(event));

    return {
      root,
      launcher,
      launcherText,
      badge,
      panel,
      title,
      languageButton,
      closeButton,
      closeText,
      notice,
      banner,
      log,
      empty,
      list,
      typing,
      typingText,
      form,
      label,
      input,
      send,
      counter,
      live,
    };
  }

  private applyStyles(): void {
    // A constructed sheet is not an inline <style>, so a host page's strict CSP does not block it.
    const win = this.options.win;
    if ('adoptedStyleSheets' in this.shadow && typeof win.CSSStyleSheet === 'function') {
      try {
        const sheet = new win.CSSStyleSheet();
        sheet.replaceSync(WIDGET_CSS);
        this.shadow.adoptedStyleSheets = [sheet];
        return;
      } catch {
        // Older engines: fall back to a style element.
      }
    }
    this.shadow.append(h(this.doc, 'style', {}, WIDGET_CSS));
  }

  /** Every label from the locale files, in the current language. */
  private applyStrings(): void {
    const { t, el } = this;
    el.root.lang = this.locale;
    el.launcherText.textContent = t('launcher.open');
    el.title.textContent = t('panel.title');
    el.languageButton.textContent = t('panel.otherLanguage');
    el.languageButton.lang = t('panel.otherLanguageCode');
    el.languageButton.title = t('panel.otherLanguageHint');
    el.closeText.textContent = t('panel.close');
    el.notice.textContent = t('panel.notice');
    el.log.setAttribute('aria-label', t('log.label'));
    el.empty.textContent = t('log.empty');
    el.label.textContent = t('composer.label');
    el.input.placeholder = t('composer.placeholder');
    el.send.textContent = t('composer.send');
    this.status(this.connection?.status ?? 'idle', null);
    this.renderHandoffLine({ announce: false });
    this.updateBadge();
    this.updateCounter();
  }

  private switchLanguage({ focusToggle = true }: { focusToggle?: boolean } = {}): void {
    this.locale = this.locale === 'en' ? 'es' : 'en';
    this.t = this.strings.t(this.locale);
    this.timeFormat = timeFormat(this.locale);
    this.connection.setLocale(this.locale);
    this.applyStrings();
    this.renderAll();
    if (focusToggle) this.el.languageButton.focus();
  }

  // Messages ----------------------------------------------------------------------------------

  private renderAll(): void {
    this.nodes.clear();
    this.el.list.replaceChildren();
    const entries = this.connection.log.entries();
    for (const entry of entries) {
      if (entry.role === 'visitor' && isFeedback(entry.value))
        this.feedback.set(entry.value.articleId, entry.value.helpful);
    }
    entries.forEach((entry) => {
      const node = this.render(entry, entries);
      if (node) {
        this.nodes.set(entry.id, node);
        this.el.list.append(node);
      }
    });
    this.lastId = entries[entries.length - 1]?.id ?? null;
    this.el.empty.hidden = this.nodes.size > 0;
    this.scrollToEnd();
  }

  /** Draws one added or changed entry where it belongs, and redraws the previous last one (its buttons go). */
  private place(entry: LogEntry): void {
    const entries = this.connection.log.entries();
    const newLast = entries[entries.length - 1]?.id ?? null;
    const previousLast = this.lastId;
    this.lastId = newLast;
    const nearBottom = this.isNearBottom();
    this.redraw(entry, entries);
    if (previousLast && previousLast !== newLast && previousLast !== entry.id) {
      const previous = this.connection.log.get(previousLast);
      if (previous) this.redraw(previous, entries);
    }
    this.el.empty.hidden = this.nodes.size > 0;
    if (nearBottom || entry.role === 'visitor') this.scrollToEnd();
  }

  private redraw(entry: LogEntry, entries: LogEntry[]): void {
    const old = this.nodes.get(entry.id);
    const node = this.render(entry, entries);
    const hadFocus = old?.contains(this.shadow.activeElement) ?? false;
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
      this.el.list.insertBefore(node, before);
    }
    if (hadFocus) this.el.input.focus();
  }

  /** `entries`: the whole log in display order (who comes next decides the buttons shown). */
  private render(entry: LogEntry, entries: LogEntry[]): HTMLLIElement | null {
    const position = entries.findIndex((item) => item.id === entry.id);
    const next = entries[position + 1];
    const isLast = position === entries.length - 1;
    const sameAnswerFollows =
      next !== undefined && next.role === 'bot' && next.answer?.articleId === entry.answer?.articleId;
    return renderMessage(entry, {
      showFeedback: entry.role === 'bot' && entry.answer !== null && !sameAnswerFollows,
      doc: this.doc,
      t: this.t,
      uiLocale: this.locale,
      renderer: this.renderer,
      timeFormat: this.timeFormat,
      isLast,
      feedbackFor: (articleId) => this.feedback.get(articleId),
    });
  }

  private rerenderAnswers(articleId: string): void {
    const entries = this.connection.log.entries();
    for (const entry of entries) {
      if (entry.answer?.articleId === articleId) this.redraw(entry, entries);
    }
  }

  private onListClick(event: Event): void {
    const button = (event.target as Element | null)?.closest('button[data-act]');
    const item = button?.closest('li[data-id]');
    const id = item?.getAttribute('data-id');
    const entry = id ? this.connection.log.get(id) : undefined;
    if (!button || !entry) return;
    const act = button.getAttribute('data-act');
    if (act === 'retry') {
      this.connection.retry(entry.id);
    } else if (act === 'suggest') {
      const action = entry.suggestedActions[Number(button.getAttribute('data-index'))];
      // The bot's own "English / Español" buttons switch the widget's labels too.
      const language = languageOf(action?.value);
      if (language && language !== this.locale) this.switchLanguage({ focusToggle: false });
      if (action) this.connection.send(action.text ?? '', action.value ?? undefined);
    } else if (act === 'feedback' && entry.answer) {
      const helpful = button.getAttribute('data-helpful') === 'true';
      const { articleId, locale } = entry.answer;
      this.connection.send('', { type: 'feedback', articleId, locale, helpful });
      this.announce(this.t('feedback.thanks'));
    }
    this.el.input.focus();
  }

  private submit(): void {
    const text = this.el.input.value;
    if (text.trim() === '') return;
    if (text.length > this.maxLength) {
      this.updateCounter();
      this.announce(this.t('composer.tooLong', { max: this.maxLength }));
      return;
    }
    this.typingSignal.stop();
    this.connection.send(text);
    this.el.input.value = '';
    this.updateCounter();
    this.autoGrow();
    this.el.input.focus();
  }

  // Small views -------------------------------------------------------------------------------

  private announce(text: string): void {
    announce(this.el.live, text);
  }

  private plainText(entry: LogEntry): string {
    if (entry.textFormat !== 'markdown') return entry.text;
    const scratch = this.doc.createElement('div');
    scratch.innerHTML = this.renderer.render(entry.text);
    return (scratch.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  private hideTyping(): void {
    clearTimeout(this.typingShow);
    clearTimeout(this.typingHide);
    this.el.typing.hidden = true;
  }

  private updateBadge(): void {
    const { badge } = this.el;
    badge.hidden = this.unread === 0;
    badge.replaceChildren(
      h(this.doc, 'span', { 'aria-hidden': 'true' }, String(this.unread)),
      h(this.doc, 'span', { class: 'va-sr' }, this.t('launcher.unread', { count: this.unread })),
    );
  }

  private updateCounter(): void {
    const length = this.el.input.value.length;
    const { counter, input } = this.el;
    // Shown near the limit only, so it is not read out on every focus of an empty box.
    const show = length >= this.maxLength * 0.8;
    counter.hidden = !show;
    counter.textContent = this.t('composer.counter', { count: length, max: this.maxLength });
    counter.classList.toggle('va-counter-over', length > this.maxLength);
    if (show) input.setAttribute('aria-describedby', 'va-counter');
    else input.removeAttribute('aria-describedby');
  }

  private autoGrow(): void {
    const { input } = this.el;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`;
  }

  private isNearBottom(): boolean {
    const { log } = this.el;
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  private scrollToEnd(force = false): void {
    const { log } = this.el;
    if (force && !this.isNearBottom()) return;
    log.scrollTop = log.scrollHeight;
  }
}

function timeFormat(locale: Locale): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { hour: 'numeric', minute: '2-digit' });
}

function languageOf(value: unknown): Locale | null {
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'language')
    return null;
  const locale = (value as { locale?: unknown }).locale;
  return locale === 'en' || locale === 'es' ? locale : null;
}

function isFeedback(value: unknown): value is { type: 'feedback'; articleId: string; helpful: boolean } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'feedback' &&
    typeof (value as { articleId?: unknown }).articleId === 'string' &&
    typeof (value as { helpful?: unknown }).helpful === 'boolean'
  );
}
