import type { ServiceRequestItem } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import { localeTag } from '../shared/timeFormat.js';
import type { ConsoleContext } from './consoleContext.js';

/** The messages visitors left out of hours: who, how to reach them, when it is due, "Mark as done". */
export class RequestsView {
  readonly element: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly list: HTMLUListElement;
  private requests: ServiceRequestItem[] = [];

  constructor(
    private readonly context: ConsoleContext,
    private readonly actions: { closeRequest(id: string): void },
  ) {
    const { doc } = context;
    this.heading = h(doc, 'h2', { id: 'requests-heading' });
    this.list = h(doc, 'ul', { class: 'requests', 'aria-labelledby': 'requests-heading' });
    this.element = h(doc, 'section', { 'aria-labelledby': 'requests-heading' }, this.heading, this.list);
  }

  show(requests: ServiceRequestItem[]): void {
    this.requests = requests;
    this.render();
  }

  applyStrings(): void {
    this.heading.textContent = this.context.t('requests.heading');
    this.render();
  }

  private render(): void {
    const { doc, t } = this.context;
    if (this.requests.length === 0) {
      this.list.replaceChildren(h(doc, 'li', { class: 'empty' }, t('requests.empty')));
      return;
    }
    const dateFormat = new Intl.DateTimeFormat(localeTag(this.context.locale), {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    this.list.replaceChildren(...this.requests.map((request) => this.itemNode(request, dateFormat)));
  }

  private itemNode(request: ServiceRequestItem, dateFormat: Intl.DateTimeFormat): HTMLLIElement {
    const { doc, t } = this.context;
    const close = h(doc, 'button', { type: 'button' }, t('requests.close'));
    close.addEventListener('click', () => this.actions.closeRequest(request.id));
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
      h(doc, 'span', {}, t('requests.language', { language: this.context.languageName(request.locale) })),
      h(doc, 'q', { lang: request.locale }, request.question),
      close,
    );
  }
}
