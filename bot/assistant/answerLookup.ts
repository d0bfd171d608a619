import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../contracts/locale.js';
import type { KnowledgeArticle } from '../../contracts/article.js';
import type { AnswerResult } from '../../knowledge/engine/index.js';
import type { AnswerSource } from './answerSource.js';
import type { AssistantAnalytics } from './assistantAnalytics.js';
import type { PassageSource } from './followUps/passageSource.js';
import type { ConversationMemory } from './conversationMemory.js';
import { storedText } from './storedText.js';

/** What was said just before a question that may complete it. */
export interface QuestionSurroundings {
  /** The article the conversation is about (the last answer). */
  current?: KnowledgeArticle;
  /** The message has a word that points back ("can I renew it?", "¿lo puedo pagar?"). */
  pointsBack?: boolean;
  /**
   * The message without its words that point back ("can I work in the meantime" → "can i work"):
   * what it asks of the topic, read with the topic's title in their place and looked for in the
   * topic's passages. The message itself when not given.
   */
  withoutReference?: string;
  /** The "Did you mean…?" just offered, which this message may narrow down. */
  offered?: ClarifyOffer;
  /**
   * The other language the message is surely written in, too short to switch the conversation
   * on its own ("permiso de trabajo" in an English one): asked in it when the conversation's
   * language has no answer (see `ask`). Called only then: most questions have one.
   */
  writtenIn?: () => Locale | undefined;
}

/** An answer and the language it was found in (the conversation's, unless `writtenIn` answered). */
export type LookupResult = AnswerResult<KnowledgeArticle> & { locale: Locale };

/**
 * A "Did you mean…?": the question it was asked for (masked) and the articles offered; or, with
 * `closest`, the closest topics offered after a question that got no answer.
 */
export interface ClarifyOffer {
  question: string;
  articleIds: string[];
  closest?: true;
}

/** How decided an answer is: a narrowed question is used only when it decides more. */
const DECISIVENESS = { none: 0, clarify: 1, answer: 2 } as const;

/**
 * Asks the answer source and records the question: one analytics event per question (decision,
 * article, score, masked text), and the masked question in conversation state for a later
 * live-agent request.
 */
export class AnswerLookup {
  constructor(
    private readonly answers: AnswerSource,
    private readonly analytics: AssistantAnalytics,
    private readonly memory: ConversationMemory,
    /** The passages of the current topic, for a detail asked of it (see `detailOfTopic`). */
    private readonly passages: PassageSource,
  ) {}

