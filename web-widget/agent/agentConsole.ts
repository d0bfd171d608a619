import type { Locale } from '../../contracts/locale.js';
import type {
  AgentSelf,
  AgentState,
  AgentSummary,
  ChatSummary,
  QueueItem,
  ServiceRequestItem,
} from '../protocol/agentEvents.js';
import { createMarkdownRenderer, type MarkdownRenderer } from '../shared/renderMarkdown.js';
import { announce, h, liveRegion } from '../shared/dom.js';
import { fillBubble, isNearBottom, labelLanguageToggle, sendOnEnter } from '../shared/chatParts.js';
import { formatTime, localeTag, timeOfDayFormat } from '../shared/timeFormat.js';
import {
  AgentConnection,
  type AgentConnectionListener,
  type ConsoleConnectionStatus,
} from './agentConnection.js';
import { AttentionSignal } from './attentionSignal.js';
import type { ChatTranscript, TranscriptLine } from './chatTranscript.js';
import type { ConsoleStrings } from './consoleStrings.js';

export interface AgentConsoleOptions {
  root: HTMLElement;
  win: Window & typeof globalThis;
  serverOrigin: string;
  strings: ConsoleStrings;
}

const TOKEN_KEY = 'va-agent-token';
const STATUS_KEY = 'va-agent-status';
/** Waiting times on screen are refreshed this often. */
const CLOCK_TICK_MS = 30_000;

interface ChatView {
  tab: HTMLButtonElement;
  panel: HTMLElement;
  meta: HTMLElement;
  list: HTMLOListElement;
  typing: HTMLParagraphElement;
  notice: HTMLParagraphElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  canned: HTMLSelectElement;
  transferSelect: HTMLSelectElement;
  transferButton: HTMLButtonElement;
  endButton: HTMLButtonElement;
  closeButton: HTMLButtonElement;
  number: number;
  /** Each line's node, kept while the line is unchanged: a new message draws one line, not all. */
  lines: Map<string, { key: string; node: HTMLLIElement }>;
}

/**
 * The agent console: sign-in, presence, the waiting queue, several chats in tabs, the messages
 * left out of hours. Built for keyboard and screen reader use like the widget: every control is
 * labelled, tabs follow the WAI-ARIA tabs pattern (arrow keys between tabs), new chats and
 * messages are announced through a polite live region, and visitor and bot text is never
 * inserted as HTML (Markdown goes through the shared sanitising renderer).
 */
export class AgentConsole implements AgentConnectionListener {
  private readonly doc: Document;
  private readonly renderer: MarkdownRenderer;
  private readonly signal: AttentionSignal;
  private connection: AgentConnection | null = null;
  private data: { queue: QueueItem[]; agents: AgentSummary[]; requests: ServiceRequestItem[] } = {
    queue: [],
    agents: [],
    requests: [],
  };
  private readonly views = new Map<string, ChatView>();
  private selected: string | null = null;
  private visitorNumbers = 0;
  private connectionStatus: ConsoleConnectionStatus = 'connecting';
  private connectionDetail: string | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly el: {
    live: HTMLDivElement;
    main: HTMLDivElement;
  };
  private shell: {
    title: HTMLHeadingElement;
    who: HTMLParagraphElement;
    statusLabel: HTMLLabelElement;
    statusSelect: HTMLSelectElement;
    soundLabel: HTMLSpanElement;
    sound: HTMLInputElement;
    languageButton: HTMLButtonElement;
    logout: HTMLButtonElement;
    banner: HTMLParagraphElement;
    skip: HTMLAnchorElement;
    queueHeading: HTMLHeadingElement;
    accept: HTMLButtonElement;
    queueList: HTMLUListElement;
    requestsHeading: HTMLHeadingElement;
    requestsList: HTMLUListElement;
    chatsHeading: HTMLHeadingElement;
    chatsEmpty: HTMLParagraphElement;
    tablist: HTMLDivElement;
    panels: HTMLDivElement;
  } | null = null;

