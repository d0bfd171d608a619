import type { Locale } from '../../../contracts/locale.js';
import type { DialogTestCase } from '../support/dialogTestCase.js';

function schedule(locale: Locale): Record<string, string> {
  return {
    schedule:
      locale === 'en'
        ? 'Monday to Friday, 8 a.m. to 8 p.m. Eastern time'
        : 'de lunes a viernes, de 8 a. m. a 8 p. m., hora del Este',
  };
}

/** Help, cancel and restart, with nothing running and in the middle of a dialog, in both languages. */
export const interruptionTestCases: DialogTestCase[] = [
  {
    name: "help lists what the assistant can do, with the agents' hours",
    turns: [
      {
        say: { en: 'What can you do?', es: '¿Qué puede hacer?' },
        expect: [{ keys: ['help.text'], values: schedule }],
      },
    ],
  },
  {
    name: 'help in the middle of the receipt-number question keeps the question open',
    turns: [
      {
        say: { en: 'what is my case status', es: 'cuál es el estado de mi caso' },
        expect: [{ keys: ['caseStatus.ask'] }],
      },
      { say: { en: 'help', es: 'ayuda' }, expect: [{ keys: ['help.text'], values: schedule }] },
      { say: 'MSC9999100005', expect: [{ contains: ['I-485', 'MSC*******0005'] }] },
    ],
  },
  {
    name: "the other language's keyword works too",
    turns: [
      { say: { en: 'check on my case', es: 'revisar mi caso' }, expect: [{ keys: ['caseStatus.ask'] }] },
      { say: { en: 'cancelar', es: 'cancel' }, expect: [{ keys: ['cancel.done'] }] },
    ],
  },
  {
    name: 'cancel in the middle of a dialog stops it',
    setup: () => ({
      answers: [
        {
          text: 'lobby or photos',
          locale: 'en',
          result: { decision: 'clarify', articleIds: ['lobby-hours', 'photo-rules'] },
        },
        {
          text: 'vestíbulo o fotos',
          locale: 'es',
          result: { decision: 'clarify', articleIds: ['lobby-hours', 'photo-rules'] },
        },
      ],
    }),
    turns: [
      { say: { en: 'lobby or photos', es: 'vestíbulo o fotos' }, expect: [{ keys: ['clarify.prompt'] }] },
      { say: { en: 'never mind', es: 'olvídelo' }, expect: [{ keys: ['cancel.done'] }] },
      // The choice list is gone: "1" is now just an unclear message.
      { say: '1', expect: [{ keys: ['fallback.rephrase'] }] },
    ],
  },
  {
    name: 'cancel with nothing running says so',
    turns: [{ say: { en: 'cancel', es: 'cancelar' }, expect: [{ keys: ['cancel.nothing'] }] }],
  },
  {
    name: 'restart in the middle of a dialog starts over with the welcome',
    turns: [
      {
        say: { en: 'status of my application', es: 'estado de mi solicitud' },
        expect: [{ keys: ['caseStatus.ask'] }],
      },
      {
        say: { en: 'start over', es: 'empezar de nuevo' },
        expect: [
          { keys: ['restart.done'] },
          { keys: ['welcome.text'], actions: ['welcome.chooseEnglish', 'welcome.chooseSpanish'] },
        ],
      },
      { say: 'SRC9999100003', expect: [{ contains: ['I-129F'] }] },
    ],
  },
  {
    name: 'restart with nothing running greets again',
    turns: [
      {
        say: { en: 'restart', es: 'reiniciar' },
        expect: [{ keys: ['restart.done'] }, { keys: ['welcome.text'] }],
      },
    ],
  },
];
