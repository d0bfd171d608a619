import { foldAccents } from '../../../knowledge/engine/index.js';

/**
 * Whether a passage really states a detail, not only shares a word with it. The passage finder
 * ranks passages by the words a detail is written with, and some of those words have other senses:
 * "time" in "the date, time and place", "takes" in "the FTC takes reports". For such a detail the
 * resources list phrases a passage that states it contains (`followUp.evidence.<aspect>`), where
 * `#` stands for a number ("24–72 hours", "10 days", "two weeks"); a passage with none of them is
 * not shown, and the visitor gets the honest "that page does not say; here is where to look".
 * Some phrases that state a number of days state a deadline or a window instead ("expires within
 * 90 days", "up to 90 days before", "venza en 90 días"): those are listed too
 * (`followUp.evidenceExcept.<aspect>`) and do not count as stating the detail.
 */
export class AspectEvidence {
  private readonly patterns: RegExp[];
  private readonly exceptions: RegExp[];

  /**
   * `numberWords`: the language's small numbers written out ("two", "dos"); `exceptions`: phrases
   * that look like the detail but state something else (a deadline, an expiry window).
   */
  constructor(
    phrases: readonly string[],
    numberWords: readonly string[],
    exceptions: readonly string[] = [],
  ) {
    const words = numberWords.map((word) => escapeRegExp(normalize(word)));
    const single = `(?:\\d+(?:[.,]\\d+)?${words.length > 0 ? `|${words.join('|')}` : ''})`;
    // "24–72", "24 to 72", "24 a 72", "5 or 3": a range or a choice counts as one number.
    const number = `${single}(?:\\s*(?:-|–|to|a|or|o|and|y)\\s*${single})?`;
    const toPattern = (phrase: string, flags: string) => {
      const parts = normalize(phrase).split('#').map(escapeRegExp);
      return new RegExp(`(?:^|[^\\p{L}\\p{N}])${parts.join(number)}(?![\\p{L}\\p{N}])`, flags);
    };
    this.patterns = phrases.map((phrase) => toPattern(phrase, 'u'));
    this.exceptions = exceptions.map((phrase) => toPattern(phrase, 'gu'));
  }

  /** True when there is nothing to check (no phrases for this detail) or the passage has one. */
  states(passage: string): boolean {
    if (this.patterns.length === 0) return true;
    const text = this.exceptions.reduce(
      (rest, exception) => rest.replace(exception, ' '),
      normalize(passage),
    );
    return this.patterns.some((pattern) => pattern.test(text));
  }
}

function normalize(text: string): string {
  return foldAccents(text.toLowerCase()).replace(/\*+/g, '').replace(/\s+/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
