import type { TurnContext } from 'botbuilder';
import type { KeywordList, Phrasebook } from '../phrasebook.js';

/** The details a visitor asks about the current topic without naming it ("more": all of it). */
export const FOLLOW_UP_ASPECTS = [
  'cost',
  'deadline',
  'time',
  'documents',
  'form',
  'where',
  'meaning',
  'lost',
  'waiver',
  'next',
  'more',
] as const;
export type FollowUpAspect = (typeof FOLLOW_UP_ASPECTS)[number];

/** The keyword list each detail is asked with (`followUp.cost`…). */
export const ASPECT_LISTS = Object.fromEntries(
  FOLLOW_UP_ASPECTS.map((aspect) => [aspect, `followUp.${aspect}` as KeywordList]),
) as Record<FollowUpAspect, KeywordList>;
const FILLER_LISTS: readonly KeywordList[] = ['followUp.filler', 'replyFiller'];
const ALL_LISTS: readonly KeywordList[] = [...Object.values(ASPECT_LISTS), ...FILLER_LISTS];
/** The message last read in this turn and what it asks (see `turnFollowUpAspectOf`). */
const READ_THIS_TURN = Symbol('followUpAspectReadThisTurn');

/**
 * The detail an elliptical follow-up asks about ("how much does it cost?", "¿y cuánto tarda?",
 * "and if I lost it?", "what if I can't afford it?", "what does that mean?"): the message says only that, with small words
 * around it, and names no subject of its own. Undefined for anything else, so "how much does the
 * green card renewal cost" is a question of its own for the answer engine.
 */
function followUpAspectOf(phrasebook: Phrasebook, text: string): FollowUpAspect | undefined {
  // A message with a word none of the lists has ("how much is the green card fee?") is none of their
  // phrases: the lists are not read for it.
  const aspectsIn = (message: string) =>
    phrasebook.hasOnlyWordsOf(ALL_LISTS, message)
      ? FOLLOW_UP_ASPECTS.filter(
          (aspect) => phrasebook.phrasesIn([ASPECT_LISTS[aspect]], FILLER_LISTS, message) !== undefined,
        )
      : [];
  let found = aspectsIn(text);
  // "how mcuh does it cost?", "¿cuánto questa?": read again with its typos corrected.
  if (found.length === 0) found = aspectsIn(phrasebook.withTyposCorrected(ALL_LISTS, text));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * `followUpAspectOf`, read once per turn: the dialogs read the message to route it and the
 * conversation context reads the same question again after them (is it one to offer an agent?).
 * A different text (a question kept masked) is read anew.
 */
export function turnFollowUpAspectOf(
  context: TurnContext,
  phrasebook: Phrasebook,
  text: string,
): FollowUpAspect | undefined {
  const read = context.turnState.get<{ text: string; aspect?: FollowUpAspect } | undefined>(READ_THIS_TURN);
  if (read?.text === text) return read.aspect;
  const aspect = followUpAspectOf(phrasebook, text);
  context.turnState.set(READ_THIS_TURN, { text, aspect });
  return aspect;
}
