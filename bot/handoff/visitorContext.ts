import type { Locale } from '../../contracts/locale.js';
import type { ConversationStore, TranscriptEntry } from '../storage/ports.js';
import type { HandoffService } from './handoffService.js';

/** How much of the chat's own transcript is read for its context: the latest entries. */
const RECENT_ENTRIES = 500;
/** Earlier conversations from the same browser shown, newest first. */
const EARLIER_CONVERSATIONS = 5;
/** Entries read from the start of each earlier conversation (what it was about). */
const EARLIER_ENTRIES = 40;
/** Visitor messages quoted from each earlier conversation, and how long each may be. */
const EARLIER_QUESTIONS = 3;
const QUESTION_LENGTH = 200;
/** A receipt number as the stored transcript masks it ("EAC*******3402"). */
const MASKED_RECEIPT = /\b[A-Z]{3}\*{7}\d{4}\b/g;

export interface EarlierConversation {
  startedAt: string;
  locale: Locale;
  /** How many transcript entries it has. */
  messages: number;
  /** The visitor's first messages, masked as stored. */
  questions: string[];
  /** An agent wrote in it (among its first entries). */
  withAgent: boolean;
}

/** What the agent of a chat is shown about its visitor, from what is stored (masked). */
export interface VisitorContext {
  conversationId: string;
  locale: Locale;
  startedAt: string;
  /** The page the conversation started on (origin and path), when the widget said. */
  startPage: string | null;
  /** Earlier conversations from the same browser, newest first. */
  earlier: EarlierConversation[];
  /** Receipt numbers the assistant looked up in this conversation, masked, first one first. */
  caseNumbers: string[];
  /** The assistant's last answer from an article before the agent took over, if any. */
  lastAnswer: { text: string; articleId: string; at: string } | null;
}

/**
 * The agent's context panel: where the visitor started, in which language, what they asked before
 * from this browser, the case numbers looked up and the assistant's last answer. Only for the agent
 * the chat is assigned to; everything comes from the stored (masked) transcripts, with bounded reads.
 */
export class VisitorContextReader {
  constructor(
    private readonly deps: {
      conversations: Pick<ConversationStore, 'get' | 'transcript' | 'listByBrowser'>;
      service: Pick<HandoffService, 'assignedChat'>;
    },
  ) {}

  async read(agentId: string, conversationId: string): Promise<VisitorContext> {
    const chat = await this.deps.service.assignedChat(agentId, conversationId);
    const conversation = await this.deps.conversations.get(conversationId);
    const entries = conversation
      ? await this.deps.conversations.transcript(conversationId, {
          afterSeq: Math.max(0, conversation.lastSeq - RECENT_ENTRIES),
          limit: RECENT_ENTRIES,
        })
      : [];
    return {
      conversationId,
      locale: chat.locale,
      startedAt: conversation?.createdAt ?? chat.queuedAt,
      startPage: conversation?.startPage ?? null,
      earlier: conversation?.browserHash ? await this.earlier(conversation.browserHash, conversationId) : [],
      caseNumbers: caseNumbersIn(entries),
      lastAnswer: lastAnswerIn(entries),
    };
  }

  private async earlier(browserHash: string, current: string): Promise<EarlierConversation[]> {
    const records = await this.deps.conversations.listByBrowser(browserHash, {
      limit: EARLIER_CONVERSATIONS + 1,
    });
    const earlier = records.filter((record) => record.id !== current).slice(0, EARLIER_CONVERSATIONS);
    return Promise.all(
      earlier.map(async (record) => {
        const entries = await this.deps.conversations.transcript(record.id, { limit: EARLIER_ENTRIES });
        return {
          startedAt: record.createdAt,
          locale: record.locale,
          messages: record.lastSeq,
          questions: entries
            .filter((entry) => entry.role === 'visitor' && entry.text.trim() !== '')
            .slice(0, EARLIER_QUESTIONS)
            .map((entry) => entry.text.slice(0, QUESTION_LENGTH)),
          withAgent: entries.some((entry) => entry.role === 'agent'),
        };
      }),
    );
  }
}

/** The masked receipt numbers in the assistant's replies: it names one only when it looked it up. */
function caseNumbersIn(entries: TranscriptEntry[]): string[] {
  const found = new Set<string>();
  for (const entry of entries) {
    if (entry.role !== 'bot') continue;
    for (const match of entry.text.matchAll(MASKED_RECEIPT)) found.add(match[0]);
  }
  return [...found];
}

/**
 * The assistant's last answer from an article. An answer is sent as a run of replies that all
 * carry the article (`channelData.answer`): the answer itself, then "Was this helpful?"; the
 * first of the last run is the answer.
 */
function lastAnswerIn(entries: TranscriptEntry[]): VisitorContext['lastAnswer'] {
  let found: { entry: TranscriptEntry; articleId: string } | null = null;
  for (const entry of [...entries].reverse()) {
    const articleId = entry.role === 'bot' && entry.activity ? answerArticleOf(entry.activity) : null;
    if (found && articleId !== found.articleId) break;
    if (articleId) found = { entry, articleId };
    else if (found) break;
  }
  return found ? { text: found.entry.text, articleId: found.articleId, at: found.entry.at } : null;
}

function answerArticleOf(activity: string): string | null {
  try {
    const parsed = JSON.parse(activity) as { channelData?: { answer?: { articleId?: unknown } | null } };
    const articleId = parsed.channelData?.answer?.articleId;
    return typeof articleId === 'string' ? articleId : null;
  } catch {
    return null;
  }
}
