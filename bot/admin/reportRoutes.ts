import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import { localeSchema } from '../../contracts/article.js';
import type { PeriodQuery } from '../../contracts/adminApi.js';
import type { Store } from '../storage/ports.js';
import { handled, type AdminErrorDeps } from './adminErrors.js';
import { FieldProblemsError } from '../shared/fieldProblems.js';
import { isoDay, queryOf } from './adminInput.js';
import { analyticsCsv, answerAnalytics } from './reports/answerAnalytics.js';
import { chatRatingReport } from './reports/chatRatingReport.js';
import { reportPeriod, type ReportPeriod } from './reports/reportPeriod.js';
import { unansweredCsv, unansweredQuestions } from './reports/unansweredQuestions.js';
import type { Clock } from '../shared/clock.js';

export interface ReportRouteDeps extends AdminErrorDeps {
  store: Pick<Store, 'analytics' | 'feedback' | 'chatRatings' | 'users'>;
  editorsOnly: RequestHandler;
  clock: Clock;
}

const periodQuery = z.strictObject({
  from: isoDay.optional(),
  to: isoDay.optional(),
  locale: localeSchema.optional(),
}) satisfies z.ZodType<PeriodQuery>;

/**
 * The editors' reports: unanswered questions grouped by wording, and answer analytics per locale
 * with daily series; each as JSON for the console and as CSV for spreadsheets. Visitors' ratings of
 * live-agent chats, per language and per agent, as JSON.
 */
export function registerReportRoutes(server: Server, deps: ReportRouteDeps): void {
  const route = (body: (req: Request, res: Response) => Promise<void>) => handled(deps, body);
  const base = '/api/admin/reports';

  const periodOf = (
    req: Request,
  ): { period: ReportPeriod; locale: z.output<typeof localeSchema> | undefined } => {
    const query = queryOf(req, periodQuery);
    const result = reportPeriod(query, deps.clock.now());
    if (result.problem) {
      throw new FieldProblemsError([{ ...result.problem, field: `query.${result.problem.field}` }]);
    }
    return { period: result.period, locale: query.locale };
  };

  server.get(
    `${base}/unanswered`,
    deps.editorsOnly,
    route(async (req, res) => {
      const { period, locale } = periodOf(req);
      res.send(200, await unansweredQuestions(deps.store, period, locale));
    }),
  );

  server.get(
    `${base}/unanswered.csv`,
    deps.editorsOnly,
    route(async (req, res) => {
      const { period, locale } = periodOf(req);
      const report = await unansweredQuestions(deps.store, period, locale);
      sendCsv(res, `unanswered-${period.from}-${period.to}.csv`, unansweredCsv(report));
    }),
  );

  server.get(
    `${base}/analytics`,
    deps.editorsOnly,
    route(async (req, res) => {
      const { period, locale } = periodOf(req);
      res.send(200, await answerAnalytics(deps.store, period, locale));
    }),
  );

  server.get(
    `${base}/ratings`,
    deps.editorsOnly,
    route(async (req, res) => {
      const { period, locale } = periodOf(req);
      res.send(200, await chatRatingReport(deps.store, period, locale));
    }),
  );

  server.get(
    `${base}/analytics.csv`,
    deps.editorsOnly,
    route(async (req, res) => {
      const { period, locale } = periodOf(req);
      const report = await answerAnalytics(deps.store, period, locale);
      sendCsv(res, `analytics-${period.from}-${period.to}.csv`, analyticsCsv(report));
    }),
  );
}

/**
 * CSV as a download. The byte-order mark lets spreadsheet programs read the Spanish accents as
 * UTF-8 (they ignore the charset of a downloaded file).
 */
function sendCsv(res: Response, fileName: string, csv: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.writeHead(200);
  res.end(`\uFEFF${csv}`);
}
