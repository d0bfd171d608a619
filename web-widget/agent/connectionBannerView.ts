import { h } from '../shared/dom.js';
import type { ConsoleConnectionStatus } from './agentConnection.js';
import type { ConsoleContext } from './consoleContext.js';

/** The line under the header while the console connects or reconnects (hidden when online). */
export class ConnectionBannerView {
  readonly element: HTMLParagraphElement;
  private status: ConsoleConnectionStatus = 'connecting';
  private detail: string | null = null;

  constructor(private readonly context: ConsoleContext) {
    this.element = h(context.doc, 'p', { class: 'banner', role: 'status', hidden: true });
  }

  show(status: ConsoleConnectionStatus, detail: string | null): void {
    this.status = status;
    this.detail = detail;
    this.render();
  }

  render(): void {
    const { t } = this.context;
    const text =
      this.status === 'reconnecting'
        ? t('connection.reconnecting')
        : this.status === 'connecting'
          ? t('connection.connecting')
          : '';
    this.element.textContent = text || (this.detail ?? '');
    this.element.hidden = !this.element.textContent;
  }
}
