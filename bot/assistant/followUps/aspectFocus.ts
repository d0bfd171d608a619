import { foldAccents } from '../../../knowledge/engine/index.js';
import type { FollowUpAspect } from './followUpAspect.js';

/**
 * Whether a passage is about a detail or only mentions it in passing. "How much does it cost?"
 * after the work permit must get the passage on the I-765 fee, not the one on replacing a lost
 * card that says "with the fee unless a fee waiver is approved": both have words of the cost,
 * but the second has more of a lost card's. A passage is about the detail whose words
 * (`followUp.cues.<aspect>`: "fee", "pay", "tarifa", "pag"…; a cue matches the start of a word)
 * it has most; `focus` is how many more of the asked detail's words it has than of any other.
 */
export class AspectFocus {
  private readonly cues: ReadonlyMap<FollowUpAspect, readonly RegExp[]>;

  /** `cues`: the words each detail is written with, in one language. */
  constructor(cues: ReadonlyMap<FollowUpAspect, readonly string[]>) {
    this.cues = new Map(
      [...cues].map(([aspect, words]) => [
        aspect,
        words.map((word) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(normalize(word))}`, 'u')),
      ]),
    );
  }

  /** How many more of `aspect`'s words the passage has than of any other detail's (0 when none of its own). */
  focus(passage: string, aspect: FollowUpAspect): number {
    const text = normalize(passage);
    const count = (patterns: readonly RegExp[]) => patterns.filter((pattern) => pattern.test(text)).length;
    const own = count(this.cues.get(aspect) ?? []);
    if (own === 0) return -Infinity;
    let others = 0;
    for (const [other, patterns] of this.cues)
      if (other !== aspect) others = Math.max(others, count(patterns));
    return own - others;
  }
}

function normalize(text: string): string {
  return foldAccents(text.toLowerCase()).replace(/\*+/g, '').replace(/\s+/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
