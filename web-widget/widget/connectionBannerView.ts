import { h } from '../shared/dom.js';
import type { ConnectionStatus } from './chatConnection.js';
import type { WidgetContext } from './widgetContext.js';

/** The yellow line that says the chat is offline, reconnecting or unavailable; hidden while all is well. */
export class ConnectionBannerView {
  readonly element: HTMLParagraphElement;
  private status: ConnectionStatus = 'idle';
  private detail: string | null = null;

  constructor(private readonly context: WidgetContext) {
    this.element = h(context.doc, 'p', { class: 'va-banner', hidden: true });
  }

  /**
   * Shows the line for `status` (again after a language switch); `detail` is the server's own explanation of an unavailable chat.
   * Returns the text when it is new (for the caller to announce), else null.
   */
  show(status: ConnectionStatus, detail: string | null): string | null {
    this.status = status;
    this.detail = detail;
    const text = this.text();
    const changed = text !== '' && text !== this.element.textContent;
    this.element.textContent = text;
    this.element.hidden = text === '';
    return changed ? text : null;
  }

  private text(): string {
    const { t } = this.context;
    switch (this.status) {
      case 'offline':
        return t('status.offline');
      case 'reconnecting':
        return t('status.reconnecting');
      case 'unavailable':
        return this.detail ?? t('status.unavailable');
      case 'refused':
        return t('status.originNotAllowed');
      default:
        return '';
    }
  }
}
