import type { Request } from 'restify';
import { z } from 'zod';
import { articleIdSchema, localeSchema } from '../../contracts/article.js';
import type { ExpectedRevision } from '../../contracts/adminApi.js';
import { FieldProblemsError, keyed } from '../shared/fieldProblems.js';
import { parseInput } from '../server/inputSafety.js';

/**
 * Parses one part of a request with a zod schema, after refusing `$`-prefixed and prototype keys
 * (parseInput). `where` prefixes the field paths ("query.locale"), so a client knows which part
 * of its request was wrong.
 */
function parsePart<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = parseInput(schema, value ?? {});
  if (parsed.ok) return parsed.value;
  throw new FieldProblemsError(
    parsed.problems.map((problem) => ({
      ...problem,
      field: problem.field === '(body)' ? where : `${where}.${problem.field}`,
    })),
  );
}

export function bodyOf<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return parsePart(schema, req.body, 'body');
}

/** Query strings are flat (the server's query parser does not nest): every value is a string. */
export function queryOf<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return parsePart(schema, req.query, 'query');
}

export function paramsOf<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return parsePart(schema, req.params, 'path');
}

// ---------------------------------------------------------------------------------------------
// Field schemas shared by the routes.

/** A revision number, from JSON (a number) or from a path or query string (digits). */
export const revisionNumber = z.union([
  z.number().int().min(1).max(1_000_000_000),
  z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'must be a revision number')
    .transform(Number),
]);

export const articleRefParams = z.strictObject({ locale: localeSchema, id: articleIdSchema });

export const revisionParams = articleRefParams.extend({ revision: revisionNumber });

export const expectedRevisionBody = z.strictObject({
  expectedRevision: revisionNumber,
}) satisfies z.ZodType<ExpectedRevision>;

/** A day written YYYY-MM-DD. */
export const isoDay = z
  .string()
  // Round-tripped: Date.parse alone accepts "2026-02-31" (as March 3rd).
  .refine(
    (value) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
      const time = Date.parse(`${value}T00:00:00Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
    },
    keyed('field.day', 'must be a real date written YYYY-MM-DD'),
  );

/** "true" / "false" in a query string. */
export const queryFlag = z.enum(['true', 'false']).transform((value) => value === 'true');