  constructor(private readonly options: AgentConsoleOptions) {
    this.doc = options.root.ownerDocument;
    this.renderer = createMarkdownRenderer(options.win);
    this.signal = new AttentionSignal(options.win);
    const live = liveRegion(this.doc, 'sr-only');
    const main = h(this.doc, 'div', { class: 'console' });
    options.root.replaceChildren(main, live);
    this.el = { live, main };
    const token = options.win.sessionStorage.getItem(TOKEN_KEY);
    if (token) this.startSession(token);
    else this.showLogin();
  }

  private get t() {
    return this.options.strings.t;
  }

  private get locale(): Locale {
    return this.options.strings.locale;
  }

  // Sign-in --------------------------------------------------------------------------------------

  private showLogin(message: string | null = null): void {
    this.doc.documentElement.lang = this.locale;
    this.doc.title = this.t('title');
    const { doc, t } = this;
    const error = h(doc, 'p', { class: 'error', role: 'alert', id: 'login-error' }, message ?? '');
    const username = h(doc, 'input', {
      id: 'login-username',
      name: 'username',
      autocomplete: 'username',
      required: true,
    });
    const password = h(doc, 'input', {
      id: 'login-password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    const submit = h(doc, 'button', { type: 'submit' }, t('login.submit'));
    const form = h(
      doc,
      'form',
      { class: 'login', 'aria-labelledby': 'login-heading', novalidate: true },
      h(doc, 'h2', { id: 'login-heading' }, t('login.heading')),
      h(doc, 'label', { for: 'login-username' }, t('login.username')),
      username,
      h(doc, 'label', { for: 'login-password' }, t('login.password')),
      password,
      submit,
      error,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.textContent = t('login.signingIn');
      void this.signIn(username.value, password.value).then((failure) => {
        submit.disabled = false;
        if (failure !== null) {
          error.textContent = failure;
          password.value = '';
          password.focus();
        }
      });
    });
    const main = h(doc, 'main', { id: 'main' }, h(doc, 'h1', {}, t('title')), this.languageButton(), form);
    this.el.main.replaceChildren(main);
    username.focus();
  }

  /** Null when signed in; otherwise the message to show. */
  private async signIn(username: string, password: string): Promise<string | null> {
    try {
      const response = await fetch(`${this.options.serverOrigin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': this.locale },
        body: JSON.stringify({ username, password }),
      });
      const body = (await response.json().catch(() => null)) as {
        token?: string;
        error?: { message?: string };
      } | null;
      if (!response.ok || !body?.token) return body?.error?.message ?? this.t('login.failed');
      this.options.win.sessionStorage.setItem(TOKEN_KEY, body.token);
      this.startSession(body.token);
      return null;
    } catch {
      // No answer at all (offline, server down): nothing was refused, the sign-in can be tried again.
      return this.t('login.unreachable');
    }
  }

  private startSession(token: string): void {
    this.buildShell();
    this.connection = new AgentConnection({
      serverOrigin: this.options.serverOrigin,
      token,
      locale: () => this.locale,
      listener: this,
    });
    this.connection.start();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.renderQueue(), CLOCK_TICK_MS);
  }

  private async signOut(): Promise<void> {
    const token = this.options.win.sessionStorage.getItem(TOKEN_KEY);
    this.connection?.stop();
    this.connection = null;
    clearInterval(this.ticker);
    this.views.clear();
    this.selected = null;
    this.options.win.sessionStorage.removeItem(TOKEN_KEY);
    if (token) {
      await fetch(`${this.options.serverOrigin}/api/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      }).catch(() => undefined);
    }
    this.showLogin();
  }

  // Listener -------------------------------------------------------------------------------------

  status(status: ConsoleConnectionStatus, detail: string | null): void {
    this.connectionStatus = status;
    this.connectionDetail = detail;
    if (status === 'refused') {
      this.options.win.sessionStorage.removeItem(TOKEN_KEY);
      this.connection?.stop();
      this.connection = null;
      this.showLogin(detail ?? this.t('connection.refused'));
      return;
    }
    this.renderBanner();
    if (status === 'online') this.restoreChosenStatus(this.connection?.me?.status);
  }

  state(state: AgentState): void {
    this.data = { queue: state.queue, agents: state.agents, requests: state.requests };
    this.me(state.me);
    this.renderQueue();
    this.renderRequests();
    this.restoreChosenStatus(state.me.status);
  }

