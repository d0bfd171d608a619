import { z } from 'zod';
import { HISTORY_PAGE_LIMIT, MESSAGE_ID_PATTERN } from '../../../contracts/visitorEvents.js';

/** Strict schemas for everything an agent's console sends (a signed-in user can still send anything). */
const conversationId = z.string().min(1).max(512);

export const emptySchema = z.union([z.strictObject({}), z.undefined()]);
export const presenceSetSchema = z.strictObject({ status: z.enum(['available', 'away']) });
export const chatRefSchema = z.strictObject({ conversationId });
export const chatSendSchema = z.strictObject({
  conversationId,
  id: z.string().regex(MESSAGE_ID_PATTERN),
  text: z.string().max(20_000),
});
export const chatHistorySchema = z.strictObject({
  conversationId,
  afterSeq: z.number().int().min(0),
  limit: z.number().int().min(1).max(HISTORY_PAGE_LIMIT).optional(),
});
export const chatTypingSchema = z.strictObject({ conversationId, active: z.boolean() });
export const chatTransferSchema = z.strictObject({
  conversationId,
  toAgentId: z.string().min(1).max(200),
  note: z.string().max(20_000).optional(),
});
export const noteAddSchema = z.strictObject({
  conversationId,
  id: z.string().regex(MESSAGE_ID_PATTERN),
  text: z.string().max(20_000),
});
export const requestCloseSchema = z.strictObject({ id: z.string().min(1).max(200) });
export const cannedSaveSchema = z.strictObject({
  id: z.string().min(1).max(200).optional(),
  locale: z.enum(['en', 'es']),
  title: z.string().max(20_000),
  text: z.string().max(20_000),
});
export const localeSetSchema = z.strictObject({ locale: z.enum(['en', 'es']) });
export const cannedDeleteSchema = z.strictObject({ id: z.string().min(1).max(200) });
