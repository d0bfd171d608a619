import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import { knowledgeArticleSchema, localeSchema } from '../../contracts/article.js';
import type {
  AddQuestionRequest,
  ArticleListResponse,
  ArticleResponse,
  CreateArticleRequest,
  RevisionListResponse,
  RollbackRequest,
  SaveDraftRequest,
  TryRequest,
  TryResponse,
} from '../../contracts/adminApi.js';
import type { ArticleService } from '../articles/articleService.js';
import type { DraftKnowledge } from '../articles/draftKnowledge.js';
import { principalOf } from '../auth/requireRole.js';
import { handled, type AdminErrorDeps } from './adminErrors.js';
import {
  articleRefParams,
  bodyOf,
  expectedRevisionBody,
  paramsOf,
  queryFlag,
  queryOf,
  revisionNumber,
  revisionParams,
} from './adminInput.js';

export interface ArticleRouteDeps extends AdminErrorDeps {
  articles: ArticleService;
  drafts: DraftKnowledge;
  /** requireRole(...) for editors (admins pass too). */
  editorsOnly: RequestHandler;
}

const listQuery = z.strictObject({
  locale: localeSchema.optional(),
  status: z.enum(['draft', 'published', 'unpublished']).optional(),
  tag: z.string().trim().min(1).max(60).optional(),
  q: z.string().trim().max(200).optional(),
  deleted: queryFlag.optional(),
});

// Each body schema accepts what contracts/adminApi.ts says the console sends.
const createBody = z.strictObject({
  article: knowledgeArticleSchema,
}) satisfies z.ZodType<CreateArticleRequest>;
const saveBody = z.strictObject({
  article: knowledgeArticleSchema,
  expectedRevision: revisionNumber,
}) satisfies z.ZodType<SaveDraftRequest>;
const rollbackBody = z.strictObject({
  toRevision: revisionNumber,
  expectedRevision: revisionNumber,
}) satisfies z.ZodType<RollbackRequest>;
const questionBody = z.strictObject({
  question: z.string().trim().min(3).max(300),
  expectedRevision: revisionNumber.optional(),
}) satisfies z.ZodType<AddQuestionRequest>;
const diffQuery = z.strictObject({ from: revisionNumber, to: revisionNumber });
const tryBody = z.strictObject({
  text: z.string().trim().min(1).max(500),
  locale: localeSchema,
}) satisfies z.ZodType<TryRequest>;

/**
 * The editors' article routes under /api/admin: list, read, create, save a draft, delete and
 * restore, publish and unpublish, history, diff, rollback, alternate questions from the
 * unanswered report, the translation report, and "Try it" against the drafts. Each route parses
 * its input and calls one use-case of ArticleService (the reads: its `views`); errors go through the
 * admin error handler.
 */
export function registerArticleRoutes(server: Server, deps: ArticleRouteDeps): void {
  const { articles, editorsOnly } = deps;
  const route = (body: (req: Request, res: Response) => Promise<void>) => handled(deps, body);
  const actor = (req: Request) => principalOf(req).username;
  const base = '/api/admin/articles';
  const one = `${base}/:locale/:id`;

  server.get(
    base,
    editorsOnly,
    route(async (req, res) => {
      const query = queryOf(req, listQuery);
      const list = await articles.views.list({
        ...(query.locale && { locale: query.locale }),
        ...(query.status && { status: query.status }),
        ...(query.tag && { tag: query.tag }),
        ...(query.q && { text: query.q }),
        ...(query.deleted !== undefined && { includeDeleted: query.deleted }),
      });
      res.send(200, { articles: list } satisfies ArticleListResponse);
    }),
  );

  server.post(
    base,
    editorsOnly,
    route(async (req, res) => {
      const { article } = bodyOf(req, createBody);
      res.send(201, { article: await articles.create(actor(req), article) } satisfies ArticleResponse);
    }),
  );

  server.get(
    one,
    editorsOnly,
    route(async (req, res) => {
      const { locale, id } = paramsOf(req, articleRefParams);
      res.send(200, { article: await articles.views.get(locale, id) } satisfies ArticleResponse);
    }),
  );

  server.put(
    one,
    editorsOnly,
    route(async (req, res) => {
      const { locale, id } = paramsOf(req, articleRefParams);
      const { article, expectedRevision } = bodyOf(req, saveBody);
      res.send(200, {
        article: await articles.saveDraft(actor(req), locale, id, article, expectedRevision),
      } satisfies ArticleResponse);
    }),
  );

  server.del(
    one,
    editorsOnly,
    route(async (req, res) => {
      const { locale, id } = paramsOf(req, articleRefParams);
      const { expectedRevision } = bodyOf(req, expectedRevisionBody);
      res.send(200, {
        article: await articles.delete(actor(req), locale, id, expectedRevision),
      } satisfies ArticleResponse);
    }),
  );

  for (const action of ['publish', 'unpublish', 'restore'] as const) {
    server.post(
      `${one}/${action}`,
      editorsOnly,
      route(async (req, res) => {
        const { locale, id } = paramsOf(req, articleRefParams);
        const { expectedRevision } = bodyOf(req, expectedRevisionBody);
        res.send(200, {
          article: await articles[action](actor(req), locale, id, expectedRevision),
        } satisfies ArticleResponse);
      }),
    );
  }

  server.post(
    `${one}/rollback`,
    editorsOnly,
    route(async (req, res) => {
      const { locale, id } = paramsOf(req, articleRefParams);
      const { toRevision, expectedRevision } = bodyOf(req, rollbackBody);
      res.send(200, {
        article: await articles.rollback(actor(req), locale, id, toRevision, expectedRevision),
      } satisfies ArticleResponse);
    }),
  );

  server.post(
    `${one}/questions`,
    editorsOnly,
    route(async (req, res) => {
      const { locale, id } = paramsOf(req, articleRefParams);
      const { question, expectedRevision } = bodyOf(req, questionBody);
      res.send(200, {
        article: await articles.addQuestion(actor(req), locale, id, question, expectedRevision),
      } satisfies ArticleResponse);
    }),
  );

  server.get(
    `${one}/revisions`,
    editorsOnly,
    route(async (req, res) => {
      const { locale, id } = paramsOf(req, articleRefParams);
      res.send(200, { revisions: await articles.views.history(locale, id) } satisfies RevisionListResponse);
    }),
  );

  server.get(
    `${one}/revisions/:revision`,
    editorsOnly,
    route(async (req, res) => {
      const { locale, id, revision } = paramsOf(req, revisionParams);
      res.send(200, { revision: await articles.views.revision(locale, id, revision) });
    }),
  );

  server.get(
    `${one}/diff`,
    editorsOnly,
    route(async (req, res) => {
      const { locale, id } = paramsOf(req, articleRefParams);
      const { from, to } = queryOf(req, diffQuery);
      res.send(200, await articles.views.diff(locale, id, from, to));
    }),
  );

  server.get(
    '/api/admin/translations',
    editorsOnly,
    route(async (_req, res) => {
      res.send(200, await articles.views.translations());
    }),
  );

  server.post(
    '/api/admin/try',
    editorsOnly,
    route(async (req, res) => {
      const { text, locale } = bodyOf(req, tryBody);
      res.send(200, { result: await deps.drafts.try(text, locale) } satisfies TryResponse);
    }),
  );
}
