import type { AgentSummary, ChatNoteItem } from '../../contracts/agentEvents.js';
import type { AgentConnection, ChatChange } from './agentConnection.js';
import type { ChatTabsView } from './chatTabsView.js';
import type { ChatTranscript } from './chatTranscript.js';
import { ChatView } from './chatView.js';
import type { ConsoleContext } from './consoleContext.js';

/**
 * The coordinator of the agent's chats, under AgentConsole: turns the connection's chat events into
 * chat views in the tabs (a new chat announced and signalled, a visitor's message announced and
 * counted unread while its tab is not selected) and each chat's actions into calls on the
 * connection, with refusals announced.
 */
export class ChatDesk {
  private agentList: AgentSummary[] = [];
  /** Chats are named "Visitor 1", "Visitor 2"... in the order they arrived in this console. */
  private visitorNumbers = 0;
  /** The chat to select when it arrives with the state: the one in progress before a reload. */
  private restoring: string | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly tabs: ChatTabsView,
    private readonly deps: { connection(): AgentConnection | null; beep(): void },
  ) {}

  private get connection(): AgentConnection | null {
    return this.deps.connection();
  }

  chat(transcript: ChatTranscript, change: ChatChange, live: boolean): void {
    const { t } = this.context;
    const conversationId = transcript.chat.conversationId;
    let view = this.tabs.get(conversationId);
    if (view && change === 'typing') {
      view.renderTyping();
      return;
    }
    if (!view) {
      view = this.add(transcript);
      if (live) {
        this.context.announce(
          t('chats.assigned', {
            number: view.number,
            language: this.context.languageName(transcript.chat.locale),
          }),
        );
        this.deps.beep();
      }
    }
    if (change === 'message' && live) {
      if (this.tabs.selected !== conversationId) transcript.unread += 1;
      const last = transcript
        .entries()
        .filter((line) => line.role === 'visitor')
        .at(-1);
      if (last) this.context.announce(t('chats.newMessage', { number: view.number, text: last.text }));
    }
    const visitor = transcript.chat.visitor;
    if (change === 'visitor' && live && visitor)
      this.context.announce(t(`presence.announce.${visitor.state}`, { number: view.number }));
    view.render(transcript);
    this.tabs.renderTabs();
  }

  /**
   * A new picture of the agent's chats is about to be applied: if the chat selected last in this
   * tab is among them and not shown yet (a reload), it is selected when it arrives, not the first.
   */
  expect(conversationIds: string[], selectedLast: string | null): void {
    this.restoring =
      selectedLast && conversationIds.includes(selectedLast) && !this.tabs.get(selectedLast)
        ? selectedLast
        : null;
  }

  /**
   * A private note arrived: drawn where it belongs; the note of a transfer to this agent is read
   * out with the chat.
   */
  note(transcript: ChatTranscript, note: ChatNoteItem): void {
    const view = this.tabs.get(transcript.chat.conversationId);
    if (!view) return;
    view.render(transcript);
    if (view.isTransferNoteForMe(note))
      this.context.announce(
        this.context.t('notes.transferAnnounce', {
          number: view.number,
          name: note.agentName,
          text: note.text,
        }),
      );
  }

  /** Who is online changed: each chat's transfer list follows. */
  agents(agents: AgentSummary[]): void {
    this.agentList = agents;
    for (const view of this.tabs.all()) view.showAgents(agents);
  }

  /** An admin changed the canned replies: each chat's open search shows the new list. */
  cannedChanged(): void {
    for (const view of this.tabs.all()) view.renderCanned();
  }

  /** Selects a chat and puts the cursor in its message box (a chat the agent just accepted). */
  open(conversationId: string): void {
    this.tabs.select(conversationId, false);
    this.tabs.get(conversationId)?.focusComposer();
  }

  /** Every chat's labels in the console's language, every line drawn again. */
  applyStrings(): void {
    for (const view of this.tabs.all()) {
      view.applyStrings();
      view.render();
    }
    this.tabs.renderTabs();
  }

  private add(transcript: ChatTranscript): ChatView {
    const conversationId = transcript.chat.conversationId;
    const view = new ChatView(this.context, transcript, (this.visitorNumbers += 1), {
      send: (text) => this.connection?.send(conversationId, text),
      typing: (active) => this.connection?.typing(conversationId, active),
      retry: () => this.connection?.retry(conversationId),
      transfer: (toAgentId, note) => void this.transfer(conversationId, toAgentId, note),
      addNote: (text) => this.addNote(conversationId, text),
      end: () => void this.end(conversationId),
      dismiss: () => this.dismiss(conversationId),
    });
    view.showAgents(this.agentList);
    void this.loadContext(view);
    this.tabs.add(view);
    if (!this.tabs.selected || this.restoring === conversationId) this.tabs.select(conversationId, false);
    if (this.restoring === conversationId) this.restoring = null;
    return view;
  }

  /** The context panel is filled once the server answers (a few reads of stored transcripts). */
  private async loadContext(view: ChatView): Promise<void> {
    const ack = await this.connection?.context(view.conversationId);
    view.showContext(ack?.ok ? ack.data : null);
  }

  private async end(conversationId: string): Promise<void> {
    const ack = await this.connection?.end(conversationId);
    if (ack && !ack.ok) this.context.announce(ack.error.message);
  }

  private async transfer(conversationId: string, toAgentId: string, note: string): Promise<void> {
    const ack = await this.connection?.transfer(conversationId, toAgentId, note);
    if (ack && !ack.ok) this.context.announce(ack.error.message);
  }

  private async addNote(conversationId: string, text: string): Promise<string | null> {
    const ack = await this.connection?.addNote(conversationId, text);
    if (!ack) return this.context.t('connection.reconnecting');
    return ack.ok ? null : ack.error.message || this.context.t('connection.reconnecting');
  }

  /** The tab of an ended chat is closed: the connection forgets it too. */
  private dismiss(conversationId: string): void {
    this.connection?.dismiss(conversationId);
    this.tabs.remove(conversationId);
  }
}
