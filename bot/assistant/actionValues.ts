import { z } from 'zod';
import { articleIdSchema, localeSchema } from '../../knowledge/content/article.js';

/**
 * The `value` of the assistant's buttons (suggested actions), which channels send back as a
 * message's `value`. Typed values make a click unambiguous whatever its visible text or language;
 * the widget sends the same shapes. Anything else in `value` is ignored and the text is read.
 */
const actionValueSchema = z.discriminatedUnion('type', [
  /** "Was this helpful?" */
  z.object({
    type: z.literal('feedback'),
    articleId: articleIdSchema,
    locale: localeSchema,
    helpful: z.boolean(),
  }),
  /** A related article or a "Did you mean" choice. */
  z.object({ type: z.literal('article'), articleId: articleIdSchema }),
  /** "Show the full article": the whole article in the chat. */
  z.object({ type: z.literal('full_article'), articleId: articleIdSchema }),
  /** "None of these" after "Did you mean". */
  z.object({ type: z.literal('clarify_none') }),
  /** A plain "yes" typed to "Did you mean" (no button): which of the options is not said. */
  z.object({ type: z.literal('clarify_yes') }),
  /** English / Español. */
  z.object({ type: z.literal('language'), locale: localeSchema }),
  /** "Show case history". */
  z.object({ type: z.literal('case_history') }),
  /** Yes / No to "Would you like to reach a live agent?" */
  z.object({ type: z.literal('agent_offer'), accept: z.boolean() }),
  /** "Talk to an agent" anywhere. */
  z.object({ type: z.literal('agent_request') }),
  /** "Leave a message" when no agent can chat: starts the leave-a-message dialog. */
  z.object({ type: z.literal('leave_message') }),
  /** Leave a message: yes / no to "Is this your question?" */
  z.object({ type: z.literal('leave_message_confirm'), confirm: z.boolean() }),
  /** Leave a message: is it urgent? */
  z.object({ type: z.literal('leave_message_urgent'), urgent: z.boolean() }),
  /** Leave a message: the summary's answers (send it, change one part, or do not send). */
  z.object({
    type: z.literal('leave_message_review'),
    action: z.enum(['send', 'change', 'name', 'contact', 'question', 'urgent', 'cancel']),
  }),
  /** Asked for a receipt number: "where do I find it?" or "I don't have it". */
  z.object({ type: z.literal('receipt_help'), need: z.enum(['where', 'missing']) }),
]);

export type ActionValue = z.infer<typeof actionValueSchema>;
export type FeedbackValue = Extract<ActionValue, { type: 'feedback' }>;

/** The action value of an inbound activity, or undefined when there is none (or it is not ours). */
export function actionValueOf(value: unknown): ActionValue | undefined {
  const parsed = actionValueSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
