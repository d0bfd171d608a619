import type { TurnContext } from 'botbuilder';
import type { TranscriptEntry } from '../../storage/ports.js';

const RECORDED_MESSAGE = Symbol('recordedMessage');

/**
 * The transcript entry of a turn's inbound message, left in the turn state by the channel that
 * recorded it (both channels record before any middleware of the handoff runs). While an agent has
 * the chat, the routing middleware relays that entry as it is, instead of reading it back from the
 * store on every visitor message.
 */
export function rememberRecordedMessage(context: TurnContext, entry: TranscriptEntry): void {
  context.turnState.set(RECORDED_MESSAGE, entry);
}

export function recordedMessageOf(context: TurnContext): TranscriptEntry | undefined {
  return context.turnState.get<TranscriptEntry | undefined>(RECORDED_MESSAGE);
}

const RECORDED_REPLIES = Symbol('recordedReplies');

/**
 * The transcript entry of a message the turn sent, left in the turn state by the channel that
 * recorded it, so code sending proactively (an agent's reply, a notice) learns its seq without
 * reading back what was just written.
 */
export function rememberRecordedReply(context: TurnContext, entry: TranscriptEntry): void {
  const replies = context.turnState.get<TranscriptEntry[] | undefined>(RECORDED_REPLIES);
  if (replies) replies.push(entry);
  else context.turnState.set(RECORDED_REPLIES, [entry]);
}

/** The entries of the messages the turn sent so far, in order. */
export function recordedRepliesOf(context: TurnContext): readonly TranscriptEntry[] {
  return context.turnState.get<TranscriptEntry[] | undefined>(RECORDED_REPLIES) ?? [];
}
