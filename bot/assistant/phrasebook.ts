import type { I18n } from '../i18n/i18n.js';
import { LOCALES } from '../../knowledge/content/article.js';

/** Keyword lists under `keywords.*` in the bot resources. */
export const KEYWORD_LISTS = [
  'help',
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
] as const;

export type KeywordList = (typeof KEYWORD_LISTS)[number];

/**
 * Lower case, accents and punctuation removed, apostrophes dropped ("What's" → "whats"), spaces
 * collapsed. Keywords and messages go through the same function, so "¿Qué puedes hacer?" matches
 * the keyword "que puedes hacer".
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The keywords the assistant reacts to ("help", "agente", "start over"...), read from the i18n
 * resources of every language at once: a visitor who types "ayuda" in an English conversation
 * still gets help. Keeping them in the resources lets translators own them; none is in code.
 */
export class Phrasebook {
  private readonly phrases = new Map<KeywordList, ReadonlySet<string>>();

  constructor(i18n: I18n) {
    for (const list of KEYWORD_LISTS) {
      const phrases = new Set<string>();
      for (const locale of LOCALES) {
        const value: unknown = i18n.getResource(locale, 'bot', `keywords.${list}`);
        if (!Array.isArray(value))
          throw new Error(`bot resources: keywords.${list} (${locale}) must be a list`);
        for (const phrase of value) {
          const normalized = typeof phrase === 'string' ? normalizeText(phrase) : '';
          if (normalized) phrases.add(normalized);
        }
      }
      this.phrases.set(list, phrases);
    }
  }

  /** The whole message is one of the list's phrases ("help", "¿Ayuda?"). */
  isWhole(list: KeywordList, text: string): boolean {
    return this.phrasesOf(list).has(normalizeText(text));
  }

  /** A plain yes (true) or no (false) as the whole message; undefined for anything else. */
  yesOrNo(text: string): boolean | undefined {
    if (this.isWhole('yes', text)) return true;
    if (this.isWhole('no', text)) return false;
    return undefined;
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
    const words = normalizeText(text).split(' ').filter(Boolean);
    if (words.length === 0) return false;
    const phrases = lists.flatMap((list) => [...this.phrasesOf(list)].map((phrase) => phrase.split(' ')));
    let at = 0;
    while (at < words.length) {
      let longest = 0;
      for (const phrase of phrases) {
        if (phrase.length > longest && phrase.every((word, offset) => words[at + offset] === word))
          longest = phrase.length;
      }
      if (longest === 0) return false;
      at += longest;
    }
    return true;
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
