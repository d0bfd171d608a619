import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import { articleIdSchema, localeSchema } from '../../contracts/article.js';
import type { PreviewDraft, RehearsalRequest, RehearsalResponse } from '../../contracts/adminApi.js';
import type { DraftKnowledge } from '../articles/draftKnowledge.js';
import type { AssistantRehearsal } from '../channels/rehearsal/assistantRehearsal.js';
import { handled, type AdminErrorDeps } from './adminErrors.js';
import { bodyOf } from './adminInput.js';

export interface RehearsalRouteDeps extends AdminErrorDeps {
  drafts: DraftKnowledge;
  rehearsal: AssistantRehearsal;
  /** requireRole(...) for editors (admins pass too). */
  editorsOnly: RequestHandler;
}

/** A conversation of a preview stays short: the question or the article, and a few buttons pressed. */
const MAX_STEPS = 8;

/** Button values are the assistant's own flat objects ({ type: 'article', articleId }...). */
const buttonValue = z
  .record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 8, 'must have at most 8 keys');

/**
 * The form's text as it is being written: limits as the article schema's, but not its minimums
 * (a preview is shown while the answer is still short) nor its link checks (a link being typed).
 */
const previewDraft = z.strictObject({
  id: articleIdSchema,
  locale: localeSchema,
  title: z.string().max(200),
  answer: z.string().max(1200),
  body: z.string().max(20_000),
  related: z.array(z.string().max(80)).max(8),
  links: z.array(z.strictObject({ title: z.string().max(200), url: z.string().max(2000) })).max(10),
}) satisfies z.ZodType<PreviewDraft>;

const rehearsalBody = z.strictObject({
  locale: localeSchema,
  steps: z
    .array(z.strictObject({ text: z.string().max(500), value: buttonValue.optional() }))
    .min(1)
    .max(MAX_STEPS),
  draft: previewDraft.optional(),
}) satisfies z.ZodType<RehearsalRequest>;

/**
 * `POST /api/admin/rehearsal`: the steps run through the assistant as a new widget conversation,
 * answered from the drafts (with the form being edited in place of its saved draft), and the
 * messages the widget would get back. Nothing is stored: each call is a conversation of its own.
 */
export function registerRehearsalRoutes(server: Server, deps: RehearsalRouteDeps): void {
  server.post(
    '/api/admin/rehearsal',
    deps.editorsOnly,
    handled(deps, async (req: Request, res: Response) => {
      const { locale, steps, draft } = bodyOf(req, rehearsalBody);
      const knowledge = await deps.drafts.snapshot(draft);
      const turns = await deps.rehearsal.run({ locale, steps, knowledge });
      res.send(200, { turns } satisfies RehearsalResponse);
    }),
  );
}
