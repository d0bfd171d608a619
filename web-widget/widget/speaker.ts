/**
 * Who the visitor is talking to now: the assistant, or a live agent (by display name). The
 * coordinator derives it from the live-agent status; the header and the notice draw it.
 */
export type Speaker = { kind: 'assistant' } | { kind: 'agent'; name: string };

export const ASSISTANT: Speaker = { kind: 'assistant' };

/** A short stable key, e.g. to remember which notice the visitor hid. */
export function speakerKey(speaker: Speaker): string {
  return speaker.kind === 'agent' ? `agent:${speaker.name}` : 'assistant';
}
