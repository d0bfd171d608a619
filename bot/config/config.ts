import path from 'node:path';
import { type CaseStatusConfig, caseStatusConfigSchema } from '../cases/index.js';
import type { BusinessHoursConfig } from '../handoff/businessHours/index.js';
import type { SignInLimits } from '../auth/signInLimits.js';
import type { HandoffPolicy } from '../handoff/handoffPolicy.js';
import { SETTINGS, type Env, type SettingName } from './settings.js';

/** The product's configuration, parsed once from the environment by `loadConfig`. */
export interface AppConfig {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  http: { host: string; port: number; publicOrigins: string[]; publicDir: string };
  log: { level: Env['LOG_LEVEL']; pretty: boolean };
  store:
    | { kind: 'embedded'; dataDir: string; compactionIntervalMs: number }
    | { kind: 'mongodb'; uri: string; dbName: string };
  /** Article files for the first start; how often the answer index is checked against the store. */
  knowledge: { articlesDir: string; checkIntervalMs: number };
  botFramework: {
    enabled: boolean;
    appId: string;
    appPassword: string;
    appType: Env['MicrosoftAppType'];
    tenantId: string;
  };
  shutdownTimeoutMs: number;
  transcriptRetentionDays: number;
  /** Case-status lookups: the provider and the USCIS API client's settings. */
  caseStatus: CaseStatusConfig;
  /** When live agents work. */
  businessHours: BusinessHoursConfig;
  /** Live-agent queue: waits, grace periods, sweeps, due dates of messages left out of hours. */
  handoff: HandoffPolicy;
  /** Instances meant to share the store; more than one needs MongoDB (see docs/operations.md). */
  instances: number;
  auth: { sessionTtlMs: number; signIn: SignInLimits };
  /** Days the audit log keeps its entries. */
  auditRetentionDays: number;
  /** The visitor widget's channel limits. */
  widget: {
    maxMessageLength: number;
    messagesPerMinute: number;
    ipMessagesPerMinute: number;
    ipConversationsPerMinute: number;
    eventsPerMinute: number;
  };
  /** The Socket.IO server shared by the widget and the consoles. */
  socket: { maxBufferBytes: number; recoveryMs: number; trustProxy: boolean };
}

/** A setting has a bad value. The message is one line that names the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads every setting from `source` (normally `process.env`), applies defaults, validates, and
 * returns the typed config. Throws `ConfigError` naming the first bad setting.
 */
export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): AppConfig {
  const env = parseEnv(source);
  const config: AppConfig = {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    http: {
      host: env.HOST,
      port: env.PORT,
      publicOrigins: env.PUBLIC_ORIGINS,
      publicDir: path.resolve(cwd, env.PUBLIC_DIR),
    },
    log: { level: env.LOG_LEVEL, pretty: env.NODE_ENV === 'development' },
    store: env.MONGODB_URI
      ? { kind: 'mongodb', uri: env.MONGODB_URI, dbName: env.MONGODB_DB }
      : {
          kind: 'embedded',
          dataDir: path.resolve(cwd, env.DATA_DIR),
          compactionIntervalMs: env.STORE_COMPACTION_MINUTES * 60_000,
        },
    knowledge: {
      articlesDir: path.resolve(cwd, env.KNOWLEDGE_DIR),
      checkIntervalMs: env.KNOWLEDGE_CHECK_SECONDS * 1000,
    },
    botFramework: {
      enabled: env.BOTFRAMEWORK_ENABLED,
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType,
      tenantId: env.MicrosoftAppTenantId,
    },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    transcriptRetentionDays: env.TRANSCRIPT_RETENTION_DAYS,
    caseStatus: caseStatusConfig(env),
    businessHours: env.BUSINESS_HOURS,
    handoff: {
      maxWaitMs: env.HANDOFF_MAX_WAIT_MINUTES * 60_000,
      graceMs: env.HANDOFF_GRACE_SECONDS * 1000,
      visitorGraceMs: env.HANDOFF_VISITOR_GRACE_SECONDS * 1000,
      agentTimeoutMs: env.HANDOFF_AGENT_TIMEOUT_SECONDS * 1000,
      sweepIntervalMs: env.HANDOFF_SWEEP_SECONDS * 1000,
      messageDueDays: env.HANDOFF_MESSAGE_DUE_DAYS,
      urgentMessageDueDays: env.HANDOFF_URGENT_DUE_DAYS,
      maxQueuedPerAddress: env.HANDOFF_MAX_QUEUED_PER_ADDRESS,
    },
    instances: env.INSTANCES,
    auth: {
      sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
      signIn: {
        perUsernameAndAddress: env.LOGIN_MAX_FAILURES,
        perAddress: env.LOGIN_ADDRESS_MAX_FAILURES,
        perUsername: env.LOGIN_USERNAME_MAX_FAILURES,
        backoffSeconds: env.LOGIN_BACKOFF_SECONDS,
      },
    },
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    widget: {
      maxMessageLength: env.WIDGET_MAX_MESSAGE_LENGTH,
      messagesPerMinute: env.WIDGET_MESSAGES_PER_MINUTE,
      ipMessagesPerMinute: env.WIDGET_IP_MESSAGES_PER_MINUTE,
      ipConversationsPerMinute: env.WIDGET_IP_CONVERSATIONS_PER_MINUTE,
      eventsPerMinute: env.WIDGET_EVENTS_PER_MINUTE,
    },
    socket: {
      maxBufferBytes: env.SOCKET_MAX_BUFFER_BYTES,
      recoveryMs: env.SOCKET_RECOVERY_SECONDS * 1000,
      trustProxy: env.SOCKET_TRUST_PROXY,
    },
  };
  checkCombinations(config);
  return config;
}

