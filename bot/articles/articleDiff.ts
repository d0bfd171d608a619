import { diffArrays, diffLines, diffWordsWithSpace } from 'diff';
import type { ArticleLink, KnowledgeArticle } from '../../contracts/article.js';
import type { FieldDiff } from '../../contracts/adminApi.js';
import { changedFields, type ArticleField } from './articleChanges.js';

/** Multi-line Markdown compares by lines (paragraphs move as a whole); short text by words. */
const LINE_FIELDS: ReadonlySet<ArticleField> = new Set(['body']);

/**
 * Field-by-field differences between two versions of an article, only for the fields that
 * differ, in reading order. Lists compare item by item; links compare as "title <url>" lines.
 */
export function diffArticles(from: KnowledgeArticle, to: KnowledgeArticle): FieldDiff[] {
  return changedFields(from, to).map((field) => {
    const before = from[field];
    const after = to[field];
    if (typeof before === 'string' && typeof after === 'string') {
      const changes = LINE_FIELDS.has(field) ? diffLines(before, after) : diffWordsWithSpace(before, after);
      return {
        field,
        kind: 'text',
        parts: changes.map(({ value, added, removed }) => ({ value, added, removed })),
      };
    }
    const changes = diffArrays(listItems(field, before), listItems(field, after));
    return {
      field,
      kind: 'list',
      parts: changes.map(({ value, added, removed }) => ({ value, added, removed })),
    };
  });
}

function listItems(field: ArticleField, value: KnowledgeArticle[ArticleField]): string[] {
  if (!Array.isArray(value)) return [String(value)];
  if (field === 'links') return (value as ArticleLink[]).map((link) => `${link.title} <${link.url}>`);
  return value as string[];
}
