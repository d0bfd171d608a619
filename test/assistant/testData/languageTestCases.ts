import { expect } from 'vitest';
import type { Locale } from '../../../contracts/locale.js';
import type { DialogTestCase, PerLocale } from '../support/dialogTestCase.js';

/** A message in the *other* language, long enough to tell (the en case writes Spanish). */
const PARKING_IN_OTHER_LANGUAGE: PerLocale<string> = {
  en: '¿Dónde puedo dejar mi carro cuando vaya a la oficina?',
  es: 'Where can I leave my car when I go to the office?',
};

/** The conversation's language: chosen, switched, detected, kept. */
export const languageTestCases: DialogTestCase[] = [
  {
    name: 'the first message is welcomed in the channel locale, with an invitation in the other language',
    start: 'fresh',
    turns: [
      {
        say: { en: 'hi', es: 'hola' },
        expect: [
          {
            keys: ['welcome.text'],
            contains: [{ en: '¿Prefiere español?', es: 'Prefer English?' }],
            actions: ['welcome.chooseEnglish', 'welcome.chooseSpanish'],
          },
        ],
      },
      { say: { en: 'thanks', es: 'gracias' }, expect: [{ keys: ['smallTalk.thanks'] }] },
    ],
  },
  {
    name: 'a first message that is a question is welcomed, then answered',
    start: 'fresh',
    setup: () => ({
      answers: [
        {
          text: 'what should my passport photos look like',
          locale: 'en',
          result: { decision: 'answer', articleId: 'photo-rules' },
        },
        {
          text: 'cómo deben ser las fotos de pasaporte',
          locale: 'es',
          result: { decision: 'answer', articleId: 'photo-rules' },
        },
      ],
    }),
    turns: [
      {
        say: { en: 'what should my passport photos look like', es: 'cómo deben ser las fotos de pasaporte' },
        expect: [
          { keys: ['welcome.text'] },
          { answer: 'photo-rules' },
          { answer: 'photo-rules', keys: ['answer.helpful'] },
        ],
      },
    ],
  },
  {
    name: 'typing the other language name switches and the choice is kept',
    turns: [
      {
        say: { en: 'español', es: 'in English' },
        expect: [{ keys: ['language.switched'], language: 'other' }],
      },
      // The channel still sends the original locale: the conversation's choice wins.
      { say: 'hello', expect: [{ keys: ['smallTalk.hello'], language: 'other' }] },
    ],
  },
  {
    name: 'asking for the other language in text-message spelling ("can u help me in spanish") switches',
    turns: [
      {
        say: { en: 'can u help me in spanish', es: 'me ayudas en ingles porfa' },
        expect: [{ keys: ['language.switched'], language: 'other' }],
      },
    ],
  },
  {
    name: 'the language button switches',
    turns: [
      {
        say: { en: 'Español', es: 'English' },
        value: (locale) => ({ type: 'language', locale: locale === 'en' ? 'es' : 'en' }),
        expect: [{ keys: ['language.switched'], language: 'other' }],
      },
    ],
  },
  {
    name: 'a message clearly in the other language switches with a note and is answered in it',
    setup: () => ({
      answers: [
        {
          text: PARKING_IN_OTHER_LANGUAGE.en,
          locale: 'es',
          result: { decision: 'answer', articleId: 'parking' },
        },
        {
          text: PARKING_IN_OTHER_LANGUAGE.es,
          locale: 'en',
          result: { decision: 'answer', articleId: 'parking' },
        },
      ],
    }),
    turns: [
      {
        say: PARKING_IN_OTHER_LANGUAGE,
        expect: [
          { keys: ['language.detected'], language: 'other' },
          { answer: 'parking', language: 'other' },
          { answer: 'parking', language: 'other' },
        ],
      },
    ],
    stored: (harness, locale) => {
      const other: Locale = locale === 'en' ? 'es' : 'en';
      expect(harness.answers.asked.at(-1)?.locale).toBe(other);
    },
  },
  {
    name: 'short messages in the other language never switch',
    turns: [
      { say: { en: 'gracias', es: 'thanks' }, expect: [{ keys: ['smallTalk.thanks'] }] },
      { say: { en: 'ayuda', es: 'help' }, expect: [{ keys: ['help.text'], values: schedule }] },
    ],
  },
];

function schedule(locale: Locale): Record<string, string> {
  return {
    schedule:
      locale === 'en'
        ? 'Monday to Friday, 8 a.m. to 8 p.m. Eastern time'
        : 'de lunes a viernes, de 8 a. m. a 8 p. m., hora del Este',
  };
}
