import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { I18n } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import { sendApiError } from './apiResponses.js';

const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/es': 'index.es.html',
  '/agent': 'agent.html',
  '/editor': 'editor.html',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Source maps show the browser code's sources and comments: for development only. */
const SOURCE_MAP = /\.map$/;

/** Only plain file names: no folders, no dots at the start, so nothing outside publicDir is reachable. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

/**
 * Serves the built browser files (scripts/build.mjs writes them to publicDir): the demo page, the
 * widget script, the agent and editor consoles. `widget.js` may be embedded by any allowed origin.
 */
export function registerStaticRoutes(
  server: Server,
  options: { publicDir: string; logger: Logger; i18n: I18n; isProduction: boolean },
): void {
  const send = async (file: string, req: Request, res: Response) => {
    const type = CONTENT_TYPES[path.extname(file)];
    if (!SAFE_NAME.test(file) || !type || (options.isProduction && SOURCE_MAP.test(file))) {
      sendApiError(options.i18n, req, res, 404, 'not_found');
      return;
    }
    try {
      const body = await readFile(path.join(options.publicDir, file));
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=300');
      if (file === 'widget.js') res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.writeHead(200);
      res.end(body);
    } catch {
      options.logger.warn({ file }, 'static file missing: run `npm run build`');
      sendApiError(options.i18n, req, res, 404, 'not_found');
    }
  };
  for (const [route, file] of Object.entries(PAGES)) {
    server.get(route, async (req, res) => send(file, req, res));
  }
  server.get('/widget.js', async (req, res) => send('widget.js', req, res));
  server.get('/assets/:file', async (req, res) =>
    send(String((req.params as { file?: string }).file ?? ''), req, res),
  );
}
