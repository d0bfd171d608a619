import type { Activity, CardAction } from 'botbuilder';
import type { Locale } from '../../../contracts/locale.js';
import type {
  AnswerRef,
  ChatMessage,
  MessageRole,
  SuggestedAction,
} from '../../../contracts/visitorEvents.js';
import { toProductLocale } from '../../i18n/i18n.js';
import type { TranscriptEntry } from '../../storage/ports.js';
import { isSmallJsonValue } from './visitorSchemas.js';

/** Suggested actions beyond this are dropped: a chat panel 320 px wide has no room for more. */
const MAX_SUGGESTED_ACTIONS = 10;

type EntryHead = Pick<TranscriptEntry, 'seq' | 'messageId' | 'role' | 'at' | 'locale'>;

/**
 * The protocol's view of a transcript entry, from the activity as it was sent. Live messages use
 * the activity itself (a visitor sees their own case details); replays from the store use the
 * stored copy, in which personal data is masked.
 */
export function chatMessageFromActivity(entry: EntryHead, activity: Partial<Activity>): ChatMessage {
  const role: MessageRole = entry.role;
  const channelData = asRecord(activity.channelData);
  return {
    seq: entry.seq,
    id: entry.messageId,
    role,
    text: typeof activity.text === 'string' ? activity.text : '',
    textFormat: role === 'visitor' || activity.textFormat === 'plain' ? 'plain' : 'markdown',
    locale: entry.locale ?? (activity.locale ? toProductLocale(activity.locale) : null),
    at: entry.at,
    suggestedActions: role === 'visitor' ? [] : suggestedActions(activity.suggestedActions?.actions),
    answer: role === 'bot' ? answerRef(channelData?.answer, activity.locale) : null,
    value:
      role === 'visitor' && activity.value !== undefined && isSmallJsonValue(activity.value)
        ? activity.value
        : null,
    agentName: role === 'agent' && typeof channelData?.agentName === 'string' ? channelData.agentName : null,
    outcome:
      role !== 'visitor' && role !== 'agent' && typeof channelData?.outcome === 'string'
        ? channelData.outcome
        : null,
  };
}

/** The same from a stored entry (history replay). A damaged stored activity still yields its text. */
export function chatMessageFromEntry(entry: TranscriptEntry): ChatMessage {
  let activity: Partial<Activity> = { text: entry.text };
  if (entry.activity) {
    try {
      const parsed = JSON.parse(entry.activity) as unknown;
      if (asRecord(parsed)) activity = { ...(parsed as Partial<Activity>), text: entry.text };
    } catch {
      // Keep the text: better a plain message than a hole in the conversation.
    }
  }
  return chatMessageFromActivity(entry, activity);
}

function suggestedActions(actions: CardAction[] | undefined): SuggestedAction[] {
  if (!Array.isArray(actions)) return [];
  const result: SuggestedAction[] = [];
  for (const action of actions.slice(0, MAX_SUGGESTED_ACTIONS)) {
    const normalised = suggestedAction(action);
    if (normalised) result.push(normalised);
  }
  return result;
}

/**
 * imBack sends its value as the visitor's text; postBack sends a string value as (hidden-intent)
 * text and any other value as `value`; messageBack sends both. Other kinds (openUrl, call...) are
 * not offered as buttons: the bot puts links in its Markdown instead.
 */
function suggestedAction(action: CardAction): SuggestedAction | null {
  const record = asRecord(action);
  const title = typeof record?.title === 'string' ? record.title.trim() : '';
  if (!record || title.length === 0) return null;
  const value: unknown = record.value;
  const smallValue = value !== undefined && value !== null && isSmallJsonValue(value) ? value : null;
  switch (record.type) {
    case 'imBack':
      return { title, text: typeof value === 'string' && value.length > 0 ? value : title, value: null };
    case 'postBack':
      return typeof value === 'string'
        ? { title, text: value, value: null }
        : { title, text: null, value: smallValue };
    case 'messageBack': {
      const text =
        typeof record.text === 'string'
          ? record.text
          : typeof record.displayText === 'string'
            ? record.displayText
            : null;
      return { title, text, value: smallValue };
    }
    default:
      return null;
  }
}

/** `channelData.answer` is set by the assistant on replies taken from a knowledge article. */
function answerRef(answer: unknown, activityLocale: string | undefined): AnswerRef | null {
  const record = asRecord(answer);
  if (!record || typeof record.articleId !== 'string' || record.articleId.length === 0) return null;
  const locale: Locale = toProductLocale(typeof record.locale === 'string' ? record.locale : activityLocale);
  return { articleId: record.articleId, locale };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
