import type { KnowledgeArticle } from '../../contracts/article.js';

export type ArticleField = keyof KnowledgeArticle;

/** Every field in the order editors read them (and the order of the files' front matter). */
const ARTICLE_FIELDS: readonly ArticleField[] = [
  'id',
  'locale',
  'title',
  'answer',
  'body',
  'questions',
  'tags',
  'synonyms',
  'links',
  'related',
  'updated',
  'lastReviewed',
];

/** Structural equality of JSON values (key order ignored), enough for article fields. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]))
  );
}

/** The fields that differ, in ARTICLE_FIELDS order (every field when there is no `before`). */
export function changedFields(before: KnowledgeArticle | null, after: KnowledgeArticle): ArticleField[] {
  if (before === null) return [...ARTICLE_FIELDS];
  return ARTICLE_FIELDS.filter((field) => !sameJson(before[field], after[field]));
}

export function sameArticle(a: KnowledgeArticle | null, b: KnowledgeArticle | null): boolean {
  if (a === null || b === null) return a === b;
  return changedFields(a, b).length === 0;
}

/**
 * The revision note's summary: which fields changed, and for lists how many items came and went
 * ("Changed: answer, questions (+2 −1)"), so the history reads without opening a diff.
 */
export function describeChanges(before: KnowledgeArticle | null, after: KnowledgeArticle): string {
  if (before === null) return 'Created';
  const fields = changedFields(before, after);
  if (fields.length === 0) return 'No content change';
  const parts = fields.map((field) => {
    const old = before[field];
    const now = after[field];
    if (!Array.isArray(old) || !Array.isArray(now)) return field;
    const oldKeys = old.map((item) => JSON.stringify(item));
    const newKeys = now.map((item) => JSON.stringify(item));
    const added = newKeys.filter((key) => !oldKeys.includes(key)).length;
    const removed = oldKeys.filter((key) => !newKeys.includes(key)).length;
    const counts = [added > 0 ? `+${added}` : '', removed > 0 ? `−${removed}` : ''].filter(Boolean);
    return counts.length > 0 ? `${field} (${counts.join(' ')})` : `${field} (order)`;
  });
  return `Changed: ${parts.join(', ')}`;
}

/** Today's date in UTC, as articles write it (YYYY-MM-DD). */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * `after` with its `updated` date moved to today (`now`'s day) when its content changed but the
 * editor left the date alone, so the twin in the other language shows as stale until reviewed.
 * Never earlier than the date it had.
 */
export function withUpdatedDate(
  before: KnowledgeArticle,
  after: KnowledgeArticle,
  now: Date,
): KnowledgeArticle {
  const contentChanged = changedFields(before, after).some(
    (field) => field !== 'updated' && field !== 'lastReviewed',
  );
  if (!contentChanged || after.updated !== before.updated) return after;
  const today = isoDay(now);
  return { ...after, updated: today > before.updated ? today : before.updated };
}
