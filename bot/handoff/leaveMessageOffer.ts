import type { Locale } from '../../contracts/locale.js';
import { formatDueDate } from './businessHours/index.js';
import type { HandoffText } from './handoffText.js';
import type { ServiceRequestDesk } from './serviceRequestDesk.js';

/** The offer's button, as plain data: its label, and the value that starts the leave-a-message dialog. */
export interface LeaveMessageChoice {
  label: string;
  value: { type: 'leave_message' };
}

/**
 * "Would you like to leave a message? … an agent will contact you by Tuesday, January 21", with a
 * button that starts the leave-a-message dialog. Offered whenever no agent can chat: out of hours,
 * no agent online, a wait that ran out, an agent who left. The channel turns the choice into its
 * own kind of button.
 */
export class LeaveMessageOffer {
  constructor(
    private readonly text: HandoffText,
    private readonly desk: ServiceRequestDesk,
  ) {}

  /** The offer's text alone (to append to another message). */
  sentence(locale: Locale): string {
    return this.text.get(locale, 'leaveOffer.text', { due: this.dueText(locale) });
  }

  /** When an agent would answer a message left now, in words ("Tuesday, January 21"). */
  dueText(locale: Locale): string {
    return formatDueDate(this.desk.dueDate(false), locale);
  }

  choice(locale: Locale): LeaveMessageChoice {
    return { label: this.text.get(locale, 'leaveOffer.yes'), value: { type: 'leave_message' } };
  }
}