  /**
   * `current` with `pointsBack`: the article the question points back to. The question is asked
   * again with the topic's title when alone it gets no answer, or an answer about another article
   * that it may not be about (see `mayBeAbout`: "what about renewing it?" after DACA is not the
   * green card's renewal); the second answer is taken only when it is the topic itself: the title
   * settles what "it" is, never a different subject, and only when the topic can answer the
   * question's words (see `topicSays`: "what time is it in Tokyo?" is no question of the topic).
   * Read with the title, the question leaves out the words that point back (`withoutReference`).
   * `current` alone: when a question gets "Did you mean…?" with the article just answered among
   * the options ("¿cómo le aviso a USCIS?" right after the change of address), the
   * conversation settles it the same way: asked again with its title, and taken only when that
   * answers it.
   * `offered`: after "Did you mean…?" for "green card", the visitor may answer with more words
   * instead of a choice ("mine expires in 3 months"). A message that alone gets no answer or only
   * a "Did you mean" is asked again together with the question offered for, and that reading is
   * taken when it decides more, among the articles offered only: "green card" then "what is the
   * weather" must not become an answer about office closures. A message answered alone with an
   * article not offered is read with the offer too when it may be about an offered one (see
   * `mayBeAbout`): "work permit", then "renew", is the work permit's renewal, not the green
   * card's; "how do I check my case" names a subject of its own and stays the case status. A
   * message that points back is about the offer ("how do I replace it?"); one that alone ranks
   * no offered article is not ("write me a poem"). The closest topics of a miss are such an offer.
   * `writtenIn`: a question with no answer at all in the conversation's language is asked in the
   * language it is written in, and what that language's articles have (an answer or a "Did you
   * mean…?") is taken.
   */
  async ask(
    context: TurnContext,
    text: string,
    locale: Locale,
    {
      current,
      offered,
      pointsBack = false,
      withoutReference: ofTopic = text,
      writtenIn,
    }: QuestionSurroundings = {},
  ): Promise<LookupResult> {
    let result = this.answers.answer(text, locale);
    const topic = pointsBack ? current : undefined;
    const meansTopic = topic && this.mayMeanTopic(result, topic) ? topic : undefined;
    const settledBy = meansTopic ?? this.offeredAmong(result, current);
    if (settledBy) {
      const withTopic = this.answers.answer(`${ofTopic}\n${settledBy.title}`, locale);
      // "it" in "what time is it in Tokyo?", "lo" in "a dónde lo reporto" point nowhere, and the
      // title alone would answer them: see `topicSays`.
      const read = answeredWithTopic(withTopic, settledBy);
      if (read && this.topicSays(settledBy, ofTopic, result)) result = read;
      // Settled by the article just answered ("what if I fail?" after the citizenship test, "how
      // do I replace it?" after the work permit): the visitor has its short answer already, so
      // the passage that says it.
      if (current) result = this.againWithPassage(result, ofTopic, current);
    }
    if (current && !settledBy) {
      // Both readings below may ask the engine the question with the topic's title: once a turn.
      let read: AnswerResult<KnowledgeArticle> | undefined;
      const withTopic = () => (read ??= this.answers.answer(`${ofTopic}\n${current.title}`, locale));
      result =
        result.decision === 'answer'
          ? (this.topicSaysMore(result, ofTopic, current, withTopic) ??
            this.againWithPassage(result, ofTopic, current))
          : (this.detailOfTopic(result, ofTopic, current, withTopic) ??
            this.optionOfTopic(result, text, withTopic) ??
            result);
    }
    if (offered && this.mayNarrow(result, offered, pointsBack)) {
      const narrowed = this.narrowed(offered, text, locale);
      if (narrowed && this.narrowedWins(narrowed, result, pointsBack)) result = narrowed;
    }
    let answeredIn = locale;
    const otherLanguage = result.decision === 'none' ? writtenIn?.() : undefined;
    if (otherLanguage && otherLanguage !== locale) {
      const inItsLanguage = this.answers.answer(text, otherLanguage);
      if (inItsLanguage.decision !== 'none') {
        result = inItsLanguage;
        answeredIn = otherLanguage;
      }
    }
    (await this.memory.data(context)).lastQuestion = storedText(text);
    await this.analytics.question(context, {
      locale: answeredIn,
      text,
      decision: result.decision,
      articleId: result.article?.id ?? null,
      score: result.score,
    });
    return { ...result, locale: answeredIn };
  }

  /**
   * A short question about a detail of the topic that names no subject ("what if I fail?",
   * "¿y si no lo paso?" after the citizenship test): alone it gets no answer, yet the article
   * just answered is the closest. Asked again with the topic's title, it is taken when that
   * answers with the topic, with the passage of the topic that says most of it (the visitor
   * already has the short answer). So is a question every word of which the topic's article has
   * ("is there a penalty if I report late?" after the change of address), though words of it
   * rank another article first, and a question a passage of the topic answers (`bodyAnswers`).
   * A question closer to another article stays a question of its own.
   */
  private detailOfTopic(
    result: AnswerResult<KnowledgeArticle>,
    text: string,
    topic: KnowledgeArticle,
    withTopic: () => AnswerResult<KnowledgeArticle>,
  ): AnswerResult<KnowledgeArticle> | undefined {
    const closest = result.ranking[0]?.document.id === topic.id;
    if (!closest && !hasEveryWord(result, topic.id) && !this.bodyAnswers(topic, text)) return undefined;
    const read = answeredWithTopic(withTopic(), topic);
    if (!read) return undefined;
    // With no word pointing back, the topic must have every word of the question, even those of
    // what the visitor wants done: "ventajas de tener una cuenta en línea" after the green card's
    // renewal is the online account, though the renewal's passage on filing online shares
    // "cuenta" and "en línea"; "¿qué clima hace en Denver?" is no question of the biometrics
    // appointment, though it ranks first; "qué quiere decir que recibieron el pago de huellas"
    // asks what a case status means, which no citizenship passage says.
    if (!hasEveryWord(read, topic.id)) return undefined;
    return this.againWithPassage(read, text, topic);
  }

  /**
   * A question answered with another article that lacks one of its words, every one of which the
   * topic has, and that a passage of the topic answers: "how long can I stay outside?" right after
   * the travel documents is the reentry permit's passage, though alone "stay" makes it the
   * extension of a visitor's stay, which says nothing of being outside. Taken when the question
   * read with the topic's title answers with the topic; a question that names a subject of its
   * own ("how do I check my case status?") is all in that subject's article and stays its own.
   */
  private topicSaysMore(
    result: AnswerResult<KnowledgeArticle>,
    text: string,
    topic: KnowledgeArticle,
    withTopic: () => AnswerResult<KnowledgeArticle>,
  ): AnswerResult<KnowledgeArticle> | undefined {
    const answered = result.article?.id;
    if (answered === undefined || answered === topic.id) return undefined;
    if (hasEveryWord(result, answered) || !hasEveryWord(result, topic.id)) return undefined;
    if (!this.bodyAnswers(topic, text)) return undefined;
    const read = answeredWithTopic(withTopic(), topic);
    return read && this.againWithPassage(read, text, topic);
  }

