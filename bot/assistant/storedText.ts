import { maskPersonalData } from '../privacy/personalData.js';

/** Longest visitor text the assistant keeps (conversation state, analytics, feedback). */
const MAX_STORED_TEXT = 1000;

/** A visitor's words as the assistant keeps them: personal data masked, cut to a bounded length. */
export function storedText(text: string): string {
  return maskPersonalData(text).slice(0, MAX_STORED_TEXT);
}
