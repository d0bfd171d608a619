import { z } from 'zod';
import { localeSchema } from '../../contracts/article.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../auth/passwords.js';
import { keyed } from '../shared/fieldProblems.js';

/**
 * What an account's fields may hold, the same for the admins' Users page (the admin API) and for
 * `npm run user:create`: one set of rules, whichever way an account is made.
 */

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  // A refinement, not .regex(): zod keeps a refinement's key for the caller's language.
  .refine(
    (username) => /^[a-z0-9._-]{3,40}$/.test(username),
    keyed('field.username', 'use 3 to 40 letters, digits, dots, dashes or underscores'),
  );

export const displayNameSchema = z.string().trim().min(1).max(80);

export const rolesSchema = z
  .array(z.enum(['agent', 'editor', 'admin']))
  .min(1)
  .max(3)
  .transform((roles) => [...new Set(roles)]);

export const languagesSchema = z
  .array(localeSchema)
  .min(1)
  .max(2)
  .transform((languages) => [...new Set(languages)]);

export const maxChatsSchema = z.number().int().min(1).max(10);

/** At least 12 characters (said where a password is asked), and not the same few characters again and again. */
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH)
  .max(MAX_PASSWORD_LENGTH)
  .refine(
    // Length has its own message above; this is the remaining rule.
    (password) =>
      password.length < MIN_PASSWORD_LENGTH ||
      password.length > MAX_PASSWORD_LENGTH ||
      passwordProblem(password) === null,
    keyed('field.weakPassword', 'must not repeat the same few characters'),
  );

export { MIN_PASSWORD_LENGTH };