  /** A new connection starts as away: an agent who had chosen "available" is made available again. */
  private restoreChosenStatus(current: AgentSelf['status'] | undefined): void {
    const wanted = this.options.win.sessionStorage.getItem(STATUS_KEY);
    if (wanted === 'available' && current !== 'available') void this.connection?.setPresence('available');
  }

  me(me: AgentSelf): void {
    if (!this.shell) return;
    this.shell.who.textContent = `${this.t('header.signedInAs', { name: me.displayName })} · ${this.t(
      'header.languages',
      {
        languages: me.languages.map((locale) => this.t(`locale.${locale}`)).join(', '),
      },
    )}`;
    this.shell.statusSelect.value = me.status === 'offline' ? 'away' : me.status;
    this.renderQueue();
  }

  agents(agents: AgentSummary[]): void {
    this.data.agents = agents;
    for (const [conversationId, view] of this.views) {
      const transcript = this.connection?.chats.get(conversationId);
      if (transcript) this.renderTransfer(transcript, view);
    }
  }

  queue(queue: QueueItem[]): void {
    this.data.queue = queue;
    this.renderQueue();
  }

  queueNew(item: QueueItem): void {
    if (!this.speaks(item.locale)) return;
    this.announce(this.t('queue.newChat', { language: this.t(`locale.${item.locale}`) }));
    this.signal.beep();
  }

  requests(requests: ServiceRequestItem[]): void {
    this.data.requests = requests;
    this.renderRequests();
  }

  chat(
    transcript: ChatTranscript,
    change: 'added' | 'message' | 'delivery' | 'typing' | 'closed',
    live: boolean,
  ): void {
    if (!this.shell) return;
    const conversationId = transcript.chat.conversationId;
    let view = this.views.get(conversationId);
    if (view && change === 'typing') {
      this.renderTyping(transcript, view);
      return;
    }
    if (!view) {
      view = this.buildChat(transcript);
      this.views.set(conversationId, view);
      if (!this.selected) this.select(conversationId, false);
      if (live) {
        this.announce(
          this.t('chats.assigned', {
            number: view.number,
            language: this.t(`locale.${transcript.chat.locale}`),
          }),
        );
        this.signal.beep();
      }
    }
    if (change === 'message' && live && this.selected !== conversationId) transcript.unread += 1;
    if (change === 'message' && live) {
      const last = transcript
        .entries()
        .filter((line) => line.role === 'visitor')
        .at(-1);
      if (last) this.announce(this.t('chats.newMessage', { number: view.number, text: last.text }));
    }
    this.renderChat(transcript, view);
    this.renderTabs();
  }

  // Building ------------------------------------------------------------------------------------

  private languageButton(): HTMLButtonElement {
    const button = h(this.doc, 'button', { type: 'button', class: 'language' });
    this.labelLanguageButton(button);
    button.addEventListener('click', () => void this.switchLanguage());
    return button;
  }

  private labelLanguageButton(button: HTMLButtonElement): void {
    labelLanguageToggle(button, {
      text: this.t('language.switch'),
      lang: this.t('language.switchCode'),
      hint: this.t('language.switchHint'),
    });
  }

  private async switchLanguage(): Promise<void> {
    const next: Locale = this.locale === 'en' ? 'es' : 'en';
    await this.options.strings.setLocale(next);
    if (!this.connection) {
      this.showLogin();
      this.doc.querySelector<HTMLButtonElement>('button.language')?.focus();
      return;
    }
    this.applyShellStrings();
    for (const [conversationId, view] of this.views) {
      const transcript = this.connection.chats.get(conversationId);
      if (transcript) {
        this.applyChatStrings(transcript, view);
        // Senders and times are in the console's language: every line is drawn again.
        view.lines.clear();
        this.renderChat(transcript, view);
      }
    }
    this.renderTabs();
    this.renderQueue();
    this.renderRequests();
    this.renderBanner();
    this.shell?.languageButton.focus();
  }

