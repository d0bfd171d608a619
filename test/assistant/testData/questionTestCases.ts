import { expect } from 'vitest';
import type { Locale } from '../../../contracts/locale.js';
import type { FixedDecision } from '../support/fixedAnswerSource.js';
import type { DialogTestCase, PerLocale } from '../support/dialogTestCase.js';

const LOBBY: PerLocale<string> = {
  en: 'when can I walk into the lobby',
  es: 'cuándo puedo entrar al vestíbulo',
};
const VAGUE: PerLocale<string> = { en: 'lobby or parking', es: 'vestíbulo o estacionamiento' };
const UNKNOWN: PerLocale<string> = { en: 'can you order me a pizza', es: 'me puede pedir una pizza' };
const UNKNOWN_AGAIN: PerLocale<string> = {
  en: 'what is the capital of Peru',
  es: 'cuál es la capital de Perú',
};

function rules(entries: [PerLocale<string>, FixedDecision][]) {
  return entries.flatMap(([text, result]) =>
    (['en', 'es'] as Locale[]).map((locale) => ({ text: text[locale], locale, result })),
  );
}

const lobbyAnswer = { decision: 'answer', articleId: 'lobby-hours', score: 0.93 } as const;
const lobbyOrParking = { decision: 'clarify', articleIds: ['lobby-hours', 'parking'] } as const;

