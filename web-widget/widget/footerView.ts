import { h } from '../shared/dom.js';
import type { WidgetContext } from './widgetContext.js';

/** The panel's last row: "Download the conversation" (a plain-text copy, as stored). */
export class FooterView {
  readonly element: HTMLDivElement;
  private readonly download: HTMLButtonElement;
  private busy = false;

  constructor(
    private readonly context: WidgetContext,
    onDownload: () => void,
  ) {
    this.download = h(context.doc, 'button', { type: 'button', class: 'va-download' });
    this.element = h(context.doc, 'div', { class: 'va-footer' }, this.download);
    this.download.addEventListener('click', () => {
      if (!this.busy) onDownload();
    });
  }

  /** While the copy is fetched: presses are ignored (aria-disabled keeps the focus on the button). */
  setBusy(busy: boolean): void {
    this.busy = busy;
    if (busy) this.download.setAttribute('aria-disabled', 'true');
    else this.download.removeAttribute('aria-disabled');
  }

  applyStrings(): void {
    this.download.textContent = this.context.t('panel.download');
  }
}