  /**
   * A "Did you mean…?" among articles other than the topic, one of which the topic points to:
   * "can I change the date?" right after the biometrics appointment offers rescheduling an
   * interview first; read with the topic's title, rescheduling biometrics comes first. That
   * reading is taken when it answers with one of the articles offered; when it only ranks one of
   * them first, the same offer is made with that one first.
   */
  private optionOfTopic(
    result: AnswerResult<KnowledgeArticle>,
    text: string,
    withTopic: () => AnswerResult<KnowledgeArticle>,
  ): AnswerResult<KnowledgeArticle> | undefined {
    if (result.decision !== 'clarify') return undefined;
    const read = withTopic();
    const first = read.decision === 'answer' ? read.article : read.alternatives[0]?.document;
    const offered = result.alternatives.find((candidate) => candidate.document.id === first?.id);
    if (!offered || offered === result.alternatives[0]) return undefined;
    if (read.decision === 'answer') return this.withPassageFor(read, text, { summaryShown: false });
    return {
      ...result,
      score: offered.score,
      alternatives: [offered, ...result.alternatives.filter((candidate) => candidate !== offered)],
    };
  }

  /**
   * Whether a question that points back may be asked of the topic, for the words it has (see
   * `PassageSource.unsaidWords`). Yes when the topic says every one. No when one is a word no
   * article says ("what time is it in Tokyo?": the question is about nothing the articles speak
   * of), or one the article ranked first for the question alone says ("status says card was
   * delivered but I did not get it" after citizenship: the case statuses say "delivered", and "it"
   * is the card). Otherwise the visitor asks the topic something it does not cover ("¿lo puedo
   * hacer sin saber inglés?" of citizenship, which never says "saber"), and the topic's answer is
   * still the closest.
   */
  private topicSays(topic: KnowledgeArticle, text: string, alone: AnswerResult<KnowledgeArticle>): boolean {
    const unsaid = this.passages.unsaidWords(topic, text);
    if (unsaid.length === 0) return true;
    if (unsaid.some((word) => !word.elsewhere)) return false;
    const first = alone.ranking[0]?.document;
    if (!first || first.id === topic.id) return true;
    const unsaidByFirst = new Set(this.passages.unsaidWords(first, text).map(({ word }) => word));
    return unsaid.every(({ word }) => unsaidByFirst.has(word));
  }

  /**
   * The topic's body has a passage that says the question better than its short answer does: "can
   * I travel?" right after a lost green card is its passage on proof of status for a trip, though
   * alone the question is a "Did you mean…?" between the travel documents articles, which rank
   * the lost card nowhere.
   */
  private bodyAnswers(topic: KnowledgeArticle, text: string): boolean {
    return this.passages.passageFor(topic, text, { summaryShown: false }) !== null;
  }

  /**
   * An answer with the article the visitor has just been given, without a passage: its short
   * answer again says nothing new, so the passage of it that says most of the question is given
   * instead, when one does ("¿puedo hacer el examen en español?" right after the citizenship test).
   */
  private againWithPassage(
    result: AnswerResult<KnowledgeArticle>,
    text: string,
    topic: KnowledgeArticle,
  ): AnswerResult<KnowledgeArticle> {
    if (result.passage || result.article?.id !== topic.id) return result;
    return this.withPassageFor(result, text, { summaryShown: true });
  }

  /**
   * `result` with the passage of its article that `text` asks about, or none (its short answer):
   * the passage finder in the mode `summaryShown` says (see `PassageSource`).
   */
  private withPassageFor(
    result: AnswerResult<KnowledgeArticle>,
    text: string,
    mode: { summaryShown: boolean },
  ): AnswerResult<KnowledgeArticle> {
    if (!result.article) return result;
    const found = this.passages.passageFor(result.article, text, mode);
    return { ...result, passage: found ? { ...found, score: result.score } : null };
  }

