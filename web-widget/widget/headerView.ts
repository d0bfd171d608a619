import { h } from '../shared/dom.js';
import { labelLanguageToggle } from '../shared/chatParts.js';
import { ASSISTANT, type Speaker } from './speaker.js';
import type { WidgetContext } from './widgetContext.js';

/**
 * The panel's header: its title (the dialog's accessible name) saying who the visitor is talking
 * to ("Virtual assistant", or the agent's name with "Live agent" under it), the
 * "Español / English" switch and the close button. On a short screen it is one compact row.
 */
export class HeaderView {
  readonly element: HTMLDivElement;
  private readonly title: HTMLHeadingElement;
  private readonly languageButton: HTMLButtonElement;
  private readonly closeText: HTMLSpanElement;
  private speaker: Speaker = ASSISTANT;

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

  setSpeaker(speaker: Speaker): void {
    this.speaker = speaker;
    this.drawTitle();
  }

  applyStrings(): void {
    const { t } = this.context;
    this.drawTitle();
    labelLanguageToggle(this.languageButton, {
      text: t('panel.otherLanguage'),
      lang: t('panel.otherLanguageCode'),
      hint: t('panel.otherLanguageHint'),
    });
    this.closeText.textContent = t('panel.close');
  }

  private drawTitle(): void {
    const { doc, t } = this.context;
    const speaker = this.speaker;
    this.element.classList.toggle('va-header-agent', speaker.kind === 'agent');
    if (speaker.kind === 'assistant') {
      this.title.removeAttribute('aria-label');
      this.title.replaceChildren(t('panel.title'));
      return;
    }
    // The role on its own line on screen; "Ana Ruiz, Live agent" as the heading's (and the
    // dialog's) name, which block lines alone would read without the pause.
    const role = t('panel.agentRole');
    this.title.setAttribute('aria-label', `${speaker.name}, ${role}`);
    this.title.replaceChildren(
      h(doc, 'span', { class: 'va-title-name' }, speaker.name),
      h(doc, 'span', { class: 'va-title-role' }, role),
    );
  }
}
