import { h, svgElement } from '../shared/dom.js';
import type { WidgetContext } from './widgetContext.js';

/** The launcher's speech-bubble icon (decorative: the button's text names it). */
const CHAT_ICON_PATH =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z';

/**
 * The floating "Chat with us" button that opens and closes the panel, with a badge counting the
 * messages that arrived while the panel was closed (the count is also in its accessible name).
 */
export class LauncherView {
  readonly element: HTMLButtonElement;
  private readonly text: HTMLSpanElement;
  private readonly badge: HTMLSpanElement;
  private unread = 0;

  constructor(
    private readonly context: WidgetContext,
    onToggle: () => void,
  ) {
    const { doc } = context;
    this.text = h(doc, 'span', {});
    this.badge = h(doc, 'span', { class: 'va-badge', hidden: true });
    const icon = svgElement(
      doc,
      'svg',
      { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
      svgElement(doc, 'path', { fill: 'currentColor', d: CHAT_ICON_PATH }),
    );
    this.element = h(
      doc,
      'button',
      { type: 'button', class: 'va-launcher', 'aria-expanded': 'false', 'aria-controls': 'va-panel' },
      icon,
      this.text,
      this.badge,
    );
    this.element.addEventListener('click', onToggle);
  }

  get unreadCount(): number {
    return this.unread;
  }

  setExpanded(expanded: boolean): void {
    this.element.setAttribute('aria-expanded', String(expanded));
  }

  setUnread(count: number): void {
    this.unread = count;
    this.drawBadge();
  }

  focus(): void {
    this.element.focus();
  }

  applyStrings(): void {
    this.text.textContent = this.context.t('launcher.open');
    this.drawBadge();
  }

  private drawBadge(): void {
    const { doc, t } = this.context;
    this.badge.hidden = this.unread === 0;
    this.badge.replaceChildren(
      h(doc, 'span', { 'aria-hidden': 'true' }, String(this.unread)),
      h(doc, 'span', { class: 'va-sr' }, t('launcher.unread', { count: this.unread })),
    );
  }
}
