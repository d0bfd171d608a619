import type { AgentSummary, ChatContext, ChatNoteItem } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import type { ChatTranscript } from './chatTranscript.js';
import { isCannedShortcut } from './cannedPickerView.js';
import { ChatComposerView } from './chatComposerView.js';
import { ChatToolsView } from './chatToolsView.js';
import type { ConsoleContext } from './consoleContext.js';
import { ContextView } from './contextView.js';
import { NotesView } from './notesView.js';
import { TranscriptView } from './transcriptView.js';
import { presenceSentence, presenceWord } from './visitorPresenceText.js';

/** What a chat's controls ask of the coordinator, for this chat. */
export interface ChatActions {
  send(text: string): void;
  typing(active: boolean): void;
  retry(): void;
  transfer(toAgentId: string, note: string): void;
  /** Null once added; otherwise why not. */
  addNote(text: string): Promise<string | null>;
  end(): void;
  dismiss(): void;
}

/**
 * One chat: its tab (a WAI-ARIA tab, see ChatTabsView) and its panel, made of the facts about the
 * visitor (language, channel, question), the transcript, the closed notice, the message box and the
 * tools. The chat's transcript is the connection's; the view keeps the latest it was given (a chat
 * taken again after it had left the agent starts a new one).
 */
export class ChatView {
  readonly conversationId: string;
  readonly tab: HTMLButtonElement;
  readonly panel: HTMLElement;
  private readonly meta: HTMLDivElement;
  private readonly notice: HTMLParagraphElement;
  private readonly log: TranscriptView;
  private readonly composer: ChatComposerView;
  private readonly tools: ChatToolsView;
  private readonly notes: NotesView;
  private readonly about: ContextView;
  private agents: AgentSummary[] = [];

  constructor(
    private readonly context: ConsoleContext,
    public transcript: ChatTranscript,
    /** "Visitor 3": how the console names the chat (no personal data on screen). */
    readonly number: number,
    actions: ChatActions,
  ) {
    const { doc } = context;
    this.conversationId = transcript.chat.conversationId;
    const id = this.conversationId.replace(/[^A-Za-z0-9_-]/g, '');
    this.tab = h(doc, 'button', {
      type: 'button',
      role: 'tab',
      id: `tab-${id}`,
      'aria-controls': `panel-${id}`,
      'aria-selected': 'false',
      tabindex: -1,
    });
    this.meta = h(doc, 'div', { class: 'meta' });
    this.notice = h(doc, 'p', { class: 'closed', role: 'status', hidden: true });
    this.log = new TranscriptView(context, number, { retry: () => actions.retry() });
    this.composer = new ChatComposerView(context, id, actions);
    this.tools = new ChatToolsView(context, id, {
      insert: (text) => this.composer.insert(text),
      backToComposer: () => this.composer.focus(),
      transfer: (toAgentId, note) => actions.transfer(toAgentId, note),
      end: () => actions.end(),
      dismiss: () => actions.dismiss(),
    });
    this.notes = new NotesView(context, id, { addNote: (text) => actions.addNote(text) });
    this.about = new ContextView(context, id);
    this.panel = h(
      doc,
      'section',
      {
        role: 'tabpanel',
        id: `panel-${id}`,
        'aria-labelledby': `tab-${id}`,
        hidden: true,
        lang: transcript.chat.locale,
        class: 'chat',
      },
      h(
        doc,
        'div',
        { class: 'chat-main' },
        this.meta,
        this.log.list,
        this.log.typing,
        this.notice,
        this.composer.element,
        this.tools.element,
      ),
      h(doc, 'div', { class: 'chat-side' }, this.notes.element, this.about.element),
    );
    // Ctrl+/ (⌘/) from anywhere in the chat: the canned replies' search.
    this.panel.addEventListener('keydown', (event) => {
      if (!isCannedShortcut(event)) return;
      event.preventDefault();
      this.tools.canned.open();
    });
    this.applyStrings();
  }

  get closed(): boolean {
    return this.transcript.closedReason !== null;
  }

