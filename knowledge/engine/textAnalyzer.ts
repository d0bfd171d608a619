import snowball, { type SnowballStemmer } from 'snowball-stemmers';
import { eng, spa } from 'stopword';
import { languageOf } from './calibrationFile.js';
import { collapseDoubles, PHONETIC_KEYS, type PhoneticKey } from './soundAlike.js';
import { spanishInfinitive } from './spanishVerbForms.js';
import { StopWordTypos } from './stopWordTypos.js';
import type { SynonymMatcher } from './synonymMatcher.js';
import { BoundedMemo } from './boundedMemo.js';

/**
 * Turns text into the terms the index and the queries share: Unicode word segmentation
 * (Intl.Segmenter), lower case, Snowball stems, accent folding, stop words marked, and the
 * synonym concepts found in the text. The same analyzer runs on documents and on questions, so
 * whatever it does is symmetric.
 */

/** What one language needs: a Snowball algorithm, its stop words, and how to prepare words. */
interface LanguageProfile {
  stemmer?: SnowballStemmer;
  stopWords: ReadonlySet<string>;
  /** Function words typed wrong ("ocmo", "tenggo", "waht"); see `StopWordTypos`. */
  stopWordTypos?: StopWordTypos;
  /** Rewrites a stem as it sounds, so that sound-alike spellings share it (see `PHONETIC_KEYS`). */
  stemKey?: PhoneticKey;
  /** Runs on a word before stemming; see `restoreSpanishSuffixAccent`. */
  prepareForStemming?: (word: string) => string;
}

export interface AnalyzedText {
  /** Every word, lower-cased and accent-folded, in order. */
  words: string[];
  /** The folded stem of each word, aligned with `words`. */
  stems: string[];
  /** `isStopWord[i]` tells whether `words[i]` is a stop word. */
  isStopWord: boolean[];
  /** Stems of the content words (stop words removed), in order. */
  contentStems: string[];
  /** Folded surface forms of the content words, aligned with `contentStems`. */
  contentWords: string[];
  /** Synonym concepts found in the text, as terms ("syn:green-card"), in order of appearance. */
  concepts: string[];
}

/**
 * What `analyze` makes of a text before its synonym concepts: the words, their stems and which are
 * stop words (the content words and stems follow from these). It depends on the text, the
 * language and the engine's version only (not on the synonym tables), so it can be kept between
 * restarts (see `TextAnalyzer.recordAnalyses`).
 */
export interface WordAnalysis {
  words: string[];
  stems: string[];
  isStopWord: boolean[];
}

/**
 * Where the analyses of a language's document texts are kept between restarts, by text (see
 * `WordAnalysis`). `load` resolves to undefined when it has nothing usable (no entry, another
 * engine version, a damaged entry); `save` replaces the entry. Neither rejects: a cache that cannot
 * be read or written only costs the analysis time.
 */
export interface AnalysisCache {
  load(name: string): Promise<ReadonlyMap<string, WordAnalysis> | undefined>;
  save(name: string, analyses: ReadonlyMap<string, WordAnalysis>): Promise<void>;
}

/**
 * Spanish visitors often type without accents ("informacion"), but Snowball's Spanish rules look for
 * accented suffixes ("-ción"), so "informacion" would not be stemmed like "información". Putting
 * the accent back on the few suffixes whose rules need it makes both spellings reach the same stem.
 */
export function restoreSpanishSuffixAccent(word: string): string {
  if (/[áéíóú]/.test(word)) return word;
  if (word.endsWith('cion')) return `${word.slice(0, -4)}ción`;
  if (word.endsWith('sion')) return `${word.slice(0, -4)}sión`;
  if (word.endsWith('logia')) return `${word.slice(0, -5)}logía`;
  return word;
}

/** A Spanish word as Snowball should see it: stem-changed verbs as their infinitive, suffix accents restored. */
function prepareSpanishWord(word: string): string {
  return spanishInfinitive(foldAccents(word)) ?? restoreSpanishSuffixAccent(word);
}

/**
 * Spanish function words that the `stopword` package's short Spanish list lacks but that carry no
 * topic (its English list already has their counterparts: "is", "can", "how", "my"...). Kept small
 * and topic-free on purpose.
 */
