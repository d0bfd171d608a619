import type { Request, RequestHandler, Response, Server } from 'restify';
import type { BusinessHours } from '../handoff/businessHours/index.js';
import { requestLocale } from '../server/apiResponses.js';
import { handled, type AdminErrorDeps } from './adminErrors.js';
import { liveChatHours } from './liveChatHours.js';
import type { Clock } from '../shared/clock.js';

export interface HoursRouteDeps extends AdminErrorDeps {
  hours: BusinessHours;
  adminsOnly: RequestHandler;
  clock: Clock;
}

/** `GET /api/admin/hours`: the live-chat schedule (BUSINESS_HOURS) and what it means now, in the caller's language. */
export function registerHoursRoutes(server: Server, deps: HoursRouteDeps): void {
  server.get(
    '/api/admin/hours',
    deps.adminsOnly,
    handled(deps, async (req: Request, res: Response) => {
      res.header('Cache-Control', 'no-store');
      res.send(200, liveChatHours(deps.hours, deps.clock.now(), requestLocale(req)));
    }),
  );
}
