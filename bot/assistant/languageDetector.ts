import { eld } from 'eld/extrasmall';
import { eng, spa } from 'stopword';
import type { Locale } from '../../contracts/locale.js';
import type { Phrasebook } from './phrasebook.js';

export interface LanguageDetectorOptions {
  /**
   * The assistant's keyword phrases, by language: a message that is one of them ("gracias",
   * "nope", "dale") is in that language; one the languages share ("ok", "no") says nothing.
   */
  phrasebook?: Pick<Phrasebook, 'languagesOfPhrase'>;
  /** Fewer words than this never switch a conversation under way ("my receipt is EAC…"). */
  minWordsToSwitch: number;
  /**
   * Fewer words than this never set the language of a conversation's first message, when the
   * visitor has said nothing yet ("hola necesito ayuda" on a channel that sent no language).
   */
  minWordsOfFirstMessage: number;
}

export const DEFAULT_LANGUAGE_DETECTOR_OPTIONS: Omit<LanguageDetectorOptions, 'phrasebook'> = {
  minWordsToSwitch: 4,
  minWordsOfFirstMessage: 2,
};

/**
 * Other common languages in the comparison, so that Portuguese or Italian text is not taken for
 * Spanish, nor French or German for English, just because only two candidates were allowed.
 */
const COMPARED_LANGUAGES = ['en', 'es', 'pt', 'it', 'fr', 'de'];
/** A third language this far ahead of English and Spanish means the text is in neither. */
const THIRD_LANGUAGE_LEAD = 0.1;
/** From this many words on, a third language ahead of both is believed. */
const MIN_WORDS_FOR_THIRD_LANGUAGE = 4;
/** Letters only Spanish uses, and its opening question and exclamation marks. */
const SPANISH_MARKS = /[ñ¿¡áéíóú]/i;

/** Function words that are in one list only ("a" and "me" are words in both languages). */
function exclusive(words: readonly string[], other: readonly string[]): ReadonlySet<string> {
  const others = new Set(other);
  return new Set(words.filter((word) => !others.has(word)));
}

export interface LanguageGuess {
  locale: Locale;
  /** How many words the guess rests on (digits, links and acronyms left out). */
  words: number;
  /** Whether the n-gram model, the function words and the keyword phrases leave no doubt. */
  sure: boolean;
  /**
   * Whether the language's own small words or letters say it ("para", "the", "ñ", a keyword
   * phrase), not only the n-gram model: names of things travel between the two languages (a
   * Spanish speaker writes "green card", "parole", "biometrics"), grammar does not.
   */
  grammatical: boolean;
}

/**
 * Tells which of the product's languages a visitor's message is written in. `identify` guesses
 * even for one or two words ("cita para huellas", "nope"), from three signals: the assistant's own
 * keyword phrases of each language, the function words of each language (the `stopword` lists:
 * "para" makes "appointment para biometricos" Spanish), and ELD's n-gram model (`eld`, far better
 * than trigram-only models on short text; its smallest database, which costs the least memory and
 * start-up time and loses nothing measurable here: `npm run eval:language`) compared against other
 * common languages.
 * Receipt numbers, links, emails and acronyms say nothing and are left out; a message of names
 * only ("Maria Lopez") gets no guess.
 *
 * `detect` is the stricter decision to switch a conversation: a sure guess, at least four words
 * once the conversation is under way (two for its first message, and its grammar when the channel
 * named the other language), and never a message that is
 * only a keyword phrase (commands work in both languages, and "ok", "gracias" or "sí por favor" in
 * an English conversation must not flip it).
 */
export class LanguageDetector {
  private readonly options: LanguageDetectorOptions;
  private readonly functionWords: Record<Locale, ReadonlySet<string>>;
  private readonly model = eld.newInstance();

  constructor(options: Partial<LanguageDetectorOptions> = {}) {
    this.options = { ...DEFAULT_LANGUAGE_DETECTOR_OPTIONS, ...options };
    this.functionWords = { en: exclusive(eng, spa), es: exclusive(spa, eng) };
    this.model.setLanguageSubset(COMPARED_LANGUAGES);
  }

