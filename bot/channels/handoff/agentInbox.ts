import type { Activity } from 'botbuilder';
import type { HandoffEntry, TranscriptEntry } from '../../storage/ports.js';

/**
 * Where the routing middleware puts what a visitor sends while an agent has the chat. The agent
 * channel implements it (the agent may be connected to another instance).
 */
export interface AgentInbox {
  /** A visitor message, already in the transcript as `entry`; `activity` is what the visitor sent. */
  visitorMessage(chat: HandoffEntry, entry: TranscriptEntry, activity: Partial<Activity>): Promise<void>;
  visitorTyping(chat: HandoffEntry, active: boolean): void;
}
