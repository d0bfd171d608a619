import type { Next, Request, Response, Server } from 'restify';
import { ArticleService } from '../articles/articleService.js';
import { DraftKnowledge } from '../articles/draftKnowledge.js';
import type { AuthService } from '../auth/authService.js';
import type { AssistantRehearsal } from '../channels/rehearsal/assistantRehearsal.js';
import { requireRole } from '../auth/requireRole.js';
import type { I18n } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import { localisedProblems, sendApiError } from '../server/apiResponses.js';
import { findDangerousKeys, notAllowedName } from '../server/inputSafety.js';
import type { Store } from '../storage/ports.js';
import { adminEdge, ADMIN_PATH_PREFIX } from './adminEdge.js';
import { registerArticleRoutes } from './articleRoutes.js';
import type { BusinessHours } from '../handoff/businessHours/index.js';
import { registerHoursRoutes } from './hoursRoutes.js';
import { registerRehearsalRoutes } from './rehearsalRoutes.js';
import { registerReportRoutes } from './reportRoutes.js';
import { UserAdmin } from './userAdmin.js';
import { registerUserRoutes } from './userRoutes.js';
import { systemClock, type Clock } from '../shared/clock.js';

export interface AdminDeps {
  auth: AuthService;
  i18n: I18n;
  logger: Logger;
  store: Pick<Store, 'articles' | 'audit' | 'users' | 'sessions' | 'analytics' | 'feedback' | 'chatRatings'>;
  /** What visitors are answered from (PublishedKnowledge): refreshed after every publish. */
  knowledge: { refresh(): Promise<unknown> };
  /** The assistant as visitors meet it, answering from the drafts: the preview and "Try it". */
  rehearsal: AssistantRehearsal;
  /** Live-agent hours (BUSINESS_HOURS), shown to admins. */
  hours: BusinessHours;
  clock?: Clock;
}

/**
 * The admin API under /api/admin: articles and reports for editors, users and the audit log for
 * admins (who may also do everything editors do). Before any route: CORS (the server's, apiCors),
 * the body size limit (adminEdge), then a guard that refuses `$`-prefixed and prototype keys
 * anywhere in the query or the body, whatever the route; then each route's own role check and
 * strict input schema.
 */
export function registerAdminRoutes(server: Server, deps: AdminDeps): void {
  const clock = deps.clock ?? systemClock;
  server.pre(adminEdge(deps.i18n));
  server.use(refuseDangerousKeys(deps.i18n));

  const articles = new ArticleService({ store: deps.store, published: deps.knowledge, clock });
  const errors = { i18n: deps.i18n, logger: deps.logger };
  const editorsOnly = requireRole(deps.auth, deps.i18n, ['editor']);
  const adminsOnly = requireRole(deps.auth, deps.i18n, ['admin']);

  const drafts = new DraftKnowledge(deps.store, undefined, clock);
  registerArticleRoutes(server, { ...errors, articles, drafts, editorsOnly });
  registerRehearsalRoutes(server, { ...errors, drafts, rehearsal: deps.rehearsal, editorsOnly });
  registerReportRoutes(server, { ...errors, store: deps.store, editorsOnly, clock });
  registerUserRoutes(server, {
    ...errors,
    users: new UserAdmin(deps.store, clock, (before, after) => deps.auth.userChanged(before, after)),
    store: deps.store,
    adminsOnly,
  });
  registerHoursRoutes(server, { ...errors, hours: deps.hours, adminsOnly, clock });
}

/**
 * The query parser does not nest (`?locale[$ne]=x` stays one key, "locale[$ne]"), so such a key
 * could never reach the store as an operator; it is still an attack, not a typo, and is refused
 * on every route, even on those that read no query at all.
 */
function isBracketedOperator(key: string): boolean {
  return (
    /[[\]]/.test(key) && (key.includes('$') || /(^|\[)(__proto__|constructor|prototype)(\[|\]|$)/.test(key))
  );
}

/** 400 for a query string or body carrying a key a database or JavaScript would not read as data. */
function refuseDangerousKeys(i18n: I18n) {
  return (req: Request, res: Response, next: Next) => {
    if (!req.path().startsWith(ADMIN_PATH_PREFIX)) {
      next();
      return;
    }
    const fields = [
      ...findDangerousKeys((req.query ?? {}) as Record<string, unknown>).map((field) => `query.${field}`),
      ...Object.keys((req.query ?? {}) as Record<string, unknown>)
        .filter(isBracketedOperator)
        .map((field) => `query.${field}`),
      ...findDangerousKeys((req.body ?? {}) as Record<string, unknown>).map((field) => `body.${field}`),
    ];
    if (fields.length === 0) {
      next();
      return;
    }
    sendApiError(i18n, req, res, 400, 'invalid_input', {
      details: localisedProblems(i18n, req, fields.map(notAllowedName)),
    });
    next(false);
  };
}
