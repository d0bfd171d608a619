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

const FOOD: PerLocale<string> = {
  en: 'can I eat in the waiting room',
  es: 'puedo comer en la sala de espera',
};
const VISITORS: PerLocale<string> = {
  en: 'what are the rules for visitors',
  es: 'cuáles son las reglas para visitantes',
};
const ELIGIBLE: PerLocale<string> = {
  en: 'am I eligible to skip the visitor rules',
  es: '¿califico para no seguir las reglas de visitantes?',
};
const ELIGIBLE_UNKNOWN: PerLocale<string> = {
  en: 'do I qualify for a pizza voucher',
  es: '¿califico para un vale de pizza?',
};
/** A judgement asked of the topic and nothing else; alone, the engine would pick another article. */
const BARE_JUDGEMENT: PerLocale<string> = { en: 'do I qualify?', es: '¿califico?' };
const CLOSE_MISS: PerLocale<string> = { en: 'where do I leave my bicycle', es: 'dónde dejo mi bicicleta' };

const lobbyAnswer = { decision: 'answer', articleId: 'lobby-hours', score: 0.93 } as const;
const rulesAnswer = { decision: 'answer', articleId: 'visitor-rules', score: 0.91 } as const;
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
    name: 'a "did you mean" with one article asks about that one, and a typed no is none of it',
    setup: () => ({ answers: rules([[VAGUE, { decision: 'clarify', articleIds: ['parking'] }]]) }),
    turns: [
      {
        say: VAGUE,
        expect: [{ keys: ['clarify.promptOne'], actions: ['article:parking', 'clarify.noneOne'] }],
      },
      { say: { en: 'no', es: 'no' }, expect: [{ keys: ['fallback.rephraseAfterNone'] }] },
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
  {
    name: 'a question about one detail gets the passage that says it, with its article and the full-article button',
    setup: () => ({ answers: rules([[FOOD, { ...rulesAnswer, passage: 2 }]]) }),
    turns: [
      {
        say: FOOD,
        expect: [
          {
            answer: 'visitor-rules',
            passage: 2,
            contains: [
              {
                en: 'Food is not allowed in the waiting room.',
                es: 'No se permite comida en la sala de espera.',
              },
              { en: '**Inside**', es: '**Adentro**' },
              { en: '“Rules for visitors”', es: '«Reglas para visitantes»' },
              { en: '(https://example.gov/en/visitor-rules)', es: '(https://example.gov/es/visitor-rules)' },
            ],
            excludes: [{ en: 'sign in at the front desk', es: 'se registran en la recepción' }],
          },
          { answer: 'visitor-rules', actions: ['answer.yes', 'answer.no', 'answer.fullArticle'] },
        ],
      },
    ],
  },
  {
    name: 'the general question keeps the short answer, and "show the full article" shows the whole article in the chat',
    setup: () => ({ answers: rules([[VISITORS, rulesAnswer]]) }),
    turns: [
      {
        say: VISITORS,
        expect: [
          {
            answer: 'visitor-rules',
            passage: null,
            contains: [
              { en: 'Visitors sign in at the front desk', es: 'Los visitantes se registran en la recepción' },
            ],
          },
          { answer: 'visitor-rules', actions: ['answer.yes', 'answer.no', 'answer.fullArticle'] },
        ],
      },
      {
        say: { en: 'Show the full article', es: 'Ver el artículo completo' },
        value: () => ({ type: 'full_article', articleId: 'visitor-rules' }),
        expect: [
          {
            answer: 'visitor-rules',
            passage: null,
            contains: [
              { en: '## Rules for visitors', es: '## Reglas para visitantes' },
              { en: 'Visitors sign in at the front desk', es: 'Los visitantes se registran en la recepción' },
              { en: 'Bring a photo ID.', es: 'Traiga una identificación con foto.' },
              { en: '- Bags are checked.', es: '- Se revisan los bolsos.' },
              { en: '(https://example.gov/en/visitor-rules)', es: '(https://example.gov/es/visitor-rules)' },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'an eligibility question gets an honest reply, the general article and legal help',
    setup: () => ({ answers: rules([[ELIGIBLE, rulesAnswer]]) }),
    turns: [
      {
        say: ELIGIBLE,
        expect: [
          { keys: ['judgement.cannotDecide'] },
          {
            answer: 'visitor-rules',
            contains: [{ en: 'Visitors sign in', es: 'Los visitantes se registran' }],
          },
          { keys: ['judgement.legalHelp'], actions: ['answer.fullArticle', 'article:legal-help'] },
        ],
      },
    ],
  },
  {
    name: 'a bare "do I qualify?" after an answer is about that answer, whatever the words alone match',
    setup: () => ({
      answers: rules([
        [VISITORS, rulesAnswer],
        [BARE_JUDGEMENT, { decision: 'answer', articleId: 'parking', score: 0.9 }],
      ]),
    }),
    turns: [
      { say: VISITORS, expect: [{ answer: 'visitor-rules' }, { answer: 'visitor-rules' }] },
      {
        say: BARE_JUDGEMENT,
        expect: [
          { keys: ['judgement.cannotDecide'], outcome: 'eligibility' },
          {
            answer: 'visitor-rules',
            contains: [{ en: 'Visitors sign in', es: 'Los visitantes se registran' }],
          },
          { keys: ['judgement.legalHelp'], actions: ['answer.fullArticle', 'article:legal-help'] },
        ],
      },
    ],
  },
  {
    name: 'a bare "do I qualify?" with no topic gets the honest reply and legal help, not an article its words match',
    setup: () => ({
      answers: rules([[BARE_JUDGEMENT, { decision: 'answer', articleId: 'parking', score: 0.9 }]]),
    }),
    turns: [
      {
        say: BARE_JUDGEMENT,
        expect: [
          { keys: ['judgement.cannotDecideNoArticle'], outcome: 'eligibility' },
          { keys: ['judgement.legalHelp'], actions: ['article:legal-help'] },
        ],
      },
    ],
  },
  {
    name: 'an eligibility question no article answers gets the honest reply and legal help, never a miss',
    setup: () => ({ answers: rules([[ELIGIBLE_UNKNOWN, { decision: 'none' }]]) }),
    turns: [
      {
        say: ELIGIBLE_UNKNOWN,
        expect: [
          {
            keys: ['judgement.cannotDecideNoArticle'],
            excludes: [{ en: 'general information', es: 'información general' }],
          },
          { keys: ['judgement.legalHelp'], actions: ['article:legal-help'] },
        ],
      },
      { say: UNKNOWN, expect: [{ keys: ['fallback.rephrase'] }] },
    ],
  },
  {
    name: "a miss offers the closest topics as buttons and the agency's help pages",
    setup: () => ({
      answers: rules([[CLOSE_MISS, { decision: 'none', closest: ['parking', 'lobby-hours'] }]]),
    }),
    turns: [
      {
        say: CLOSE_MISS,
        expect: [
          {
            keys: ['fallback.rephrase', 'fallback.closestTopics', 'fallback.helpPages'],
            contains: ['https://www.uscis.gov/about-us/contact-us'],
            actions: ['article:parking', 'article:lobby-hours'],
          },
        ],
      },
      {
        say: { en: 'Parking at the office', es: 'Estacionamiento en la oficina' },
        value: () => ({ type: 'article', articleId: 'parking' }),
        expect: [{ answer: 'parking' }, { answer: 'parking' }],
      },
    ],
  },
  {
    name: 'a miss far from every topic offers no topic buttons, only the help pages',
    turns: [
      {
        say: UNKNOWN,
        expect: [
          {
            keys: ['fallback.rephrase', 'fallback.helpPages'],
            excludes: [{ en: 'closest topics', es: 'temas más cercanos' }],
            actions: [],
          },
        ],
      },
    ],
  },
];
