import { expect } from 'vitest';

/**
 * Vitest's asymmetric matchers, typed as what they stand for. Vitest types them `any` so that they
 * fit anywhere; with the type-aware lint rules an `any` inside an expected object hides real type
 * errors around it. These are the same matchers (same behaviour, same failure messages), typed.
 */
export function anyString(): string {
  return expect.any(String) as string;
}

export function anyNumber(): number {
  return expect.any(Number) as number;
}

export function stringMatching(pattern: RegExp | string): string {
  return expect.stringMatching(pattern) as string;
}

export function stringContaining(text: string): string {
  return expect.stringContaining(text) as string;
}

/** An object with at least these fields (any others allowed). */
export function objectContaining<T extends object>(fields: T): T {
  return expect.objectContaining<unknown>(fields) as T;
}
