import type { DialogTestCase } from '../support/dialogTestCase.js';

const FAILING = { en: 'this question breaks the lookup', es: 'esta pregunta rompe la búsqueda' };

/** A failing turn: a short apology, and the conversation keeps working. */
export const recoveryTestCases: DialogTestCase[] = [
  {
    name: 'an error in a turn gets an apology and the next message works',
    setup: () => ({ failingQuestions: [FAILING.en, FAILING.es] }),
    turns: [
      { say: FAILING, expect: [{ keys: ['error.turn'] }] },
      { say: { en: 'thanks', es: 'gracias' }, expect: [{ keys: ['smallTalk.thanks'] }] },
    ],
  },
  {
    name: 'an error in the middle of a dialog clears it',
    setup: () => ({ failingQuestions: [FAILING.en, FAILING.es] }),
    turns: [
      {
        say: { en: 'check my case status', es: 'estatus de mi caso' },
        expect: [{ keys: ['caseStatus.ask'] }],
      },
      // Not a receipt number: handed back, asked as a question, and the lookup throws.
      { say: FAILING, expect: [{ keys: ['error.turn'] }] },
      // The receipt-number question is gone: this is a question again, not a lookup.
      { say: { en: 'hello', es: 'hola' }, expect: [{ keys: ['smallTalk.hello'] }] },
    ],
  },
];
