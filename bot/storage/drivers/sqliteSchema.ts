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
      `CREATE TABLE IF NOT EXISTS "${spec.name}" (_id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL${(
        spec.counters ?? []
      )
        .map((field) => `, ${counterColumn(field)}`)
        .join('')})`,
      ...spec.indexes.map((index) => indexStatement(spec, index)),
    ]),
  ];
}

/**
 * Moves the counters of a table an earlier version wrote (all inside `doc`) into their columns,
 * once: the column is added, filled from the document and the field taken out of it. `columns`
 * says which columns each existing table has (a table not in it is created afresh, with them).
 */
export function counterMigrationStatements(
  specs: readonly CollectionSpec[],
  columns: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  return specs.flatMap((spec) => {
    const existing = columns.get(spec.name);
    const missing = (spec.counters ?? []).filter((field) => existing !== undefined && !existing.has(field));
    if (missing.length === 0) return [];
    const moves = missing.map((field) => `"${field}" = json_extract(doc, '$.${field}')`);
    const paths = missing.map((field) => `'$.${field}'`).join(', ');
    return [
      ...missing.map((field) => `ALTER TABLE "${spec.name}" ADD COLUMN ${counterColumn(field)}`),
      `UPDATE "${spec.name}" SET ${moves.join(', ')}, doc = json_remove(doc, ${paths})`,
    ];
  });
}

/**
 * A counter's column: named as its field (checked like any field name), without a declared type,
 * so SQLite stores the number it is given as it is (no affinity converts it).
 */
function counterColumn(field: string): string {
  return fieldExpression(field, new Set([field]));
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

function indexStatement(spec: CollectionSpec, index: IndexSpec): string {
  const fields = index.unique === true ? [...index.fields] : [...index.fields, '_id'];
  const name = indexName(spec.name, index);
  const unique = index.unique === true ? 'UNIQUE ' : '';
  const counters = new Set(spec.counters ?? []);
  const expressions = fields.map((field) => fieldExpression(field, counters));
  return `CREATE ${unique}INDEX IF NOT EXISTS "${name}" ON "${spec.name}" (${expressions.join(', ')})`;
}

function indexName(table: string, index: IndexSpec): string {
  return `${table}__${index.fields.join('__')}${index.unique === true ? '__unique' : ''}`;
}
