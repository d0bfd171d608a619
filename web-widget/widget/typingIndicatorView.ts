import type { TypingState } from '../../contracts/visitorEvents.js';
import { h } from '../shared/dom.js';
import type { WidgetContext } from './widgetContext.js';

/** The server already waits before saying a turn is slow; this only smooths a "typing" that ends at once. */
const TYPING_DELAY_MS = 100;
/** A "typing" never followed by a message or a stop is taken down after this. */
const TYPING_MAX_MS = 20_000;

/** "The assistant is typing…" with three dots, at the end of the conversation. */
export class TypingIndicatorView {
  readonly element: HTMLParagraphElement;
  private readonly text: HTMLSpanElement;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: WidgetContext,
    /** Called when the indicator appears (to keep it in view). */
    private readonly onShown: () => void,
  ) {
    const { doc } = context;
    this.text = h(doc, 'span', {});
    this.element = h(
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
      this.text,
    );
  }

  update(state: TypingState): void {
    if (!state.active) {
      this.hide();
      return;
    }
    clearTimeout(this.showTimer);
    this.text.textContent = this.context.t(state.role === 'agent' ? 'typing.agent' : 'typing.bot');
    this.showTimer = setTimeout(() => {
      this.element.hidden = false;
      this.onShown();
    }, TYPING_DELAY_MS);
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.hide(), TYPING_MAX_MS);
  }

  hide(): void {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.element.hidden = true;
  }
}
