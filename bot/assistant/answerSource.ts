import type { Locale } from '../../contracts/locale.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import type { AnswerResult } from '../../knowledge/engine/index.js';
import type { PassageSource } from './followUps/passageSource.js';

/**
 * What the assistant needs from the answer engine: a decision for one question in one language.
 * The dialogs depend on this port, not on the engine, so their tests can pass a small fixed
 * source and the running app passes the published knowledge (`bot/articles/publishedKnowledge.ts`).
 */
export interface AnswerSource {
  answer(text: string, locale: Locale): AnswerResult<KnowledgeArticle>;
}

/**
 * Published articles by id, for follow-up suggestions (related articles' titles in the visitor's
 * language) and for answering with an article the visitor picked from a list.
 */
export interface ArticleCatalog {
  get(id: string, locale: Locale): KnowledgeArticle | undefined;
}

/**
 * One set of articles as the assistant uses it: answers, lookups by id and the passages of the
 * same index for follow-ups. The published articles are one; the editors' drafts (Preview, Try it)
 * another.
 */
export type AssistantKnowledge = AnswerSource & ArticleCatalog & { readonly passages: PassageSource };
