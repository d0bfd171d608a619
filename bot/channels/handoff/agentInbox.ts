import type { ChatMessage } from '../../../contracts/visitorEvents.js';
import type { HandoffEntry } from '../../storage/ports.js';

/**
 * Where the routing middleware puts what a visitor sends while an agent has the chat. The agent
 * channel implements it (the agent may be connected to another instance).
 */
export interface AgentInbox {
  /**
   * A visitor message, already in the transcript; `message` is as the visitor sent it (live, the
   * agent sees what was typed; the stored transcript is masked). It ends the visitor's typing the
   * agent was shown, if any.
   */
  visitorMessage(chat: HandoffEntry, message: ChatMessage): Promise<void>;
  visitorTyping(chat: HandoffEntry, active: boolean): void;
}
