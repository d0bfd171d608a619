import type { I18n } from '../i18n/i18n.js';
import { LOCALES, type Locale } from '../../contracts/locale.js';
import { isOneEditApart } from '../../knowledge/engine/index.js';
import { normalizeText } from '../shared/normalizeText.js';

// Keywords and messages are compared in one normalized form, shared with the handoff's "end chat".
export { normalizeText };

/** Keyword lists under `keywords.*` in the bot resources. */
export const KEYWORD_LISTS = [
  'help',
  /**
   * Asking for help without a question yet ("I need help with my case", "tengo una pregunta"): the
   * help menu, when no dialog waits (inside one, such words may be the visitor's answer).
   */
  'helpRequest',
  'restart',
  'cancel',
  'agent',
  'agentAlone',
  'agentRequest',
  'caseStatus',
  'caseHistory',
  'yes',
  'no',
  'noneOfThese',
  'switchToEnglish',
  'switchToSpanish',
  'smallTalk.hello',
  'smallTalk.thanks',
  'smallTalk.bye',
  'smallTalk.robot',
  'smallTalk.whoAreYou',
  'smallTalk.insult',
  /** "That didn't help", "no me sirvió": the last answer was not what the visitor asked. */
  'smallTalk.notHelpful',
  /** Words around a reply that change nothing ("yes please", "no, thanks"). */
  'replyFiller',
  /** Picking the n-th option of a list ("2", "the second one", "la segunda"). */
  'ordinal.1',
  'ordinal.2',
  'ordinal.3',
  'ordinal.4',
  'ordinal.5',
  'ordinal.last',
  /** Words around an ordinal ("the … one", "la opción …"). */
  'choiceFiller',
  /** Words around a language's name in a request for it ("can you help me in Spanish?"). */
  'languageRequest',
  /** Follow-ups that ask about one detail of the current topic, without naming the topic. */
  'followUp.cost',
  'followUp.deadline',
  'followUp.time',
  'followUp.documents',
  'followUp.form',
  'followUp.where',
  'followUp.meaning',
  'followUp.lost',
  'followUp.waiver',
  'followUp.next',
  'followUp.more',
  /** Words around a follow-up ("and how long?", "¿y eso cuánto cuesta?"). */
  'followUp.filler',
  /** Words that point back to the current topic ("can I renew it?", "¿lo puedo hacer en línea?"). */
  'followUp.backReference',
  /**
   * Word endings that carry a pronoun pointing back: Spanish attaches it to the verb
   * ("¿cuánto cuesta arreglarlo?", "¿puedo pedirla en línea?"), so no word of its own says "it".
   */
  'followUp.backReferenceEnding',
  /** Words that open a message as a continuation of the last one ("and can I travel…", "y puedo…"). */
  'followUp.continuation',
  /**
   * Words that open a message naming a new subject for the last question's detail ("what about
   * the work permit?", "¿y la green card?"; see `SameDetailFollowUp`).
   */
  'followUp.newSubject',
  /** A judgement asked of the current topic and nothing else ("do I qualify?", "¿califico?"). */
  'followUp.bareJudgement',
  /** "Where do I find it?" about a receipt number. */
  'receiptWhere',
  /** "I don't have it (with me)" about a receipt number. */
  'receiptMissing',
  /** Words that say a number is meant as a receipt number ("receipt", "recibo"). */
  'receiptWords',
  /** Words that say a number is an A-number ("A number", "número de extranjero"). */
  'aNumberWords',
  /** How questions start ("how", "¿cómo"): a typed question rather than an answer to a prompt. */
  'questionStarts',
  /** Sending what was collected as it is ("send it", "that's right"). */
  'confirmSend',
  /** The parts of a message left for an agent, named to change one ("the name", "mi correo"). */
  'field.name',
  'field.contact',
  'field.question',
  'field.urgent',
  /** Words that introduce a name ("my name is", "me llamo"). */
  'nameIntro',
  /** Words that introduce an email or a phone number ("call me at", "mi correo es"). */
  'contactIntro',
  /** Words around a part to change ("change the name", "el correo está mal"). */
  'editFiller',
  /** Whether a message left for an agent is urgent, in words ("not urgent", "es urgente"). */
  'urgency.yes',
  'urgency.no',
] as const;