const EXTRA_SPANISH_STOP_WORDS = [
  'es',
  'son',
  'esta',
  'estan',
  'estoy',
  'hay',
  'ser',
  'fue',
  'ha',
  'han',
  'he',
  'hace',
  'puedo',
  'puede',
  'pueden',
  'podria',
  'debo',
  'tengo',
  'tiene',
  'como',
  'donde',
  'cuando',
  'cual',
  'cuales',
  'cuanto',
  'cuantos',
  'cuanta',
  'que',
  'quien',
  'mis',
  'tu',
  'tus',
  'yo',
  'usted',
  'ustedes',
  'les',
  'e',
  'u',
  'o',
  'este',
  'estos',
  'estas',
  'esa',
  'esos',
  'esas',
  'hola',
  'favor',
  // Courtesy, the counterparts of "hello", "please", "thanks" in the English list ("me regala…",
  // "could you give me…", in Colombia and Central America). "perdón" stays: "perdón migratorio" is a waiver.
  'gracias',
  'disculpe',
  'disculpa',
  'buenas',
  'buenos',
  'tardes',
  'oiga',
  'quisiera',
  'regala',
  'regalas',
  'regalan',
  'algo',
  'alguna',
  'alguno',
  'unos',
  'unas',
  'hacer',
  'si',
  'mas',
  // Function words as typed in a text message ("xq no llega", "q es daca", "porfa").
  'q',
  'xq',
  'pq',
  'porq',
  'xk',
  'tb',
  'tmb',
  'porfa',
];
/** The word for a visa in both languages (see `analyzeWords`). */
const VISA: ReadonlySet<string> = new Set(['visa', 'visas']);

const EXTRA_ENGLISH_STOP_WORDS = [
  // Function words as typed in a text message: "how do u check ur case", "plz help"; only those
  // whose word is a stop word ("wen" is not: "when" is not one). "u" is "you", except beside "visa".
  'u',
  'hw',
  'wat',
  'wht',
  'ur',
  'r',
  'cn',
  'hv',
  'abt',
  'bc',
  'cuz',
  'coz',
  'pls',
  'plz',
  'thx',
  'thnx',
  // The package's list has "what", "where", "who" and "how" but not these question and auxiliary forms.
  'why',
  'whom',
  'whose',
  'does',
  'doing',
  'done',
  'will',
  'shall',
  'may',
  // Contractions lose their apostrophe in `words()`.
  'dont',
  'doesnt',
  'didnt',
  'cant',
  'cannot',
  'wont',
  'isnt',
  'arent',
  'wasnt',
  'im',
  'ive',
  'whats',
  'hows',
  'wheres',
  'whos',
  'hello',
  'hi',
  'please',
  'thanks',
  'thank',
];

export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

function stopWordSet(...lists: readonly string[][]): Set<string> {
  return new Set(lists.flat().map((word) => foldAccents(word.toLowerCase())));
}

/** Builds the profile of a locale's language; languages without one get plain folded words. */
function languageProfile(locale: string): LanguageProfile {
  switch (languageOf(locale)) {
    case 'en': {
      const stopWords = stopWordSet(eng, EXTRA_ENGLISH_STOP_WORDS);
      return {
        stemmer: snowball.newStemmer('english'),
        stopWords,
        stopWordTypos: new StopWordTypos('en', stopWords),
        stemKey: collapseDoubles,
      };
    }
    case 'es': {
      const stopWords = stopWordSet(spa, EXTRA_SPANISH_STOP_WORDS);
      return {
        stemmer: snowball.newStemmer('spanish'),
        stopWords,
        stopWordTypos: new StopWordTypos('es', stopWords, PHONETIC_KEYS.es),
        stemKey: PHONETIC_KEYS.es,
        prepareForStemming: prepareSpanishWord,
      };
    }
    default:
      return { stopWords: new Set() };
  }
}

/**
 * Writes form and document numbers one way: "I-551" and "i551" both become "i551", so the segmenter
 * does not split them into a letter and a number. (A space is not joined: "a 5 días" is no form.) Single-letter prefixes joined by a
 * hyphen ("e-mail", "e-Request") are written as one word too.
 */
function joinCodes(text: string): string {
  return text
    .replace(/\b([a-z]{1,2})-?(\d{1,4}[a-z]?)\b/g, '$1$2')
    .replace(/\b([a-z])-(\p{L}{2,})/gu, '$1$2');
}

export class TextAnalyzer {
  readonly locale: string;
  private readonly profile: LanguageProfile;
  private readonly segmenter: Intl.Segmenter;
  private readonly stems = new BoundedMemo<string>(50_000);
  private synonyms: SynonymMatcher | undefined;
  /** While recording (see `recordAnalyses`): analyses kept from before, and those of this recording. */
  private known: ReadonlyMap<string, WordAnalysis> | undefined;
  private recorded: Map<string, WordAnalysis> | undefined;
  private recordedMisses = 0;

  constructor(locale: string) {
    this.locale = locale;
    this.profile = languageProfile(locale);
    this.segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  }

  /** Sets the synonym concepts to detect (done after construction because the matcher analyzes its phrases with this analyzer). */
  useSynonyms(synonyms: SynonymMatcher): void {
    this.synonyms = synonyms;
  }