  /**
   * The language a conversation should switch to for this message, or undefined to keep it.
   * `channelLanguage`: the language the channel sent with the message (the widget's, the page's);
   * a first message overrides it only when grammar, not only vocabulary, names the other language
   * ("green card" on a Spanish page is a Spanish speaker's question; "cita para huellas" on an
   * English one is not an English speaker's).
   */
  detect(
    text: string,
    { firstMessage = false, channelLanguage }: { firstMessage?: boolean; channelLanguage?: Locale } = {},
  ): Locale | undefined {
    const guess = this.identify(text);
    const minWords = firstMessage ? this.options.minWordsOfFirstMessage : this.options.minWordsToSwitch;
    if (!guess || !guess.sure || guess.words < minWords) return undefined;
    if (firstMessage && channelLanguage && channelLanguage !== guess.locale && !guess.grammatical)
      return undefined;
    if ((this.options.phrasebook?.languagesOfPhrase(text).length ?? 0) > 0) return undefined;
    return guess.locale;
  }

  /**
   * The language a message is surely written in, even one too short to switch a conversation under
   * way ("permiso de trabajo" in an English one): a sure guess of as many words as a first message
   * needs. The assistant asks that language's articles only when its own have no answer.
   */
  surelyWrittenIn(text: string): Locale | undefined {
    const guess = this.identify(text);
    return guess?.sure && guess.words >= this.options.minWordsOfFirstMessage ? guess.locale : undefined;
  }

  /** The best guess of the message's language, or undefined when nothing in it tells. */
  identify(text: string): LanguageGuess | undefined {
    const tokens = text
      .replace(/https?:\/\/\S+/gi, ' ')
      .split(/\s+/)
      // Digits, emails and domains (receipt numbers, forms, phone numbers, uscis.gov) are no words.
      .filter((token) => token !== '' && !/\d|@|\w\.\w/.test(token))
      .map((token) => token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
      .filter((token) => /\p{L}/u.test(token));
    // Acronyms (USCIS, DACA, TPS) are the same in both languages.
    const words = tokens.filter((token) => !(token.length > 1 && token === token.toUpperCase()));
    if (words.length === 0) return undefined;
    const prose = words.join(' ');

    const phraseOf = this.options.phrasebook?.languagesOfPhrase(prose) ?? [];
    // A phrase both languages use ("ok", "no", "menu") tells none.
    if (phraseOf.length > 1) return undefined;
    const [phrase] = phraseOf;
    if (phrase) return { locale: phrase, words: words.length, sure: true, grammatical: true };
    // Names only: every word capitalised ("Maria Lopez", "José García").
    if (words.length >= 2 && words.length <= 3 && words.every((word) => /^\p{Lu}\p{Ll}/u.test(word)))
      return undefined;

    const lower = words.map((word) => word.toLowerCase());
    const hits = (locale: Locale) => lower.filter((word) => this.functionWords[locale].has(word)).length;
    const functionWords = { en: hits('en'), es: hits('es') };
    const byFunctionWords: Locale | undefined =
      functionWords.en > 0 && functionWords.es === 0
        ? 'en'
        : functionWords.es > 0 && functionWords.en === 0
          ? 'es'
          : undefined;

    const result = this.model.detect(prose);
    const scores = result.getScores();
    const en = scores.en ?? 0;
    const es = scores.es ?? 0;
    const best = Math.max(0, ...Object.values(scores));
    const byModel: Locale | undefined = en === 0 && es === 0 ? undefined : en >= es ? 'en' : 'es';
    const thirdLanguage =
      byModel !== undefined &&
      words.length >= MIN_WORDS_FOR_THIRD_LANGUAGE &&
      best - Math.max(en, es) > THIRD_LANGUAGE_LEAD;
    if (thirdLanguage) return undefined;

    const marks: Locale | undefined = SPANISH_MARKS.test(prose) && functionWords.en === 0 ? 'es' : undefined;
    const locale = byFunctionWords ?? marks ?? byModel;
    if (!locale) return undefined;
    // Sure only when nothing points the other way: a Spanish question quoting an English status
    // ("¿qué significa 'Case Was Approved'?") has function words or accents of both.
    const mixedFunctionWords = functionWords.en > 0 && functionWords.es > 0;
    const spanishMarks: Locale | undefined = SPANISH_MARKS.test(prose) ? 'es' : undefined;
    const signals = [byFunctionWords, marks, byModel, spanishMarks].filter((signal) => signal !== undefined);
    const sure =
      !mixedFunctionWords &&
      signals.every((signal) => signal === locale) &&
      (byFunctionWords !== undefined || result.isReliable());
    const grammatical = byFunctionWords === locale || marks === locale;
    return { locale, words: words.length, sure, grammatical };
  }
}
