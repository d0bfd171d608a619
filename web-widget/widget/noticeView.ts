import { h } from '../shared/dom.js';
import type { WidgetContext } from './widgetContext.js';

/** The line under the header that says who the visitor is talking to (the panel's description). */
export class NoticeView {
  readonly element: HTMLParagraphElement;

  constructor(private readonly context: WidgetContext) {
    this.element = h(context.doc, 'p', { class: 'va-notice', id: 'va-notice' });
  }

  applyStrings(): void {
    this.element.textContent = this.context.t('panel.notice');
  }
}
