import { ActionTypes, ActivityTypes, TextFormatTypes, type Activity, type CardAction } from 'botbuilder';
import type { Locale } from '../storage/ports.js';
import { formatDueDate } from './businessHours/index.js';
import type { HandoffText } from './handoffText.js';
import type { ServiceRequestDesk } from './serviceRequestDesk.js';

/** The value of the "Leave a message" button; the assistant's main dialog starts the dialog on it. */
export const LEAVE_MESSAGE_VALUE = { type: 'leave_message' } as const;

export function isLeaveMessageValue(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === LEAVE_MESSAGE_VALUE.type
  );
}

/**
 * "Would you like to leave a message? … an agent will contact you by Tuesday, January 21", with a
 * button that starts the leave-a-message dialog. Offered whenever no agent can chat: out of hours,
 * no agent online, a wait that ran out, an agent who left.
 */
export class LeaveMessageOffer {
  constructor(
    private readonly text: HandoffText,
    private readonly desk: ServiceRequestDesk,
  ) {}

  /** The offer's text alone (to append to another message). */
  sentence(locale: Locale): string {
    return this.text.get(locale, 'leaveOffer.text', { due: formatDueDate(this.desk.dueDate(false), locale) });
  }

  button(locale: Locale): CardAction {
    const title = this.text.get(locale, 'leaveOffer.yes');
    return {
      type: ActionTypes.MessageBack,
      title,
      text: title,
      displayText: title,
      value: { ...LEAVE_MESSAGE_VALUE },
    };
  }

  build(locale: Locale): Partial<Activity> {
    return {
      type: ActivityTypes.Message,
      text: this.sentence(locale),
      textFormat: TextFormatTypes.Markdown,
      locale,
      channelData: { answer: null },
      suggestedActions: { actions: [this.button(locale)], to: [] },
    };
  }
}
