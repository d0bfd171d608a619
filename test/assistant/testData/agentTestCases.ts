import { expect } from 'vitest';
import type { DialogTestCase } from '../support/dialogTestCase.js';
import { CLOSED_HOURS } from '../support/assistantHarness.js';
import { anyString } from '../../support/matchers.js';

/** Asking for a person, with and without a live-agent gateway, in and out of hours. */
export const agentTestCases: DialogTestCase[] = [
  {
    name: 'asking for an agent without a gateway gives the hours (open now) and the alternatives',
    turns: [
      {
        say: { en: 'agent', es: 'agente' },
        expect: [
          {
            keys: ['agent.noChat', 'agent.alternatives'],
            contains: [
              {
                en: 'Monday to Friday, 8 a.m. to 8 p.m. Eastern time, but none is free to take a chat at the moment',
                es: 'de lunes a viernes, de 8 a. m. a 8 p. m., hora del Este, pero en este momento ninguno está disponible para atender un chat',
              },
              '800-375-5283',
              'https://egov.uscis.gov/e-request/',
            ],
          },
        ],
      },
    ],
    stored: (harness) =>
      expect(harness.analytics.at(-1)).toMatchObject({ type: 'handoff_request', outcome: 'no_gateway' }),
  },
  {
    name: 'out of hours, the next opening is given',
    setup: () => ({ now: CLOSED_HOURS }),
    turns: [
      {
        say: { en: 'I need a human', es: 'necesito un humano' },
        expect: [
          {
            keys: ['agent.alternatives'],
            contains: [
              {
                en: 'Monday, March 9 at 8:00 a.m. ET',
                es: 'el lunes 9 de marzo a las 8:00 a. m. (hora del Este)',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'with a gateway that takes the chat, the assistant hands over and says nothing more',
    setup: () => ({ gateway: 'handled' }),
    turns: [
      {
        say: { en: 'can I speak to a representative', es: '¿puedo hablar con un representante?' },
        expect: [{ contains: ['gateway: queued'] }],
      },
    ],
    stored: (harness, locale) => {
      expect(harness.gatewayRequests).toEqual([{ locale, question: anyString() }]);
      expect(harness.analytics.at(-1)).toMatchObject({ type: 'handoff_request', outcome: 'handled' });
    },
  },
  {
    name: 'with a gateway that cannot take the chat, the alternatives are given',
    setup: () => ({ gateway: 'unavailable' }),
    turns: [
      {
        say: { en: 'live agent please', es: 'agente en vivo por favor' },
        expect: [{ keys: ['agent.alternatives'] }],
      },
    ],
    stored: (harness) => expect(harness.analytics.at(-1)).toMatchObject({ outcome: 'unavailable' }),
  },
  {
    name: 'a question that mentions a person is answered, then an agent is offered',
    setup: () => ({
      answers: [
        {
          text: 'is there a person at the lobby desk',
          locale: 'en',
          result: { decision: 'answer', articleId: 'lobby-hours' },
        },
        {
          text: 'hay una persona en el mostrador del vestíbulo',
          locale: 'es',
          result: { decision: 'answer', articleId: 'lobby-hours' },
        },
      ],
    }),
    turns: [
      {
        say: {
          en: 'is there a person at the lobby desk',
          es: 'hay una persona en el mostrador del vestíbulo',
        },
        expect: [
          { answer: 'lobby-hours' },
          { keys: ['agentOffer.afterAnswer'], actions: ['agentOffer.yes', 'agentOffer.no'] },
        ],
      },
      { say: { en: 'no', es: 'no' }, expect: [{ keys: ['agentOffer.declined'] }] },
    ],
  },
  {
    name: 'asked outright, the visitor is put through even though an article speaks about agents',
    setup: () => ({
      answers: [
        {
          text: 'I want to talk to an agent please',
          locale: 'en',
          result: { decision: 'answer', articleId: 'lobby-hours' },
        },
        {
          text: 'quiero hablar con un agente por favor',
          locale: 'es',
          result: { decision: 'answer', articleId: 'lobby-hours' },
        },
      ],
    }),
    turns: [
      {
        say: { en: 'I want to talk to an agent please', es: 'quiero hablar con un agente por favor' },
        expect: [{ keys: ['agent.noChat', 'agent.alternatives'] }],
      },
    ],
  },
  {
    name: 'the "Talk to an agent" button goes straight to the request',
    turns: [
      {
        say: { en: 'Talk to an agent', es: 'Hablar con un agente' },
        value: () => ({ type: 'agent_request' }),
        expect: [{ keys: ['agent.noChat'] }],
      },
    ],
  },
];
