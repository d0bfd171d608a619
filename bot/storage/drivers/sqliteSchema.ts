import type { CollectionSpec, IndexSpec } from '../driver.js';
import { fieldExpression } from './sqliteQuery.js';

/**
 * The tables and indexes of the declared collections, idempotent (run at every open). An index is
 * over the very expressions the queries use (`fieldExpression`), so the planner matches them. A
 * non-unique index ends with `_id`, the tie-break every sort ends on, so a sort the index leads
 * with needs no sorting step. A unique index leaves documents without the field out of the
 * constraint by itself (SQLite's NULLs are distinct), which is `onlyWhenPresent`.
 */
export function schemaStatements(specs: readonly CollectionSpec[]): string[] {
  return [
    META_TABLE,
    ...specs.flatMap((spec) => [
      `CREATE TABLE IF NOT EXISTS "${spec.name}" (_id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`,
      ...spec.indexes.map((index) => indexStatement(spec.name, index)),
    ]),
  ];
}

/** The store's own bookkeeping (e.g. that the previous version's files were imported). */
const META_TABLE = 'CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)';

function indexStatement(table: string, index: IndexSpec): string {
  const fields = index.unique === true ? [...index.fields] : [...index.fields, '_id'];
  const name = `${table}__${index.fields.join('__')}${index.unique === true ? '__unique' : ''}`;
  const unique = index.unique === true ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX IF NOT EXISTS "${name}" ON "${table}" (${fields.map(fieldExpression).join(', ')})`;
}
