/**
 * The driver's filter, sort and update language (driver.ts) in SQL over one table per collection:
 * `_id TEXT PRIMARY KEY` and `doc TEXT`, the rest of the document as JSON. A field is read with
 * `json_extract(doc, '$.field')`, always written exactly so, which is what makes SQLite use the
 * expression indexes declared the same way (sqliteSchema.ts). Values are always bound parameters.
 *
 * The meaning is MongoDB's for the documents the stores keep: `null` matches a missing field or
 * null; comparisons never match a missing field; sorts put missing and null first.
 */
import { StoreInputError } from '../errors.js';
import { withIdTiebreak } from '../driver.js';
import type { Comparison, Filter, Scalar, Sort, Update } from '../driver.js';

export type SqlValue = string | number | null;

export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}

/** Field names the stores use: identifiers only, so a name can never break out of its JSON path. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The fields of a collection kept in columns of their own beside `doc` (its spec's `counters`):
 * the column is named as the field. Empty for most collections.
 */
export type CounterColumns = ReadonlySet<string>;

export const NO_COUNTERS: CounterColumns = new Set();

/** The SQL expression of a document field. */
export function fieldExpression(field: string, counters: CounterColumns = NO_COUNTERS): string {
  if (field === '_id') return '_id';
  if (!FIELD_NAME.test(field)) throw new StoreInputError('Unsupported field name', { field });
  if (counters.has(field)) return `"${field}"`;
  return `json_extract(doc, '$.${field}')`;
}

/**
 * A counter's value as its column holds it: a number, or NULL for a missing field (a column cannot
 * tell a null from a missing field, so a counter is never null).
 */
export function counterValue(field: string, value: unknown): number | null {
  if (value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new StoreInputError('A counter field holds a number', { field });
}

/** SQLite has no boolean: JSON true and false read back as 1 and 0 through json_extract. */
function sqlValue(value: Scalar): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const OPERATORS = { $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' } as const;

export function whereClause(filter: Filter, counters: CounterColumns = NO_COUNTERS): SqlFragment {
  const terms: string[] = [];
  const params: SqlValue[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    const expression = fieldExpression(field, counters);
    if (condition === null) {
      terms.push(`${expression} IS NULL`);
    } else if (typeof condition !== 'object') {
      terms.push(`${expression} = ?`);
      params.push(sqlValue(condition));
    } else {
      comparisonTerms(expression, condition, terms, params);
    }
  }
  return { sql: terms.length === 0 ? '' : ` WHERE ${terms.join(' AND ')}`, params };
}

function comparisonTerms(expression: string, condition: Comparison, terms: string[], params: SqlValue[]) {
  for (const [operator, operand] of Object.entries(condition)) {
    if (operator === '$in') {
      const values = operand as readonly Scalar[];
      const present = values.filter((value) => value !== null);
      const parts: string[] = [];
      if (present.length > 0) {
        parts.push(`${expression} IN (${present.map(() => '?').join(', ')})`);
        params.push(...present.map(sqlValue));
      }
      if (present.length < values.length) parts.push(`${expression} IS NULL`);
      terms.push(parts.length === 0 ? '0' : parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
      continue;
    }
    const sqlOperator = OPERATORS[operator as keyof typeof OPERATORS];
    if (sqlOperator === undefined || operand === null || typeof operand === 'object') {
      throw new StoreInputError('Unsupported comparison', { operator });
    }
    terms.push(`${expression} ${sqlOperator} ?`);
    params.push(sqlValue(operand as Scalar));
  }
}

export function orderClause(sort: Sort | undefined, counters: CounterColumns = NO_COUNTERS): string {
  const complete = withIdTiebreak(sort);
  if (complete === undefined) return '';
  const keys = Object.entries(complete).map(
    ([field, direction]) => `${fieldExpression(field, counters)} ${direction === 1 ? 'ASC' : 'DESC'}`,
  );
  return ` ORDER BY ${keys.join(', ')}`;
}

/**
 * The assignments of an update (what follows `UPDATE ... SET`): the new `doc` as one expression
 * over the old one, `$set` and `$inc` through json_set, `$unset` through json_remove, set values
 * bound as JSON text (`json(?)`) so objects, arrays and booleans keep their JSON type; and each
 * counter column on its own. An update of counters alone leaves `doc` as it is, so no index over
 * the document is rewritten (SQLite rewrites an index only when a column it reads changes).
 */
export function updateAssignments(update: Update, counters: CounterColumns = NO_COUNTERS): SqlFragment {
  const setArgs: string[] = [];
  const params: SqlValue[] = [];
  const columns: string[] = [];
  const columnParams: SqlValue[] = [];
  for (const [field, value] of Object.entries(update.$set ?? {})) {
    const expression = fieldExpression(field, counters);
    if (counters.has(field)) {
      columns.push(`${expression} = ?`);
      columnParams.push(counterValue(field, value));
      continue;
    }
    setArgs.push(`'$.${field}', json(?)`);
    params.push(JSON.stringify(value ?? null));
  }
  for (const [field, amount] of Object.entries(update.$inc ?? {})) {
    const expression = fieldExpression(field, counters);
    if (counters.has(field)) {
      columns.push(`${expression} = coalesce(${expression}, 0) + ?`);
      columnParams.push(amount);
      continue;
    }
    setArgs.push(`'$.${field}', coalesce(${expression}, 0) + ?`);
    params.push(amount);
  }
  let sql = setArgs.length === 0 ? 'doc' : `json_set(doc, ${setArgs.join(', ')})`;
  const unset: string[] = [];
  for (const field of Object.keys(update.$unset ?? {})) {
    const expression = fieldExpression(field, counters);
    if (counters.has(field)) columns.push(`${expression} = NULL`);
    else unset.push(field);
  }
  if (unset.length > 0) sql = `json_remove(${sql}, ${unset.map((field) => `'$.${field}'`).join(', ')})`;
  // `doc = doc` when nothing in it changes and no counter does either (an empty update).
  const assignments = sql === 'doc' && columns.length > 0 ? columns : [`doc = ${sql}`, ...columns];
  return { sql: assignments.join(', '), params: [...params, ...columnParams] };
}
