import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../../contracts/locale.js';
import type { AssistantText } from '../assistantText.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { Phrasebook } from '../phrasebook.js';
import { ASPECT_LISTS } from './followUpAspect.js';
import { newSubjectOf } from './newSubject.js';

/**
 * The details whose question carries over to a new subject. A cost, a duration or the documents
 * to bring mean the same thing of any subject ("how much is the N-400?", then "and the I-90?";
 * "what documents do I need for the interview?", then "and for biometrics?"); "where" or "which
 * form" asked of another subject may be another question altogether.
 */
const CARRIED_ASPECTS = ['cost', 'time', 'documents'] as const;
type CarriedAspect = (typeof CARRIED_ASPECTS)[number];

/**
 * "How much is citizenship?", then "and the green card?" / "what about the work permit?" /
 * "¿y la green card?": the visitor asks the same detail of a new subject, naming only the subject.
 * Alone, "the work permit" is the work permit's general question, and as a follow-up of the
 * citizenship fee it is no detail of citizenship: the question meant is "how much is the work
 * permit?", which is what the assistant is then asked (the cost passage answers it). Only right
 * after a question about a cost or a duration (`CARRIED_ASPECTS`), and only for a message that
 * names a new subject and nothing else (`newSubjectOf`).
 */
export class SameDetailFollowUp {
  constructor(
    private readonly phrasebook: Phrasebook,
    private readonly text: AssistantText,
    private readonly memory: ConversationMemory,
  ) {}

  /**
   * The question this message means, when it asks the last question's detail of a new subject
   * ("how much is the work permit" for "what about the work permit?"); undefined otherwise. Notes
   * the detail the question asks, for the next message.
   */
  async questionMeant(context: TurnContext, message: string, locale: Locale): Promise<string | undefined> {
    const data = await this.memory.data(context);
    const turn = data.turn ?? 0;
    const last = data.askedDetail;
    const subject = newSubjectOf(this.phrasebook, message);
    const meant =
      last && last.turn === turn - 1 && subject !== undefined
        ? `${this.text.get(locale, `followUp.sameDetail.${last.aspect}`)} ${subject}`
        : undefined;
    const aspect = this.carriedAspectOf(meant ?? message);
    if (aspect) data.askedDetail = { aspect, turn };
    else delete data.askedDetail;
    return meant;
  }

  private carriedAspectOf(question: string): CarriedAspect | undefined {
    return CARRIED_ASPECTS.find((aspect) => this.phrasebook.contains(ASPECT_LISTS[aspect], question));
  }
}