  private buildShell(): void {
    const { doc } = this;
    const title = h(doc, 'h1', {});
    const who = h(doc, 'p', { class: 'who' });
    const statusSelect = h(doc, 'select', { id: 'presence' });
    for (const status of ['available', 'away'] as const)
      statusSelect.append(h(doc, 'option', { value: status }));
    const statusLabel = h(doc, 'label', { for: 'presence' });
    const sound = h(doc, 'input', { type: 'checkbox', id: 'sound' });
    sound.checked = this.signal.enabled;
    const soundLabel = h(doc, 'span', {});
    const languageButton = this.languageButton();
    const logout = h(doc, 'button', { type: 'button', class: 'logout' });
    const banner = h(doc, 'p', { class: 'banner', role: 'status', hidden: true });
    const skip = h(doc, 'a', { class: 'skip-link', href: '#chats' });
    const queueHeading = h(doc, 'h2', { id: 'queue-heading' });
    const accept = h(doc, 'button', { type: 'button', class: 'accept' });
    const queueList = h(doc, 'ul', { class: 'queue', 'aria-labelledby': 'queue-heading' });
    const requestsHeading = h(doc, 'h2', { id: 'requests-heading' });
    const requestsList = h(doc, 'ul', { class: 'requests', 'aria-labelledby': 'requests-heading' });
    // Focusable from script: closing the last chat tab moves focus here.
    const chatsHeading = h(doc, 'h2', { id: 'chats-heading', tabindex: -1 });
    const chatsEmpty = h(doc, 'p', { class: 'empty' });
    const tablist = h(doc, 'div', { role: 'tablist', class: 'tabs' });
    const panels = h(doc, 'div', { class: 'panels' });

    statusSelect.addEventListener('change', () => {
      const status = statusSelect.value === 'available' ? 'available' : 'away';
      this.options.win.sessionStorage.setItem(STATUS_KEY, status);
      void this.connection?.setPresence(status);
    });
    sound.addEventListener('change', () => this.signal.setEnabled(sound.checked));
    logout.addEventListener('click', () => void this.signOut());
    accept.addEventListener('click', () => void this.acceptNext());

    const header = h(
      doc,
      'header',
      { class: 'top' },
      title,
      who,
      h(
        doc,
        'div',
        { class: 'controls' },
        statusLabel,
        statusSelect,
        h(doc, 'label', { class: 'check' }, sound, soundLabel),
        languageButton,
        logout,
      ),
    );
    const aside = h(
      doc,
      'div',
      { class: 'side' },
      h(doc, 'section', { 'aria-labelledby': 'queue-heading' }, queueHeading, accept, queueList),
      h(doc, 'section', { 'aria-labelledby': 'requests-heading' }, requestsHeading, requestsList),
    );
    const main = h(
      doc,
      'main',
      { id: 'chats', tabindex: -1, 'aria-labelledby': 'chats-heading' },
      chatsHeading,
      chatsEmpty,
      tablist,
      panels,
    );
    this.el.main.replaceChildren(skip, header, banner, h(doc, 'div', { class: 'layout' }, aside, main));
    this.shell = {
      title,
      who,
      statusLabel,
      statusSelect,
      soundLabel,
      sound,
      languageButton,
      logout,
      banner,
      skip,
      queueHeading,
      accept,
      queueList,
      requestsHeading,
      requestsList,
      chatsHeading,
      chatsEmpty,
      tablist,
      panels,
    };
    this.applyShellStrings();
  }

  private applyShellStrings(): void {
    const shell = this.shell;
    if (!shell) return;
    const { t } = this;
    this.doc.documentElement.lang = this.locale;
    shell.title.textContent = t('title');
    shell.statusLabel.textContent = t('header.status');
    for (const option of shell.statusSelect.options) option.textContent = t(`status.${option.value}`);
    shell.soundLabel.textContent = t('header.sound');
    this.labelLanguageButton(shell.languageButton);
    shell.logout.textContent = t('header.logout');
    shell.skip.textContent = t('skipLink');
    shell.queueHeading.textContent = t('queue.heading');
    shell.accept.textContent = t('queue.accept');
    shell.requestsHeading.textContent = t('requests.heading');
    shell.chatsHeading.textContent = t('chats.heading');
    shell.chatsEmpty.textContent = t('chats.empty');
    shell.tablist.setAttribute('aria-label', t('chats.tabs'));
    if (this.connection?.me) this.me(this.connection.me);
  }

