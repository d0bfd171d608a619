import { z } from 'zod';
import { LOCALES } from '../../../contracts/locale.js';
import {
  CHAT_RATING_MAX,
  CHAT_RATING_MIN,
  HISTORY_PAGE_LIMIT,
  MESSAGE_ID_PATTERN,
  TOKEN_PATTERN,
  type JsonValue,
} from '../../../contracts/visitorEvents.js';

/**
 * zod schemas for everything a visitor's socket sends. Payloads arrive from the open internet:
 * wrong types, extra fields, `__proto__` keys, huge nesting. Objects are strict (an unknown key,
 * `__proto__` included, is refused), so nothing unexpected reaches the bot or the store.
 */

const localeSchema = z.enum(LOCALES);

/** Keys that could reach an object's prototype if some code merged the value carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const JSON_LIMITS = { depth: 5, nodes: 200, stringLength: 2000, keyLength: 100 };

/**
 * A small plain JSON value (a button's value travels back to the bot): plain objects and arrays
 * only, bounded depth, size and string length, no prototype-related keys.
 */
export function isSmallJsonValue(value: unknown): value is JsonValue {
  let nodes = 0;
  const visit = (item: unknown, depth: number): boolean => {
    nodes += 1;
    if (nodes > JSON_LIMITS.nodes || depth > JSON_LIMITS.depth) return false;
    if (item === null || typeof item === 'boolean') return true;
    if (typeof item === 'number') return Number.isFinite(item);
    if (typeof item === 'string') return item.length <= JSON_LIMITS.stringLength;
    if (Array.isArray(item)) return item.every((element) => visit(element, depth + 1));
    if (typeof item !== 'object') return false;
    const proto = Object.getPrototypeOf(item) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.keys(item).every(
      (key) =>
        key.length <= JSON_LIMITS.keyLength &&
        !FORBIDDEN_KEYS.has(key) &&
        visit((item as Record<string, unknown>)[key], depth + 1),
    );
  };
  return visit(value, 0);
}

const feedbackValueSchema = z.strictObject({
  type: z.literal('feedback'),
  articleId: z.string().min(1).max(200),
  locale: localeSchema,
  helpful: z.boolean(),
});

const messageValueSchema = z
  .custom<JsonValue>(isSmallJsonValue, { message: 'not a small plain JSON value' })
  .superRefine((value, ctx) => {
    // A value that says it is feedback must be exactly feedback: the bot stores it as such.
    const isFeedback =
      typeof value === 'object' && value !== null && !Array.isArray(value) && value.type === 'feedback';
    if (isFeedback && !feedbackValueSchema.safeParse(value).success) {
      ctx.addIssue({ code: 'custom', message: 'malformed feedback value' });
    }
  });

/**
 * `message:send`. The text's length is checked separately against the configured maximum, so
 * the client gets `message_too_long` rather than a generic `invalid_payload`; the Socket.IO buffer
 * limit bounds it before this point.
 */
export const sendMessageSchema = z
  .strictObject({
    id: z.string().regex(MESSAGE_ID_PATTERN),
    text: z.string(),
    value: messageValueSchema.optional(),
    locale: localeSchema,
  })
  .refine((message) => message.text.trim().length > 0 || message.value !== undefined, {
    message: 'a message needs text or a value',
  });

export const historyRequestSchema = z.strictObject({
  afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(HISTORY_PAGE_LIMIT).optional(),
});

export const setLocaleSchema = z.strictObject({ locale: localeSchema });

export const setTypingSchema = z.strictObject({ active: z.boolean() });
export const setVisibilitySchema = z.strictObject({ visible: z.boolean() });

export const leaveLiveChatSchema = z.strictObject({});

export const rateChatSchema = z.strictObject({
  chatId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  rating: z.number().int().min(CHAT_RATING_MIN).max(CHAT_RATING_MAX),
});

/**
 * The handshake's `auth`. Lenient on purpose: a missing, malformed or unknown token starts a new
 * conversation instead of refusing the visitor.
 */
export const handshakeAuthSchema = z.object({
  token: z.string().regex(TOKEN_PATTERN).optional().catch(undefined),
  locale: localeSchema.optional().catch(undefined),
  page: z.string().max(2000).optional().catch(undefined),
  browser: z.string().regex(TOKEN_PATTERN).optional().catch(undefined),
});

/** C0 control characters other than tab and newline, and DEL: never meaningful in a chat message. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanMessageText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n');
}
