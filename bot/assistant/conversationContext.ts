import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { ClarifyOffer } from './answerLookup.js';
import type { KeptCaseStatus } from './caseStatusReplies.js';
import type { ConversationData, ConversationMemory, ConversationTopic } from './conversationMemory.js';
import { turnFollowUpAspectOf, type FollowUpAspect } from './followUps/followUpAspect.js';
import { wordCount, type Phrasebook } from './phrasebook.js';
import { sentReplies } from './replyOutcome.js';
import { storedText } from './storedText.js';

/** Turns a topic stays current without being spoken of again. */
export const TOPIC_TURNS = 4;
/** Turns a question stays worth offering as the one to leave for an agent. */
export const RECENT_QUESTION_TURNS = 6;
/** Fewer words than this is no question an agent could answer ("visa?" is, "sí" is not). */
const MIN_WORDS_OF_A_QUESTION = 2;

const SET_THIS_TURN = Symbol('contextSetThisTurn');
const QUESTION_BEFORE_TURN = Symbol('questionBeforeTurn');

/**
 * What the conversation is about, kept between turns: the topic (the article last answered or the
 * case last looked up) for follow-ups that do not name it, the last reply worth repeating in the
 * other language, and the visitor's last real question (for leaving a message for an agent).
 * Updated after each turn from what the assistant said (`channelData.outcome` of its replies), so
 * any answer, whoever sent it, moves the topic; a miss ends it.
 */
export class ConversationContext {
  constructor(
    private readonly memory: ConversationMemory,
    private readonly phrasebook: Phrasebook,
  ) {}

  /** The current topic, unless it expired. */
  async topic(context: TurnContext): Promise<ConversationTopic | undefined> {
    const data = await this.memory.data(context);
    const { topic } = data;
    if (!topic) return undefined;
    if ((data.turn ?? 0) - topic.turn > TOPIC_TURNS) {
      delete data.topic;
      return undefined;
    }
    return topic;
  }

  async caseShown(context: TurnContext, status: KeptCaseStatus): Promise<void> {
    const data = await this.memory.data(context);
    data.topic = { kind: 'case', status, turn: data.turn ?? 0 };
    data.lastReply = { kind: 'caseStatus', status };
    context.turnState.set(SET_THIS_TURN, true);
  }

  /** A follow-up answered from the topic's article: the topic stays, and is current again. */
  async passageShown(context: TurnContext, articleId: string, aspect: FollowUpAspect): Promise<void> {
    const data = await this.memory.data(context);
    data.topic = { kind: 'article', articleId, turn: data.turn ?? 0 };
    data.lastReply = { kind: 'passage', articleId, aspect };
    context.turnState.set(SET_THIS_TURN, true);
  }

  /**
   * A follow-up the topic's article does not answer ("how long does it take?" after the green
   * card renewal): the visitor still means that article, so it stays the topic, even when an
   * article about the detail in general (processing times) is offered with the reply; the next
   * "what documents do I need?" is about the green card, not the processing times page.
   */
  async topicKept(context: TurnContext, articleId: string): Promise<void> {
    const data = await this.memory.data(context);
    data.topic = { kind: 'article', articleId, turn: data.turn ?? 0 };
    context.turnState.set(SET_THIS_TURN, true);
  }

  /** A follow-up about the case: the case stays the topic. */
  async caseExplained(context: TurnContext): Promise<void> {
    const data = await this.memory.data(context);
    if (data.topic) data.topic.turn = data.turn ?? 0;
    context.turnState.set(SET_THIS_TURN, true);
  }

  /** The visitor said an answer did not help: its question is current again. */
  async notHelpful(context: TurnContext, question: string): Promise<void> {
    this.remember(context, await this.memory.data(context), question);
  }

  /** A "Did you mean…?" was offered: these articles, for this question. */
  async clarifyOffered(context: TurnContext, offer: ClarifyOffer, locale: Locale): Promise<void> {
    const data = await this.memory.data(context);
    data.offered = { ...offer, locale, turn: data.turn ?? 0 };
  }

