import { beforeAll, describe, expect, it } from 'vitest';
import { LanguageDetector } from '../../bot/assistant/languageDetector.js';
import { Phrasebook } from '../../bot/assistant/phrasebook.js';
import { createI18n } from '../../bot/i18n/i18n.js';
import { languageDetectionTestCases } from './testData/languageDetectionTestCases.js';

describe('LanguageDetector', () => {
  // As the assistant builds it: with its keyword phrases of each language.
  let detector: LanguageDetector;
  beforeAll(async () => {
    detector = new LanguageDetector({ phrasebook: new Phrasebook(await createI18n()) });
  });
  it.each(languageDetectionTestCases)(
    'when the visitor writes "$text", then the language is $expected',
    ({ text, expected }) => {
      expect(detector.detect(text)).toBe(expected);
    },
  );

  it.each([
    // Names of things travel between the languages: the channel's language stands.
    ['green card', 'es', 'kept'],
    ['biometrics appointment', 'es', 'kept'],
    ['mica vencida', 'en', 'kept'],
    // Grammar does not travel.
    ['cita para huellas', 'en', 'es'],
    ['how do I renew my green card', 'es', 'en'],
    ['green card', undefined, 'en'],
  ] as const)(
    'when a first message is "%s" on a channel that says %s, then its language is %s',
    (text, channelLanguage, expected) => {
      const detected = detector.detect(text, { firstMessage: true, channelLanguage });
      expect(detected).toBe(expected === 'kept' ? undefined : expected);
    },
  );

  it.each([
    ['permiso de trabajo', 'es'],
    ['perdí mi mica', 'es'],
    ['travel permit', 'en'],
    // One word is too little to be sure of, and a name is no language.
    ['renovarlo', undefined],
    ['Maria Lopez', undefined],
    // Words of both languages leave a doubt.
    ['my permiso de trabajo', undefined],
  ])(
    'when the visitor writes "%s", too short to switch a conversation under way, then the language it is surely written in is %s',
    (text, expected) => {
      expect(detector.detect(text)).toBeUndefined();
      expect(detector.surelyWrittenIn(text)).toBe(expected);
    },
  );
});
