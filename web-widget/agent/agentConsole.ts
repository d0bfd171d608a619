import type { Locale } from '../../contracts/locale.js';
import type {
  AgentAck,
  AgentSelf,
  AgentState,
  AgentSummary,
  CannedReplyItem,
  ChatNoteItem,
  QueueItem,
  ServiceRequestItem,
} from '../../contracts/agentEvents.js';
import { announce, h, liveRegion } from '../shared/dom.js';
import { createMarkdownRenderer } from '../shared/renderMarkdown.js';
import {
  AgentConnection,
  type AgentConnectionListener,
  type ChatChange,
  type ConsoleConnectionStatus,
} from './agentConnection.js';
import { AttentionSignal } from './attentionSignal.js';
import { ChatDesk } from './chatDesk.js';
import type { ChatTranscript } from './chatTranscript.js';
import { ConsoleContext } from './consoleContext.js';
import { ConsoleSession } from './consoleSession.js';
import { ConsoleShellView } from './consoleShellView.js';
import type { ConsoleStrings } from './consoleStrings.js';
import { SignInView } from './signInView.js';
import { SignInChannel } from '../shared/consoleSignIn.js';

export interface AgentConsoleOptions {
  root: HTMLElement;
  win: Window & typeof globalThis;
  serverOrigin: string;
  strings: ConsoleStrings;
}

/** What a request answers when there is no connection (signed out meanwhile). */
function offline<T>(): Promise<AgentAck<T>> {
  return Promise.resolve({ ok: false, error: { code: 'shutting_down', message: '' } });
}

/** Waiting times on screen are refreshed this often. */
const CLOCK_TICK_MS = 30_000;

/**
 * The agent console: sign-in, presence, the waiting queue, several chats in tabs, the messages
 * left out of hours. This class is the coordinator: it owns the sign-in and the connection, turns
 * the connection's events into calls on its views (one per panel: sign-in, header, connection
 * banner, queue, requests, chat tabs, and one view per chat) and the views' actions into calls on
 * the connection. The views draw; they do not talk to the server.
 *
 * Built for keyboard and screen reader use like the widget: every control is labelled, tabs follow
 * the WAI-ARIA tabs pattern, new chats and messages are announced through a polite live region,
 * and visitor and bot text is never inserted as HTML (Markdown goes through the shared sanitising
 * renderer).
 */
export class AgentConsole implements AgentConnectionListener {
  private readonly context: ConsoleContext;
  private readonly session: ConsoleSession;
  private readonly signal: AttentionSignal;
  private readonly live: HTMLDivElement;
  private readonly main: HTMLDivElement;
  private connection: AgentConnection | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private shell: ConsoleShellView | null = null;
  private desk: ChatDesk | null = null;
  private signInView: SignInView | null = null;
  /** Hears the other tabs (of both consoles) sign in and out. */
  private readonly tabs: SignInChannel;

  constructor(private readonly options: AgentConsoleOptions) {
    const { win } = options;
    const doc = options.root.ownerDocument;
    this.signal = new AttentionSignal(win);
    this.session = new ConsoleSession(win, options.serverOrigin);
    this.live = liveRegion(doc, 'sr-only');
    this.context = new ConsoleContext(
      win,
      options.strings,
      createMarkdownRenderer(win),
      (text) => announce(this.live, text),
      () => this.connection?.me ?? null,
    );
    this.main = h(doc, 'div', { class: 'console' });
    options.root.replaceChildren(this.main, this.live);
    this.tabs = new SignInChannel(win, (change) => {
      if (change === 'signed-out' && this.session.signedIn) this.endSession(null);
      else if (change === 'signed-in') void this.resume();
    });
    void this.resume();
  }

  /**
   * Joins this browser's sign-in (another tab or the editor console signed in), else the sign-in
   * page. Already signed in: keeps going if it is the same user, starts over if another's.
   */
  private async resume(): Promise<void> {
    const before = this.session.signedIn ? this.session.userId : null;
    const current = await this.session.join(this.context.locale);
    if (before !== null) {
      if (current && current.user.userId !== before) {
        this.stopConnection();
        this.startSession();
      }
      return;
    }
    if (current) this.startSession();
    else this.showSignIn();
  }

  private get t() {
    return this.context.t;
  }

  // Sign-in --------------------------------------------------------------------------------------

  private showSignIn(message: string | null = null): void {
    this.shell = null;
    this.desk = null;
    this.setPageLanguage();
    const view = new SignInView(this.context, {
      signIn: (username, password) => this.signIn(username, password),
      switchLanguage: () => void this.switchLanguage(),
    });
    view.showMessage(message);
    this.signInView = view;
    this.main.replaceChildren(view.element);
    view.focusUsername();
  }

  /** Null when signed in; otherwise the message to show. */
  private async signIn(username: string, password: string): Promise<string | null> {
    const result = await this.session.signInWith(username, password, this.context.locale);
    if (result.ok) {
      this.tabs.tell('signed-in');
      this.startSession();
      return null;
    }
    return result.reason === 'unreachable'
      ? this.t('login.unreachable')
      : (result.message ?? this.t('login.failed'));
  }

