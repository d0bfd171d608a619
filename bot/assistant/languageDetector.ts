import { francAll } from 'franc-min';
import { eng, spa } from 'stopword';
import type { Locale } from '../../knowledge/content/article.js';

export interface LanguageDetectorOptions {
  /** Fewer words than this never change the language ("ok", "gracias", "EAC9999103402"). */
  minWords: number;
  /** Fewer letters than this never change the language. */
  minLetters: number;
  /**
   * How far ahead of the other product language the winner must be in franc's English/Spanish
   * score (franc gives the winner 1 and the others a share of it).
   */
  minMargin: number;
  /** The winner must also be at least this close to the best of the other common languages. */
  minShareOfBest: number;
}

export const DEFAULT_LANGUAGE_DETECTOR_OPTIONS: LanguageDetectorOptions = {
  minWords: 4,
  minLetters: 20,
  minMargin: 0.15,
  minShareOfBest: 0.9,
};

/** ISO 639-3 codes franc uses for the product's languages. */
const FRANC_CODE: Record<Locale, string> = { en: 'eng', es: 'spa' };
/**
 * Other common languages in the mix so that Portuguese or Italian text is not taken for
 * Spanish, nor French or German for English, just because only two candidates were allowed.
 */
const COMMON_LANGUAGES = ['eng', 'spa', 'por', 'fra', 'ita', 'deu'];

/** Function words that are in one list only ("a" and "me" are words in both languages). */
function exclusive(words: readonly string[], other: readonly string[]): ReadonlySet<string> {
  const others = new Set(other);
  return new Set(words.filter((word) => !others.has(word)));
}

/**
 * Tells whether a visitor's message is clearly written in English or Spanish. Short or mixed
 * messages give no answer, so that "ok", a receipt number or "gracias" in an English
 * conversation never flip the language.
 *
 * Two independent signals must agree: franc's character-trigram model (restricted to common
 * languages, with a margin) and the share of each language's function words (the `stopword`
 * lists). Trigrams alone misjudge short sentences ("necesito hablar con alguien" scores Italian).
 */
export class LanguageDetector {
  private readonly options: LanguageDetectorOptions;
  private readonly functionWords: Record<Locale, ReadonlySet<string>>;

  constructor(options: Partial<LanguageDetectorOptions> = {}) {
    this.options = { ...DEFAULT_LANGUAGE_DETECTOR_OPTIONS, ...options };
    this.functionWords = { en: exclusive(eng, spa), es: exclusive(spa, eng) };
  }

  /** The language the text is clearly written in, or undefined when it cannot be told. */
  detect(text: string): Locale | undefined {
    // Receipt numbers, links and other tokens with digits say nothing about the language.
    const words = text
      .replace(/https?:\/\/\S+/gi, ' ')
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((word) => word.length > 0);
    const letters = words.reduce((sum, word) => sum + word.length, 0);
    if (words.length < this.options.minWords || letters < this.options.minLetters) return undefined;
    const prose = words.join(' ');

    const [first, second] = francAll(prose, { only: [FRANC_CODE.en, FRANC_CODE.es], minLength: 1 });
    const winner = first?.[0] === FRANC_CODE.en ? 'en' : first?.[0] === FRANC_CODE.es ? 'es' : undefined;
    if (!winner || 1 - (second?.[1] ?? 0) < this.options.minMargin) return undefined;

    const common = francAll(prose, { only: COMMON_LANGUAGES, minLength: 1 });
    const winnerShare = common.find(([code]) => code === FRANC_CODE[winner])?.[1] ?? 0;
    if (winnerShare < this.options.minShareOfBest) return undefined;

    const loser: Locale = winner === 'en' ? 'es' : 'en';
    const hits = (locale: Locale) => words.filter((word) => this.functionWords[locale].has(word)).length;
    const winnerHits = hits(winner);
    if (winnerHits < 2 || winnerHits < 2 * hits(loser)) return undefined;
    return winner;
  }
}
