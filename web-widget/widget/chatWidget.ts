import type { Locale } from '../../contracts/locale.js';
import type { HandoffStatus, TypingState } from '../../contracts/visitorEvents.js';
import { createMarkdownRenderer, type MarkdownRenderer } from '../shared/renderMarkdown.js';
import { announce, h, liveRegion } from '../shared/dom.js';
import { ChatConnection, type ConnectionListener, type ConnectionStatus } from './chatConnection.js';
import { ComposerView } from './composerView.js';
import { ConnectionBannerView } from './connectionBannerView.js';
import type { LogEntry } from './conversationLog.js';
import { FooterView } from './footerView.js';
import { HandoffLineView } from './handoffLineView.js';
import { HeaderView } from './headerView.js';
import { LauncherView } from './launcherView.js';
import { MessageLogView } from './messageLogView.js';
import { senderName } from './messageView.js';
import { NoticeView } from './noticeView.js';
import { PanelView } from './panelView.js';
import { RatingView, type RatedChat } from './ratingView.js';
import { ASSISTANT, type Speaker } from './speaker.js';
import { languageOf } from './suggestedActionsView.js';
import { transcriptText } from './transcriptText.js';
import { TypingSignal } from './typingSignal.js';
import { WidgetContext } from './widgetContext.js';
import { adoptWidgetStyles } from './widgetStyles.js';
import type { Translate } from './widgetStrings.js';
import type { WidgetStorage } from './widgetStorage.js';

export interface ChatWidgetOptions {
  serverOrigin: string;
  locale: Locale;
  storage: WidgetStorage;
  win: Window & typeof globalThis;
}

/**
 * The visitor widget: a launcher button and a chat panel in a shadow root. This class is the
 * coordinator: it owns the connection and what the widget knows (language, who is talking,
 * live-agent chat, unread count), turns the connection's events into calls on its views (one per
 * panel: launcher, header, notice, connection banner, live-agent line, message log, rating,
 * composer, footer) and the views' actions into calls on the connection. The views draw; they do
 * not talk to the server.
 *
 * Keyboard and screen reader first: the panel is a labelled dialog (non-modal, the page stays
 * usable), opening moves focus to the message box and closing (button or Escape) back to the
 * launcher, new messages from the assistant are announced through a polite live region, every
 * control has a label, and each message carries the `lang` of the language it is written in.
 */
export class ChatWidget implements ConnectionListener {
  private readonly connection: ChatConnection;
  private readonly context: WidgetContext;
  private readonly renderer: MarkdownRenderer;
  private readonly live: HTMLDivElement;
  private readonly root: HTMLDivElement;
  private readonly launcher: LauncherView;
  private readonly panel: PanelView;
  private readonly header: HeaderView;
  private readonly notice: NoticeView;
  private readonly banner: ConnectionBannerView;
  private readonly handoffLine: HandoffLineView;
  private readonly messages: MessageLogView;
  private readonly rating: RatingView;
  private readonly composer: ComposerView;
  private readonly footer: FooterView;
  /** Tells the agent the visitor is typing, only while an agent has the chat. */
  private readonly typingSignal: TypingSignal;
  /** The live-agent chat as last heard of: the status line is drawn from it again in another language. */
  private handoffStatus: HandoffStatus | null = null;