  private buildChat(transcript: ChatTranscript): ChatView {
    const { doc } = this;
    const id = transcript.chat.conversationId.replace(/[^A-Za-z0-9_-]/g, '');
    const number = (this.visitorNumbers += 1);
    const tab = h(doc, 'button', {
      type: 'button',
      role: 'tab',
      id: `tab-${id}`,
      'aria-controls': `panel-${id}`,
      'aria-selected': 'false',
      tabindex: -1,
    });
    const meta = h(doc, 'div', { class: 'meta' });
    const list = h(doc, 'ol', { class: 'log', tabindex: 0 });
    const typing = h(doc, 'p', { class: 'typing', hidden: true });
    const notice = h(doc, 'p', { class: 'closed', role: 'status', hidden: true });
    const input = h(doc, 'textarea', { id: `input-${id}`, rows: 3 });
    const send = h(doc, 'button', { type: 'submit' });
    const canned = h(doc, 'select', { id: `canned-${id}` });
    const transferSelect = h(doc, 'select', { id: `transfer-${id}` });
    const transferButton = h(doc, 'button', { type: 'button' });
    const endButton = h(doc, 'button', { type: 'button', class: 'end' });
    const closeButton = h(doc, 'button', { type: 'button', hidden: true });
    const composer = h(
      doc,
      'form',
      { class: 'composer', novalidate: true },
      h(doc, 'label', { for: `input-${id}`, 'data-label': 'composer' }),
      input,
      send,
    );
    const tools = h(
      doc,
      'div',
      { class: 'tools' },
      h(doc, 'label', { for: `canned-${id}`, 'data-label': 'canned' }),
      canned,
      h(doc, 'label', { for: `transfer-${id}`, 'data-label': 'transfer' }),
      transferSelect,
      transferButton,
      endButton,
      closeButton,
    );
    const panel = h(
      doc,
      'section',
      {
        role: 'tabpanel',
        id: `panel-${id}`,
        'aria-labelledby': `tab-${id}`,
        hidden: true,
        lang: transcript.chat.locale,
      },
      meta,
      list,
      typing,
      notice,
      composer,
      tools,
    );
    const conversationId = transcript.chat.conversationId;
    sendOnEnter(composer, input, () => this.submit(conversationId, input));
    input.addEventListener('input', () => this.connection?.typing(conversationId, input.value.trim() !== ''));
    canned.addEventListener('change', () => {
      const text = canned.value;
      if (text) {
        input.value = input.value ? `${input.value} ${text}` : text;
        canned.value = '';
        input.focus();
      }
    });
    transferButton.addEventListener('click', () => void this.transfer(conversationId, transferSelect.value));
    endButton.addEventListener('click', () => void this.end(conversationId));
    closeButton.addEventListener('click', () => this.dismiss(conversationId));
    list.addEventListener('click', (event) => {
      if ((event.target as Element | null)?.closest('button[data-act="retry"]'))
        this.connection?.retry(conversationId);
    });
    tab.addEventListener('click', () => this.select(conversationId, true));
    tab.addEventListener('keydown', (event) => this.onTabKey(event));
    this.shell?.panels.append(panel);
    const view: ChatView = {
      tab,
      panel,
      meta,
      list,
      typing,
      notice,
      input,
      send,
      canned,
      transferSelect,
      transferButton,
      endButton,
      closeButton,
      number,
      lines: new Map(),
    };
    this.applyChatStrings(transcript, view);
    return view;
  }

  private applyChatStrings(transcript: ChatTranscript, view: ChatView): void {
    const { t } = this;
    for (const label of view.panel.querySelectorAll<HTMLLabelElement>('label[data-label]')) {
      const key = label.dataset.label;
      label.textContent =
        key === 'composer' ? t('chats.composer') : key === 'canned' ? t('chats.canned') : t('chats.transfer');
      label.lang = this.locale;
    }
    view.send.textContent = t('chats.send');
    view.send.lang = this.locale;
    view.transferButton.textContent = t('chats.transferButton');
    view.transferButton.lang = this.locale;
    view.endButton.textContent = t('chats.end');
    view.endButton.lang = this.locale;
    view.closeButton.textContent = t('chats.close');
    view.list.setAttribute('aria-label', t('chats.transcript', { number: view.number }));
    view.typing.textContent = t('chats.visitorTyping');
    view.typing.lang = this.locale;
    // Canned responses are in the visitor's language, labelled with their own titles.
    const agentName = this.connection?.me?.displayName ?? '';
    view.canned.replaceChildren(
      h(this.doc, 'option', { value: '', lang: this.locale }, t('chats.cannedPlaceholder')),
      ...this.options.strings
        .canned(transcript.chat.locale, agentName)
        .map((item) => h(this.doc, 'option', { value: item.text, lang: transcript.chat.locale }, item.title)),
    );
    this.renderTransfer(transcript, view);
  }