export type KeywordList = (typeof KEYWORD_LISTS)[number];

/** Shorter words are too close to too many others to be read as a typo of one (`withTyposCorrected`). */
const MIN_TYPO_LENGTH = 4;

/** The words of some keyword lists, and those long enough to be typo targets by their length. */
interface Vocabulary {
  words: ReadonlySet<string>;
  byLength: ReadonlyMap<number, readonly string[]>;
}

/**
 * Letters a word must have before an ending of `hasWordEnding` for the ending to be read as one:
 * "arreglarlo", "pedirla", but not "perla" or "charla", which only end like a verb with a pronoun.
 */
const MIN_LETTERS_BEFORE_ENDING = 3;

/** The longest leading phrase `withoutLeadingPhrase` looks for, in words. */
const MAX_LEADING_PHRASE_WORDS = 4;

/** A phrase of a list, as `Phrasebook.parse` tries them. */
interface Candidate {
  phrase: readonly string[];
  core: boolean;
}

/**
 * The keywords the assistant reacts to ("help", "agente", "start over"...), read from the i18n
 * resources of every language at once: a visitor who types "ayuda" in an English conversation
 * still gets help. Keeping them in the resources lets translators own them; none is in code.
 */
export class Phrasebook {
  private readonly phrases = new Map<KeywordList, ReadonlySet<string>>();
  private readonly splitPhrases = new Map<KeywordList, readonly (readonly string[])[]>();
  /**
   * `parse`'s candidates for one combination of core and filler lists, by their first word (only
   * those can match at a word), in the order `parse` tries them.
   */
  private readonly candidatesByFirstWord = new Map<string, ReadonlyMap<string, readonly Candidate[]>>();
  /** The words of some combinations of lists (see `withTyposCorrected`). */
  private readonly vocabularies = new Map<string, Vocabulary>();
  /** Each phrase of a whole-message list with the languages it is a phrase of. */
  private readonly localesOfPhrase = new Map<string, Set<Locale>>();

  constructor(i18n: I18n) {
    for (const list of KEYWORD_LISTS) {
      const phrases = new Set<string>();
      for (const locale of LOCALES) {
        const value: unknown = i18n.getResource(locale, 'bot', `keywords.${list}`);
        if (!Array.isArray(value))
          throw new Error(`bot resources: keywords.${list} (${locale}) must be a list`);
        for (const phrase of value) {
          const normalized = typeof phrase === 'string' ? normalizeText(phrase) : '';
          if (!normalized) continue;
          phrases.add(normalized);
          const locales = this.localesOfPhrase.get(normalized) ?? new Set<Locale>();
          locales.add(locale);
          this.localesOfPhrase.set(normalized, locales);
        }
      }
      this.phrases.set(list, phrases);
    }
  }

  /** The whole message is one of the list's phrases ("help", "¿Ayuda?"). */
  isWhole(list: KeywordList, text: string): boolean {
    return this.phrasesOf(list).has(normalizeText(text));
  }

  /**
   * A yes (true) or no (false), alone or with polite words ("yes please", "no, gracias");
   * undefined for anything else, a message with both included.
   */
  yesOrNo(text: string): boolean | undefined {
    const yes = this.phrasesIn(['yes'], ['replyFiller'], text) !== undefined;
    const no = this.phrasesIn(['no'], ['replyFiller'], text) !== undefined;
    return yes === no ? undefined : yes;
  }

  /**
   * The languages whose keyword lists have the whole message as a phrase: one ("gracias",
   * "thanks a lot"), both ("ok", "no", "menu"), or none.
   */
  languagesOfPhrase(text: string): readonly Locale[] {
    return [...(this.localesOfPhrase.get(normalizeText(text)) ?? [])];
  }

