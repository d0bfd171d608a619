import type { Activity } from 'botbuilder';
import { toProductLocale } from '../../i18n/i18n.js';
import type { Logger } from '../../logging/logger.js';
import type { ConversationStore, TranscriptEntry } from '../../storage/ports.js';
import { visitorTurnActivity } from './visitorSessions.js';
import type { Clock } from '../../shared/clock.js';

/**
 * A visitor's message is acknowledged once it is in the transcript, before the bot's turn runs, so
 * a retry never repeats it. A process that dies in between leaves an acknowledged message nobody
 * answers. Each conversation keeps the seq of the last message whose turn ran (`turnSeq`); this
 * finds the messages above it and runs their turns, oldest first.
 *
 * Taking a message on is atomic (`finishTurn`), so instances sharing a store never both answer it.
 * A message younger than the grace period may still be in another instance's turn queue, so it is
 * left alone; at start-up on the embedded store no other process can hold it and the grace is 0.
 * The turn sees the stored text, with personal data masked: a receipt number in it has to be
 * typed again, and the bot asks for it as it does for any malformed one.
 */

/** Messages recorded longer ago than this are not answered any more: the visitor has moved on. */
export const PENDING_TURN_WINDOW_MS = 30 * 60_000;
/** Far longer than any turn takes, so a turn still running elsewhere is never doubled. */
export const PENDING_TURN_GRACE_MS = 2 * 60_000;
/** How often each instance looks for such messages. */
export const PENDING_TURN_SWEEP_MS = 60_000;
/** Conversations looked at per pass: a pass stays small whatever piled up. */
const CONVERSATIONS_PER_PASS = 500;

export interface PendingTurnDeps {
  conversations: ConversationStore;
  /** Queues the turn of a recorded visitor message, exactly as when it arrived. */
  startTurn(conversationId: string, activity: Partial<Activity>, recorded: TranscriptEntry): void;
  logger: Logger;
  clock: Clock;
}

/** One pass; returns how many messages it took on. */
export async function resumePendingTurns(
  deps: PendingTurnDeps,
  graceMs: number = PENDING_TURN_GRACE_MS,
): Promise<number> {
  const now = deps.clock.now().getTime();
  const pending = await deps.conversations.pendingTurns({
    activeSince: new Date(now - PENDING_TURN_WINDOW_MS).toISOString(),
    recordedBefore: new Date(now - graceMs).toISOString(),
    limit: CONVERSATIONS_PER_PASS,
  });
  let resumed = 0;
  for (const entry of pending) {
    if (Date.parse(entry.at) < now - PENDING_TURN_WINDOW_MS) continue;
    if (!(await deps.conversations.finishTurn(entry.conversationId, entry.seq))) continue;
    deps.startTurn(entry.conversationId, storedVisitorMessage(entry), entry);
    resumed += 1;
  }
  if (resumed > 0) {
    deps.logger.warn(
      { resumed },
      'answering visitor messages whose turn never ran (the server stopped first)',
    );
  }
  return resumed;
}

/** The message activity as the channel built it on arrival, from its transcript entry. */
function storedVisitorMessage(entry: TranscriptEntry): Partial<Activity> {
  const stored = entry.activity ? (JSON.parse(entry.activity) as { value?: unknown }) : {};
  return visitorTurnActivity(entry.conversationId, toProductLocale(entry.locale), {
    type: 'message',
    id: entry.messageId,
    timestamp: new Date(entry.at),
    text: entry.text,
    textFormat: 'plain',
    ...(stored.value === undefined ? {} : { value: stored.value }),
  });
}