  // Rendering -----------------------------------------------------------------------------------

  private renderBanner(): void {
    if (!this.shell) return;
    const text =
      this.connectionStatus === 'reconnecting'
        ? this.t('connection.reconnecting')
        : this.connectionStatus === 'connecting'
          ? this.t('connection.connecting')
          : '';
    this.shell.banner.textContent = text || (this.connectionDetail ?? '');
    this.shell.banner.hidden = !this.shell.banner.textContent;
  }

  private speaks(locale: Locale): boolean {
    return this.connection?.me?.languages.includes(locale) ?? false;
  }

  private renderQueue(): void {
    const shell = this.shell;
    if (!shell) return;
    const { doc, t } = this;
    const mine = this.data.queue.filter((item) => this.speaks(item.locale));
    // The tab's title shows how many wait for this agent, so it is seen from another tab too.
    doc.title = mine.length > 0 ? t('titleWaiting', { count: mine.length }) : t('title');
    shell.accept.disabled = mine.length === 0;
    if (this.data.queue.length === 0) {
      shell.queueList.replaceChildren(h(doc, 'li', { class: 'empty' }, t('queue.empty')));
      return;
    }
    shell.queueList.replaceChildren(
      ...this.data.queue.map((item) =>
        h(
          doc,
          'li',
          { class: this.speaks(item.locale) ? 'waiting' : 'waiting other' },
          h(
            doc,
            'span',
            { class: 'what' },
            t('queue.item', { language: t(`locale.${item.locale}`), waiting: this.waiting(item.queuedAt) }),
          ),
          h(doc, 'span', { class: 'position' }, t('queue.position', { position: item.position })),
          item.priority > 0 ? h(doc, 'span', { class: 'requeued' }, t('queue.requeued')) : null,
          this.speaks(item.locale) ? null : h(doc, 'span', { class: 'note' }, t('queue.notYourLanguage')),
          item.question ? h(doc, 'q', { lang: item.locale }, item.question) : null,
        ),
      ),
    );
  }

  private waiting(since: string): string {
    const minutes = Math.floor((Date.now() - Date.parse(since)) / 60_000);
    return minutes < 1 ? this.t('waiting.seconds') : this.t('waiting.minutes', { count: minutes });
  }

