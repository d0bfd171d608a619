import type { HandoffStatus } from '../../contracts/visitorEvents.js';
import { h } from '../shared/dom.js';
import type { WidgetContext } from './widgetContext.js';

/**
 * The live-agent status line under the connection banner: the place in line (updated as the
 * queue moves) or the agent's name, with the way out beside it ("Leave the queue" while waiting,
 * "End chat" with the agent); gone once the chat with the agent ends. Drawn only once the
 * conversation has had a live-agent chat.
 */
export class HandoffLineView {
  private line: { element: HTMLParagraphElement; text: HTMLSpanElement; leave: HTMLButtonElement } | null =
    null;
  private leaving = false;

  constructor(
    private readonly context: WidgetContext,
    /** Where the line goes, the first time there is one. */
    private readonly after: HTMLElement,
    /** The visitor pressed "Leave the queue" or "End chat". */
    private readonly onLeave: () => void,
  ) {}

  /** Draws `status` (null: no live-agent chat). Returns the text when a queue position changed (to announce). */
  render(status: HandoffStatus | null): string | null {
    if (!status && !this.line) return null;
    const line = this.line ?? this.build();
    const text = this.text(status);
    const changed = status?.state === 'queued' && text !== line.text.textContent;
    line.text.textContent = text;
    line.element.hidden = text === '';
    // On a very short screen the header already names the agent: the line keeps only its button.
    line.element.classList.toggle('va-handoff-assigned', status?.state === 'assigned');
    line.leave.textContent = this.context.t(
      status?.state === 'assigned' ? 'handoff.endChat' : 'handoff.leaveQueue',
    );
    return changed ? text : null;
  }

  /** The line, once there has been one. */
  get element(): HTMLElement | null {
    return this.line?.element ?? null;
  }

  /**
   * While the request to leave is on its way the button says so (aria-disabled) and ignores
   * presses; it is not `disabled`, which would throw the keyboard focus out of the panel.
   */
  setLeaving(leaving: boolean): void {
    this.leaving = leaving;
    if (!this.line) return;
    if (leaving) this.line.leave.setAttribute('aria-disabled', 'true');
    else this.line.leave.removeAttribute('aria-disabled');
  }

  private build(): NonNullable<HandoffLineView['line']> {
    const { doc } = this.context;
    const text = h(doc, 'span', { class: 'va-handoff-text' });
    const leave = h(doc, 'button', { type: 'button', class: 'va-handoff-leave' });
    const element = h(doc, 'p', { class: 'va-banner va-handoff', hidden: true }, text, leave);
    leave.addEventListener('click', () => {
      if (!this.leaving) this.onLeave();
    });
    this.after.after(element);
    this.line = { element, text, leave };
    return this.line;
  }

  private text(status: HandoffStatus | null): string {
    const { t } = this.context;
    if (status?.state === 'queued' && status.position !== null) {
      return [
        t('handoff.queued', { position: status.position }),
        status.estimatedWaitMinutes === null
          ? ''
          : t('handoff.estimate', { count: status.estimatedWaitMinutes }),
      ]
        .filter(Boolean)
        .join(' ');
    }
    if (status?.state === 'assigned')
      return t('handoff.assigned', { agent: status.agentName ?? t('sender.agent') });
    return '';
  }
}