  /**
   * The message without the longest phrase of the list it starts with, its other words as typed
   * ("My name is José Pérez" → "José Pérez").
   */
  withoutLeadingPhrase(list: KeywordList, text: string): string {
    const words = text.trim().split(/\s+/);
    const phrases = this.phrasesOf(list);
    let skip = 0;
    for (let count = 1; count <= Math.min(words.length - 1, MAX_LEADING_PHRASE_WORDS); count++) {
      if (phrases.has(normalizeText(words.slice(0, count).join(' ')))) skip = count;
    }
    return words.slice(skip).join(' ');
  }

  /** The message opens with a phrase of the list and says more after it ("and can I travel?"). */
  startsWith(list: KeywordList, text: string): boolean {
    return this.withoutLeadingPhrase(list, text) !== text.trim().split(/\s+/).join(' ');
  }

  /**
   * The message (normalized) with each word the lists do not have replaced by the one word of
   * theirs it is a slip of the keyboard for: one letter added, dropped or changed, or two letters
   * swapped ("how mcuh" → "how much", "cuanto questa" → "cuanto cuesta"). Only words of
   * `MIN_TYPO_LENGTH` letters or more are read so; a word close to several stays as typed.
   */
  withTyposCorrected(lists: readonly KeywordList[], text: string): string {
    const { words, byLength } = this.vocabularyOf(lists);
    return normalizeText(text)
      .split(' ')
      .map((word) => {
        if (word.length < MIN_TYPO_LENGTH || words.has(word)) return word;
        // One edit changes the length by at most one: only those words are compared.
        const close = [word.length - 1, word.length, word.length + 1].flatMap((length) =>
          (byLength.get(length) ?? []).filter((known) => isOneEditApart(known, word)),
        );
        return close.length === 1 ? (close[0] as string) : word;
      })
      .join(' ');
  }

  /**
   * Every word of the message (normalized) is a word of some phrase of these lists: else no
   * reading of it as phrases of theirs (`phrasesIn`, `consistsOf`) can succeed.
   */
  hasOnlyWordsOf(lists: readonly KeywordList[], text: string): boolean {
    const { words } = this.vocabularyOf(lists);
    return normalizeText(text)
      .split(' ')
      .every((word) => word === '' || words.has(word));
  }

  private vocabularyOf(lists: readonly KeywordList[]): Vocabulary {
    const key = lists.join('\u0000');
    let vocabulary = this.vocabularies.get(key);
    if (!vocabulary) {
      const words = new Set(
        lists.flatMap((list) => [...this.phrasesOf(list)].flatMap((phrase) => phrase.split(' '))),
      );
      const byLength = new Map<number, string[]>();
      for (const word of words)
        if (word.length >= MIN_TYPO_LENGTH)
          byLength.set(word.length, [...(byLength.get(word.length) ?? []), word]);
      vocabulary = { words, byLength };
      this.vocabularies.set(key, vocabulary);
    }
    return vocabulary;
  }

  /** A word of the message ends with one of the list's phrases, after a stem of its own ("pedirla"). */
  hasWordEnding(list: KeywordList, text: string): boolean {
    const endings = [...this.phrasesOf(list)];
    return normalizeText(text)
      .split(' ')
      .some((word) =>
        endings.some(
          (ending) => word.length >= ending.length + MIN_LETTERS_BEFORE_ENDING && word.endsWith(ending),
        ),
      );
  }

  /**
   * The message (normalized) without the list's phrases where they appear as whole words, longest
   * first ("can I work in the meantime" → "can i work").
   */
  withoutPhrases(list: KeywordList, text: string): string {
    let padded = ` ${normalizeText(text)} `;
    const longestFirst = [...this.phrasesOf(list)].sort((a, b) => b.length - a.length);
    for (const phrase of longestFirst) {
      while (padded.includes(` ${phrase} `)) padded = padded.replace(` ${phrase} `, ' ');
    }
    return padded.trim();
  }

  /** One of the list's phrases appears in the message as whole words ("can I talk to an agent"). */
  contains(list: KeywordList, text: string): boolean {
    const padded = ` ${normalizeText(text)} `;
    if (padded.trim() === '') return false;
    for (const phrase of this.phrasesOf(list)) {
      if (padded.includes(` ${phrase} `)) return true;
    }
    return false;
  }

