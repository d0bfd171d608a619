import { findPersonalData, type PersonalDataKind } from '../../bot/privacy/personalData.js';
import type { CorpusCase } from './personalDataCorpus.js';

export const KINDS: readonly PersonalDataKind[] = ['receipt', 'a_number', 'ssn', 'email', 'phone'];

export interface KindScore {
  /** Personal data of this kind in the corpus. */
  expected: number;
  /** Of those, how many a match covered whole (so the mask replaced all of it). */
  masked: number;
  /** Matches of this kind found. */
  found: number;
  /** Of those, how many covered no personal data (masked something harmless). */
  falsePositives: number;
  recall: number;
  precision: number;
}

export interface MaskingScore {
  cases: number;
  byLocale: Record<'en' | 'es', number>;
  byKind: Record<PersonalDataKind, KindScore>;
  /** Personal data left (partly) unmasked. */
  missed: Array<{ text: string; kind: PersonalDataKind; value: string }>;
  /** Numbers that must stay but a match touched (form numbers, dates, fees...). */
  keptNumbersMasked: Array<{ text: string; value: string }>;
  /** Matches that covered no personal data. */
  spurious: Array<{ text: string; kind: PersonalDataKind; matched: string }>;
}

/** Where `value` is in `text` (the first place not already used by an earlier value). */
function spanOf(text: string, value: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(value, from);
  if (start < 0) throw new Error(`corpus error: "${value}" is not in "${text}"`);
  return { start, end: start + value.length };
}

/**
 * Recall: personal data whose whole span lies inside one match (masking replaces the match, so
 * none of it is left). Precision: matches that overlap some personal data of the case. And every
 * number that must stay: untouched by any match.
 */
export function scoreMasking(corpus: readonly CorpusCase[]): MaskingScore {
  const byKind = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      { expected: 0, masked: 0, found: 0, falsePositives: 0, recall: 0, precision: 0 } satisfies KindScore,
    ]),
  ) as Record<PersonalDataKind, KindScore>;
  const score: MaskingScore = {
    cases: corpus.length,
    byLocale: { en: 0, es: 0 },
    byKind,
    missed: [],
    keptNumbersMasked: [],
    spurious: [],
  };
  for (const item of corpus) {
    score.byLocale[item.locale] += 1;
    const matches = findPersonalData(item.text);
    const personal = item.personal.map((data) => ({ ...data, ...spanOf(item.text, data.value) }));
    for (const data of personal) {
      const kind = byKind[data.kind];
      kind.expected += 1;
      if (matches.some((match) => match.start <= data.start && match.end >= data.end)) kind.masked += 1;
      else score.missed.push({ text: item.text, kind: data.kind, value: data.value });
    }
    for (const match of matches) {
      const kind = byKind[match.kind];
      kind.found += 1;
      if (!personal.some((data) => match.start < data.end && data.start < match.end)) {
        kind.falsePositives += 1;
        score.spurious.push({
          text: item.text,
          kind: match.kind,
          matched: item.text.slice(match.start, match.end),
        });
      }
    }
    for (const value of item.keep) {
      const span = spanOf(item.text, value);
      if (matches.some((match) => match.start < span.end && span.start < match.end)) {
        score.keptNumbersMasked.push({ text: item.text, value });
      }
    }
  }
  for (const kind of Object.values(byKind)) {
    kind.recall = kind.expected === 0 ? 1 : kind.masked / kind.expected;
    kind.precision = kind.found === 0 ? 1 : (kind.found - kind.falsePositives) / kind.found;
  }
  return score;
}
