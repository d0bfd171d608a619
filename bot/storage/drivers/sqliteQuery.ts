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

/** The SQL expression of a document field. */
export function fieldExpression(field: string): string {
  if (field === '_id') return '_id';
  if (!FIELD_NAME.test(field)) throw new StoreInputError('Unsupported field name', { field });
  return `json_extract(doc, '$.${field}')`;
}

/** SQLite has no boolean: JSON true and false read back as 1 and 0 through json_extract. */
function sqlValue(value: Scalar): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const OPERATORS = { $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' } as const;

export function whereClause(filter: Filter): SqlFragment {
  const terms: string[] = [];
  const params: SqlValue[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    const expression = fieldExpression(field);
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

export function orderClause(sort: Sort | undefined): string {
  const complete = withIdTiebreak(sort);
  if (complete === undefined) return '';
  const keys = Object.entries(complete).map(
    ([field, direction]) => `${fieldExpression(field)} ${direction === 1 ? 'ASC' : 'DESC'}`,
  );
  return ` ORDER BY ${keys.join(', ')}`;
}

/**
 * The new `doc` of an update, as one expression over the old one: `$set` and `$inc` through
 * json_set, `$unset` through json_remove. Set values are bound as JSON text (`json(?)`), so
 * objects, arrays and booleans keep their JSON type.
 */
export function updateExpression(update: Update): SqlFragment {
  const setArgs: string[] = [];
  const params: SqlValue[] = [];
  for (const [field, value] of Object.entries(update.$set ?? {})) {
    fieldExpression(field);
    setArgs.push(`'$.${field}', json(?)`);
    params.push(JSON.stringify(value ?? null));
  }
  for (const [field, amount] of Object.entries(update.$inc ?? {})) {
    setArgs.push(`'$.${field}', coalesce(${fieldExpression(field)}, 0) + ?`);
    params.push(amount);
  }
  let sql = setArgs.length === 0 ? 'doc' : `json_set(doc, ${setArgs.join(', ')})`;
  const unset = Object.keys(update.$unset ?? {});
  if (unset.length > 0) {
    for (const field of unset) fieldExpression(field);
    sql = `json_remove(${sql}, ${unset.map((field) => `'$.${field}'`).join(', ')})`;
  }
  return { sql, params };
}
