import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../contracts/article.js';
import type { ArticleCatalog } from '../answerSource.js';
import type { ConversationContext } from '../conversationContext.js';
import type { Phrasebook } from '../phrasebook.js';
import { newSubjectOf } from './newSubject.js';

/** A pronoun joined to a Spanish verb ("pedirla", "renovándolo"): the backReferenceEnding lists end with it. */
const ATTACHED_PRONOUN = /(?:los|las|lo|la)$/;

/**
 * The article a question points back to ("what about renewing it?", "¿lo puedo hacer en línea?"):
 * the conversation's current topic, when the message has a word that refers to something said
 * before. The answer lookup then asks again with the topic's title when the question alone gets
 * no answer; a question that names its own subject ("how do I renew my passport?") has no such
 * word, so it is never bent toward the topic.
 */
export class TopicReference {
  constructor(
    private readonly context: ConversationContext,
    private readonly phrasebook: Phrasebook,
    private readonly catalog: ArticleCatalog,
  ) {}

  /**
   * The message has a word that refers to something said before ("it", "lo", "that one", the
   * "-lo" of "arreglarlo"), or opens as a continuation of it ("and can I travel with the
   * receipt?", "y puedo viajar…"). A message that opens so but names a new subject and nothing
   * else ("and citizenship?" after the work permit, "¿y la ciudadanía?") is about that subject.
   */
  pointsBack(text: string): boolean {
    return (
      this.phrasebook.contains('followUp.backReference', text) ||
      this.phrasebook.hasWordEnding('followUp.backReferenceEnding', text) ||
      (this.phrasebook.startsWith('followUp.continuation', text) &&
        newSubjectOf(this.phrasebook, text) === undefined)
    );
  }

  /**
   * What the message asks of the topic: the message without the words that point back to it
   * ("can I work in the meantime" → "can i work", "¿puedo pedirla en línea?" → "puedo pedir en
   * linea"), which the topic's title stands in for when the question is read with it. The
   * message itself when nothing else is left.
   */
  withoutReference(text: string): string {
    const words = this.phrasebook
      .withoutPhrases('followUp.backReference', text)
      .split(' ')
      .map((word) =>
        this.phrasebook.hasWordEnding('followUp.backReferenceEnding', word)
          ? word.replace(ATTACHED_PRONOUN, '')
          : word,
      )
      .filter(Boolean);
    return words.length > 0 ? words.join(' ') : text;
  }

  /**
   * A bare judgement question ("do I qualify?", "¿califico?") and the article it is about: right
   * after an answer, that answer's subject; with no topic, none (alone, "qualify" would match the
   * article on qualifying services). Undefined when the message says more than that.
   */
  async bareJudgement(
    turn: TurnContext,
    text: string,
    locale: Locale,
  ): Promise<{ about: KnowledgeArticle | undefined } | undefined> {
    if (!this.phrasebook.consistsOf(['followUp.bareJudgement', 'followUp.filler', 'replyFiller'], text))
      return undefined;
    return { about: await this.currentArticle(turn, locale) };
  }

  /**
   * The article the conversation is about, whatever the message says: the one "Did you mean
   * this?" just offered alone (a message about it, "¿cómo lo pido?", is the visitor's yes), else
   * the last one answered.
   */
  async currentArticle(turn: TurnContext, locale: Locale): Promise<KnowledgeArticle | undefined> {
    const topic = (await this.context.singleOffer(turn, locale)) ?? (await this.context.topic(turn));
    return topic?.kind === 'article' ? this.catalog.get(topic.articleId, locale) : undefined;
  }
}
