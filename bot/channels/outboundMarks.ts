import type { Activity } from 'botbuilder';
import type { TranscriptRole } from '../storage/ports.js';

/**
 * Who an outgoing message speaks for, read the same way by every channel's recorder (the widget's
 * adapter and the Bot Framework middleware), so a transcript has the same roles whichever channel
 * the visitor came from. The bot's own replies carry nothing special and are `bot`. Code that
 * sends on someone else's behalf marks the activity's `channelData`:
 *
 * - `role: 'agent'`, with `agentId` and `agentName`: a live agent's message;
 * - `role: 'system'`: a notice (place in line, an agent joined, the chat ended);
 * - `messageId`: the id to record the message under, when the sender has one (the agent console's
 *   id for a message). botbuilder drops `activity.id` from every outgoing activity, and a retry with
 *   the same id must find the message already recorded rather than add it twice.
 */
export interface OutboundMarks {
  role: Exclude<TranscriptRole, 'visitor'>;
  agentId: string | null;
  messageId: string | null;
}

/** Longest `channelData.messageId` taken; anything else is ignored and the recorder picks an id. */
const MAX_MESSAGE_ID_LENGTH = 200;

export function outboundMarks(activity: Partial<Activity>): OutboundMarks {
  const channelData = asRecord(activity.channelData);
  const role = channelData?.role === 'agent' || channelData?.role === 'system' ? channelData.role : 'bot';
  const agentId = role === 'agent' && typeof channelData?.agentId === 'string' ? channelData.agentId : null;
  const messageId = channelData?.messageId;
  return {
    role,
    agentId,
    messageId:
      typeof messageId === 'string' && messageId.length > 0 && messageId.length <= MAX_MESSAGE_ID_LENGTH
        ? messageId
        : null,
  };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