  constructor(
    host: HTMLElement,
    private readonly options: ChatWidgetOptions,
  ) {
    const doc = host.ownerDocument;
    this.renderer = createMarkdownRenderer(options.win);
    this.live = liveRegion(doc, 'va-sr');
    const context = new WidgetContext(doc, this.renderer, (text) => this.announce(text), options.locale);
    this.context = context;
    this.connection = new ChatConnection({
      serverOrigin: options.serverOrigin,
      storage: options.storage,
      locale: () => this.locale,
      listener: this,
      win: options.win,
    });
    this.typingSignal = new TypingSignal((active) => this.connection.setTyping(active));

    this.launcher = new LauncherView(context, () => (this.isOpen ? this.close() : this.open()));
    this.header = new HeaderView(context, {
      switchLanguage: () => this.switchLanguage(),
      close: () => this.close(),
    });
    this.notice = new NoticeView(context, options.storage, () => this.composer.focus());
    this.banner = new ConnectionBannerView(context);
    this.handoffLine = new HandoffLineView(context, this.banner.element, () => void this.leaveLiveChat());
    this.rating = new RatingView(context, {
      rate: (chat, value) => {
        this.composer.focus();
        void this.rateChat(chat, value);
      },
      dismissed: () => this.composer.focus(),
    });
    this.messages = new MessageLogView(
      context,
      this.connection.log,
      {
        retry: (entry) => this.connection.retry(entry.id),
        suggest: (entry, action) => {
          // The bot's own "English / Español" buttons switch the widget's labels too.
          const language = languageOf(action.value);
          if (language && language !== this.locale) this.switchLanguage({ focusToggle: false });
          this.connection.send(action.text ?? '', action.value ?? undefined);
        },
        feedback: (entry, helpful) => {
          if (!entry.answer) return;
          const { articleId, locale } = entry.answer;
          // The assistant thanks the visitor in its reply (announced like any reply): once.
          this.connection.send('', { type: 'feedback', articleId, locale, helpful });
        },
        focusComposer: () => this.composer.focus(),
      },
      [this.rating.element],
    );
    this.composer = new ComposerView(context, {
      send: (text) => {
        this.typingSignal.stop();
        this.connection.send(text);
      },
      // Only an agent is shown the visitor typing: the bot has nothing to do with it.
      typed: (hasText) => {
        if (this.handoffStatus?.state === 'assigned') this.typingSignal.input(hasText);
      },
    });
    this.footer = new FooterView(context, () => void this.download());
    this.panel = new PanelView(
      doc,
      [
        this.header.element,
        this.notice.element,
        this.banner.element,
        this.messages.element,
        this.composer.element,
        this.footer.element,
      ],
      () => this.close(),
    );
    this.root = h(doc, 'div', { class: 'va-root' }, this.panel.element, this.launcher.element, this.live);

    const shadow = host.attachShadow({ mode: 'open' });
    adoptWidgetStyles(shadow, options.win);
    shadow.append(this.root);
    this.applyStrings();
    this.messages.renderAll();
    if (this.connection.hasConversation) this.connection.start();
    if (options.storage.get('open') === '1') this.open({ focus: false });
  }

  open({ focus = true }: { focus?: boolean } = {}): void {
    this.panel.setOpen(true);
    this.launcher.setExpanded(true);
    this.options.storage.set('open', '1');
    this.launcher.setUnread(0);
    this.connection.start();
    this.messages.scrollToEnd();
    if (focus) this.composer.focus();
  }

  close(): void {
    this.panel.setOpen(false);
    this.launcher.setExpanded(false);
    this.options.storage.set('open', '0');
    this.launcher.focus();
  }

  get isOpen(): boolean {
    return this.panel.isOpen;
  }

  // ConnectionListener -------------------------------------------------------------------------

  status(status: ConnectionStatus, detail: string | null): void {
    // The widget's own words for a refused page: the server's are about the chat, not the site.
    const changed = this.banner.show(status, status === 'refused' ? null : detail);
    // Announced through the live region: a region that appears (display: none → shown) with its
    // text is not reliably read out.
    if (changed !== null && this.isOpen) this.announce(changed);
    this.root.dataset.status = status;
  }

