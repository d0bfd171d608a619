import type { KeywordList, Phrasebook } from '../phrasebook.js';

/** The details a visitor asks about the current topic without naming it. */
export const FOLLOW_UP_ASPECTS = ['cost', 'time', 'documents', 'where', 'meaning', 'lost', 'next'] as const;
export type FollowUpAspect = (typeof FOLLOW_UP_ASPECTS)[number];

/**
 * The detail an elliptical follow-up asks about ("how much does it cost?", "¿y cuánto tarda?",
 * "and if I lost it?", "what does that mean?"): the message says only that, with small words
 * around it, and names no subject of its own. Undefined for anything else, so "how much does the
 * green card renewal cost" is a question of its own for the answer engine.
 */
export function followUpAspectOf(phrasebook: Phrasebook, text: string): FollowUpAspect | undefined {
  const found = FOLLOW_UP_ASPECTS.filter(
    (aspect) =>
      phrasebook.phrasesIn(
        [`followUp.${aspect}` as KeywordList],
        ['followUp.filler', 'replyFiller'],
        text,
      ) !== undefined,
  );
  return found.length === 1 ? found[0] : undefined;
}
