import http from 'node:http';
import restify, { type Server } from 'restify';
import helmet from 'helmet';
import type { Logger } from '../logging/logger.js';
import { errorBody } from './httpErrors.js';

export interface ServerOptions {
  logger: Logger;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
}

/**
 * Builds the restify server with the cross-cutting pieces every route relies on: body parsing
 * with a size limit, security headers, a JSON error shape without stack traces, and request
 * logging through the masked logger. Routes are registered by their own modules; only `main`
 * listens.
 */
export function makeServer(options: ServerOptions): Server {
  const server = restify.createServer({
    name: 'virtual-assistant',
    handleUncaughtExceptions: false,
    strictFormatters: false,
    // restify's own bunyan-style logger is replaced by ours through the handlers below.
  });
  const maxBodySize = options.maxBodyBytes ?? 256 * 1024;

  server.pre(restify.plugins.pre.context());
  // pre(): security headers on every response, including 404s and errors for unknown routes.
  server.pre(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }) as unknown as restify.RequestHandler,
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
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize, rejectUnknown: true }));

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
      // Replace restify's error body with ours: a code and a human message, never internals.
      err.toJSON = () =>
        status >= 500
          ? errorBody('internal', 'Something went wrong. Please try again.')
          : errorBody(errorCode(err), err.message || http.STATUS_CODES[status] || 'Bad request');
      callback();
    },
  );
  server.on('after', (req: restify.Request, res: restify.Response) => {
    options.logger.debug({ method: req.method, path: req.path(), status: res.statusCode }, 'request');
  });
  return server;
}

function errorCode(err: { body?: { code?: string }; name?: string }): string {
  const code = err.body?.code ?? err.name ?? 'error';
  return code
    .replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
