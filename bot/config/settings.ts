import { z } from 'zod';
import { businessHoursConfigSchema } from '../handoff/businessHours/index.js';

/**
 * Every setting of the product: its environment variable, its schema and default, and what it is
 * for. The config loader, `.env.example` and the README's configuration table are all generated
 * from this one table, so they cannot drift apart.
 */
export interface Setting<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** The default as it would be written in the environment (documentation and .env.example). */
  defaultText: string;
  description: string;
  /** Secrets are never printed, not even their defaults. */
  secret?: boolean;
}

function setting<S extends z.ZodType>(
  schema: S,
  defaultText: string,
  description: string,
  options: { secret?: boolean } = {},
): Setting<S> {
  return { schema, defaultText, description, ...options };
}

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const flag = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'] });
const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);
/** A JSON document in one variable (structured settings such as the business hours). */
const jsonText = z.string().transform((value, context) => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'must be valid JSON' });
    return z.NEVER;
  }
});
const origin = z.url({ protocol: /^https?$/ }).transform((value) => new URL(value).origin);

export const SETTINGS = {
  NODE_ENV: setting(
    z.enum(['development', 'production', 'test']),
    'development',
    'Runtime mode. `production` logs JSON and refuses to start the Bot Framework channel without credentials.',
  ),
  HOST: setting(z.string().min(1), '127.0.0.1', 'Interface to listen on (use 0.0.0.0 in a container).'),
  PORT: setting(port, '3978', 'HTTP port for the API, the Bot Framework endpoint, Socket.IO and the pages.'),
  PUBLIC_ORIGINS: setting(
    csv.pipe(z.array(origin)),
    'http://localhost:3978,http://127.0.0.1:3978',
    'Comma-separated origins allowed to embed the widget and call the API (CORS and Socket.IO allowlist).',
  ),
  LOG_LEVEL: setting(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info',
    'Log level. Personal data is masked in every line whatever the level.',
  ),
  DATA_DIR: setting(
    z.string().min(1),
    './data',
    "Folder for the embedded store: one SQLite file, store.sqlite (and its -wal/-shm while open). The previous version's NeDB files found here are imported at first start and moved to nedb-before-sqlite/. Ignored with MONGODB_URI.",
  ),
  STORE_COMPACTION_MINUTES: setting(
    positiveInt,
    '60',
    'How often the embedded store folds its write-ahead log back into store.sqlite and refreshes its query statistics.',
  ),
  MONGODB_URI: setting(
    z
      .string()
      .refine(
        (value) => value === '' || /^mongodb(\+srv)?:\/\//.test(value),
        'must start with mongodb:// or mongodb+srv://',
      ),
    '',
    'Use MongoDB instead of the embedded store (required to run more than one instance).',
    { secret: true },
  ),
  MONGODB_DB: setting(
    z.string().regex(/^[A-Za-z0-9_-]{1,63}$/),
    'virtual_assistant',
    'MongoDB database name.',
  ),
  KNOWLEDGE_DIR: setting(
    z.string().min(1),
    './knowledge/articles',
    'Article files loaded into the store on first start (`<locale>/<id>.md`).',
  ),
  KNOWLEDGE_CHECK_SECONDS: setting(
    z.coerce.number().int().min(1).max(3600),
    '10',
    'How often each instance checks the store for article changes made by another instance (two small reads) and rebuilds its answer index when there are some.',
  ),
  PUBLIC_DIR: setting(
    z.string().min(1),
    './dist/public',
    'Built browser files (widget, consoles, demo page).',
  ),
  BOTFRAMEWORK_ENABLED: setting(
    flag,
    'true',
    'Serve the Bot Framework endpoint POST /api/messages. Set false to run only the web widget.',
  ),
  MicrosoftAppId: setting(
    z.string(),
    '',
    'Bot Framework app id. Empty: unauthenticated (Emulator) mode, refused in production.',
  ),
  MicrosoftAppPassword: setting(z.string(), '', 'Bot Framework app password (client secret).', {
    secret: true,
  }),
  MicrosoftAppType: setting(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']),
    'MultiTenant',
    'Bot Framework app type.',
  ),
  MicrosoftAppTenantId: setting(z.string(), '', 'Tenant id for SingleTenant and UserAssignedMSI bots.'),
  SHUTDOWN_TIMEOUT_SECONDS: setting(
    positiveInt,
    '10',
    'On SIGTERM/SIGINT, how long to wait for turns in flight before closing anyway.',
  ),
  TRANSCRIPT_RETENTION_DAYS: setting(
    positiveInt,
    '90',
    'Visitor data older than this is deleted: idle conversations with their transcripts and bot state, the text of analytics and feedback, closed messages left out of hours, ended live-chat questions, the private notes agents wrote on chats, expired sign-ins.',
  ),
  SESSION_TTL_HOURS: setting(
    positiveInt,
    '12',
    'How long a console sign-in (agents, editors, admins) stays valid.',
  ),
  LOGIN_MAX_FAILURES: setting(
    positiveInt,
    '5',
    'Sign-in attempts that may fail per username from one address in 15 minutes; further attempts from that address wait until the window ends. Counted before the password is checked, so concurrent attempts cannot slip past it.',
  ),
  LOGIN_ADDRESS_MAX_FAILURES: setting(
    positiveInt,
    '20',
    'Sign-in attempts that may fail from one address in 15 minutes, whatever the usernames; then that address waits.',
  ),
  LOGIN_USERNAME_MAX_FAILURES: setting(
    positiveInt,
    '20',
    'Sign-in attempts that may fail per username from all addresses together in 15 minutes before the slower back-off starts (it never locks the account out).',
  ),
  LOGIN_BACKOFF_SECONDS: setting(
    z.coerce.number().int().min(1).max(900),
    '30',
    'Past LOGIN_USERNAME_MAX_FAILURES, one sign-in attempt for that username is let through every this many seconds, from any address.',
  ),
  AUDIT_RETENTION_DAYS: setting(
    positiveInt,
    '365',
    "Audit log entries (sign-ins, refused sign-ins, editors' and admins' changes) older than this are deleted.",
  ),
  WIDGET_MAX_MESSAGE_LENGTH: setting(
    z.coerce.number().int().min(10).max(10_000),
    '1000',
    'Longest visitor message the widget channel accepts, in characters; longer ones get a localised error.',
  ),
  WIDGET_MESSAGES_PER_MINUTE: setting(
    positiveInt,
    '20',
    'Messages one visitor (conversation) may send per minute.',
  ),
  WIDGET_IP_MESSAGES_PER_MINUTE: setting(
    positiveInt,
    '120',
    'Messages all visitors behind one IP address may send per minute (offices and NATs share addresses).',
  ),
  WIDGET_IP_CONVERSATIONS_PER_MINUTE: setting(
    positiveInt,
    '30',
    'New widget conversations one IP address may start per minute.',
  ),
  WIDGET_EVENTS_PER_MINUTE: setting(
    positiveInt,
    '120',
    'Socket.IO events of any kind one widget connection may send per minute, and all connections of one conversation (one resume token) together; beyond it they are refused.',
  ),
  SOCKET_MAX_BUFFER_BYTES: setting(
    z.coerce.number().int().min(1024).max(10_000_000),
    '16384',
    'Largest Socket.IO message accepted, in bytes (maxHttpBufferSize); a client sending more is disconnected.',
  ),
  SOCKET_RECOVERY_SECONDS: setting(
    positiveInt,
    '120',
    "How long Socket.IO keeps a dropped connection's missed events for it (connection state recovery); longer gaps are filled from the stored transcript.",
  ),
  SOCKET_TRUST_PROXY: setting(
    flag,
    'false',
    "Take the client's IP address from the last X-Forwarded-For entry (set true behind one reverse proxy or load balancer) for every per-address limit: the widget's, the live-agent queue's, case-status lookups' and console sign-ins'.",
  ),
  CASE_STATUS_PROVIDER: setting(
    z.enum(['sample', 'uscis']),
    'sample',
    'Who answers case-status lookups: `sample` (bundled sample cases, no network) or `uscis` (the USCIS Case Status API).',
  ),
  CASE_STATUS_API_URL: setting(
    z.url({ protocol: /^https?$/ }),
    'https://api-int.uscis.gov',
    'Base URL of the USCIS Case Status API (sandbox by default; production is granted per app).',
  ),
  CASE_STATUS_CLIENT_ID: setting(
    z.string(),
    '',
    'OAuth client id for the USCIS Case Status API (required with CASE_STATUS_PROVIDER=uscis).',
  ),
  CASE_STATUS_CLIENT_SECRET: setting(
    z.string(),
    '',
    'OAuth client secret for the USCIS Case Status API (required with CASE_STATUS_PROVIDER=uscis).',
    { secret: true },
  ),
  CASE_STATUS_DAILY_BUDGET: setting(
    positiveInt,
    '1000',
    'Case Status API requests this process may send per day; past it visitors are told to try tomorrow.',
  ),
  CASE_STATUS_CONVERSATION_DAILY_LOOKUPS: setting(
    positiveInt,
    '10',
    'Case Status API lookups one conversation may make per day (within CASE_STATUS_DAILY_BUDGET); past it that visitor is told to try tomorrow or use Case Status Online.',
  ),
  CASE_STATUS_ADDRESS_DAILY_LOOKUPS: setting(
    positiveInt,
    '50',
    'Case Status API lookups all widget conversations from one address may make per day (within CASE_STATUS_DAILY_BUDGET).',
  ),
  BUSINESS_HOURS: setting(
    jsonText.pipe(businessHoursConfigSchema),
    '{}',
    'Live-agent hours as JSON (`timeZone`, `weekly`, `closedDates`, `specialHours`, `federalHolidays`); `{}` is Monday to Friday, 8 a.m. to 8 p.m. Eastern, closed on federal holidays.',
  ),
  HANDOFF_MAX_WAIT_MINUTES: setting(
    positiveInt,
    '15',
    'Longest a visitor waits in the live-agent queue; then the chat ends as expired and the visitor is offered the alternatives and a message to leave.',
  ),
  HANDOFF_GRACE_SECONDS: setting(
    z.coerce.number().int().min(0).max(3600),
    '60',
    'How long an agent who lost their connection keeps their chats; after it the chats go back to the front of the queue.',
  ),
  HANDOFF_VISITOR_GRACE_SECONDS: setting(
    z.coerce.number().int().min(0).max(3600),
    '120',
    'How long a visitor waiting for an agent may be gone (no page with the chat open) before they leave the queue; while gone they are never assigned.',
  ),
  HANDOFF_AGENT_TIMEOUT_SECONDS: setting(
    z.coerce.number().int().min(5).max(3600),
    '45',
    'An agent whose presence heartbeat is older than this counts as disconnected (their server instance stopped).',
  ),
  HANDOFF_SWEEP_SECONDS: setting(
    z.coerce.number().int().min(1).max(600),
    '5',
    "How often each instance refreshes its agents' heartbeats and sweeps the queue (expired waits, chats of agents past the grace period).",
  ),
  HANDOFF_MAX_QUEUED_PER_ADDRESS: setting(
    z.coerce.number().int().min(1).max(1000),
    '3',
    'Widget visitors from one address who may wait in the live-agent queue at once; the next one is told so and may try again later (offices and NATs share addresses).',
  ),
  HANDOFF_MESSAGE_DUE_DAYS: setting(
    z.coerce.number().int().min(0).max(60),
    '3',
    'Business days agents have to answer a message left out of hours.',
  ),
  HANDOFF_URGENT_DUE_DAYS: setting(
    z.coerce.number().int().min(0).max(60),
    '1',
    'Business days agents have to answer a message left out of hours and marked urgent.',
  ),
  INSTANCES: setting(
    positiveInt,
    '1',
    'How many instances of the service run against this store. More than 1 needs MONGODB_URI (shared queue, presence and Socket.IO events); the embedded store warns and runs as one.',
  ),
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;
export type Env = { [K in SettingName]: z.output<(typeof SETTINGS)[K]['schema']> };
