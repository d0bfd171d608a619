import type { Locale } from '../../contracts/locale.js';
import type { AgentSummary } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import { CannedPickerView } from './cannedPickerView.js';
import type { ConsoleContext } from './consoleContext.js';

/**
 * Under one chat's message box: canned replies (in the visitor's language), transfer to another
 * agent who can take the chat now, end the chat, and once it has ended, close its tab.
 */
export class ChatToolsView {
  readonly element: HTMLDivElement;
  readonly canned: CannedPickerView;
  private readonly transferLabel: HTMLLabelElement;
  private readonly transferSelect: HTMLSelectElement;
  private readonly transferButton: HTMLButtonElement;
  private readonly transferNoteLabel: HTMLLabelElement;
  private readonly transferNote: HTMLInputElement;
  private readonly endButton: HTMLButtonElement;
  private readonly closeButton: HTMLButtonElement;
  private closed = false;

  constructor(
    private readonly context: ConsoleContext,
    id: string,
    actions: {
      insert(text: string): void;
      backToComposer(): void;
      transfer(toAgentId: string, note: string): void;
      end(): void;
      dismiss(): void;
    },
  ) {
    const { doc } = context;
    this.canned = new CannedPickerView(context, id, actions);
    this.transferLabel = h(doc, 'label', { for: `transfer-${id}` });
    this.transferSelect = h(doc, 'select', { id: `transfer-${id}` });
    this.transferButton = h(doc, 'button', { type: 'button' });
    this.transferNoteLabel = h(doc, 'label', { for: `transfer-note-${id}` });
    // What the next agent should know: shown to them with the chat, never to the visitor.
    this.transferNote = h(doc, 'input', { type: 'text', id: `transfer-note-${id}`, maxlength: 500 });
    this.endButton = h(doc, 'button', { type: 'button', class: 'end' });
    this.closeButton = h(doc, 'button', { type: 'button', hidden: true });
    this.element = h(
      doc,
      'div',
      { class: 'tools' },
      this.canned.element,
      this.transferLabel,
      this.transferSelect,
      this.transferNoteLabel,
      this.transferNote,
      this.transferButton,
      this.endButton,
      this.closeButton,
    );
    this.transferButton.addEventListener('click', () => {
      if (this.transferSelect.value)
        actions.transfer(this.transferSelect.value, this.transferNote.value.trim());
    });
    this.endButton.addEventListener('click', () => actions.end());
    this.closeButton.addEventListener('click', () => actions.dismiss());
  }

  /** Labels in the console's language; canned replies in the visitor's, titled in it too. */
  applyStrings(visitorLocale: Locale): void {
    const { t, locale } = this.context;
    for (const [label, key] of [
      [this.transferLabel, 'chats.transfer'],
      [this.transferNoteLabel, 'chats.transferNote'],
    ] as const) {
      label.textContent = t(key);
      label.lang = locale;
    }
    for (const [button, key] of [
      [this.transferButton, 'chats.transferButton'],
      [this.endButton, 'chats.end'],
      [this.closeButton, 'chats.close'],
    ] as const) {
      button.textContent = t(key);
      button.lang = locale;
    }
    this.canned.applyStrings(visitorLocale);
  }

  /** The agents who could take the chat now: connected, available, a free slot, the visitor's language. */
  showAgents(agents: AgentSummary[], visitorLocale: Locale): void {
    if (this.closed) return;
    const me = this.context.me?.agentId;
    const candidates = agents.filter(
      (agent) =>
        agent.agentId !== me &&
        agent.connected &&
        agent.status === 'available' &&
        agent.openChats < agent.maxChats &&
        agent.languages.includes(visitorLocale),
    );
    const { doc, t } = this.context;
    this.transferSelect.replaceChildren(
      ...(candidates.length === 0
        ? [h(doc, 'option', { value: '' }, t('chats.transferNone'))]
        : candidates.map((agent) => h(doc, 'option', { value: agent.agentId }, agent.displayName))),
    );
    this.transferButton.disabled = candidates.length === 0;
  }

  /** An ended chat is read-only: only "close this tab" is left. */
  setClosed(closed: boolean): void {
    this.closed = closed;
    this.canned.setDisabled(closed);
    for (const control of [this.transferSelect, this.transferNote, this.transferButton, this.endButton])
      control.disabled = closed;
    this.closeButton.hidden = !closed;
    if (closed) this.transferSelect.replaceChildren();
  }
}
