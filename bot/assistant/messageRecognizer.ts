import type { Activity } from 'botbuilder';
import { findAlienNumber, findReceiptNumber } from '../cases/index.js';
import { actionValueOf } from './actionValues.js';
import { wordCount, type Phrasebook } from './phrasebook.js';

export type SmallTalkTopic =
  'hello' | 'thanks' | 'bye' | 'robot' | 'whoAreYou' | 'insult' | 'acknowledge' | 'notHelpful';

/** How a visitor asked for a person (see the `agent` intent). */
export type AgentRequestSource = 'button' | 'request' | 'mention';

/** What a visitor's message asks for, before any dialog is running. */
export type AssistantIntent =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'restart' }
  | { kind: 'cancel' }
  /** A related article or "Did you mean" choice clicked after its dialog ended. */
  | { kind: 'article'; articleId: string }
  /** "Show the full article" clicked. */
  | { kind: 'fullArticle'; articleId: string }
  | { kind: 'clarifyNone' }
  /**
   * `button`: the "Talk to an agent" button or a yes to an old offer; `request`: a message that
   * only asks for a person ("agent", "quiero hablar con un agente"); `mention`: a message that
   * mentions a person among other things ("is there a person at the front desk?").
   */
  | { kind: 'agent'; via: AgentRequestSource }
  | { kind: 'agentDeclined' }
  /** A receipt number (or an attempt at one, or an A-number given instead) in the message. */
  | { kind: 'receipt' }
  | { kind: 'caseHistory' }
  /** Wants a case status, without a receipt number. */
  | { kind: 'caseStatus' }
  | { kind: 'smallTalk'; topic: SmallTalkTopic }
  | { kind: 'question' };

/** Small talk that must be the whole message ("thanks", not "thanks, how do I renew..."); greetings are read after it. */
const WHOLE_MESSAGE_TOPICS = [
  'thanks',
  'bye',
  'robot',
  'whoAreYou',
] as const satisfies readonly SmallTalkTopic[];
/** A rude word in a long message is usually frustration with a real question: answer that instead. */
const MAX_WORDS_OF_AN_INSULT = 8;

/**
 * Decides what a message asks for, in a fixed order: buttons first (their values are
 * unambiguous), then commands, receipt numbers, small talk, a person, case status; everything
 * else is a question for the answer engine. Keywords come from the resources (`Phrasebook`).
 */
export class MessageRecognizer {
  constructor(private readonly phrasebook: Phrasebook) {}

  recognize(activity: Partial<Activity>): AssistantIntent {
    const value = actionValueOf(activity.value);
    switch (value?.type) {
      case 'article':
        return { kind: 'article', articleId: value.articleId };
      case 'full_article':
        return { kind: 'fullArticle', articleId: value.articleId };
      case 'clarify_none':
        return { kind: 'clarifyNone' };
      case 'case_history':
        return { kind: 'caseHistory' };
      case 'agent_request':
        return { kind: 'agent', via: 'button' };
      case 'agent_offer':
        return value.accept ? { kind: 'agent', via: 'button' } : { kind: 'agentDeclined' };
      default:
        break;
    }
    const text = activity.text?.trim() ?? '';
    if (text === '') return { kind: 'empty' };
    const book = this.phrasebook;
    // "help", and "hi, I need help with my case": a greeting or "please" around it changes nothing.
    if (book.phrasesIn(['help', 'helpRequest'], ['smallTalk.hello', 'replyFiller'], text))
      return { kind: 'help' };
    if (book.isWhole('restart', text)) return { kind: 'restart' };
    if (book.isWhole('cancel', text)) return { kind: 'cancel' };
    if (this.hasCaseNumber(text)) return { kind: 'receipt' };
    for (const topic of WHOLE_MESSAGE_TOPICS) {
      if (book.isWhole(`smallTalk.${topic}`, text)) return { kind: 'smallTalk', topic };
    }
    // "hello", and greetings one after another ("hi, how are you", "hola q tal"): one greeting.
    if (book.consistsOf(['smallTalk.hello'], text)) return { kind: 'smallTalk', topic: 'hello' };
    // "thanks, bye", "ok thank you, goodbye": a goodbye, whatever courtesy comes with it.
    if (book.phrasesIn(['smallTalk.bye'], ['smallTalk.thanks', 'smallTalk.hello', 'replyFiller'], text))
      return { kind: 'smallTalk', topic: 'bye' };
    if (book.phrasesIn(['smallTalk.thanks'], ['smallTalk.hello', 'replyFiller'], text))
      return { kind: 'smallTalk', topic: 'thanks' };
    // "That didn't help" with no "Was this helpful?" waiting (it was answered, or it is gone): no
    // question to look up ("help" would find the legal help article), but where to go from here.
    if (book.phrasesIn(['smallTalk.notHelpful'], ['replyFiller'], text))
      return { kind: 'smallTalk', topic: 'notHelpful' };
    // "Yes", "ok", "no" with nothing waiting for one (a question that waits reads it first): the
    // visitor is acknowledging; a miss ("Sorry, I don't have an answer") would be wrong there.
    if (book.phrasesIn(['yes', 'no'], ['replyFiller'], text))
      return { kind: 'smallTalk', topic: 'acknowledge' };
    if (book.contains('smallTalk.insult', text) && wordCount(text) <= MAX_WORDS_OF_AN_INSULT) {
      return { kind: 'smallTalk', topic: 'insult' };
    }
    if (book.contains('agent', text) || book.isWhole('agentAlone', text)) {
      const outright = book.consistsOf(['agent', 'agentAlone', 'agentRequest'], text);
      return { kind: 'agent', via: outright ? 'request' : 'mention' };
    }
    if (book.isWhole('caseHistory', text)) return { kind: 'caseHistory' };
    if (book.contains('caseStatus', text)) return { kind: 'caseStatus' };
    return { kind: 'question' };
  }

  /** A receipt number, an attempt at one ("my receipt number is EAC12345"), or an A-number. */
  private hasCaseNumber(text: string): boolean {
    const book = this.phrasebook;
    if (findReceiptNumber(text, { saysReceipt: book.contains('receiptWords', text) }).kind !== 'none')
      return true;
    return findAlienNumber(text, { saysAlienNumber: book.contains('aNumberWords', text) });
  }
}