  /** The socket's handshake carries the sign-in cookie: no token in this page. */
  private startSession(): void {
    this.signInView = null;
    this.buildShell();
    this.connection = new AgentConnection({
      serverOrigin: this.options.serverOrigin,
      locale: () => this.context.locale,
      listener: this,
    });
    this.connection.start();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.shell?.renderQueue(), CLOCK_TICK_MS);
  }

  /** Ends the sign-in for every tab and both consoles. */
  private async signOut(): Promise<void> {
    this.stopConnection();
    this.shell?.chats.clear();
    await this.session.signOut();
    this.tabs.tell('signed-out');
    this.showSignIn();
  }

  /** This tab leaves the sign-in (ended elsewhere, or refused) and shows the sign-in page. */
  private endSession(message: string | null): void {
    this.session.forget();
    this.stopConnection();
    this.shell?.chats.clear();
    this.showSignIn(message);
  }

  private stopConnection(): void {
    this.connection?.stop();
    this.connection = null;
    clearInterval(this.ticker);
  }

  // Listener -------------------------------------------------------------------------------------

  status(status: ConsoleConnectionStatus, detail: string | null): void {
    if (status === 'refused') {
      this.endSession(detail ?? this.t('connection.refused'));
      return;
    }
    this.shell?.banner.show(status, detail);
    if (status === 'online') this.restoreChosenStatus(this.connection?.me?.status);
  }

  state(state: AgentState): void {
    this.desk?.agents(state.agents);
    this.desk?.expect(
      state.chats.map((chat) => chat.conversationId),
      this.session.selectedChat,
    );
    this.shell?.queue.show(state.queue);
    this.shell?.requests.show(state.requests);
    this.me(state.me);
    this.canned(state.canned);
    this.restoreChosenStatus(state.me.status);
  }

  /** A new connection starts as away: an agent who had chosen "available" is made available again. */
  private restoreChosenStatus(current: AgentSelf['status'] | undefined): void {
    if (this.session.chosenStatus === 'available' && current !== 'available')
      void this.connection?.setPresence('available');
  }

  me(me: AgentSelf): void {
    if (!this.shell) return;
    this.shell.header.showMe(me);
    this.shell.renderQueue();
    this.shell.cannedAdmin.render();
  }

  agents(agents: AgentSummary[]): void {
    this.desk?.agents(agents);
  }

  queue(queue: QueueItem[]): void {
    this.shell?.queue.show(queue);
    this.shell?.renderTitle();
  }

  queueNew(item: QueueItem): void {
    if (!this.context.speaks(item.locale)) return;
    this.context.announce(this.t('queue.newChat', { language: this.context.languageName(item.locale) }));
    this.signal.beep();
  }

  requests(requests: ServiceRequestItem[]): void {
    this.shell?.requests.show(requests);
  }

  canned(canned: CannedReplyItem[]): void {
    this.context.canned = canned;
    this.shell?.cannedAdmin.render();
    this.desk?.cannedChanged();
  }

  chat(transcript: ChatTranscript, change: ChatChange, live: boolean): void {
    this.desk?.chat(transcript, change, live);
  }

  note(transcript: ChatTranscript, note: ChatNoteItem): void {
    this.desk?.note(transcript, note);
  }

  // Views ----------------------------------------------------------------------------------------

  private buildShell(): void {
    this.shell = new ConsoleShellView(this.context, this.signal, {
      setPresence: (status) => {
        this.session.chooseStatus(status);
        void this.connection?.setPresence(status);
      },
      switchLanguage: () => void this.switchLanguage(),
      signOut: () => void this.signOut(),
      acceptNext: () => void this.acceptNext(),
      closeRequest: (id) => void this.closeRequest(id),
      selectChat: (conversationId) => this.session.rememberChat(conversationId),
      saveCanned: (draft) => this.connection?.saveCanned(draft) ?? offline(),
      deleteCanned: (id) => this.connection?.deleteCanned(id) ?? offline(),
    });
    this.desk = new ChatDesk(this.context, this.shell.chats, {
      connection: () => this.connection,
      beep: () => this.signal.beep(),
    });
    this.main.replaceChildren(...this.shell.elements);
  }

  private setPageLanguage(): void {
    this.context.doc.documentElement.lang = this.context.locale;
    this.context.doc.title = this.t('title');
  }

  private async switchLanguage(): Promise<void> {
    const next: Locale = this.context.locale === 'en' ? 'es' : 'en';
    await this.options.strings.setLocale(next);
    this.connection?.setLocale(next);
    if (this.signInView) {
      this.setPageLanguage();
      this.signInView.applyStrings();
      this.signInView.focusLanguageButton();
      return;
    }
    const shell = this.shell;
    if (!shell) return;
    shell.applyStrings();
    this.desk?.applyStrings();
    shell.header.focusLanguageButton();
  }

  // Actions --------------------------------------------------------------------------------------

  private async acceptNext(): Promise<void> {
    const ack = await this.connection?.accept();
    if (!ack) return;
    if (!ack.ok) this.context.announce(ack.error.message);
    else if (ack.data === null) this.context.announce(this.t('queue.acceptNothing'));
    else {
      this.session.chooseStatus('available');
      this.desk?.open(ack.data.conversationId);
    }
  }

  private async closeRequest(id: string): Promise<void> {
    const ack = await this.connection?.closeRequest(id);
    if (ack?.ok) this.context.announce(this.t('requests.closed'));
    else if (ack) this.context.announce(ack.error.message);
  }
}
