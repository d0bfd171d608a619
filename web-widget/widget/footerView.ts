import { h } from '../shared/dom.js';
import type { WidgetContext } from './widgetContext.js';

/** The panel's last row: "Download the conversation" (a plain-text copy, as stored). */
export class FooterView {
  readonly element: HTMLDivElement;
  private readonly download: HTMLButtonElement;

  constructor(
    private readonly context: WidgetContext,
    onDownload: () => void,
  ) {
    this.download = h(context.doc, 'button', { type: 'button', class: 'va-download' });
    this.element = h(context.doc, 'div', { class: 'va-footer' }, this.download);
    this.download.addEventListener('click', onDownload);
  }

  setBusy(busy: boolean): void {
    this.download.disabled = busy;
  }

  applyStrings(): void {
    this.download.textContent = this.context.t('panel.download');
  }
}
