import type { TextAnalyzer } from './textAnalyzer.js';

/**
 * Words that say what a visitor wants done with a subject, never which detail of it they ask
 * about: "I need to renew my green card", "I want to apply for a work permit", "quiero pedir la
 * ciudadanía" are the general question of their article. A passage that shares only these words
 * with a question ("if you need proof of status", "extensions still apply", "pedir una exención")
 * does not answer it, so the passage finder leaves them out (they still rank articles: "apply"
 * and "renew" tell a filing from a status question).
 */
const REQUEST_WORDS: Record<string, readonly string[]> = {
  en: [
    'need',
    'needs',
    'want',
    'wants',
    'apply',
    'applying',
    'get',
    'getting',
    'obtain',
    'file',
    'filed',
    'filing',
  ],
  es: [
    'necesito',
    'necesita',
    'necesitamos',
    'necesitar',
    'quiero',
    'quiere',
    'queremos',
    'querer',
    'pedir',
    'pido',
    'pida',
    'solicitar',
    'solicito',
    'aplicar',
    'aplico',
    'sacar',
    'saco',
    'obtener',
    'conseguir',
  ],
};

/** The terms (stems and synonym concepts) of a language's request words, as its analyzer reads them. */
export function requestTerms(analyzer: TextAnalyzer): ReadonlySet<string> {
  const words = REQUEST_WORDS[analyzer.locale.slice(0, 2)] ?? [];
  return new Set(words.flatMap((word) => analyzer.terms(word)));
}