  /** Everything drawn again from the transcript (lines that did not change keep their nodes). */
  render(transcript: ChatTranscript = this.transcript): void {
    this.transcript = transcript;
    this.renderMeta();
    this.log.render(transcript);
    const { closedReason } = transcript;
    const { t } = this.context;
    this.notice.hidden = closedReason === null;
    this.notice.textContent =
      closedReason === null ? '' : t('chats.ended', { reason: t(`chats.removed.${closedReason}`) });
    this.notice.lang = this.context.locale;
    this.composer.setDisabled(this.closed);
    this.tools.setClosed(this.closed);
    this.notes.setDisabled(this.closed);
    this.notes.render(transcript);
    if (!this.closed) this.tools.showAgents(this.agents, transcript.chat.locale);
  }

  /** The transfer note this agent received, if `note` is it (for the announcement). */
  isTransferNoteForMe(note: ChatNoteItem): boolean {
    return this.notes.transferNoteFor(this.transcript)?.id === note.id;
  }

  /** What is known about the visitor (null: it could not be loaded). */
  showContext(data: ChatContext | null): void {
    this.about.show(data);
  }

  renderTyping(): void {
    this.log.renderTyping(this.transcript);
  }

  /** An admin changed the canned replies: an open search shows the new list. */
  renderCanned(): void {
    this.tools.canned.render();
  }

  /** The agents list changed: who the chat can be transferred to. */
  showAgents(agents: AgentSummary[]): void {
    this.agents = agents;
    this.tools.showAgents(agents, this.transcript.chat.locale);
  }

  /**
   * The tab: the visitor's number and language, whether they are there (active / away / left),
   * and while it is not selected how many messages
   * arrived ("1 new message" / "3 new messages", in words: what is seen is what a screen reader
   * reads as the tab's name).
   */
  renderTab(selected: boolean): void {
    const { doc, t } = this.context;
    const { transcript } = this;
    const unread = transcript.unread > 0 && !selected ? transcript.unread : 0;
    this.tab.replaceChildren(
      t('chats.tab', { number: this.number, language: this.context.languageName(transcript.chat.locale) }),
    );
    const visitor = this.closed ? null : transcript.chat.visitor;
    if (visitor)
      this.tab.append(
        ' ',
        h(doc, 'span', { class: `presence ${visitor.state}` }, presenceWord(this.context, visitor)),
      );
    if (unread > 0)
      this.tab.append(' ', h(doc, 'span', { class: 'unread' }, t('chats.unread', { count: unread })));
    this.tab.classList.toggle('closed', this.closed);
  }

  setSelected(selected: boolean): void {
    this.tab.setAttribute('aria-selected', String(selected));
    this.tab.tabIndex = selected ? 0 : -1;
    this.panel.hidden = !selected;
  }

  focusComposer(): void {
    this.composer.focus();
  }

  /** Every label in the console's language, every line drawn again. */
  applyStrings(): void {
    this.log.applyStrings();
    this.composer.applyStrings();
    this.notes.applyStrings();
    this.about.applyStrings();
    this.tools.applyStrings(this.transcript.chat.locale);
    this.tools.showAgents(this.agents, this.transcript.chat.locale);
  }

  private renderMeta(): void {
    const { doc, t, locale } = this.context;
    const { chat } = this.transcript;
    const visitor = this.closed ? null : chat.visitor;
    this.meta.replaceChildren(
      visitor
        ? h(
            doc,
            'p',
            { lang: locale, class: `visitor-presence ${visitor.state}` },
            t('presence.label', { presence: presenceSentence(this.context, visitor) }),
          )
        : '',
      h(
        doc,
        'p',
        { lang: locale },
        t('chats.visitorLanguage', { language: this.context.languageName(chat.locale) }),
      ),
      h(doc, 'p', { lang: locale }, t('chats.channel', { channel: t(`channel.${chat.channel}`) })),
    );
    if (chat.question) {
      this.meta.append(
        h(
          doc,
          'p',
          {},
          h(doc, 'span', { lang: locale }, t('chats.question', { question: '' })),
          h(doc, 'q', { lang: chat.locale }, chat.question),
        ),
      );
    }
  }
}
