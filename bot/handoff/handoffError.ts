/**
 * Why a handoff request was refused. Codes are stable (the agent protocol sends them as they
 * are); `status` is the HTTP status an HTTP edge would answer with, as hitlnext's errors carry.
 */
export type HandoffErrorCode =
  /** No such chat, or it is no longer active. */
  | 'chat_not_found'
  /** The chat is active but assigned to another agent (or still waiting). */
  | 'not_your_chat'
  /** The agent has no free chat slot, is away, or does not speak the visitor's language. */
  | 'agent_unavailable'
  /** Someone else changed the chat at the same moment (accepted, ended, transferred). */
  | 'conflict'
  /** The request itself is wrong (transfer to oneself...). */
  | 'invalid_request'
  /** A chat has as many private notes as it may keep. */
  | 'notes_limit'
  /** A language has as many canned replies as it may keep. */
  | 'canned_limit'
  /** No such canned reply (deleted meanwhile). */
  | 'canned_not_found'
  /** Only administrators may do this (manage canned replies). */
  | 'admin_only';

const STATUS: Record<HandoffErrorCode, number> = {
  chat_not_found: 404,
  not_your_chat: 403,
  agent_unavailable: 409,
  conflict: 409,
  invalid_request: 400,
  notes_limit: 409,
  canned_limit: 409,
  canned_not_found: 404,
  admin_only: 403,
};

export class HandoffError extends Error {
  readonly status: number;

  constructor(
    readonly code: HandoffErrorCode,
    message: string = code,
    /** Values for the localised message ({{max}}...). */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'HandoffError';
    this.status = STATUS[code];
  }
}
