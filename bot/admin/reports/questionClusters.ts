import { createHash } from 'node:crypto';
import type { Locale } from '../../../contracts/locale.js';
import {
  BUILT_IN_SYNONYMS,
  foldAccents,
  LocaleIndex,
  type TextAnalyzer,
} from '../../../knowledge/engine/index.js';
import type { QuestionGroup } from '../../../contracts/adminApi.js';

/** One thing a visitor asked that the assistant did not answer well. */
export interface UnansweredItem {
  locale: Locale;
  /** Masked text. */
  text: string;
  at: string;
  /** `none`: the engine found nothing; `not_helpful`: the visitor said the answer did not help. */
  source: 'none' | 'not_helpful';
  /** The article that did not help (`not_helpful` only). */
  articleId: string | null;
}

/** Two wordings belong together when they share at least this share of their terms (Jaccard). */
export const DEFAULT_SIMILARITY = 0.5;
const MAX_EXAMPLES = 5;

export type TermsOf = (text: string, locale: Locale) => string[];

/**
 * The answer engine's own text analysis, so the report groups wordings the way the engine reads
 * them: lower case, accents folded, stop words out, Snowball stems, and synonym phrases as one
 * concept ("green card" = "permanent resident card"). The analyzer is taken from an empty
 * `LocaleIndex` with the built-in synonyms, so it is set up exactly as the engine sets up its own
 * (no document is added: nothing is indexed). One per locale, per report.
 */
export function engineTerms(): TermsOf {
  const analyzers = new Map<Locale, TextAnalyzer>();
  return (text, locale) => {
    let analyzer = analyzers.get(locale);
    if (!analyzer) {
      analyzer = new LocaleIndex(locale, { synonymGroups: BUILT_IN_SYNONYMS[locale] ?? [] }).analyzer;
      analyzers.set(locale, analyzer);
    }
    return analyzer.terms(text);
  };
}

interface Wording {
  locale: Locale;
  terms: Set<string>;
  items: UnansweredItem[];
}

/**
 * Groups similar questions per language. Wordings with the same terms are one wording; then, most
 * frequent first, each wording joins the first group whose seed (its most frequent wording) shares
 * at least `similarity` of their terms, or starts a group. Seeding with the frequent wordings keeps
 * groups centred on what visitors ask most, and comparing with the seed only (not with every
 * member) stops chains of loosely related wordings from merging unrelated topics.
 */
export function groupQuestions(
  items: readonly UnansweredItem[],
  termsOf: TermsOf,
  similarity = DEFAULT_SIMILARITY,
): QuestionGroup[] {
  const wordings = new Map<string, Wording>();
  for (const item of items) {
    const terms = new Set(termsOf(item.text, item.locale));
    // Text with no content words at all ("hello?") is grouped by its folded spelling instead.
    const key = `${item.locale}|${terms.size > 0 ? [...terms].sort().join(' ') : `=${normalise(item.text)}`}`;
    const wording = wordings.get(key) ?? { locale: item.locale, terms, items: [] };
    wording.items.push(item);
    wordings.set(key, wording);
  }
  const ordered = [...wordings.values()].sort(
    (a, b) => b.items.length - a.items.length || earliest(a).localeCompare(earliest(b)),
  );
  const groups: Array<{ seed: Wording; members: Wording[] }> = [];
  for (const wording of ordered) {
    const home = groups.find(
      (group) =>
        group.seed.locale === wording.locale && jaccard(group.seed.terms, wording.terms) >= similarity,
    );
    if (home) home.members.push(wording);
    else groups.push({ seed: wording, members: [wording] });
  }
  return groups
    .map(({ seed, members }) => summarise(seed, members))
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function summarise(seed: Wording, members: Wording[]): QuestionGroup {
  const items = members.flatMap((member) => member.items);
  const texts = countBy(items.map((item) => item.text.replace(/\s+/g, ' ').trim()));
  const [wording = '', ...others] = [...texts.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text);
  const articleIds = countBy(items.flatMap((item) => (item.articleId ? [item.articleId] : [])));
  const times = items.map((item) => item.at).sort();
  const seedKey = `${seed.locale}|${[...seed.terms].sort().join(' ') || normalise(seed.items[0]?.text ?? '')}`;
  return {
    id: createHash('sha256').update(seedKey).digest('base64url').slice(0, 12),
    locale: seed.locale,
    wording,
    examples: others.slice(0, MAX_EXAMPLES),
    count: items.length,
    unanswered: items.filter((item) => item.source === 'none').length,
    notHelpful: items.filter((item) => item.source === 'not_helpful').length,
    articleIds: [...articleIds.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id),
    firstAt: times[0] ?? '',
    lastAt: times[times.length - 1] ?? '',
  };
}

function earliest(wording: Wording): string {
  return wording.items.reduce((min, item) => (item.at < min ? item.at : min), wording.items[0]?.at ?? '');
}

function normalise(text: string): string {
  return foldAccents(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
