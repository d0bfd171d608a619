import type { ConversationReference } from 'botbuilder';

/**
 * The botbuilder ConversationReference a conversation record keeps as JSON (how to reach it
 * proactively), or null when there is none or it is damaged: a caller then falls back or refuses,
 * never throws on a bad record.
 */
export function parseConversationReference(json: string | null): Partial<ConversationReference> | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as Partial<ConversationReference> | null;
    return parsed && typeof parsed === 'object' && parsed.conversation?.id ? parsed : null;
  } catch {
    return null;
  }
}
