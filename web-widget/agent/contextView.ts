import type { ChatContext } from '../../contracts/agentEvents.js';
import { fillBubble } from '../shared/chatParts.js';
import { h } from '../shared/dom.js';
import { localeTag } from '../shared/timeFormat.js';
import type { ConsoleContext } from './consoleContext.js';

/**
 * "About this visitor", beside the chat: the visitor's language, the page they started on and
 * when, the case numbers the assistant looked up (masked), the assistant's last answer, and the
 * earlier conversations from the same browser. Loaded once per chat from `chat:context`; what the
 * visitor or the assistant wrote is text (the answer's Markdown through the sanitising renderer).
 */
export class ContextView {
  readonly element: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly body: HTMLDivElement;
  private data: ChatContext | null = null;
  private state: 'loading' | 'failed' | 'loaded' = 'loading';

  constructor(
    private readonly context: ConsoleContext,
    id: string,
  ) {
    const { doc } = context;
    this.heading = h(doc, 'h3', { id: `context-heading-${id}` });
    this.body = h(doc, 'div', { class: 'context-body' });
    this.element = h(
      doc,
      'section',
      { class: 'visitor-context', 'aria-labelledby': `context-heading-${id}` },
      this.heading,
      this.body,
    );
  }

  show(data: ChatContext | null): void {
    this.data = data;
    this.state = data ? 'loaded' : 'failed';
    this.render();
  }

  applyStrings(): void {
    const { t, locale } = this.context;
    this.heading.textContent = t('context.heading');
    this.heading.lang = locale;
    this.render();
  }

  private render(): void {
    const { doc, t, locale } = this.context;
    this.body.lang = locale;
    if (this.state !== 'loaded' || !this.data) {
      this.body.replaceChildren(
        h(doc, 'p', {}, t(this.state === 'loading' ? 'context.loading' : 'context.failed')),
      );
      return;
    }
    const data = this.data;
    const none = () => h(doc, 'span', { class: 'none' }, t('context.none'));
    this.body.replaceChildren(
      h(
        doc,
        'dl',
        {},
        ...row(doc, t('context.language'), this.context.languageName(data.locale)),
        ...row(
          doc,
          t('context.startPage'),
          data.startPage
            ? h(
                doc,
                'a',
                { href: data.startPage, target: '_blank', rel: 'noopener noreferrer' },
                data.startPage,
              )
            : h(doc, 'span', { class: 'none' }, t('context.unknownPage')),
        ),
        ...row(
          doc,
          t('context.startedAt'),
          h(doc, 'time', { datetime: data.startedAt }, this.dateTime(data.startedAt)),
        ),
        ...row(
          doc,
          t('context.caseNumbers'),
          data.caseNumbers.length > 0
            ? h(doc, 'ul', {}, ...data.caseNumbers.map((number) => h(doc, 'li', {}, number)))
            : none(),
        ),
        ...row(doc, t('context.lastAnswer'), data.lastAnswer ? this.answer(data.lastAnswer) : none()),
        ...row(doc, t('context.earlier'), data.earlier.length > 0 ? this.earlier(data) : none()),
      ),
    );
  }

  private answer(answer: NonNullable<ChatContext['lastAnswer']>): HTMLElement {
    const { doc, t } = this.context;
    const bubble = h(doc, 'div', { class: 'bubble', lang: this.data?.locale });
    fillBubble(bubble, answer.text, 'markdown', this.context.renderer);
    return h(
      doc,
      'details',
      {},
      h(doc, 'summary', {}, t('context.article', { id: answer.articleId })),
      bubble,
    );
  }

  private earlier(data: ChatContext): HTMLOListElement {
    const { doc, t } = this.context;
    return h(
      doc,
      'ol',
      { class: 'earlier' },
      ...data.earlier.map((item) =>
        h(
          doc,
          'li',
          {},
          h(
            doc,
            'span',
            {},
            t('context.earlierItem', {
              date: this.dateTime(item.startedAt),
              language: this.context.languageName(item.locale),
              count: item.messages,
            }),
            item.withAgent ? ` · ${t('context.withAgent')}` : '',
          ),
          ...item.questions.map((question) => h(doc, 'q', { lang: item.locale }, question)),
        ),
      ),
    );
  }

  private dateTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(localeTag(this.context.locale), {
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(date);
  }
}

/** A term and its description. */
function row(doc: Document, term: string, description: Node | string): [HTMLElement, HTMLElement] {
  return [h(doc, 'dt', {}, term), h(doc, 'dd', {}, description)];
}
