/**
 * The checks every store method runs on what it is given, before anything reaches a query: a
 * value the schema does not describe (an operator object where an id belongs, an unknown field, a
 * `$where` or `__proto__` key) is refused with `StoreInputError`, never interpreted by a database.
 */
import { z } from 'zod';
import { localeSchema } from '../../contracts/article.js';
import { StoreInputError } from './errors.js';

export { localeSchema };

/** Keys a database or JavaScript would read as something other than data. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isUnsafeKey(key: string): boolean {
  return key.startsWith('$') || key.includes('.') || key.includes('\0') || PROTOTYPE_KEYS.has(key);
}

/** Walks plain objects and arrays; zod would refuse most of these too, this makes it certain. */
function assertSafeKeys(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertSafeKeys(item, `${path}[${index}]`));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    if (isUnsafeKey(key)) throw new StoreInputError(`Refused key in ${path}`, { path, key });
    assertSafeKeys((value as Record<string, unknown>)[key], `${path}.${key}`);
  }
}

/** Validates `value` against `schema` (after the key check) and returns the parsed copy. */
export function parse<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string,
): z.output<Schema> {
  assertSafeKeys(value, what);
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new StoreInputError(`Invalid ${what}`, { issues });
  }
  return result.data;
}

/** Drops keys whose value is undefined, so a patch never writes them (nor `null` in MongoDB). */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------------------------------------
// Reusable field schemas.

/** Any opaque identifier: a non-empty string without control characters. */
export const idSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\P{Cc}+$/u, 'must not contain control characters');

/** Exactly what `Date.prototype.toISOString()` writes, so timestamps sort and compare as text. */
export const timestampSchema = z.iso.datetime({ precision: 3 });

export const dateSchema = z.iso.date();

/** SHA-256 in lower-case hex: the only form of a token the stores keep. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

export const limitSchema = z.number().int().min(1).max(10_000);

export const countSchema = z.number().int().min(0);

export function textSchema(max: number) {
  return z.string().max(max);
}

/** A string that holds JSON (a conversation reference, an activity, audit details). */
export function jsonTextSchema(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => {
      try {
        JSON.parse(value);
        return true;
      } catch {
        return false;
      }
    }, 'must be JSON');
}

/** `from` inclusive, `to` exclusive. */
export const timeRangeSchema = z.strictObject({ from: timestampSchema, to: timestampSchema });
