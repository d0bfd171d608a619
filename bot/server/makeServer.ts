import restify, { type Server } from 'restify';
import helmet from 'helmet';
import type { I18n } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import { apiMessage, type ApiErrorCode } from './apiResponses.js';
import { errorBody } from './httpErrors.js';

/**
 * What explains each refusal restify makes by itself (a body that is not JSON, a route that does
 * not exist...): restify's own messages are English and may quote the parser's error.
 */
const RESTIFY_MESSAGES: Readonly<Record<string, ApiErrorCode>> = {
  invalid_content: 'invalid_content',
  unsupported_media_type: 'unsupported_media_type',
  method_not_allowed: 'method_not_allowed',
  payload_too_large: 'payload_too_large',
};
const STATUS_MESSAGES: Readonly<Record<number, ApiErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export interface ServerOptions {
  logger: Logger;
  /** For the messages of the errors restify answers by itself, in the caller's language. */
  i18n: I18n;
  /**
   * PUBLIC_ORIGINS: what the pages may connect to besides their own origin (Content-Security-Policy
   * `connect-src`), with the matching WebSocket origins; never any host at all.
   */
  publicOrigins: readonly string[];
}

/** Largest accepted request body, in bytes (the admin API has a smaller limit, see adminEdge). */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Builds the restify server with the cross-cutting pieces every route relies on: body parsing
 * with a size limit, security headers, a JSON error shape without stack traces (localised, like
 * every API error), and request logging through the masked logger. Routes are registered by their own modules; only `main`
 * listens.
 */
export function makeServer(options: ServerOptions): Server {
  const server = restify.createServer({
    name: 'virtual-assistant',
    handleUncaughtExceptions: false,
    strictFormatters: false,
    // restify's own bunyan-style logger is replaced by ours through the handlers below.
  });

  server.pre(restify.plugins.pre.context());
  // pre(): security headers on every response, including 404s and errors for unknown routes.
  server.pre(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", ...connectSources(options.publicOrigins)],
          'img-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  server.use(
    restify.plugins.queryParser({
      mapParams: false,
      allowDots: false,
      plainObjects: true,
      parameterLimit: 50,
      depth: 0,
    }),
  );
  server.use(
    restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES, rejectUnknown: true }),
  );

  server.on(
    'restifyError',
    (
      req: restify.Request,
      res: restify.Response,
      err: Error & { statusCode?: number; body?: { code?: string }; toJSON?: () => unknown },
      callback: () => void,
    ) => {
      const status = err.statusCode ?? 500;
      if (status >= 500) options.logger.error({ err, path: req.path() }, 'request failed');
      // Replace restify's error body with ours: its code, and a message of ours in the caller's
      // language, never restify's text (a JSON parser's complaint quotes the body) nor internals.
      const code = status >= 500 ? 'internal' : errorCode(err);
      const message: ApiErrorCode =
        status >= 500 ? 'internal' : (RESTIFY_MESSAGES[code] ?? STATUS_MESSAGES[status] ?? 'invalid_input');
      err.toJSON = () => errorBody(code, apiMessage(options.i18n, req, message));
      callback();
    },
  );
  server.on('after', (req: restify.Request, res: restify.Response) => {
    options.logger.debug({ method: req.method, path: req.path(), status: res.statusCode }, 'request');
  });
  return server;
}

/** `https://a.example` → itself and `wss://a.example`; `http://…` → itself and `ws://…`. */
export function connectSources(origins: readonly string[]): string[] {
  const sources = new Set<string>();
  for (const origin of origins) {
    sources.add(origin);
    sources.add(origin.replace(/^http(s?):/, 'ws$1:'));
  }
  return [...sources];
}

function errorCode(err: { body?: { code?: string }; name?: string }): string {
  const code = err.body?.code ?? err.name ?? 'error';
  return code
    .replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
