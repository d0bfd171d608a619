import type { QueueItem } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import type { ConsoleContext } from './consoleContext.js';
import { presenceSentence } from './visitorPresenceText.js';

/**
 * The waiting visitors: everyone in line, those in the agent's languages first-class and the
 * others dashed ("not in your languages"), each with how long they have waited, their place and
 * their question; and "Accept next chat", enabled while someone waits in the agent's languages.
 */
export class QueueView {
  readonly element: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly accept: HTMLButtonElement;
  private readonly list: HTMLUListElement;
  private queue: QueueItem[] = [];

  constructor(
    private readonly context: ConsoleContext,
    actions: { acceptNext(): void },
  ) {
    const { doc } = context;
    this.heading = h(doc, 'h2', { id: 'queue-heading' });
    this.accept = h(doc, 'button', { type: 'button', class: 'accept' });
    this.list = h(doc, 'ul', { class: 'queue', 'aria-labelledby': 'queue-heading' });
    this.accept.addEventListener('click', () => actions.acceptNext());
    this.element = h(
      doc,
      'section',
      { 'aria-labelledby': 'queue-heading' },
      this.heading,
      this.accept,
      this.list,
    );
  }

  /** How many wait for this agent: in their languages, and still there (one who left is never assigned). */
  get waitingForMe(): number {
    return this.queue.filter((item) => this.context.speaks(item.locale) && item.visitor?.state !== 'left')
      .length;
  }

  show(queue: QueueItem[]): void {
    this.queue = queue;
    this.render();
  }

  /** Drawn again on every change and every half minute (the waiting times move on). */
  render(): void {
    const { doc, t } = this.context;
    this.accept.disabled = this.waitingForMe === 0;
    if (this.queue.length === 0) {
      this.list.replaceChildren(h(doc, 'li', { class: 'empty' }, t('queue.empty')));
      return;
    }
    this.list.replaceChildren(...this.queue.map((item) => this.itemNode(item)));
  }

  applyStrings(): void {
    const { t } = this.context;
    this.heading.textContent = t('queue.heading');
    this.accept.textContent = t('queue.accept');
    this.render();
  }

  private itemNode(item: QueueItem): HTMLLIElement {
    const { doc, t } = this.context;
    const mine = this.context.speaks(item.locale);
    return h(
      doc,
      'li',
      { class: mine ? 'waiting' : 'waiting other' },
      h(
        doc,
        'span',
        { class: 'what' },
        t('queue.item', {
          language: this.context.languageName(item.locale),
          waiting: this.waiting(item.queuedAt),
        }),
      ),
      h(doc, 'span', { class: 'position' }, t('queue.position', { position: item.position })),
      item.priority > 0 ? h(doc, 'span', { class: 'requeued' }, t('queue.requeued')) : null,
      mine ? null : h(doc, 'span', { class: 'note' }, t('queue.notYourLanguage')),
      // Only the exception is worth a line: a visitor who is not looking, or gone (never assigned).
      item.visitor && item.visitor.state !== 'active'
        ? h(
            doc,
            'span',
            { class: `visitor-presence ${item.visitor.state}` },
            presenceSentence(this.context, item.visitor),
          )
        : null,
      item.question ? h(doc, 'q', { lang: item.locale }, item.question) : null,
    );
  }

  private waiting(since: string): string {
    const minutes = Math.floor((Date.now() - Date.parse(since)) / 60_000);
    return minutes < 1
      ? this.context.t('waiting.seconds')
      : this.context.t('waiting.minutes', { count: minutes });
  }
}
