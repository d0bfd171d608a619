// Creates an agent, editor or admin account in the configured store (DATA_DIR or MONGODB_URI).
// Its use is the first admin: further accounts are added on the console's Users page.
//
//   npm run user:create -- --username eva --name "Eva Diaz" --role admin --role editor
//
// The password (at least 12 characters) is asked for twice on the terminal (not echoed), or read
// from the USER_PASSWORD environment variable for automation. Roles: agent (live chat), editor
// (articles, reports), admin (users; may do everything). It works with the server running or not;
// every failure is one line on stderr.
import { z } from 'zod';
import {
  displayNameSchema,
  languagesSchema,
  maxChatsSchema,
  MIN_PASSWORD_LENGTH,
  rolesSchema,
  usernameSchema,
} from '../bot/admin/accountFields.js';
import { UserAdmin } from '../bot/admin/userAdmin.js';
import { passwordProblem } from '../bot/auth/passwords.js';
import type { AppConfig } from '../bot/config/config.js';
import { FieldProblemsError } from '../bot/shared/fieldProblems.js';
import { openStore } from '../bot/storage/openStore.js';
import type { Store } from '../bot/storage/ports.js';
import { CommandLine } from './lib/commandLine.js';
import { readSecrets } from './lib/readSecret.js';

const argsSchema = z.object({
  username: usernameSchema,
  name: displayNameSchema.optional(),
  role: rolesSchema,
  languages: z
    .string()
    .default('en')
    .transform((value) => value.split(',').map((item) => item.trim()))
    .pipe(languagesSchema),
  'max-chats': z.coerce.number().pipe(maxChatsSchema).default(3),
});

// Typed, so that TypeScript knows `command.fail()` does not return.
const command: CommandLine = new CommandLine(
  'user:create',
  'usage: npm run user:create -- --username NAME --role agent|editor|admin [--role ...] [--name "Full Name"] [--languages en,es] [--max-chats 3]',
);

await command.run(async () => {
  const values = command.options({
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', multiple: true, default: [] },
    languages: { type: 'string' },
    'max-chats': { type: 'string' },
  });
  if (values.role.length === 0) command.usageError('give at least one --role');
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    command.usageError(`--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const args = parsed.data;
  const config = command.settings(1);

  // Opened before the password is asked, so that nobody types it twice for a store that is busy.
  const store = await open(config);
  try {
    const password = await newPassword(args.username);
    const users = new UserAdmin(store);
    const user = await users.create(
      { userId: 'system', username: 'system' },
      {
        username: args.username,
        displayName: args.name ?? args.username,
        roles: args.role,
        languages: args.languages,
        maxChats: args['max-chats'],
        password,
      },
    );
    process.stdout.write(
      `created ${user.roles.join('+')} "${user.username}" (${user.languages.join(', ')})\n`,
    );
    if (user.roles.includes('admin')) {
      process.stdout.write(
        `Sign in at ${consoleUrl(config, '')} to add agents and editors on the Users page.\n`,
      );
    }
  } catch (error) {
    if (
      error instanceof FieldProblemsError &&
      error.problems.some((problem) => problem.field === 'body.username')
    )
      throw new Error(`the username "${args.username}" is already taken`);
    throw error;
  } finally {
    // Before the one line that says what went wrong (CommandLine.run), so the store is left closed.
    await store.close();
  }
});

/**
 * The store, or one line saying why not. The embedded store (SQLite) may be open in the running
 * server at the same time: the account is then usable at once, nothing to restart.
 */
async function open(config: AppConfig): Promise<Store> {
  try {
    return await openStore(config.store);
  } catch (error) {
    command.fail(`the store could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The password from USER_PASSWORD, or asked twice on the terminal with the minimum said. */
async function newPassword(username: string): Promise<string> {
  const fromEnvironment = process.env.USER_PASSWORD;
  const [password = '', again = ''] =
    fromEnvironment !== undefined
      ? [fromEnvironment, fromEnvironment]
      : await readSecrets([
          `Password for ${username} (at least ${MIN_PASSWORD_LENGTH} characters): `,
          'The same password again: ',
        ]);
  if (password !== again) throw new Error('the two passwords are not the same; nothing was created');
  // The rules of passwordSchema (the Users page's), in this command's words.
  const problem = passwordProblem(password);
  if (problem) throw new Error(`the password ${problem}; nothing was created`);
  return password;
}

/** The editor console on the first public origin (where people open it), e.g. http://localhost:3978/editor#/users. */
function consoleUrl(config: AppConfig, hash: string): string {
  const origin = config.http.publicOrigins[0] ?? `http://localhost:${config.http.port}`;
  return `${origin}/editor${hash}`;
}
