import { describe, expect, it } from 'vitest';
import { KEYWORD_LISTS, normalizeText, type KeywordList } from '../../bot/assistant/phrasebook.js';
import enBot from '../../bot/i18n/locales/en/bot.json' with { type: 'json' };
import esBot from '../../bot/i18n/locales/es/bot.json' with { type: 'json' };
import enApi from '../../bot/i18n/locales/en/api.json' with { type: 'json' };
import esApi from '../../bot/i18n/locales/es/api.json' with { type: 'json' };

function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [`${prefix}[]`];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => shape(inner, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

function keywords(resources: unknown, list: KeywordList): string[] {
  let value: unknown = (resources as { keywords: unknown }).keywords;
  for (const part of list.split('.')) value = (value as Record<string, unknown>)[part];
  return Array.isArray(value) ? value.map(String) : [];
}

/** Lists of one language's grammar, empty in the other: English joins no pronoun to its verbs. */
const ONE_LANGUAGE_LISTS: ReadonlyMap<KeywordList, 'en' | 'es'> = new Map([
  ['followUp.backReferenceEnding', 'es'],
]);

/** Lists whose phrases are whole-message commands or answers: one phrase must mean one thing. */
const EXCLUSIVE_LISTS: KeywordList[] = [
  'help',
  'restart',
  'cancel',
  'yes',
  'no',
  'noneOfThese',
  'switchToEnglish',
  'switchToSpanish',
  'caseHistory',
  'smallTalk.hello',
  'smallTalk.thanks',
  'smallTalk.bye',
  'smallTalk.robot',
  'smallTalk.whoAreYou',
];

describe('the bot resources', () => {
  it('when a key exists in one language, then it exists in the other with the same shape', () => {
    expect(shape(esBot).sort()).toEqual(shape(enBot).sort());
  });

  it('when an API error message exists in one language, then it exists in the other', () => {
    expect(shape(esApi).sort()).toEqual(shape(enApi).sort());
  });

  it.each(KEYWORD_LISTS)('when the assistant listens for %s, then its languages give keywords', (list) => {
    const only = ONE_LANGUAGE_LISTS.get(list);
    expect(keywords(enBot, list).length > 0).toBe(only !== 'es');
    expect(keywords(esBot, list).length > 0).toBe(only !== 'en');
  });

  it('when a whole-message keyword is typed, then it belongs to one list only', () => {
    const owner = new Map<string, KeywordList>();
    const clashes: string[] = [];
    for (const list of EXCLUSIVE_LISTS) {
      for (const phrase of [...keywords(enBot, list), ...keywords(esBot, list)].map(normalizeText)) {
        const previous = owner.get(phrase);
        if (previous && previous !== list) clashes.push(`"${phrase}" in ${previous} and ${list}`);
        owner.set(phrase, list);
      }
    }
    expect(clashes).toEqual([]);
  });
});
