import type { Server } from 'restify';

export interface Readiness {
  /** Each check resolves true when its part is ready (store open, answer index built...). */
  checks: Record<string, () => Promise<boolean> | boolean>;
}

/**
 * GET /healthz: the process is alive (no dependencies checked, so an orchestrator does not kill
 * a process because the database is slow). GET /readyz: every part needed to serve visitors is
 * ready; 503 with the failing parts otherwise.
 */
export function registerHealthRoutes(server: Server, readiness: Readiness): void {
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
    next();
  });
  server.get('/readyz', async (_req, res) => {
    const results: Record<string, boolean> = {};
    await Promise.all(
      Object.entries(readiness.checks).map(async ([name, check]) => {
        try {
          results[name] = await check();
        } catch {
          results[name] = false;
        }
      }),
    );
    const ready = Object.values(results).every(Boolean);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks: results });
  });
}
