// Creates an agent, editor or admin account in the configured store (DATA_DIR or MONGODB_URI).
//
//   npm run user:create -- --username ana --name "Ana Ruiz" --role agent --languages en,es
//
// The password is asked for on the terminal (not echoed), or read from the USER_PASSWORD
// environment variable for automation. Roles: agent (live chat), editor (articles, reports),
// admin (users; may do everything). Run it with the server stopped when using the embedded store.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LOCALES } from '../contracts/locale.js';
import { hashPassword, passwordProblem } from '../bot/auth/passwords.js';
import { isStoreError } from '../bot/storage/errors.js';
import { openStore } from '../bot/storage/openStore.js';
import { CommandLine } from './lib/commandLine.js';
import { readSecret } from './lib/readSecret.js';

const argsSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,40}$/, 'use 3-40 letters, digits, dots, dashes or underscores'),
  name: z.string().trim().min(1).max(80).optional(),
  role: z.array(z.enum(['agent', 'editor', 'admin'])).min(1, 'give at least one --role'),
  languages: z
    .string()
    .default('en')
    .transform((value) => [...new Set(value.split(',').map((item) => item.trim()))])
    .pipe(z.array(z.enum(LOCALES)).min(1)),
  'max-chats': z.coerce.number().int().min(1).max(10).default(3),
});

// Typed, so that TypeScript knows `command.fail()` does not return.
const command: CommandLine = new CommandLine(
  'user:create',
  'usage: npm run user:create -- --username NAME --role agent|editor|admin [--role ...] [--name "Full Name"] [--languages en,es] [--max-chats 3]',
);
const values = command.options({
  username: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', multiple: true },
  languages: { type: 'string' },
  'max-chats': { type: 'string' },
});
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  command.fail(`--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
}
const args = parsed.data;
const config = command.settings(1);

const password = process.env.USER_PASSWORD ?? (await readSecret(`Password for ${args.username}: `));
const problem = passwordProblem(password);
if (problem) command.fail(`the password ${problem}`);

const store = await openStore(config.store);
try {
  const now = new Date().toISOString();
  await store.users.create({
    id: randomUUID(),
    username: args.username,
    displayName: args.name ?? args.username,
    roles: args.role,
    languages: args.languages,
    maxChats: args['max-chats'],
    passwordHash: await hashPassword(password),
    disabled: false,
    createdAt: now,
    updatedAt: now,
  });
  await store.audit.record({
    id: randomUUID(),
    at: now,
    actor: 'system',
    action: 'user.create',
    target: args.username,
    details: JSON.stringify({ roles: args.role, languages: args.languages }),
  });
  process.stdout.write(`created ${args.role.join('+')} "${args.username}" (${args.languages.join(', ')})\n`);
} catch (error) {
  if (isStoreError(error, 'duplicate')) command.fail(`the username "${args.username}" is already taken`);
  throw error;
} finally {
  await store.close();
}
