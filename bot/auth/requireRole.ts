import type { Next, Request, RequestHandler, Response } from 'restify';
import type { I18n } from '../i18n/i18n.js';
import { sendApiError } from '../server/apiResponses.js';
import type { Role } from '../storage/ports.js';
import type { AuthService, Principal } from './authService.js';
import { bearerToken } from './sessionTokens.js';

const principals = new WeakMap<Request, Principal>();

/** The signed-in caller of a request that passed `requireRole`. */
export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw new Error('principalOf() called on a route without requireRole()');
  return principal;
}

/**
 * A restify handler that lets the request through only with a valid bearer token whose user has
 * one of `roles` (admins may do everything). No token or a bad one: 401. Wrong role: 403.
 */
export function requireRole(auth: AuthService, i18n: I18n, roles: readonly Role[]): RequestHandler {
  // Callback style on purpose: restify stops a chain only on `next(false)`, and an async handler's
  // resolution always continues it.
  return (req: Request, res: Response, next: Next) => {
    const token = bearerToken(req.headers.authorization);
    const lookup = token ? auth.authenticate(token) : Promise.resolve(null);
    lookup.then(
      (principal) => {
        if (!principal) {
          res.header('WWW-Authenticate', 'Bearer');
          sendApiError(i18n, req, res, 401, 'unauthorized');
          next(false);
          return;
        }
        if (!principal.roles.some((role) => role === 'admin' || roles.includes(role))) {
          sendApiError(i18n, req, res, 403, 'forbidden');
          next(false);
          return;
        }
        principals.set(req, principal);
        next();
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
