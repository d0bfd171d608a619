import { AGENT_RETRYABLE_ERRORS, type AgentAck } from '../../contracts/agentEvents.js';
import { retryDelayMs } from '../shared/socketClient.js';
import type { ChatTranscript } from './chatTranscript.js';

type Receipt = { id: string; seq: number; at: string };

/**
 * The agent's messages on their way, for AgentConnection: per chat one message in flight, oldest
 * first, each retried with the same id (after a growing pause) while the server could not take
 * it, so a retry is never a second message; one refused for good is marked failed, with Retry.
 */
export class ChatOutbox {
  private readonly inFlight = new Set<string>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly deps: {
      connected(): boolean;
      send(payload: { conversationId: string; id: string; text: string }): Promise<AgentAck<Receipt>>;
      /** A message's delivery changed; `live`: the agent should hear of it (a refusal). */
      changed(transcript: ChatTranscript, live: boolean): void;
    },
  ) {}

  /** The connection dropped: what was in flight is sent again once it is back. */
  clear(): void {
    this.inFlight.clear();
  }

  /** Sends the chat's next message, unless one is in flight. */
  pump(transcript: ChatTranscript): void {
    const conversationId = transcript.chat.conversationId;
    if (this.inFlight.has(conversationId) || !this.deps.connected() || transcript.closedReason) return;
    const next = transcript.outbox[0];
    if (!next) return;
    this.inFlight.add(conversationId);
    void this.deps.send({ conversationId, id: next.id, text: next.text }).then((ack) => {
      this.inFlight.delete(conversationId);
      if (ack.ok) {
        this.failures.delete(conversationId);
        transcript.acknowledge(ack.data);
        this.deps.changed(transcript, false);
        this.pump(transcript);
        return;
      }
      if (AGENT_RETRYABLE_ERRORS.includes(ack.error.code)) {
        const failures = (this.failures.get(conversationId) ?? 0) + 1;
        this.failures.set(conversationId, failures);
        const delay = retryDelayMs(failures - 1);
        setTimeout(() => this.pump(transcript), delay);
        return;
      }
      // Refused for good (the chat is no longer ours, too long...): shown as failed, with Retry.
      transcript.setDelivery(next.id, 'failed');
      this.deps.changed(transcript, true);
    });
  }
}
