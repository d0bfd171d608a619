import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import type {
  CreateUserRequest,
  ResetPasswordRequest,
  UserListResponse,
  UserResponse,
} from '../../contracts/adminApi.js';
import { keyed } from '../shared/fieldProblems.js';
import { principalOf } from '../auth/requireRole.js';
import type { Store } from '../storage/ports.js';
import { handled, type AdminErrorDeps } from './adminErrors.js';
import { bodyOf, isoDay, paramsOf, queryOf } from './adminInput.js';
import {
  displayNameSchema,
  languagesSchema,
  maxChatsSchema,
  passwordSchema,
  rolesSchema,
  usernameSchema,
} from './accountFields.js';
import type { UserAdmin } from './userAdmin.js';

export interface UserRouteDeps extends AdminErrorDeps {
  users: UserAdmin;
  store: Pick<Store, 'audit'>;
  adminsOnly: RequestHandler;
}

const userParams = z.strictObject({ id: z.string().min(1).max(200) });

const newUser = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  roles: rolesSchema,
  languages: languagesSchema,
  maxChats: maxChatsSchema.default(3),
  password: passwordSchema,
}) satisfies z.ZodType<CreateUserRequest, unknown>;

const newPassword = z.strictObject({ password: passwordSchema }) satisfies z.ZodType<ResetPasswordRequest>;

const userChange = z
  .strictObject({
    roles: rolesSchema.optional(),
    languages: languagesSchema.optional(),
    disabled: z.boolean().optional(),
    displayName: displayNameSchema.optional(),
    maxChats: maxChatsSchema.optional(),
  })
  .refine(
    (change) => Object.keys(change).length > 0,
    keyed('field.nothingToChange', 'give at least one field to change'),
  );

const auditQuery = z.strictObject({
  from: isoDay.optional(),
  to: isoDay.optional(),
  /** An action or a family of them: "article" lists "article.publish", "article.update"... */
  action: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z_]+(\.[a-z_]+)*$/)
    .max(60)
    .optional(),
  actor: z.string().trim().min(1).max(100).optional(),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, 'must be a number from 1 to 1000')
    .transform(Number)
    .pipe(z.number().max(1000))
    .optional(),
});

/**
 * The admins' routes: accounts (list, create, reset a password, change roles, languages, chat
 * limit, disable) and the audit log. Every route checks the admin role first (`adminsOnly`).
 */
export function registerUserRoutes(server: Server, deps: UserRouteDeps): void {
  const route = (body: (req: Request, res: Response) => Promise<void>) => handled(deps, body);

  server.get(
    '/api/admin/users',
    deps.adminsOnly,
    route(async (_req, res) => {
      res.send(200, { users: await deps.users.list() } satisfies UserListResponse);
    }),
  );

  server.post(
    '/api/admin/users',
    deps.adminsOnly,
    route(async (req, res) => {
      const input = bodyOf(req, newUser);
      res.send(201, { user: await deps.users.create(principalOf(req), input) } satisfies UserResponse);
    }),
  );

  server.post(
    '/api/admin/users/:id/password',
    deps.adminsOnly,
    route(async (req, res) => {
      const { id } = paramsOf(req, userParams);
      const { password } = bodyOf(req, newPassword);
      res.send(200, await deps.users.resetPassword(principalOf(req), id, password));
    }),
  );

  server.patch(
    '/api/admin/users/:id',
    deps.adminsOnly,
    route(async (req, res) => {
      const { id } = paramsOf(req, userParams);
      const change = bodyOf(req, userChange);
      res.send(200, { user: await deps.users.update(principalOf(req), id, change) } satisfies UserResponse);
    }),
  );

  server.get(
    '/api/admin/audit',
    deps.adminsOnly,
    route(async (req, res) => {
      const query = queryOf(req, auditQuery);
      const entries = await deps.store.audit.list({
        ...(query.from && { from: `${query.from}T00:00:00.000Z` }),
        ...(query.to && { to: new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000).toISOString() }),
        ...(query.actor && { actor: query.actor.toLowerCase() }),
        ...(query.action && { action: query.action }),
        limit: query.limit ?? 200,
      });
      res.send(200, { entries });
    }),
  );
}
