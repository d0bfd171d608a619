import type { Next, Request, RequestHandler, Response } from 'restify';
import type { I18n } from '../i18n/i18n.js';
import { sendApiError } from '../server/apiResponses.js';
import type { Role } from './records.js';
import type { AuthService, Principal } from './authService.js';
import { consoleCredential, type ConsoleCredential } from './consoleCredential.js';
import { passesCsrfCheck } from './csrf.js';

const principals = new WeakMap<Request, Principal>();
const credentials = new WeakMap<Request, ConsoleCredential>();

/** The signed-in caller of a request that passed `requireRole`. */
export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw new Error('principalOf() called on a route without requireRole()');
  return principal;
}

/** How the caller of a request that passed `requireRole` is signed in (cookie or bearer token). */
export function credentialOf(req: Request): ConsoleCredential {
  const credential = credentials.get(req);
  if (!credential) throw new Error('credentialOf() called on a route without requireRole()');
  return credential;
}

/**
 * A restify handler that lets the request through only with a live sign-in (the console cookie or
 * a bearer token) whose user has one of `roles` (admins may do everything). No sign-in or a dead
 * one: 401 (and the browser's cookie is cleared). Signed in by the cookie, a change (POST, PUT,
 * PATCH, DELETE) without the session's CSRF token or from another origin: 403 `csrf_failed`.
 * Wrong role: 403 `forbidden`.
 */
export function requireRole(auth: AuthService, i18n: I18n, roles: readonly Role[]): RequestHandler {
  // Callback style on purpose: restify stops a chain only on `next(false)`, and an async handler's
  // resolution always continues it.
  return (req: Request, res: Response, next: Next) => {
    const credential = consoleCredential(req.headers, auth.cookie);
    const lookup = credential ? auth.authenticate(credential.token) : Promise.resolve(null);
    lookup.then(
      (principal) => {
        if (!credential || !principal) {
          res.header('WWW-Authenticate', 'Bearer');
          if (credential?.via === 'cookie') res.header('Set-Cookie', auth.cookie.clear(req.headers.host));
          sendApiError(i18n, req, res, 401, 'unauthorized');
          next(false);
          return;
        }
        if (credential.via === 'cookie' && !passesCsrfCheck(req, credential.token)) {
          sendApiError(i18n, req, res, 403, 'csrf_failed');
          next(false);
          return;
        }
        if (!principal.roles.some((role) => role === 'admin' || roles.includes(role))) {
          sendApiError(i18n, req, res, 403, 'forbidden');
          next(false);
          return;
        }
        principals.set(req, principal);
        credentials.set(req, credential);
        next();
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
