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

/**
 * Drops the indexes an earlier version declared and this one does not (each costs every write of
 * its table): of the indexes named as `indexStatement` names them, those not declared now.
 */
export function retiredIndexStatements(
  specs: readonly CollectionSpec[],
  existing: ReadonlyArray<{ name: string; table: string }>,
): string[] {
  const declared = new Set(specs.flatMap((spec) => spec.indexes.map((index) => indexName(spec.name, index))));
  const tables = new Set(specs.map((spec) => spec.name));
  return existing
    .filter(({ name, table }) => tables.has(table) && name.startsWith(`${table}__`) && !declared.has(name))
    .map(({ name }) => `DROP INDEX IF EXISTS "${name}"`);
}

/** The store's own bookkeeping (e.g. that the previous version's files were imported). */
const META_TABLE = 'CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)';

function indexStatement(table: string, index: IndexSpec): string {
  const fields = index.unique === true ? [...index.fields] : [...index.fields, '_id'];
  const name = indexName(table, index);
  const unique = index.unique === true ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX IF NOT EXISTS "${name}" ON "${table}" (${fields.map(fieldExpression).join(', ')})`;
}

function indexName(table: string, index: IndexSpec): string {
  return `${table}__${index.fields.join('__')}${index.unique === true ? '__unique' : ''}`;
}
