import type { HandoffStatus } from '../protocol/events.js';
import { h } from '../shared/dom.js';
import type { WidgetContext } from './widgetContext.js';

/**
 * The live-agent status line under the connection banner: the place in line (updated as the
 * queue moves) or the agent's name; gone once the chat with the agent ends. Drawn only once the
 * conversation has had a live-agent chat.
 */
export class HandoffLineView {
  private line: HTMLParagraphElement | null = null;

  constructor(
    private readonly context: WidgetContext,
    /** Where the line goes, the first time there is one. */
    private readonly after: HTMLElement,
  ) {}

  /** Draws `status` (null: no live-agent chat). Returns the text when a queue position changed (to announce). */
  render(status: HandoffStatus | null): string | null {
    if (!status && !this.line) return null;
    if (!this.line) {
      this.line = h(this.context.doc, 'p', { class: 'va-banner va-handoff', hidden: true });
      this.after.after(this.line);
    }
    const text = this.text(status);
    const changed = status?.state === 'queued' && text !== this.line.textContent;
    this.line.textContent = text;
    this.line.hidden = text === '';
    return changed ? text : null;
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
