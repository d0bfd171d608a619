import { expect } from 'vitest';
import type { DialogTestCase } from '../support/dialogTestCase.js';

/** Case status lookups against the bundled sample cases. */
export const caseStatusTestCases: DialogTestCase[] = [
  {
    name: 'a receipt number inside a sentence is looked up and the history offered',
    turns: [
      {
        say: {
          en: 'hi, my receipt is eac-99-991-03402, what is happening?',
          es: 'mi número de recibo es EAC 99-991-03402, ¿qué pasa?',
        },
        expect: [
          {
            contains: [
              { en: '**Case Was Approved**', es: '**Caso Fue Aprobado**' },
              'I-130',
              { en: 'September 5, 2023', es: '5 de septiembre de 2023' },
              'EAC*******3402',
            ],
            excludes: ['9999103402'],
            actions: ['caseStatus.historyAction'],
          },
        ],
      },
      {
        say: { en: 'Show case history', es: 'Ver historial del caso' },
        value: () => ({ type: 'case_history' }),
        expect: [
          {
            contains: [
              { en: '- May 9, 2023: ', es: '- 9 de mayo de 2023: ' },
              { en: 'We received your Form I-130', es: 'Recibimos su Formulario I-130' },
            ],
            excludes: ['9999103402'],
          },
        ],
      },
    ],
    stored: (harness) => {
      expect(harness.analytics).toEqual([
        expect.objectContaining({ type: 'case_status', outcome: 'found', text: null }),
      ]);
      expect(JSON.stringify(harness.analytics)).not.toMatch(/9999103402|99-991/);
    },
  },
  {
    name: 'asking for a status without a number asks for it; the next message gives it',
    turns: [
      {
        say: { en: 'check my case status', es: 'quiero ver el estatus de mi caso' },
        expect: [{ keys: ['caseStatus.ask'] }],
      },
      {
        say: 'wac9999100001',
        expect: [
          { contains: [{ en: 'Case Was Received', es: 'Caso Fue Recibido' }, 'I-485', 'WAC*******0001'] },
        ],
      },
      {
        say: { en: 'history', es: 'historial' },
        expect: [
          { contains: [{ en: 'Case history for WAC*******0001', es: 'Historial del caso WAC*******0001' }] },
        ],
      },
    ],
  },
  {
    name: 'a malformed number gets the format explained, twice at most',
    turns: [
      { say: 'EAC 99991034', expect: [{ keys: ['caseStatus.malformed'], values: () => ({ digits: '8' }) }] },
      { say: 'EAC999910340', expect: [{ keys: ['caseStatus.malformed'], values: () => ({ digits: '9' }) }] },
      { say: 'EAC99991034', expect: [{ keys: ['caseStatus.giveUp'] }] },
    ],
    stored: (harness) => expect(harness.analytics).toEqual([]),
  },
  {
    name: 'a corrected number after the format explanation is looked up',
    turns: [
      {
        say: 'my receipt is LIN99991000',
        expect: [{ keys: ['caseStatus.malformed'], values: () => ({ digits: '8' }) }],
      },
      { say: 'LIN9999100002', expect: [{ contains: ['I-765', 'LIN*******0002'] }] },
    ],
  },
  {
    name: 'a status without Spanish text is shown in English, with a note for Spanish visitors',
    turns: [
      {
        say: 'WAC9999100008',
        expect: [
          {
            contains: ['Case Was Received', 'N-400'],
            keys: { en: [], es: ['caseStatus.englishOnly'] },
            excludes: [{ en: 'only available in English', es: 'Caso Fue Recibido' }],
          },
        ],
      },
    ],
  },
  {
    name: 'an unknown number is "not found", masked',
    turns: [
      {
        say: 'EAC1234567890',
        expect: [{ keys: ['caseStatus.notFound'], values: () => ({ receipt: 'EAC*******7890' }) }],
      },
    ],
    stored: (harness) => expect(harness.analytics.map((event) => event.outcome)).toEqual(['not_found']),
  },
  {
    name: 'the service being down gets a try-later message and a live-agent button',
    turns: [
      {
        say: 'EAC9999190002',
        expect: [{ keys: ['caseStatus.unavailable'], actions: ['agentOffer.action'] }],
      },
    ],
    stored: (harness) => expect(harness.analytics.map((event) => event.outcome)).toEqual(['unavailable']),
  },
  {
    name: 'the daily limit gets a try-tomorrow message',
    turns: [{ say: 'EAC9999190005', expect: [{ keys: ['caseStatus.dailyLimit'] }] }],
    stored: (harness) => expect(harness.analytics.map((event) => event.outcome)).toEqual(['daily_limit']),
  },
  {
    name: 'a number the service calls invalid gets the format',
    turns: [
      {
        say: 'EAC9999190006',
        expect: [{ keys: ['caseStatus.invalid'], values: () => ({ receipt: 'EAC*******0006' }) }],
      },
    ],
    stored: (harness) => expect(harness.analytics.map((event) => event.outcome)).toEqual(['invalid']),
  },
  {
    name: 'another message instead of the number is handled as a new message',
    turns: [
      { say: { en: 'track my case', es: 'rastrear mi caso' }, expect: [{ keys: ['caseStatus.ask'] }] },
      { say: { en: 'thank you', es: 'gracias' }, expect: [{ keys: ['smallTalk.thanks'] }] },
    ],
  },
  {
    name: 'asking for the history without a number asks for the number first',
    turns: [
      {
        say: { en: 'case history', es: 'historial del caso' },
        expect: [{ keys: ['caseStatus.historyNeedsReceipt', 'caseStatus.ask'] }],
      },
      { say: 'IOE9999100010', expect: [{ contains: ['I-90'] }, { keys: ['caseStatus.historyEmpty'] }] },
    ],
  },
];