  /**
   * The message is made only of phrases of these lists, word for word ("I want to talk to an
   * agent please" from `agentRequest` and `agent`), so it says nothing else. At each word the
   * longest phrase that fits is taken.
   */
  consistsOf(lists: readonly KeywordList[], text: string): boolean {
    return this.parse(lists, [], text) !== undefined;
  }

  /**
   * The message is made of phrases of `core` and `filler` only, with at least one of `core`
   * ("yes please": `yes` + `replyFiller`; "please" alone is no yes). Returns the core phrases
   * found, or undefined when the message says something else.
   */
  phrasesIn(
    core: readonly KeywordList[],
    filler: readonly KeywordList[],
    text: string,
  ): string[] | undefined {
    const found = this.parse(core, filler, text);
    return found && found.length > 0 ? found : undefined;
  }

  /**
   * Reads the message as a sequence of phrases of the lists, preferring the longest phrase at each
   * word (a core phrase wins a tie with a filler one) and trying shorter ones where the longest
   * leaves the rest unreadable: "no it is not urgent" is "no" + "it is not urgent", though "no it
   * is not" is a phrase too. The core phrases found, or undefined when no reading covers every word.
   */
  private parse(
    core: readonly KeywordList[],
    filler: readonly KeywordList[],
    text: string,
  ): string[] | undefined {
    const words = normalizeText(text).split(' ').filter(Boolean);
    if (words.length === 0) return undefined;
    const byFirstWord = this.candidatesFor(core, filler);
    // Positions from which the rest cannot be read: each is tried once, so a reading costs at most
    // words × candidates, however the phrases overlap.
    const unreadableFrom = new Set<number>();
    const readFrom = (at: number): string[] | undefined => {
      if (at === words.length) return [];
      if (unreadableFrom.has(at)) return undefined;
      for (const { phrase, core: isCore } of byFirstWord.get(words[at] as string) ?? []) {
        if (!phrase.every((word, offset) => words[at + offset] === word)) continue;
        const rest = readFrom(at + phrase.length);
        if (rest) return isCore ? [phrase.join(' '), ...rest] : rest;
      }
      unreadableFrom.add(at);
      return undefined;
    };
    return readFrom(0);
  }

  /** The candidates of `parse` for these lists, grouped by first word; built once per combination. */
  private candidatesFor(
    core: readonly KeywordList[],
    filler: readonly KeywordList[],
  ): ReadonlyMap<string, readonly Candidate[]> {
    const key = `${core.join(',')}|${filler.join(',')}`;
    let byFirstWord = this.candidatesByFirstWord.get(key);
    if (!byFirstWord) {
      const grouped = new Map<string, Candidate[]>();
      const candidates: Candidate[] = [
        ...core.flatMap((list) => this.wordsOf(list).map((phrase) => ({ phrase, core: true }))),
        ...filler.flatMap((list) => this.wordsOf(list).map((phrase) => ({ phrase, core: false }))),
      ];
      for (const candidate of candidates) {
        const first = candidate.phrase[0] as string;
        const group = grouped.get(first);
        if (group) group.push(candidate);
        else grouped.set(first, [candidate]);
      }
      // Longest first, core before filler at the same length; the sort is stable, so list order
      // breaks the remaining ties.
      for (const group of grouped.values())
        group.sort((a, b) => b.phrase.length - a.phrase.length || Number(b.core) - Number(a.core));
      byFirstWord = grouped;
      this.candidatesByFirstWord.set(key, byFirstWord);
    }
    return byFirstWord;
  }

  /** A list's phrases split into words, once. */
  private wordsOf(list: KeywordList): readonly (readonly string[])[] {
    let split = this.splitPhrases.get(list);
    if (!split) {
      split = [...this.phrasesOf(list)].map((phrase) => phrase.split(' '));
      this.splitPhrases.set(list, split);
    }
    return split;
  }

  private phrasesOf(list: KeywordList): ReadonlySet<string> {
    return this.phrases.get(list) ?? new Set();
  }
}

/** Number of words in a message after normalisation. */
export function wordCount(text: string): number {
  const normalized = normalizeText(text);
  return normalized ? normalized.split(' ').length : 0;
}
