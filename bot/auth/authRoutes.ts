import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { LoginRequest, LoginResponse, MeResponse } from '../../contracts/adminApi.js';
import type { I18n } from '../i18n/i18n.js';
import { localisedProblems, sendApiError } from '../server/apiResponses.js';
import { clientAddress } from '../server/clientAddress.js';
import { parseInput } from '../server/inputSafety.js';
import type { AuthService } from './authService.js';
import { csrfTokenFor, isOwnOrigin } from './csrf.js';
import { credentialOf, principalOf, requireRole } from './requireRole.js';
import { MAX_PASSWORD_LENGTH } from './passwords.js';

const loginSchema = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  })
  .strict() satisfies z.ZodType<LoginRequest>;

/**
 * A sign-in from this service's own pages (or a script: no Origin) gets the HttpOnly cookie; one
 * from a console on another allowed origin cannot (SameSite=Strict keeps the cookie off its
 * requests), so it gets a bearer token in the answer instead.
 */
function signsInByCookie(req: Request): boolean {
  const origin = req.headers.origin;
  return origin === undefined || isOwnOrigin(origin, req.headers.host);
}

/**
 * POST /api/auth/login → `{ csrfToken, expiresAt, user }` and the sign-in cookie, for agents,
 * editors and admins alike (one sign-in for every tab and both consoles: the cookie opens the admin
 * API and the agent Socket.IO namespace); POST /api/auth/logout ends that sign-in everywhere;
 * GET /api/auth/me → `{ user, csrfToken }`, how a newly opened tab joins the sign-in. Answers that
 * carry a token are never cached.
 */
export function registerAuthRoutes(
  server: Server,
  deps: { auth: AuthService; i18n: I18n; trustProxy: boolean },
): void {
  const { auth, i18n } = deps;

  server.post('/api/auth/login', async (req: Request, res: Response) => {
    // A token in a response must never be kept by a browser cache or a proxy.
    res.header('Cache-Control', 'no-store');
    const parsed = parseInput(loginSchema, req.body ?? {});
    if (!parsed.ok) {
      sendApiError(i18n, req, res, 400, 'invalid_input', {
        details: localisedProblems(i18n, req, parsed.problems),
      });
      return;
    }
    // The same address the widget's limits use: behind the load balancer, the client's, not the
    // balancer's (which would let anyone's failures lock everyone out).
    const address = clientAddress(
      { address: req.socket.remoteAddress ?? '', headers: req.headers },
      deps.trustProxy,
    );
    const result = await auth.login(parsed.value.username, parsed.value.password, address);
    if (result.ok) {
      if (signsInByCookie(req)) {
        res.header(
          'Set-Cookie',
          auth.cookie.issue(req.headers.host, result.token, new Date(result.expiresAt), auth.sessionTtlMs),
        );
        const body: LoginResponse = {
          csrfToken: csrfTokenFor(result.token),
          expiresAt: result.expiresAt,
          user: result.principal,
        };
        res.send(200, body);
      } else {
        const body: LoginResponse = {
          token: result.token,
          expiresAt: result.expiresAt,
          user: result.principal,
        };
        res.send(200, body);
      }
    } else if (result.reason === 'too_many_attempts') {
      res.header('Retry-After', String(result.retryAfterSeconds));
      sendApiError(i18n, req, res, 429, 'too_many_attempts', {
        values: { count: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) },
      });
    } else {
      sendApiError(i18n, req, res, 401, 'invalid_credentials');
    }
  });

  const signedIn = requireRole(auth, i18n, ['agent', 'editor', 'admin']);

  server.post('/api/auth/logout', signedIn, async (req: Request, res: Response) => {
    const credential = credentialOf(req);
    await auth.logout(credential.token, principalOf(req));
    if (credential.via === 'cookie') res.header('Set-Cookie', auth.cookie.clear(req.headers.host));
    res.send(204);
  });

  server.get('/api/auth/me', signedIn, async (req: Request, res: Response) => {
    const credential = credentialOf(req);
    res.header('Cache-Control', 'no-store');
    const body: MeResponse = {
      user: principalOf(req),
      ...(credential.via === 'cookie' ? { csrfToken: csrfTokenFor(credential.token) } : {}),
    };
    res.send(200, body);
  });
}
