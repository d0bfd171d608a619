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

/** No control characters, at least one character. */
const NO_CONTROL_CHARACTERS = /^\P{Cc}+$/u;
const MAX_ID_LENGTH = 512;

/** Any opaque identifier: a non-empty string without control characters. */
export const idSchema = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters');

// ---------------------------------------------------------------------------------------------
// The same rules checked by hand, for the records every turn writes (transcript entries,
// analytics events), which the process itself just built: inside a turn a schema's parse costs
// more than the write it guards. Each says yes only to values its schema accepts; a store sends
// whatever they do not pass through the schema, which decides and words the error.

/** What `idSchema` accepts. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ID_LENGTH && NO_CONTROL_CHARACTERS.test(value);
}

/** Some of what `timestampSchema` accepts: the exact text `Date.prototype.toISOString()` writes. */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 24) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

const LOCALE_VALUES: ReadonlySet<unknown> = new Set(localeSchema.options);

/** What `localeSchema` accepts. */
export function isLocale(value: unknown): boolean {
  return LOCALE_VALUES.has(value);
}

/** What `textSchema(max)` accepts. */
export function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A plain object: no class instance, no object with another prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A plain object (no prototype tricks) with exactly `count` own keys: with a check of each expected
 * key, what a strict object schema accepts as to its keys. Its values are plain data by then, so
 * `assertSafeKeys` has nothing to find in it.
 */
export function isPlainRecord(value: unknown, count: number): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).length === count;
}

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
  return z.string().max(max).refine(isJsonText, 'must be JSON');
}

/** What `jsonTextSchema` asks of its text beyond the length: it parses as JSON. */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `from` inclusive, `to` exclusive. */
export const timeRangeSchema = z.strictObject({ from: timestampSchema, to: timestampSchema });
