import { createHash } from 'node:crypto';

/**
 * The tune / holdout split of the development questions (`../shared/eval/dev.jsonl`). About a third
 * of the questions are held out of every tuning choice (synonyms, analyzer rules, signals,
 * thresholds): `npm run eval` reports their figures but never lists their failures, so the figures
 * on them stay an honest estimate on questions the engine was not tuned on.
 *
 * The part is a function of the question alone (a hash of its locale and text), so it does not
 * depend on the file's order, a question never changes part, and a question added later falls
 * into either part with the same odds.
 */

export type DevPart = 'tune' | 'holdout';

/** One question in this many is held out. */
const HOLDOUT_ONE_IN = 3;

export function devPartOf(question: { text: string; locale: string }): DevPart {
  const digest = createHash('sha256')
    .update(`dev-split\u0000${question.locale}\u0000${question.text}`)
    .digest();
  return digest.readUInt32BE(0) % HOLDOUT_ONE_IN === 0 ? 'holdout' : 'tune';
}
