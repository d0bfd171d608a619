import { h } from '../shared/dom.js';
import { ASSISTANT, speakerKey, type Speaker } from './speaker.js';
import type { WidgetContext } from './widgetContext.js';
import type { WidgetStorage } from './widgetStorage.js';

/**
 * The line under the header that says who the visitor is talking to (a computer program, or a
 * live agent by name) and not to type a Social Security number: the panel's description. Where
 * the screen is short (400% zoom, a phone on its side) the visitor may hide it to make room for the
 * conversation (the button shows only there); it comes back when someone else takes over the
 * conversation, since that is news. Hidden stays hidden across reloads in the tab.
 */
export class NoticeView {
  readonly element: HTMLDivElement;
  private readonly text: HTMLParagraphElement;
  private readonly hideText: HTMLSpanElement;
  private speaker: Speaker = ASSISTANT;

  constructor(
    private readonly context: WidgetContext,
    private readonly storage: WidgetStorage,
    /** The notice was hidden with its button (focus has to go somewhere visible). */
    onHidden: () => void,
  ) {
    const { doc } = context;
    this.text = h(doc, 'p', { class: 'va-notice-text', id: 'va-notice' });
    this.hideText = h(doc, 'span', { class: 'va-sr' });
    const hide = h(
      doc,
      'button',
      { type: 'button', class: 'va-notice-hide' },
      h(doc, 'span', { 'aria-hidden': 'true' }, '×'),
      this.hideText,
    );
    this.element = h(doc, 'div', { class: 'va-notice' }, this.text, hide);
    hide.addEventListener('click', () => {
      this.storage.set('noticeHidden', speakerKey(this.speaker));
      this.draw();
      onHidden();
    });
  }

  setSpeaker(speaker: Speaker): void {
    this.speaker = speaker;
    this.draw();
  }

  applyStrings(): void {
    this.hideText.textContent = this.context.t('panel.hideNotice');
    this.draw();
  }

  private draw(): void {
    const { t } = this.context;
    const speaker = this.speaker;
    this.text.textContent =
      speaker.kind === 'agent' ? t('panel.noticeAgent', { agent: speaker.name }) : t('panel.notice');
    // A class, not `hidden`: only the short-screen styles hide it (there is room elsewhere).
    this.element.classList.toggle(
      'va-notice-hidden',
      this.storage.get('noticeHidden') === speakerKey(speaker),
    );
  }
}