  /** The offer narrowed by the visitor's words, kept to the articles offered (see `ask`). */
  private narrowed(
    offer: ClarifyOffer,
    text: string,
    locale: Locale,
  ): AnswerResult<KnowledgeArticle> | undefined {
    const result = this.answers.answer(`${offer.question}\n${text}`, locale);
    const offered = (id: string | undefined) => id !== undefined && offer.articleIds.includes(id);
    // An answer's passage is the one the visitor's own words pick: the question offered for names
    // the subject only ("cuándo me toca la entrevista", then "¿y si no hablo bien inglés?" is the
    // English test, not the civics passage where "le toca" appears), and they have no short answer yet.
    if (result.decision === 'answer')
      return offered(result.article?.id)
        ? this.withPassageFor(result, text, { summaryShown: false })
        : undefined;
    const alternatives = result.alternatives.filter((candidate) => offered(candidate.document.id));
    if (result.decision !== 'clarify' || alternatives.length === 0) return undefined;
    return { ...result, alternatives, score: alternatives[0]?.score ?? result.score };
  }

  /** `article` when the result is a "Did you mean…?" that offers it (see `current` in `ask`). */
  private offeredAmong(
    result: AnswerResult<KnowledgeArticle>,
    article: KnowledgeArticle | undefined,
  ): KnowledgeArticle | undefined {
    if (!article || result.decision !== 'clarify') return undefined;
    return result.alternatives.some((candidate) => candidate.document.id === article.id)
      ? article
      : undefined;
  }

  /**
   * Whether a message may narrow the offer down (see `ask`): one that points back, or that alone
   * ranks an offered article at all ("write me a poem" after the work permit's offer is not about
   * it); answered alone with an article outside the offer, only when it may be about an offered one.
   */
  private mayNarrow(
    result: AnswerResult<KnowledgeArticle>,
    offer: ClarifyOffer,
    pointsBack: boolean,
  ): boolean {
    if (result.decision !== 'answer')
      return pointsBack || offer.articleIds.some((id) => signalsOf(result, id) !== undefined);
    const answered = result.article?.id;
    if (answered === undefined || offer.articleIds.includes(answered)) return false;
    // An offered article the message alone does not even rank is not what it is about ("where is
    // my application" after "I lost my work permit" is the case status).
    return offer.articleIds.some((id) => signalsOf(result, id) !== undefined && mayBeAbout(result, id));
  }

  /**
   * The narrowed reading is taken when the message points back ("¿cuándo lo puedo renovar?",
   * "how do I replace it?" after "I lost my work permit"): "it" is among the options just offered,
   * not an article outside them (the green card's replacement) nor a new set of articles the
   * message alone brings up. Otherwise when it decides more; or, both being an answer, when the
   * one alone is outside the offer (`mayNarrow` let it be read again).
   */
  private narrowedWins(
    narrowed: AnswerResult<KnowledgeArticle>,
    alone: AnswerResult<KnowledgeArticle>,
    pointsBack: boolean,
  ): boolean {
    if (pointsBack) return true;
    const gain = DECISIVENESS[narrowed.decision] - DECISIVENESS[alone.decision];
    if (gain !== 0) return gain > 0;
    return narrowed.decision === 'answer';
  }

  /** Whether a question that points back could still be about the topic (see `ask`). */
  private mayMeanTopic(result: AnswerResult<KnowledgeArticle>, topic: KnowledgeArticle): boolean {
    if (result.decision !== 'answer') return true;
    if (result.article?.id === topic.id) return false;
    return mayBeAbout(result, topic.id);
  }
}

/**
 * Whether a question answered with one article may be about article `id` instead: `id` has every
 * word of it ("can I take it in Spanish?" and the citizenship test's article, though "Spanish" is
 * the interpreter article's subject), or it names the answered article's subject no more than
 * `id`'s (the engine's signals; an article not ranked has neither).
 */
function mayBeAbout(result: AnswerResult<KnowledgeArticle>, id: string): boolean {
  if (hasEveryWord(result, id)) return true;
  return (signalsOf(result, result.article?.id)?.subject ?? 0) <= (signalsOf(result, id)?.subject ?? 0);
}

/** The reading of a question with the topic's title, when it answers with the topic itself. */
function answeredWithTopic(
  read: AnswerResult<KnowledgeArticle>,
  topic: KnowledgeArticle,
): AnswerResult<KnowledgeArticle> | undefined {
  return read.decision === 'answer' && read.article?.id === topic.id ? read : undefined;
}

/** Article `id` has every word of the question (the engine's coverage signal; unranked, none). */
function hasEveryWord(result: AnswerResult<KnowledgeArticle>, id: string): boolean {
  return (signalsOf(result, id)?.coverage ?? 0) >= 1;
}

/** The engine's signals for article `id` in the ranking (undefined when it is not ranked). */
function signalsOf(result: AnswerResult<KnowledgeArticle>, id: string | undefined) {
  return result.ranking.find((candidate) => candidate.document.id === id)?.signals;
}
