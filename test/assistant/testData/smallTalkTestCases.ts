import type { DialogTestCase } from '../support/dialogTestCase.js';

/** Small talk in both languages: only when it is the whole message. */
export const smallTalkTestCases: DialogTestCase[] = [
  {
    name: 'a greeting gets a greeting',
    turns: [
      { say: { en: 'Hello there!', es: '¡Hola, buenos días!' }, expect: [{ keys: ['smallTalk.hello'] }] },
    ],
  },
  {
    name: 'greetings one after another ("hi, how are you", "hola q tal") are one greeting',
    turns: [{ say: { en: 'hi, how are you?', es: 'hola q tal' }, expect: [{ keys: ['smallTalk.hello'] }] }],
  },
  {
    name: 'a first message of greetings one after another is welcomed, and nothing more',
    start: 'fresh',
    turns: [
      {
        say: { en: 'hello, good morning', es: 'hola, buenas tardes, ¿qué tal?' },
        expect: [{ keys: ['welcome.text'] }],
      },
    ],
  },
  {
    name: 'thanks get a "you are welcome"',
    turns: [
      {
        say: { en: 'Thank you so much!', es: '¡Muchísimas gracias!' },
        expect: [{ keys: ['smallTalk.thanks'] }],
      },
    ],
  },
  {
    name: 'goodbye gets a goodbye',
    turns: [{ say: { en: 'goodbye', es: 'adiós' }, expect: [{ keys: ['smallTalk.bye'] }] }],
  },
  {
    name: '"are you a robot" says it is a virtual assistant, not a person',
    turns: [
      {
        say: { en: 'Am I talking to a robot?', es: '¿Es usted un robot?' },
        expect: [{ keys: ['smallTalk.robot'] }],
      },
    ],
  },
  {
    name: '"who are you" introduces the assistant',
    turns: [
      {
        say: { en: "What's your name?", es: '¿Cómo se llama?' },
        expect: [{ keys: ['smallTalk.whoAreYou'] }],
      },
    ],
  },
  {
    name: 'an insult is answered politely',
    turns: [
      { say: { en: 'you are useless', es: 'eres una inútil' }, expect: [{ keys: ['smallTalk.insult'] }] },
    ],
  },
  {
    name: 'a greeting followed by a question is a question',
    setup: () => ({
      answers: [
        {
          text: 'hi, what time does the lobby open',
          locale: 'en',
          result: { decision: 'answer', articleId: 'lobby-hours' },
        },
        {
          text: 'hola, a qué hora abre el vestíbulo',
          locale: 'es',
          result: { decision: 'answer', articleId: 'lobby-hours' },
        },
      ],
    }),
    turns: [
      {
        say: { en: 'hi, what time does the lobby open', es: 'hola, a qué hora abre el vestíbulo' },
        expect: [{ answer: 'lobby-hours' }, { answer: 'lobby-hours', keys: ['answer.helpfulWithRelated'] }],
      },
    ],
  },
];