  private renderRequests(): void {
    const shell = this.shell;
    if (!shell) return;
    const { doc, t } = this;
    if (this.data.requests.length === 0) {
      shell.requestsList.replaceChildren(h(doc, 'li', { class: 'empty' }, t('requests.empty')));
      return;
    }
    const dateFormat = new Intl.DateTimeFormat(localeTag(this.locale), {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    shell.requestsList.replaceChildren(
      ...this.data.requests.map((request) => {
        const close = h(doc, 'button', { type: 'button' }, t('requests.close'));
        close.addEventListener('click', () => void this.closeRequest(request.id));
        return h(
          doc,
          'li',
          { class: request.urgent ? 'request urgent' : 'request' },
          h(doc, 'strong', {}, request.name),
          request.urgent ? h(doc, 'span', { class: 'badge' }, t('requests.urgent')) : null,
          h(
            doc,
            'span',
            { class: 'due' },
            t('requests.due', { date: dateFormat.format(new Date(`${request.dueDate}T12:00:00Z`)) }),
          ),
          h(
            doc,
            'span',
            {},
            `${t('requests.contact')}: ${[request.email, request.phone].filter(Boolean).join(', ')}`,
          ),
          h(doc, 'span', {}, t('requests.language', { language: t(`locale.${request.locale}`) })),
          h(doc, 'q', { lang: request.locale }, request.question),
          close,
        );
      }),
    );
  }

  private renderTabs(): void {
    const shell = this.shell;
    if (!shell || !this.connection) return;
    shell.chatsEmpty.hidden = this.views.size > 0;
    for (const [conversationId, view] of this.views) {
      const transcript = this.connection.chats.get(conversationId);
      if (!transcript) continue;
      const label = this.t('chats.tab', {
        number: view.number,
        language: this.t(`locale.${transcript.chat.locale}`),
      });
      const selected = conversationId === this.selected;
      view.tab.replaceChildren(label);
      if (transcript.unread > 0 && !selected) {
        view.tab.append(
          h(
            this.doc,
            'span',
            { class: 'unread' },
            ` ${transcript.unread} `,
            h(this.doc, 'span', { class: 'sr-only' }, this.t('chats.unread')),
          ),
        );
      }
      view.tab.classList.toggle('closed', transcript.closedReason !== null);
      if (!view.tab.isConnected) shell.tablist.append(view.tab);
    }
  }

  private renderChat(transcript: ChatTranscript, view: ChatView): void {
    const { doc, t } = this;
    const chat: ChatSummary = transcript.chat;
    view.meta.replaceChildren(
      h(
        doc,
        'p',
        { lang: this.locale },
        t('chats.visitorLanguage', { language: t(`locale.${chat.locale}`) }),
      ),
      h(doc, 'p', { lang: this.locale }, t('chats.channel', { channel: t(`channel.${chat.channel}`) })),
    );
    if (chat.question) {
      view.meta.append(
        h(
          doc,
          'p',
          {},
          h(doc, 'span', { lang: this.locale }, t('chats.question', { question: '' })),
          h(doc, 'q', { lang: chat.locale }, chat.question),
        ),
      );
    }
    const nearBottom = isNearBottom(view.list);
    const nodes = transcript.entries().map((line) => this.lineNode(view, line));
    const drawn = view.list.children;
    if (nodes.length !== drawn.length || nodes.some((node, index) => drawn[index] !== node))
      view.list.replaceChildren(...nodes);
    if (nearBottom) view.list.scrollTop = view.list.scrollHeight;
    this.renderTyping(transcript, view);
    const closed = transcript.closedReason !== null;
    view.notice.hidden = !closed;
    view.notice.textContent = closed
      ? t('chats.ended', { reason: t(`chats.removed.${transcript.closedReason}`) })
      : '';
    for (const control of [
      view.input,
      view.send,
      view.canned,
      view.transferSelect,
      view.transferButton,
      view.endButton,
    ]) {
      control.disabled = closed;
    }
    view.closeButton.hidden = !closed;
    if (closed) view.transferSelect.replaceChildren();
  }

  private renderTyping(transcript: ChatTranscript, view: ChatView): void {
    view.typing.hidden = !transcript.visitorTyping || transcript.closedReason !== null;
  }

  /** A line's node: drawn again only once it is acknowledged or its delivery changes. */
  private lineNode(view: ChatView, line: TranscriptLine): HTMLLIElement {
    const key = `${line.seq}|${line.delivery}`;
    const drawn = view.lines.get(line.id);
    if (drawn?.key === key) return drawn.node;
    const node = this.renderLine(line);
    view.lines.set(line.id, { key, node });
    return node;
  }

  private renderLine(line: TranscriptLine): HTMLLIElement {
    const { doc, t } = this;
    const mine = line.role === 'agent' && line.agentName === this.connection?.me?.displayName;
    const sender =
      line.role === 'agent'
        ? mine
          ? t('sender.you')
          : t('sender.agent', { name: line.agentName ?? '' })
        : t(`sender.${line.role}`);
    const bubble = h(doc, 'div', { class: 'bubble', lang: line.locale ?? undefined });
    // Visitor text is plain; bot, agent and notices are Markdown, sanitised by the shared renderer.
    fillBubble(bubble, line.text, line.role === 'visitor' ? 'plain' : line.textFormat, this.renderer);
    const meta = h(
      doc,
      'div',
      { class: 'line-meta' },
      h(doc, 'time', { datetime: line.at }, formatTime(line.at, timeOfDayFormat(this.locale))),
      line.delivery
        ? h(doc, 'span', { class: `delivery ${line.delivery}` }, t(`delivery.${line.delivery}`))
        : null,
      line.delivery === 'failed'
        ? h(doc, 'button', { type: 'button', 'data-act': 'retry' }, t('delivery.retry'))
        : null,
    );
    return h(
      doc,
      'li',
      { class: `line ${line.role}${mine ? ' mine' : ''}` },
      h(doc, 'div', { class: 'sender' }, sender),
      bubble,
      meta,
    );
  }

  private renderTransfer(transcript: ChatTranscript, view: ChatView): void {
    const me = this.connection?.me?.agentId;
    const candidates = this.data.agents.filter(
      (agent) =>
        agent.agentId !== me &&
        agent.connected &&
        agent.status === 'available' &&
        agent.openChats < agent.maxChats &&
        agent.languages.includes(transcript.chat.locale),
    );
    view.transferSelect.replaceChildren(
      ...(candidates.length === 0
        ? [h(this.doc, 'option', { value: '' }, this.t('chats.transferNone'))]
        : candidates.map((agent) => h(this.doc, 'option', { value: agent.agentId }, agent.displayName))),
    );
    view.transferButton.disabled = candidates.length === 0 || transcript.closedReason !== null;
  }

  // Actions ------------------------------------------------------------------------------------

  private select(conversationId: string, focus: boolean): void {
    this.selected = conversationId;
    for (const [id, view] of this.views) {
      const selected = id === conversationId;
      view.tab.setAttribute('aria-selected', String(selected));
      view.tab.tabIndex = selected ? 0 : -1;
      view.panel.hidden = !selected;
    }
    const transcript = this.connection?.chats.get(conversationId);
    if (transcript) transcript.unread = 0;
    this.renderTabs();
    if (focus) this.views.get(conversationId)?.tab.focus();
  }

  /** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, automatic activation). */
  private onTabKey(event: KeyboardEvent): void {
    const ids = [...this.views.keys()];
    const index = this.selected ? ids.indexOf(this.selected) : -1;
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % ids.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + ids.length) % ids.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = ids.length - 1;
    const id = next === null ? undefined : ids[next];
    if (id === undefined) return;
    event.preventDefault();
    this.select(id, true);
  }

  private submit(conversationId: string, input: HTMLTextAreaElement): void {
    const text = input.value.trim();
    if (!text) return;
    this.connection?.send(conversationId, text);
    this.connection?.typing(conversationId, false);
    input.value = '';
    input.focus();
  }

  private async acceptNext(): Promise<void> {
    const ack = await this.connection?.accept();
    if (!ack) return;
    if (!ack.ok) this.announce(ack.error.message);
    else if (ack.data === null) this.announce(this.t('queue.acceptNothing'));
    else {
      this.options.win.sessionStorage.setItem(STATUS_KEY, 'available');
      this.select(ack.data.conversationId, false);
      this.views.get(ack.data.conversationId)?.input.focus();
    }
  }

  private async end(conversationId: string): Promise<void> {
    const ack = await this.connection?.end(conversationId);
    if (ack && !ack.ok) this.announce(ack.error.message);
  }

  private async transfer(conversationId: string, toAgentId: string): Promise<void> {
    if (!toAgentId) return;
    const ack = await this.connection?.transfer(conversationId, toAgentId);
    if (ack && !ack.ok) this.announce(ack.error.message);
  }

  private async closeRequest(id: string): Promise<void> {
    const ack = await this.connection?.closeRequest(id);
    if (ack?.ok) this.announce(this.t('requests.closed'));
    else if (ack) this.announce(ack.error.message);
  }

  private dismiss(conversationId: string): void {
    const view = this.views.get(conversationId);
    view?.tab.remove();
    view?.panel.remove();
    this.views.delete(conversationId);
    this.connection?.dismiss(conversationId);
    const next = [...this.views.keys()][0];
    this.selected = null;
    if (next) this.select(next, true);
    else this.shell?.chatsHeading.focus();
    this.renderTabs();
  }

  private announce(text: string): void {
    announce(this.el.live, text);
  }
}
