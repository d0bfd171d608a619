import { CHAT_RATING_MAX, CHAT_RATING_MIN } from '../../contracts/visitorEvents.js';
import { h } from '../shared/dom.js';
import type { WidgetContext } from './widgetContext.js';

/** The chat being rated: its id (what the server checks) and the agent the visitor talked to. */
export interface RatedChat {
  chatId: string;
  agentName: string;
}

/**
 * "How was your chat with Ana? 1 … 5 / No thanks", at the end of the conversation once a chat
 * with a live agent has ended; then "Thank you". One tap sends the rating. A group of buttons,
 * labelled by the question and described by the scale, each named "4 of 5" around its number.
 * The group is redrawn once pressed, so the caller moves the focus on (to the message box).
 */
export class RatingView {
  readonly element: HTMLDivElement;
  private chat: RatedChat | null = null;
  private state: 'asking' | 'sending' | 'done' = 'asking';
  private error: string | null = null;

  constructor(
    private readonly context: WidgetContext,
    private readonly actions: { rate(chat: RatedChat, rating: number): void; dismissed(): void },
  ) {
    this.element = h(context.doc, 'div', { class: 'va-rating', hidden: true });
  }

  ask(chat: RatedChat): void {
    this.chat = chat;
    this.state = 'asking';
    this.error = null;
    this.draw();
  }

  clear(): void {
    this.chat = null;
    this.draw();
  }

  /** The rating was sent (`error` null) or refused (with the server's reason). */
  settle(error: string | null): void {
    this.state = error === null ? 'done' : 'asking';
    this.error = error;
    this.draw();
  }

  applyStrings(): void {
    this.draw();
  }

  private draw(): void {
    const { doc, t } = this.context;
    const chat = this.chat;
    this.element.hidden = chat === null;
    if (!chat) {
      this.element.replaceChildren();
      return;
    }
    if (this.state === 'done') {
      this.element.replaceChildren(h(doc, 'p', { class: 'va-rating-done' }, t('rating.thanks')));
      return;
    }
    const buttons: HTMLButtonElement[] = [];
    for (let value = CHAT_RATING_MIN; value <= CHAT_RATING_MAX; value += 1) {
      const button = h(
        doc,
        'button',
        { type: 'button', class: 'va-rating-value', 'aria-label': t('rating.option', { value }) },
        String(value),
      );
      if (this.state === 'sending') button.setAttribute('aria-disabled', 'true');
      button.addEventListener('click', () => {
        if (this.state === 'sending') return;
        this.state = 'sending';
        this.draw();
        this.actions.rate(chat, value);
      });
      buttons.push(button);
    }
    const skip = h(doc, 'button', { type: 'button', class: 'va-rating-skip' }, t('rating.skip'));
    skip.addEventListener('click', () => {
      this.clear();
      this.actions.dismissed();
    });
    this.element.replaceChildren(
      h(
        doc,
        'div',
        { role: 'group', 'aria-labelledby': 'va-rating-q', 'aria-describedby': 'va-rating-scale' },
        h(
          doc,
          'p',
          { class: 'va-rating-question', id: 'va-rating-q' },
          t('rating.question', { agent: chat.agentName }),
        ),
        h(doc, 'p', { class: 'va-rating-scale', id: 'va-rating-scale' }, t('rating.scale')),
        h(doc, 'div', { class: 'va-rating-values' }, ...buttons, skip),
        this.error ? h(doc, 'p', { class: 'va-rating-error' }, this.error) : null,
      ),
    );
  }
}
