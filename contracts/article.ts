import { z } from 'zod';
import { LOCALES } from './locale.js';

/** Every article exists once per locale (contracts/locale.ts). */
export const localeSchema = z.enum(LOCALES);

/** A slug: lower-case words joined by dashes. It is the article id and its file name. */
export const ARTICLE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ARTICLE_ID_LENGTH = 80;

export const articleIdSchema = z
  .string()
  .regex(ARTICLE_ID_PATTERN, 'must be a lower-case slug such as "contact-center"')
  .max(MAX_ARTICLE_ID_LENGTH);

const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
    message: 'is not a real date',
    // A key of the API's locale files, so the admin API can say it in the editor's language.
    params: { messageKey: 'field.notRealDate' },
  });

export const articleLinkSchema = z.object({
  title: z.string().trim().min(1).max(200),
  url: z
    .string()
    .url()
    .refine((value) => value.startsWith('https://'), {
      message: 'must be an https:// address',
      params: { messageKey: 'field.https' },
    }),
});

/**
 * One knowledge article in one language. The same shape is used by the Markdown files under
 * `knowledge/articles/<locale>/<id>.md`, by the store, and by the answer engine.
 */
export const knowledgeArticleSchema = z
  .object({
    id: articleIdSchema,
    locale: localeSchema,
    title: z.string().trim().min(3).max(200),
    /** The short direct answer (Markdown, two or three sentences) shown first in the chat. */
    answer: z.string().trim().min(20).max(1200),
    /** The details (Markdown) after the short answer. */
    body: z.string().trim().max(20_000),
    /** Other ways a visitor might ask for this article, written by editors. */
    questions: z.array(z.string().trim().min(3).max(300)).max(200),
    tags: z.array(z.string().trim().min(1).max(60)).max(40),
    /** Words and acronyms that mean this article's subject (e.g. "InfoPass", "tarjeta verde"). */
    synonyms: z.array(z.string().trim().min(1).max(80)).max(80),
    /** Ids of related articles, offered as follow-up suggestions. */
    related: z.array(articleIdSchema).max(8),
    /** The official pages the facts come from. */
    links: z.array(articleLinkSchema).max(10),
    /** When the content last changed (YYYY-MM-DD). */
    updated: isoDateSchema,
    /** When an editor last checked this locale's text against the facts and its twin (YYYY-MM-DD). */
    lastReviewed: isoDateSchema,
  })
  .strict();

export type KnowledgeArticle = z.infer<typeof knowledgeArticleSchema>;
export type ArticleLink = z.infer<typeof articleLinkSchema>;

/** The key that identifies an article across locales: `${locale}:${id}`. */
export function articleKey(article: Pick<KnowledgeArticle, 'id' | 'locale'>): string {
  return `${article.locale}:${article.id}`;
}
