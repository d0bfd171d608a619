import type { TurnContext } from 'botbuilder';
import type { TranscriptEntry } from '../storage/ports.js';

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
  return context.turnState.get(RECORDED_MESSAGE) as TranscriptEntry | undefined;
}
