import type { z } from 'zod';
import { problemsFromZod, type FieldProblem } from '../shared/fieldProblems.js';

/** Keys that would reach a query operator or an object's prototype if passed through. */
function isDangerousKey(key: string): boolean {
  return key.startsWith('$') || key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * The paths of every `$`-prefixed or prototype key in a parsed JSON value. A body or query
 * string carrying one is refused outright: such keys are never legitimate input to this API and
 * must never reach the store.
 */
export function findDangerousKeys(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return found;
  for (const key of Object.keys(value)) {
    const next = [...path, key];
    if (isDangerousKey(key)) found.push(next.join('.'));
    findDangerousKeys((value as Record<string, unknown>)[key], next, found);
  }
  return found;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Validates input with a zod schema after refusing dangerous keys; lists every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const dangerous = findDangerousKeys(input);
  if (dangerous.length > 0) {
    return {
      ok: false,
      problems: dangerous.map((field) => notAllowedName(field)),
    };
  }
  // reportInput: a missing field ("required") is told apart from one of the wrong type.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: problemsFromZod(result.error) };
}

/** The problem of a `$`-prefixed or prototype key. */
export function notAllowedName(field: string): FieldProblem {
  return { field, message: 'is not an allowed field name', messageKey: 'field.notAllowedName' };
}
