import { h } from '../shared/dom.js';
import { labelLanguageToggle } from '../shared/chatParts.js';
import type { WidgetContext } from './widgetContext.js';

/**
 * The panel's header: its title (the dialog's accessible name), the "Español / English" switch
 * and the close button.
 */
export class HeaderView {
  readonly element: HTMLDivElement;
  private readonly title: HTMLHeadingElement;
  private readonly languageButton: HTMLButtonElement;
  private readonly closeText: HTMLSpanElement;

  constructor(
    private readonly context: WidgetContext,
    actions: { switchLanguage(): void; close(): void },
  ) {
    const { doc } = context;
    this.title = h(doc, 'h2', { class: 'va-title', id: 'va-title' });
    this.languageButton = h(doc, 'button', { type: 'button', class: 'va-lang' });
    this.closeText = h(doc, 'span', { class: 'va-sr' });
    const closeButton = h(
      doc,
      'button',
      { type: 'button', class: 'va-close' },
      h(doc, 'span', { 'aria-hidden': 'true' }, '×'),
      this.closeText,
    );
    this.element = h(doc, 'div', { class: 'va-header' }, this.title, this.languageButton, closeButton);
    this.languageButton.addEventListener('click', () => actions.switchLanguage());
    closeButton.addEventListener('click', () => actions.close());
  }

  focusLanguageButton(): void {
    this.languageButton.focus();
  }

  applyStrings(): void {
    const { t } = this.context;
    this.title.textContent = t('panel.title');
    labelLanguageToggle(this.languageButton, {
      text: t('panel.otherLanguage'),
      lang: t('panel.otherLanguageCode'),
      hint: t('panel.otherLanguageHint'),
    });
    this.closeText.textContent = t('panel.close');
  }
}
