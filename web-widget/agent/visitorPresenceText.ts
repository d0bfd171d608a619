import type { VisitorPresence } from '../../contracts/agentEvents.js';
import { formatTime } from '../shared/timeFormat.js';
import type { ConsoleContext } from './consoleContext.js';

/** "Active" / "Away" / "Left": the visitor's presence in a word (tabs). */
export function presenceWord(context: ConsoleContext, visitor: VisitorPresence): string {
  return context.t(`presence.state.${visitor.state}`);
}

/** "Away since 3:05 PM (the chat page is hidden)": the visitor's presence with its time. */
export function presenceSentence(context: ConsoleContext, visitor: VisitorPresence): string {
  const time = formatTime(visitor.since, context.timeFormat);
  // Spanish says "a la 1:05" but "a las 3:05": the singular article for one o'clock.
  const hour = new Date(visitor.since).getHours() % 12;
  return context.t(`presence.${visitor.state}`, { time, context: hour === 1 ? 'singular' : undefined });
}
