import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';

/** A valid article with nothing to report about it; `overrides` add the problem a test needs. */
export function article(
  id: string,
  locale: Locale,
  overrides: Partial<KnowledgeArticle> = {},
): KnowledgeArticle {
  return {
    id,
    locale,
    title: `Title of ${id}`,
    answer: `The short answer about ${id}, in plain words.`,
    body: `## Details\n\nMore about ${id}.`,
    questions: [`what about ${id}`, `tell me about ${id}`],
    tags: [],
    synonyms: [],
    related: [],
    links: [{ title: 'Contact Center', url: 'https://www.uscis.gov/contactcenter' }],
    updated: '2026-11-23',
    lastReviewed: '2026-11-23',
    ...overrides,
  };
}
