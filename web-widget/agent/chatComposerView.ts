import { sendOnEnter } from '../shared/chatParts.js';
import { h } from '../shared/dom.js';
import type { ConsoleContext } from './consoleContext.js';

/** The message box of one chat: Enter sends, Shift+Enter makes a new line; typing is told to the visitor. */
export class ChatComposerView {
  readonly element: HTMLFormElement;
  readonly input: HTMLTextAreaElement;
  private readonly label: HTMLLabelElement;
  private readonly send: HTMLButtonElement;

  constructor(
    private readonly context: ConsoleContext,
    id: string,
    actions: { send(text: string): void; typing(active: boolean): void },
  ) {
    const { doc } = context;
    this.input = h(doc, 'textarea', { id: `input-${id}`, rows: 3 });
    this.send = h(doc, 'button', { type: 'submit' });
    this.label = h(doc, 'label', { for: `input-${id}` });
    this.element = h(doc, 'form', { class: 'composer', novalidate: true }, this.label, this.input, this.send);
    sendOnEnter(this.element, this.input, () => {
      const text = this.input.value.trim();
      if (!text) return;
      actions.send(text);
      actions.typing(false);
      this.input.value = '';
      this.input.focus();
    });
    this.input.addEventListener('input', () => actions.typing(this.input.value.trim() !== ''));
  }

  /** Adds `text` to what is written (a canned reply), and puts the cursor back in the box. */
  insert(text: string): void {
    this.input.value = this.input.value ? `${this.input.value} ${text}` : text;
    this.input.focus();
  }

  focus(): void {
    this.input.focus();
  }

  setDisabled(disabled: boolean): void {
    this.input.disabled = disabled;
    this.send.disabled = disabled;
  }

  applyStrings(): void {
    const { t, locale } = this.context;
    this.label.textContent = t('chats.composer');
    this.label.lang = locale;
    this.send.textContent = t('chats.send');
    this.send.lang = locale;
  }
}