/** The answer engine's three decisions and what follows them. */
export const questionTestCases: DialogTestCase[] = [
  {
    name: 'an answer gives the short answer, its source, "was this helpful" and related topics',
    setup: () => ({ answers: rules([[LOBBY, lobbyAnswer]]) }),
    turns: [
      {
        say: LOBBY,
        expect: [
          {
            answer: 'lobby-hours',
            contains: [
              { en: 'The lobby opens at nine', es: 'El vestíbulo abre a las nueve' },
              { en: '(https://example.gov/en/lobby-hours)', es: '(https://example.gov/es/lobby-hours)' },
            ],
          },
          {
            answer: 'lobby-hours',
            keys: ['answer.helpfulWithRelated'],
            actions: ['answer.yes', 'answer.no', 'article:parking', 'article:photo-rules'],
          },
        ],
      },
    ],
    stored: (harness, locale) => {
      const [event] = harness.analytics;
      expect(event).toMatchObject({
        type: 'question',
        decision: 'answer',
        articleId: 'lobby-hours',
        locale,
        score: 0.93,
      });
    },
  },
  {
    name: 'a related topic button answers with that article',
    setup: () => ({ answers: rules([[LOBBY, lobbyAnswer]]) }),
    turns: [
      { say: LOBBY, expect: [{ answer: 'lobby-hours' }, { answer: 'lobby-hours' }] },
      {
        say: { en: 'Parking at the office', es: 'Estacionamiento en la oficina' },
        value: () => ({ type: 'article', articleId: 'parking' }),
        expect: [
          {
            answer: 'parking',
            contains: [{ en: 'Visitor parking', es: 'El estacionamiento para visitantes' }],
          },
          { answer: 'parking', actions: ['answer.yes', 'answer.no', 'article:lobby-hours'] },
        ],
      },
    ],
  },
  {
    name: '"was this helpful" buttons store the feedback with the masked question and thank the visitor',
    setup: () => ({
      answers: rules([
        [
          {
            en: 'I am ana@example.com, when can I walk into the lobby',
            es: 'soy ana@example.com, cuándo puedo entrar al vestíbulo',
          },
          lobbyAnswer,
        ],
      ]),
    }),
    turns: [
      {
        say: {
          en: 'I am ana@example.com, when can I walk into the lobby',
          es: 'soy ana@example.com, cuándo puedo entrar al vestíbulo',
        },
        expect: [{ answer: 'lobby-hours' }, { answer: 'lobby-hours' }],
      },
      {
        say: { en: 'No', es: 'No' },
        value: (locale) => ({ type: 'feedback', articleId: 'lobby-hours', locale, helpful: false }),
        // The related topics the answer offered stay on offer, as the thanks says.
        expect: [
          {
            keys: ['answer.thanksNotHelpfulWithRelated'],
            actions: ['article:parking', 'article:photo-rules', 'agentOffer.action'],
          },
        ],
      },
    ],
    stored: (harness, locale) => {
      expect(harness.feedback).toHaveLength(1);
      const [record] = harness.feedback;
      expect(record).toMatchObject({ articleId: 'lobby-hours', locale, helpful: false });
      expect(record?.question).toContain('a***@***');
      expect(record?.question).not.toContain('ana@example.com');
      expect(JSON.stringify(harness.analytics)).not.toContain('ana@example.com');
    },
  },
  {
    name: 'a typed yes right after an answer is feedback',
    setup: () => ({ answers: rules([[LOBBY, lobbyAnswer]]) }),
    turns: [
      { say: LOBBY, expect: [{ answer: 'lobby-hours' }, { answer: 'lobby-hours' }] },
      { say: { en: 'yes', es: 'sí' }, expect: [{ keys: ['answer.thanksHelpful'] }] },
    ],
    stored: (harness) => expect(harness.feedback.map((record) => record.helpful)).toEqual([true]),
  },
  {
    name: 'an unclear question offers "did you mean" and answers with the choice',
    setup: () => ({ answers: rules([[VAGUE, lobbyOrParking]]) }),
    turns: [
      {
        say: VAGUE,
        expect: [
          { keys: ['clarify.prompt'], actions: ['article:lobby-hours', 'article:parking', 'clarify.none'] },
        ],
      },
      {
        say: { en: 'Parking at the office', es: 'Estacionamiento en la oficina' },
        value: () => ({ type: 'article', articleId: 'parking' }),
        expect: [{ answer: 'parking' }, { answer: 'parking', keys: ['answer.helpfulWithRelated'] }],
      },
    ],
    stored: (harness) => expect(harness.analytics.map((event) => event.decision)).toEqual(['clarify']),
  },
  {
    name: 'a "did you mean" choice can be typed as its number or its title',
    setup: () => ({ answers: rules([[VAGUE, lobbyOrParking]]) }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      { say: '1', expect: [{ answer: 'lobby-hours' }, { answer: 'lobby-hours' }] },
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      {
        say: { en: 'parking at the office', es: 'estacionamiento en la oficina' },
        expect: [{ answer: 'parking' }, { answer: 'parking' }],
      },
    ],
  },
  {
    name: '"none of these" asks the visitor to rephrase',
    setup: () => ({ answers: rules([[VAGUE, lobbyOrParking]]) }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      {
        say: { en: 'none of these', es: 'ninguna de estas' },
        expect: [{ keys: ['fallback.rephraseAfterNone'] }],
      },
    ],
  },
  {
    name: 'another message instead of a "did you mean" choice is handled as a new message',
    setup: () => ({ answers: rules([[VAGUE, lobbyOrParking]]) }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      { say: { en: 'thanks', es: 'gracias' }, expect: [{ keys: ['smallTalk.thanks'] }] },
    ],
  },
  {
    name: 'an unknown question asks to rephrase; a second miss in a row offers a live agent',
    turns: [
      { say: UNKNOWN, expect: [{ keys: ['fallback.rephrase'] }] },
      {
        say: UNKNOWN_AGAIN,
        expect: [{ keys: ['agentOffer.afterMisses'], actions: ['agentOffer.yes', 'agentOffer.no'] }],
      },
      {
        say: { en: 'yes please', es: 'sí, por favor' },
        expect: [{ keys: ['agent.noChat', 'agent.alternatives'] }],
      },
    ],
    stored: (harness, locale) => {
      expect(harness.analytics.map((event) => [event.type, event.decision ?? event.outcome])).toEqual([
        ['question', 'none'],
        ['question', 'none'],
        ['handoff_request', 'no_gateway'],
      ]);
      expect(harness.analytics.every((event) => event.locale === locale)).toBe(true);
    },
  },
  {
    name: 'an answer in between resets the count of misses',
    setup: () => ({ answers: rules([[LOBBY, lobbyAnswer]]) }),
    turns: [
      { say: UNKNOWN, expect: [{ keys: ['fallback.rephrase'] }] },
      { say: LOBBY, expect: [{ answer: 'lobby-hours' }, { answer: 'lobby-hours' }] },
      { say: UNKNOWN_AGAIN, expect: [{ keys: ['fallback.rephrase'] }] },
    ],
  },
  {
    name: 'declining the live-agent offer carries on',
    turns: [
      { say: UNKNOWN, expect: [{ keys: ['fallback.rephrase'] }] },
      { say: UNKNOWN_AGAIN, expect: [{ keys: ['agentOffer.afterMisses'] }] },
      {
        say: { en: 'No, thanks', es: 'No, gracias' },
        value: () => ({ type: 'agent_offer', accept: false }),
        expect: [{ keys: ['agentOffer.declined'] }],
      },
    ],
    stored: (harness) =>
      expect(harness.analytics.at(-1)).toMatchObject({ type: 'handoff_request', outcome: 'declined' }),
  },
];
