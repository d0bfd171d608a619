import type { Activity } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import { formatOpening, formatSchedule, type BusinessHours } from '../handoff/businessHours/index.js';
import type { AssistantText } from './assistantText.js';
import { textReply } from './replyActivity.js';
import { systemClock, type Clock } from '../shared/clock.js';

/**
 * What the visitor hears when no live agent can take the chat: when agents work, whether they
 * are working right now and when they are next, and the other ways to get help (phone, online
 * service request, secure message), in the conversation's language.
 */
export class LiveAgentAlternatives {
  constructor(
    private readonly text: AssistantText,
    private readonly hours: BusinessHours,
    private readonly clock: Clock = systemClock,
  ) {}

  build(locale: Locale): Partial<Activity> {
    const now = this.clock.now();
    const schedule = this.schedule(locale);
    const open = this.hours.isOpen(now);
    const availability = open
      ? this.text.get(locale, 'agent.openNow', { schedule })
      : this.text.get(locale, 'agent.closedNow', {
          schedule,
          next: formatOpening(this.hours.nextOpening(now), locale, this.hours.config.timeZone),
        });
    const noChat = this.text.get(locale, 'agent.noChat');
    const alternatives = this.text.get(locale, 'agent.alternatives');
    return textReply(locale, `${noChat} ${availability}\n\n${alternatives}`, {
      outcome: open ? 'noAgent' : 'outOfHours',
    });
  }

  /** The weekly schedule in words, for the help text. */
  schedule(locale: Locale): string {
    return formatSchedule(locale, this.hours.config);
  }
}