  /** Lower-cased, accent-folded words of `text`, in order, stop words included. */
  words(text: string): string[] {
    const normalized = joinCodes(
      text
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[’‘`´]/g, "'"),
    );
    const words: string[] = [];
    for (const segment of this.segmenter.segment(normalized)) {
      if (!segment.isWordLike) continue;
      // "visitor's" → "visitor", "don't" → "dont": apostrophes only split the same word two ways.
      const word = segment.segment.replace(/'s$/, '').replace(/'/g, '');
      if (word.length > 0) words.push(word);
    }
    return words;
  }

  /** The folded stem of one lower-cased word. */
  stem(word: string): string {
    return this.stems.get(word, (unseen) => this.computeStem(unseen));
  }

  private computeStem(word: string): string {
    const { stemmer, prepareForStemming, stemKey } = this.profile;
    const prepared = prepareForStemming ? prepareForStemming(word) : word;
    let stem = foldAccents(stemmer && !/\d/.test(word) ? stemmer.stem(prepared) : word);
    if (stemKey && !/\d/.test(word)) stem = stemKey(stem);
    return stem;
  }

  isStopWord(foldedWord: string): boolean {
    return this.profile.stopWords.has(foldedWord);
  }

  /**
   * From now until `stopRecording`, `analyze` takes a text's words and stems from `known` when it
   * is there (the article texts analysed by an earlier start: segmenting and stemming them is most
   * of an index build), and records the analysis of every text it is given. Only for a bounded
   * set of texts (an index build), never for visitors' questions.
   */
  recordAnalyses(known: ReadonlyMap<string, WordAnalysis>): void {
    this.known = known;
    this.recorded = new Map();
    this.recordedMisses = 0;
  }

  /** Ends the recording: the analyses of the texts given since, and how many were not in `known`. */
  stopRecording(): { analyses: Map<string, WordAnalysis>; misses: number } {
    const result = {
      analyses: this.recorded ?? new Map<string, WordAnalysis>(),
      misses: this.recordedMisses,
    };
    this.known = undefined;
    this.recorded = undefined;
    this.recordedMisses = 0;
    return result;
  }

  analyze(text: string): AnalyzedText {
    let base: WordAnalysis | undefined;
    if (this.recorded) {
      base = this.recorded.get(text) ?? this.known?.get(text);
      if (base === undefined) {
        base = this.analyzeWords(text);
        this.recordedMisses++;
      }
      this.recorded.set(text, base);
      // Callers own what they are given: the kept analysis is not shared with them.
      base = { words: base.words.slice(), stems: base.stems.slice(), isStopWord: base.isStopWord.slice() };
    } else {
      base = this.analyzeWords(text);
    }
    const { words, stems, isStopWord } = base;
    const contentStems: string[] = [];
    const contentWords: string[] = [];
    for (let i = 0; i < words.length; i++) {
      if (!isStopWord[i]) {
        contentStems.push(stems[i] as string);
        contentWords.push(words[i] as string);
      }
    }
    const concepts = this.synonyms ? this.synonyms.conceptsIn(contentStems) : [];
    return { words, stems, isStopWord, contentStems, contentWords, concepts };
  }

  private analyzeWords(text: string): WordAnalysis {
    const rawWords = this.words(text);
    const words: string[] = [];
    const stems: string[] = [];
    const isStopWord: boolean[] = [];
    for (const raw of rawWords) {
      let folded = foldAccents(raw);
      let stop = this.isStopWord(folded);
      // A function word typed wrong is that function word, not a rare word no article has.
      const intended = stop ? undefined : this.profile.stopWordTypos?.intended(folded);
      if (intended !== undefined) {
        folded = intended;
        stop = true;
      }
      words.push(folded);
      stems.push(this.stem(intended ?? raw));
      isStopWord.push(stop);
    }
    // A letter beside "visa" names a visa class ("u visa", "visa U"): a word there, not "you" or "o".
    for (let i = 0; i < words.length; i++) {
      if (
        isStopWord[i] &&
        words[i]?.length === 1 &&
        (VISA.has(words[i - 1] ?? '') || VISA.has(words[i + 1] ?? ''))
      )
        isStopWord[i] = false;
    }
    return { words, stems, isStopWord };
  }

  /** Synonym concepts among already-analyzed content stems (used again after typo correction). */
  conceptsIn(contentStems: readonly string[]): string[] {
    return this.synonyms ? this.synonyms.conceptsIn(contentStems) : [];
  }

  /** The search terms of a text: content stems followed by synonym concepts. */
  terms(text: string): string[] {
    const analyzed = this.analyze(text);
    return [...analyzed.contentStems, ...analyzed.concepts];
  }
}

/** Character trigrams of words, each word padded with "#" so word edges count. */
export function characterTrigrams(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words) {
    const padded = `#${word}#`;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const gram = padded.slice(i, i + 3);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}
