import { h } from '../shared/dom.js';
import { sendOnEnter } from '../shared/chatParts.js';
import type { WidgetContext } from './widgetContext.js';

/** Used until the server says otherwise in its `session` event. */
const DEFAULT_MAX_LENGTH = 1000;
/** The box grows with its text up to this height, then scrolls. */
const MAX_INPUT_HEIGHT_PX = 140;

/**
 * The message box and its Send button: Enter sends, Shift+Enter makes a new line, the box grows
 * with its text, and a character counter appears near the limit (a longer message is not sent).
 */
export class ComposerView {
  readonly element: HTMLFormElement;
  private readonly label: HTMLLabelElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly counter: HTMLParagraphElement;
  private maxLength = DEFAULT_MAX_LENGTH;

  constructor(
    private readonly context: WidgetContext,
    private readonly actions: {
      /** The visitor sends `text` (not blank, within the limit). */
      send(text: string): void;
      /** The text in the box changed; `hasText`: anything but spaces is left in it. */
      typed(hasText: boolean): void;
    },
  ) {
    const { doc } = context;
    this.label = h(doc, 'label', { class: 'va-sr', for: 'va-input' });
    this.input = h(doc, 'textarea', {
      class: 'va-input',
      id: 'va-input',
      rows: 1,
      maxlength: this.maxLength,
    });
    this.sendButton = h(doc, 'button', { type: 'submit', class: 'va-send' });
    this.counter = h(doc, 'p', { class: 'va-counter', id: 'va-counter', hidden: true });
    this.element = h(
      doc,
      'form',
      { class: 'va-composer', novalidate: true },
      this.label,
      this.input,
      this.sendButton,
      this.counter,
    );
    sendOnEnter(this.element, this.input, () => this.submit());
    this.input.addEventListener('input', () => {
      this.updateCounter();
      this.autoGrow();
      actions.typed(this.input.value.trim() !== '');
    });
  }

  focus(): void {
    this.input.focus();
  }

  setMaxLength(max: number): void {
    this.maxLength = max;
    this.input.maxLength = max;
    this.updateCounter();
  }

  applyStrings(): void {
    const { t } = this.context;
    this.label.textContent = t('composer.label');
    this.input.placeholder = t('composer.placeholder');
    this.sendButton.textContent = t('composer.send');
    this.updateCounter();
  }

  private submit(): void {
    const text = this.input.value;
    if (text.trim() === '') return;
    if (text.length > this.maxLength) {
      this.updateCounter();
      this.context.announce(this.context.t('composer.tooLong', { max: this.maxLength }));
      return;
    }
    this.actions.send(text);
    this.input.value = '';
    this.updateCounter();
    this.autoGrow();
    this.input.focus();
  }

  private updateCounter(): void {
    const length = this.input.value.length;
    // Shown near the limit only, so it is not read out on every focus of an empty box.
    const show = length >= this.maxLength * 0.8;
    this.counter.hidden = !show;
    this.counter.textContent = this.context.t('composer.counter', { count: length, max: this.maxLength });
    this.counter.classList.toggle('va-counter-over', length > this.maxLength);
    if (show) this.input.setAttribute('aria-describedby', 'va-counter');
    else this.input.removeAttribute('aria-describedby');
  }

  private autoGrow(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, MAX_INPUT_HEIGHT_PX)}px`;
  }
}