/** The case-status section, checked with the cases module's own schema (its defaults fill the rest). */
function caseStatusConfig(env: Env): CaseStatusConfig {
  const result = caseStatusConfigSchema.safeParse({
    provider: env.CASE_STATUS_PROVIDER,
    uscis: {
      baseUrl: env.CASE_STATUS_API_URL,
      clientId: env.CASE_STATUS_CLIENT_ID,
      clientSecret: env.CASE_STATUS_CLIENT_SECRET,
      dailyBudget: env.CASE_STATUS_DAILY_BUDGET,
      conversationDailyLookups: env.CASE_STATUS_CONVERSATION_DAILY_LOOKUPS,
      addressDailyLookups: env.CASE_STATUS_ADDRESS_DAILY_LOOKUPS,
    },
  });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path[issue.path.length - 1];
  const name =
    field === 'clientSecret'
      ? 'CASE_STATUS_CLIENT_SECRET'
      : field === 'clientId'
        ? 'CASE_STATUS_CLIENT_ID'
        : 'CASE_STATUS_PROVIDER';
  throw new ConfigError(`Invalid setting ${name}: ${issue?.message ?? 'invalid value'}`);
}

function parseEnv(source: Record<string, string | undefined>): Env {
  const env: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
    const raw = source[name];
    const text = raw === undefined || (raw === '' && setting.defaultText !== '') ? setting.defaultText : raw;
    const result = setting.schema.safeParse(text);
    if (!result.success) {
      const shown = 'secret' in setting && setting.secret ? '(hidden)' : JSON.stringify(text);
      const reason = result.error.issues[0]?.message ?? 'invalid value';
      throw new ConfigError(`Invalid setting ${name}=${shown}: ${reason.replace(/\s+/g, ' ')}`);
    }
    env[name] = result.data;
  }
  return env as Env;
}

/** Rules that span several settings. */
function checkCombinations(config: AppConfig): void {
  const bf = config.botFramework;
  if (config.isProduction && bf.enabled && !bf.appId) {
    throw new ConfigError(
      'Invalid setting MicrosoftAppId: required in production while BOTFRAMEWORK_ENABLED=true (set the credentials or turn the channel off)',
    );
  }
  if (bf.appId && !bf.appPassword && bf.appType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid setting MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (bf.appType !== 'MultiTenant' && bf.appId && !bf.tenantId) {
    throw new ConfigError(
      `Invalid setting MicrosoftAppTenantId: required when MicrosoftAppType=${bf.appType}`,
    );
  }
  // A message of the maximum length must always fit in one Socket.IO packet, whatever its characters
  // (up to 6 bytes each once JSON-escaped) and the envelope around it.
  const needed = config.widget.maxMessageLength * 6 + 1024;
  if (config.socket.maxBufferBytes < needed) {
    throw new ConfigError(
      `Invalid setting SOCKET_MAX_BUFFER_BYTES=${config.socket.maxBufferBytes}: must be at least ${needed} (6 × WIDGET_MAX_MESSAGE_LENGTH + 1024)`,
    );
  }
}
