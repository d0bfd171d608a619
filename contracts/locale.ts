/**
 * The two languages the product speaks: the one definition of the locale type and list, shared by
 * the service, the answer engine, the article content and the browser code. Every article exists
 * once per locale; every user-visible string has an English and a Spanish wording.
 *
 * Plain values only: the browser bundles import this file, so it may pull in no library.
 */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
