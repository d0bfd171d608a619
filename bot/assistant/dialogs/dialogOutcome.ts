/**
 * How a child dialog ends, read by the dialog that started it. Children never decide what
 * happens next in the conversation; they say why they ended and their parent acts.
 */
export type DialogOutcome =
  | { next: 'done' }
  /** The message was not an answer to this dialog: handle it again as a new message. */
  | { next: 'reroute' }
  /** Offer a live agent (questions kept going unanswered). */
  | { next: 'offerAgent' }
  /** "None of these": the question is still unanswered. */
  | { next: 'unanswered' };

export const DONE: DialogOutcome = { next: 'done' };
export const REROUTE: DialogOutcome = { next: 'reroute' };

export function outcomeOf(result: unknown): DialogOutcome {
  if (result && typeof result === 'object' && 'next' in result) {
    const next = result.next;
    if (next === 'reroute' || next === 'offerAgent' || next === 'unanswered') return { next };
  }
  return DONE;
}
