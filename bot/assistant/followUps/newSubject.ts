import { ASPECT_LISTS } from './followUpAspect.js';
import type { Phrasebook } from '../phrasebook.js';

/** A new subject is named in a few words ("and my son's green card?"), not asked about. */
const MAX_SUBJECT_WORDS = 5;

/**
 * The subject a message names after opening as a new one, and nothing else: "the work permit" for
 * "what about the work permit?", "la ciudadanía" for "¿y la ciudadanía?". Undefined for a message
 * that asks something of its own ("and can I travel?"), points back ("and that one?", "¿y eso?"),
 * asks a detail of the current topic ("and how long?") or only thanks ("and thanks").
 */
export function newSubjectOf(book: Phrasebook, message: string): string | undefined {
  const opened = message
    .replace(/[¿?¡!.,]/g, ' ')
    .trim()
    .split(/\s+/)
    .join(' ');
  const subject = book.withoutLeadingPhrase('followUp.newSubject', opened);
  if (subject === opened || subject === '') return undefined;
  if (subject.split(' ').length > MAX_SUBJECT_WORDS) return undefined;
  if (book.startsWith('questionStarts', subject) || book.consistsOf(['questionStarts'], subject))
    return undefined;
  if (book.contains('followUp.backReference', subject)) return undefined;
  if (Object.values(ASPECT_LISTS).some((list) => book.contains(list, subject))) return undefined;
  if (book.yesOrNo(subject) !== undefined) return undefined;
  if (book.consistsOf(['smallTalk.thanks', 'smallTalk.bye', 'replyFiller', 'followUp.filler'], subject))
    return undefined;
  return subject;
}