  /**
   * The "Did you mean…?" offered on the turn just before this one, in this language: a message
   * that answers it with more words rather than a choice narrows it down.
   */
  async lastOffer(context: TurnContext, locale: Locale): Promise<ClarifyOffer | undefined> {
    const data = await this.memory.data(context);
    const { offered } = data;
    if (!offered || offered.turn !== (data.turn ?? 0) - 1 || offered.locale !== locale) return undefined;
    return {
      question: offered.question,
      articleIds: offered.articleIds,
      ...(offered.closest ? { closest: true as const } : {}),
    };
  }

  /**
   * The one article of a "Did you mean this?" offered on the turn just before, as a topic: a
   * follow-up on it ("mi tarjeta vence pronto", then "¿qué hago?") is the visitor's "yes" to it.
   */
  async singleOffer(context: TurnContext, locale: Locale): Promise<ConversationTopic | undefined> {
    const offer = await this.lastOffer(context, locale);
    // The one closest topic of a miss was no guess at what the visitor meant.
    if (offer?.closest) return undefined;
    const [only, ...others] = offer?.articleIds ?? [];
    if (only === undefined || others.length > 0) return undefined;
    return { kind: 'article', articleId: only, turn: (await this.memory.data(context)).turn ?? 0 };
  }

  /** The visitor's last real question, when recent: what to offer as the question for an agent. */
  async recentQuestion(context: TurnContext): Promise<string | undefined> {
    const data = await this.memory.data(context);
    const recent = data.recentQuestion;
    if (!recent || (data.turn ?? 0) - recent.turn > RECENT_QUESTION_TURNS) return undefined;
    return this.isStandaloneQuestion(context, recent.text) ? recent.text : undefined;
  }

  /** Before the dialogs: notes the last question asked so far, to see whether this turn asked one. */
  async beforeTurn(context: TurnContext): Promise<void> {
    context.turnState.set(QUESTION_BEFORE_TURN, (await this.memory.data(context)).lastQuestion);
  }

  /** Forgets everything but the language (restart). */
  async clear(context: TurnContext): Promise<void> {
    const data = await this.memory.data(context);
    delete data.topic;
    delete data.lastReply;
    delete data.recentQuestion;
    delete data.pendingPrompt;
    delete data.offered;
  }

  /** After the dialogs: an answer becomes the topic, a miss ends it; a real question asked is remembered. */
  async afterTurn(context: TurnContext): Promise<void> {
    const data = await this.memory.data(context);
    const replies = sentReplies(context);
    // A question answered with one passage of an article ("someone stole my badge") makes the
    // article the topic as much as its short answer does.
    const answered = replies.find(
      (reply) => (reply.outcome === 'answer' || reply.outcome === 'passage') && reply.articleId,
    );
    if (!context.turnState.get(SET_THIS_TURN) && answered?.articleId) {
      data.topic = { kind: 'article', articleId: answered.articleId, turn: data.turn ?? 0 };
      data.lastReply = { kind: 'article', articleId: answered.articleId };
    }
    if (replies.some((reply) => reply.outcome === 'fallback')) delete data.topic;
    const asked = data.lastQuestion;
    if (asked !== undefined && asked !== context.turnState.get(QUESTION_BEFORE_TURN))
      this.remember(context, data, asked);
  }

  private remember(context: TurnContext, data: ConversationData, question: string): void {
    if (this.isStandaloneQuestion(context, question))
      data.recentQuestion = { text: storedText(question), turn: data.turn ?? 0 };
  }

  /**
   * A real question that also means something without the conversation around it: a follow-up
   * ("¿y cuánto cuesta?") is never offered to an agent as the visitor's question; the question
   * before it is.
   */
  private isStandaloneQuestion(context: TurnContext, text: string): boolean {
    return this.isRealQuestion(text) && turnFollowUpAspectOf(context, this.phrasebook, text) === undefined;
  }

  /** Not a yes or no, not a request for a person, not small talk: something an agent can answer. */
  isRealQuestion(text: string): boolean {
    const book = this.phrasebook;
    if (wordCount(text) < MIN_WORDS_OF_A_QUESTION) return false;
    if (book.yesOrNo(text) !== undefined) return false;
    if (book.consistsOf(['agent', 'agentAlone', 'agentRequest', 'replyFiller'], text)) return false;
    if (book.consistsOf(['smallTalk.hello', 'smallTalk.thanks', 'smallTalk.bye', 'replyFiller'], text))
      return false;
    return !book.consistsOf(['help', 'helpRequest', 'restart', 'cancel', 'noneOfThese', 'replyFiller'], text);
  }
}