  entry(entry: LogEntry, live: boolean): void {
    this.messages.show(entry);
    if (live) this.followConversationLanguage(entry);
    if (live) this.followConversationLanguage(entry);
    if (live && entry.role !== 'visitor') {
      const text = this.plainText(entry);
      if (this.isOpen) this.announce(this.t('announce.message', { sender: senderName(entry, this.t), text }));
      else {
        this.launcher.setUnread(this.launcher.unreadCount + 1);
        this.announce(this.t('launcher.unread', { count: this.launcher.unreadCount }));
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
    this.handoffLine.render(null);
    this.setSpeaker(ASSISTANT);
    this.rating.clear();
    this.messages.forgetFeedback();
    this.messages.renderAll();
  }

  typing(state: TypingState): void {
    this.messages.showTyping(state);
  }

  /**
   * Where the live-agent chat stands: the status line, who the header and notice say is talking,
   * and after a chat with an agent the rating. Position changes are announced; joins and ends are
   * announced as the notices in the conversation.
   */
  handoff(status: HandoffStatus): void {
    const hadFocus = this.focusIsIn(this.handoffLine.element);
    this.handoffStatus = status;
    if (status.state !== 'assigned') this.typingSignal.stop();
    const changed = this.handoffLine.render(status);
    if (changed !== null && this.isOpen) this.announce(changed);
    this.setSpeaker(
      status.state === 'assigned'
        ? { kind: 'agent', name: status.agentName ?? this.t('sender.agent') }
        : ASSISTANT,
    );
    if (status.state === 'ended' && status.agentName && status.chatId && status.endReason !== 'expired') {
      this.rating.ask({ chatId: status.chatId, agentName: status.agentName });
      this.messages.scrollToEnd();
    } else if (status.state !== 'ended') this.rating.clear();
    // The "End chat" button that had focus is gone: focus goes back to the message box.
    if (hadFocus && (this.handoffLine.element?.hidden ?? true)) this.composer.focus();
  }

  maxMessageLength(max: number): void {
    this.composer.setMaxLength(max);
  }

  // Visitor actions ----------------------------------------------------------------------------

  private async leaveLiveChat(): Promise<void> {
    this.messages.startExchange();
    this.handoffLine.setLeaving(true);
    const ack = await this.connection.leaveLiveChat();
    // On success the ended status and the notice follow from the server.
    this.handoffLine.setLeaving(false);
    if (!ack.ok) this.announce(ack.error.message || this.t('status.unavailable'));
  }

  private async rateChat(chat: RatedChat, value: number): Promise<void> {
    const ack = await this.connection.rateChat(chat.chatId, value);
    const error = ack.ok ? null : ack.error.message || this.t('status.unavailable');
    this.rating.settle(error);
    this.announce(error ?? this.t('rating.thanks'));
  }

  /** A plain-text copy of the conversation as stored (personal data masked), saved as a file. */
  private async download(): Promise<void> {
    this.footer.setBusy(true);
    try {
      this.connection.start();
      const messages = await this.connection.storedTranscript();
      if (!messages) {
        this.announce(this.t('download.failed'));
        return;
      }
      const { doc } = this.context;
      const text = transcriptText(messages, { doc, t: this.t, locale: this.locale, renderer: this.renderer });
      const blob = new Blob([`\uFEFF${text}`], { type: 'text/plain;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const day = new Date().toISOString().slice(0, 10);
      const link = h(doc, 'a', {
        href: url,
        download: `${this.t('download.fileName')}-${day}.txt`,
        hidden: true,
      });
      this.root.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      this.announce(this.t('download.ready'));
    } finally {
      this.footer.setBusy(false);
    }
  }

  // Language and speaker -----------------------------------------------------------------------

  /**
   * The widget's labels in the other language, the server told, and every message drawn again
   * (senders and times are in the widget's language).
   */
  private switchLanguage({ focusToggle = true }: { focusToggle?: boolean } = {}): void {
    this.setLocale(this.locale === 'en' ? 'es' : 'en');
    this.connection.setLocale(this.locale);
    this.messages.renderAll();
    if (focusToggle) this.header.focusLanguageButton();
  }

  /**
   * The assistant switched the conversation's language by itself (the visitor asked for the other
   * language or wrote in it): the widget's labels follow, and so does the language it sends.
   * Only the switch itself counts: a reply to an earlier message may still arrive in the old one.
   */
  private followConversationLanguage(entry: LogEntry): void {
    const { locale } = entry;
    if (entry.role !== 'bot' || entry.outcome !== 'languageSwitch' || !locale || locale === this.locale)
      return;
    this.setLocale(locale);
    this.connection.setLocale(locale);
    this.messages.renderAll();
  }

  /** Changes the language of the widget's own labels (not the conversation's: see switchLanguage). */
  private setLocale(locale: Locale): void {
    this.context.setLocale(locale);
    this.applyStrings();
  }

  private setSpeaker(speaker: Speaker): void {
    this.header.setSpeaker(speaker);
    this.notice.setSpeaker(speaker);
  }

  private get locale(): Locale {
    return this.context.locale;
  }

  private get t(): Translate {
    return this.context.t;
  }

  /** Every label from the locale files, in the current language. */
  private applyStrings(): void {
    this.root.lang = this.locale;
    this.launcher.applyStrings();
    this.header.applyStrings();
    this.notice.applyStrings();
    this.status(this.connection.status, null);
    this.handoffLine.render(this.handoffStatus);
    this.messages.applyStrings();
    this.rating.applyStrings();
    this.composer.applyStrings();
    this.footer.applyStrings();
  }

  // Helpers ------------------------------------------------------------------------------------

  private announce(text: string): void {
    announce(this.live, text);
  }

  private focusIsIn(element: Element | null): boolean {
    const active = (this.root.getRootNode() as ShadowRoot).activeElement;
    return element !== null && active !== null && element.contains(active);
  }

  private plainText(entry: LogEntry): string {
    if (entry.textFormat !== 'markdown') return entry.text;
    const scratch = this.root.ownerDocument.createElement('div');
    scratch.innerHTML = this.renderer.render(entry.text);
    return (scratch.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
}
