import { expect } from 'vitest';
import enBot from '../../../bot/i18n/locales/en/bot.json' with { type: 'json' };
import esBot from '../../../bot/i18n/locales/es/bot.json' with { type: 'json' };
import type { Locale } from '../../../contracts/locale.js';
import { languageChosen } from '../support/assistantHarness.js';
import { otherLocale, type DialogTestCase, type PerLocale } from '../support/dialogTestCase.js';
import type { FixedDecision } from '../support/fixedAnswerSource.js';

/**
 * Whole conversations as a visitor has them: replies typed instead of clicked, follow-ups that do
 * not name their subject, messages left for an agent, language switches and case-status edge
 * cases. Every case runs in English and in Spanish (assistantConversations.test.ts).
 */

const LOBBY: PerLocale<string> = {
  en: 'when can I walk into the lobby',
  es: 'cuándo puedo entrar al vestíbulo',
};
const BADGE: PerLocale<string> = {
  en: 'how do I replace my visitor badge',
  es: 'cómo reemplazo mi gafete de visitante',
};
const VISIT: PerLocale<string> = { en: 'can I visit the office', es: 'puedo visitar la oficina' };
const VAGUE: PerLocale<string> = {
  en: 'lobby or parking or photos',
  es: 'vestíbulo o estacionamiento o fotos',
};
/** A question that says "it" for the topic, in words the badge article has: no answer on its own. */
const PAY_BY_CARD: PerLocale<string> = {
  en: 'can it be paid by card',
  es: '¿lo puedo pagar con tarjeta?',
};
/** `PAY_BY_CARD` without the words that point back: what is asked with the topic's title. */
const PAY_BY_CARD_OF_TOPIC: PerLocale<string> = { en: 'can be paid by card', es: 'puedo pagar con tarjeta' };
/**
 * "it" that points nowhere, with a word no article has: read with a topic's title the engine
 * would still answer with the topic.
 */
const TIME_IN_TOKYO: PerLocale<string> = {
  en: 'what time is it in Tokyo',
  es: '¿y qué hora es en Tokio?',
};
const TIME_IN_TOKYO_OF_TOPIC: PerLocale<string> = {
  en: 'what time is in Tokyo',
  es: 'y qué hora es en Tokio',
};
/** Answers to "Did you mean" with more words instead of a choice: no answer on their own. */
const NARROW_TO_PARKING: PerLocale<string> = {
  en: 'the one where I leave my car',
  es: 'la de dejar el carro',
};
const NARROW_TO_BADGE: PerLocale<string> = { en: 'mine is about a badge', es: 'lo mío es de un gafete' };
const NARROW_TO_TWO: PerLocale<string> = { en: 'outside the building', es: 'afuera del edificio' };
/** Narrows nothing: read with the vague question, the same three options. */
const HOW_MUCH: PerLocale<string> = { en: 'how much', es: 'cuánto' };
/** A detail question: answered with one passage of the article (the lost-badge item). */
const LOST_BADGE: PerLocale<string> = {
  en: 'someone stole my visitor badge',
  es: 'me robaron el gafete de visitante',
};
/** No subject of its own: "Did you mean" between the badge and parking, alone. */
const ASK_AT_THE_DESK: PerLocale<string> = {
  en: 'how do I ask at the desk',
  es: 'cómo le pido al mostrador',
};
/** Points back ("it", "lo") right after a "Did you mean…?". */
const CHANGE_IT: PerLocale<string> = { en: 'can I change it', es: '¿lo puedo cambiar?' };
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

/** What the engine is asked when a message is read together with the one before it. */
function after(first: PerLocale<string>, second: PerLocale<string>): PerLocale<string> {
  return { en: `${first.en}\n${second.en}`, es: `${first.es}\n${second.es}` };
}

const answers = rules([
  [LOBBY, { decision: 'answer', articleId: 'lobby-hours', score: 0.93 }],
  [BADGE, { decision: 'answer', articleId: 'badge-replacement', score: 0.91 }],
  [VISIT, { decision: 'answer', articleId: 'office-visit', score: 0.9 }],
  [LOST_BADGE, { decision: 'answer', articleId: 'badge-replacement', score: 0.9, passage: 3 }],
  [VAGUE, { decision: 'clarify', articleIds: ['lobby-hours', 'parking', 'photo-rules'] }],
  // With the question that "Did you mean" was offered for, the visitor's words narrow it down.
  // Alone, the words that narrow an offer rank some of its articles, below any answer.
  [NARROW_TO_PARKING, { decision: 'none', closest: ['parking'] }],
  [NARROW_TO_TWO, { decision: 'none', closest: ['parking', 'photo-rules'] }],
  [HOW_MUCH, { decision: 'none', closest: ['lobby-hours'] }],
  [after(VAGUE, NARROW_TO_PARKING), { decision: 'answer', articleId: 'parking', score: 0.8 }],
  [after(VAGUE, NARROW_TO_BADGE), { decision: 'answer', articleId: 'badge-replacement', score: 0.8 }],
  [
    after(VAGUE, NARROW_TO_TWO),
    { decision: 'clarify', articleIds: ['parking', 'badge-replacement', 'photo-rules'] },
  ],
  [after(VAGUE, HOW_MUCH), { decision: 'clarify', articleIds: ['lobby-hours', 'parking', 'photo-rules'] }],
  [ASK_AT_THE_DESK, { decision: 'clarify', articleIds: ['parking', 'badge-replacement'] }],
  [
    {
      en: `${ASK_AT_THE_DESK.en}\nReplacing a visitor badge`,
      es: `${ASK_AT_THE_DESK.es}\nReemplazar un gafete de visitante`,
    },
    { decision: 'answer', articleId: 'badge-replacement', score: 0.9 },
  ],
  [CHANGE_IT, { decision: 'clarify', articleIds: ['office-visit', 'photo-rules'] }],
  [after(VAGUE, CHANGE_IT), { decision: 'clarify', articleIds: ['office-visit', 'photo-rules', 'parking'] }],
  // Only with the topic's title does the engine know what "it" is; the title stands in for the
  // words that point back, which are left out of the question asked with it.
  [
    {
      en: `${PAY_BY_CARD_OF_TOPIC.en}\nReplacing a visitor badge`,
      es: `${PAY_BY_CARD_OF_TOPIC.es}\nReemplazar un gafete de visitante`,
    },
    { decision: 'answer', articleId: 'badge-replacement', score: 0.9 },
  ],
  [
    {
      en: `${PAY_BY_CARD_OF_TOPIC.en}\nLobby opening hours`,
      es: `${PAY_BY_CARD_OF_TOPIC.es}\nHorario del vestíbulo`,
    },
    { decision: 'answer', articleId: 'badge-replacement', score: 0.9 },
  ],
  // The title alone makes the topic the answer, whatever else the question says.
  [
    {
      en: `${TIME_IN_TOKYO_OF_TOPIC.en}\nReplacing a visitor badge`,
      es: `${TIME_IN_TOKYO_OF_TOPIC.es}\nReemplazar un gafete de visitante`,
    },
    { decision: 'answer', articleId: 'badge-replacement', score: 0.9 },
  ],
]);

/** Two misses in a row: the live-agent offer. */
const TWO_MISSES = [
  { say: UNKNOWN, expect: [{ keys: ['fallback.rephrase'], outcome: 'fallback' as const }] },
  {
    say: UNKNOWN_AGAIN,
    expect: [{ keys: ['agentOffer.afterMisses'], outcome: 'agentOffer' as const }],
  },
];

const ANSWER_LOBBY = { say: LOBBY, expect: [{ answer: 'lobby-hours' }, { answer: 'lobby-hours' }] };
const ANSWER_BADGE = {
  say: BADGE,
  expect: [
    { answer: 'badge-replacement', outcome: 'answer' as const },
    { answer: 'badge-replacement', outcome: 'answer' as const },
  ],
};

/** A live agent out of reach (no gateway), then the offer to leave a message. */
const NO_AGENT_THEN_OFFER = [
  { keys: ['agent.noChat', 'agent.alternatives'], outcome: 'noAgent' as const },
  {
    keys: ['handoff.leaveOffer.text'],
    values: (locale: Locale) => ({ due: locale === 'en' ? 'Monday, March 9' : 'lunes 9 de marzo' }),
    actions: ['handoff.leaveOffer.yes', 'handoff.leaveOffer.no'],
    outcome: 'leaveMessage' as const,
  },
];

const leaveKey = (key: string) => `handoff.leaveMessage.${key}`;

export const conversationTestCases: DialogTestCase[] = [
  // One reply reader for every prompt ------------------------------------------------------
  {
    name: 'the live-agent offer is accepted with an everyday yes ("yeah", "dale")',
    setup: () => ({ answers }),
    turns: [
      ...TWO_MISSES,
      { say: { en: 'yeah', es: 'dale' }, expect: [{ keys: ['agent.alternatives'], outcome: 'noAgent' }] },
    ],
    stored: (harness) =>
      expect(harness.analytics.at(-1)).toMatchObject({ type: 'handoff_request', outcome: 'no_gateway' }),
  },
  {
    name: 'the live-agent offer is accepted in many words ("sure, a live agent please")',
    setup: () => ({ answers }),
    turns: [
      ...TWO_MISSES,
      {
        say: { en: 'sure, a live agent please', es: 'claro, un agente en vivo por favor' },
        expect: [{ keys: ['agent.alternatives'] }],
      },
    ],
  },
  {
    name: 'the live-agent offer is declined with "nope" / "nop"',
    setup: () => ({ answers }),
    turns: [...TWO_MISSES, { say: { en: 'nope', es: 'nop' }, expect: [{ keys: ['agentOffer.declined'] }] }],
    stored: (harness) => expect(harness.analytics.at(-1)).toMatchObject({ outcome: 'declined' }),
  },
  {
    name: 'the live-agent offer is answered by typing its button label in the other language',
    setup: () => ({ answers }),
    turns: [
      ...TWO_MISSES,
      { say: { en: 'No, gracias', es: 'No, thanks' }, expect: [{ keys: ['agentOffer.declined'] }] },
    ],
  },
  {
    name: 'a new question typed instead of answering the live-agent offer leaves it and is answered',
    setup: () => ({ answers }),
    turns: [...TWO_MISSES, ANSWER_LOBBY],
    stored: (harness) =>
      expect(harness.analytics.filter((event) => event.type === 'handoff_request')).toEqual([]),
  },
  {
    name: '"did you mean" takes "the second one" / "la segunda"',
    setup: () => ({ answers }),
    turns: [
      {
        say: VAGUE,
        expect: [
          {
            keys: ['clarify.prompt'],
            actions: ['article:lobby-hours', 'article:parking', 'article:photo-rules', 'clarify.none'],
            outcome: 'clarify',
          },
        ],
      },
      {
        say: { en: 'the second one', es: 'la segunda' },
        expect: [{ answer: 'parking' }, { answer: 'parking' }],
      },
    ],
  },
  {
    name: '"did you mean" takes "the last one" / "la última", and "none" in words',
    setup: () => ({ answers }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      {
        say: { en: 'the last one', es: 'la última' },
        expect: [{ answer: 'photo-rules' }, { answer: 'photo-rules' }],
      },
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      { say: { en: 'none of them', es: 'ninguna' }, expect: [{ keys: ['fallback.rephraseAfterNone'] }] },
    ],
  },
  {
    name: 'words that narrow a "did you mean" down ("the one where I leave my car") pick the option they mean',
    setup: () => ({ answers }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      { say: NARROW_TO_PARKING, expect: [{ answer: 'parking' }, { answer: 'parking' }] },
    ],
  },
  {
    name: 'words that narrow a "did you mean" to several options offer only those that were offered',
    setup: () => ({ answers }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      {
        say: NARROW_TO_TWO,
        expect: [
          {
            keys: ['clarify.prompt'],
            actions: ['article:parking', 'article:photo-rules', 'clarify.none'],
            outcome: 'clarify',
          },
        ],
      },
    ],
  },
  {
    name: 'words after a "did you mean" that narrow nothing get the same options, asking to pick one',
    setup: () => ({ answers }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      {
        say: HOW_MUCH,
        expect: [
          {
            keys: ['clarify.which', 'clarify.prompt'],
            actions: ['article:lobby-hours', 'article:parking', 'article:photo-rules', 'clarify.none'],
            outcome: 'clarify',
          },
        ],
      },
    ],
  },
  {
    name: 'words after a "did you mean" never lead to an article that was not offered',
    setup: () => ({ answers }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      { say: NARROW_TO_BADGE, expect: [{ keys: ['fallback.rephrase'], outcome: 'fallback' }] },
      // Only the message right after the offer narrows it: later ones are read alone.
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      ANSWER_LOBBY,
      { say: NARROW_TO_PARKING, expect: [{ keys: ['fallback.rephrase'], outcome: 'fallback' }] },
    ],
  },
  {
    name: 'a new question typed instead of a "did you mean" choice is answered',
    setup: () => ({ answers }),
    turns: [{ say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] }, ANSWER_BADGE],
  },
  {
    name: '"was this helpful" takes an everyday yes ("yep" / "órale") and thanks once',
    setup: () => ({ answers }),
    turns: [
      ANSWER_LOBBY,
      { say: { en: 'yep', es: 'órale' }, expect: [{ keys: ['answer.thanksHelpful'], outcome: 'feedback' }] },
      // The same answer clicked again: no second vote, no second thanks.
      {
        say: { en: 'Yes', es: 'Sí' },
        value: (locale) => ({ type: 'feedback', articleId: 'lobby-hours', locale, helpful: true }),
        expect: [],
      },
    ],
    stored: (harness) => expect(harness.feedback.map((record) => record.helpful)).toEqual([true]),
  },
  {
    name: 'a yes or an ok with nothing waiting for one is acknowledged, never taken for a question it cannot answer',
    setup: () => ({ answers }),
    turns: [
      ANSWER_LOBBY,
      { say: { en: 'yep', es: 'órale' }, expect: [{ keys: ['answer.thanksHelpful'], outcome: 'feedback' }] },
      { say: { en: 'ok', es: 'sí' }, expect: [{ keys: ['smallTalk.acknowledge'], outcome: 'smallTalk' }] },
      { say: { en: 'no', es: 'no' }, expect: [{ keys: ['smallTalk.acknowledge'], outcome: 'smallTalk' }] },
    ],
    stored: (harness) =>
      expect(harness.analytics.filter((event) => event.type === 'question')).toHaveLength(1),
  },
  {
    name: 'after "no" to "was this helpful" the related topics stay offered and "the first one" picks one',
    setup: () => ({ answers }),
    turns: [
      ANSWER_LOBBY,
      {
        say: { en: 'nah', es: 'no' },
        expect: [
          {
            keys: ['answer.thanksNotHelpfulWithRelated'],
            actions: ['article:parking', 'article:photo-rules', 'agentOffer.action'],
            outcome: 'feedback',
          },
        ],
      },
      {
        say: { en: 'the first one', es: 'la primera' },
        expect: [{ answer: 'parking' }, { answer: 'parking' }],
      },
    ],
    stored: (harness) => expect(harness.feedback.map((record) => record.helpful)).toEqual([false]),
  },
  {
    name: '"was this helpful" also takes a related topic by its number',
    setup: () => ({ answers }),
    turns: [ANSWER_LOBBY, { say: '2', expect: [{ answer: 'photo-rules' }, { answer: 'photo-rules' }] }],
  },

  {
    name: '"did you mean" takes an option by its number typed in words ("number three" / "la número tres")',
    setup: () => ({ answers }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      {
        say: { en: 'number three', es: 'la número tres' },
        expect: [{ answer: 'photo-rules' }, { answer: 'photo-rules' }],
      },
    ],
  },
  {
    name: '"yes please" to "did you mean" with several options asks which one instead of guessing',
    setup: () => ({ answers }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      {
        say: { en: 'yes please', es: 'sí por favor' },
        expect: [
          {
            keys: ['clarify.which', 'clarify.prompt'],
            actions: ['article:lobby-hours', 'article:parking', 'article:photo-rules', 'clarify.none'],
            outcome: 'clarify',
          },
        ],
      },
      { say: '2', expect: [{ answer: 'parking' }, { answer: 'parking' }] },
    ],
  },

  // Leave a message --------------------------------------------------------------------------
  {
    name: 'leaving a message without a question asked before: it asks for one, refuses a yes, shows a summary, and a part can be changed',
    setup: () => ({ answers, leaveMessage: true }),
    turns: [
      { say: { en: 'agent', es: 'agente' }, expect: NO_AGENT_THEN_OFFER },
      // "yes" to the offer: the agent request itself is never offered as the question.
      { say: { en: 'yes', es: 'sí' }, expect: [{ keys: [leaveKey('askName')], outcome: 'leaveMessage' }] },
      { say: 'Maria Lopez', expect: [{ keys: [leaveKey('askContact')] }] },
      { say: 'maria@example.com', expect: [{ keys: [leaveKey('askQuestion')] }] },
      {
        say: { en: 'yes', es: 'sí' },
        expect: [{ keys: [leaveKey('notAQuestion'), leaveKey('askQuestion')] }],
      },
      {
        say: { en: 'my badge was never printed', es: 'mi gafete nunca se imprimió' },
        expect: [{ keys: [leaveKey('askUrgent')], actions: [leaveKey('urgentYes'), leaveKey('urgentNo')] }],
      },
      {
        say: { en: "Yes, it's urgent", es: 'Sí, es urgente' },
        expect: [
          {
            contains: [
              { en: '- Name: Maria Lopez', es: '- Nombre: Maria Lopez' },
              { en: '- Question: my badge was never printed', es: '- Pregunta: mi gafete nunca se imprimió' },
              { en: '- Urgent: Yes', es: '- Urgente: Sí' },
            ],
            actions: [leaveKey('send'), leaveKey('change'), leaveKey('dontSend')],
            outcome: 'leaveMessage',
          },
        ],
      },
      {
        say: { en: 'change the name', es: 'cambiar el nombre' },
        expect: [{ keys: [leaveKey('askNameAgain')] }],
      },
      {
        say: 'Maria L. Lopez',
        expect: [{ contains: [{ en: '- Name: Maria L. Lopez', es: '- Nombre: Maria L. Lopez' }] }],
      },
      {
        say: { en: 'send it', es: 'envíelo' },
        expect: [{ keys: [leaveKey('savedUrgent')], values: savedValues('Maria L. Lopez', true) }],
      },
    ],
    stored: (harness, locale) =>
      expect(harness.requests).toEqual([
        expect.objectContaining({
          name: 'Maria L. Lopez',
          email: 'maria@example.com',
          question: locale === 'en' ? 'my badge was never printed' : 'mi gafete nunca se imprimió',
          urgent: true,
          locale,
        }),
      ]),
  },
  {
    name: 'the name, the contact and the question typed in one message answer the offer to leave a message: only what is missing is asked',
    setup: () => ({ answers, leaveMessage: true }),
    turns: [
      { say: { en: 'agent', es: 'agente' }, expect: NO_AGENT_THEN_OFFER },
      {
        say: {
          en: 'My name is Maria Lopez, maria@example.com, my badge was never printed',
          es: 'Me llamo Maria Lopez, maria@example.com, mi gafete nunca se imprimió',
        },
        expect: [{ keys: [leaveKey('askUrgent')], outcome: 'leaveMessage' }],
      },
      {
        say: { en: 'no', es: 'no' },
        expect: [
          {
            contains: [
              { en: '- Name: Maria Lopez', es: '- Nombre: Maria Lopez' },
              { en: '- Contact: maria@example.com', es: '- Contacto: maria@example.com' },
              { en: '- Question: my badge was never printed', es: '- Pregunta: mi gafete nunca se imprimió' },
            ],
          },
        ],
      },
      {
        say: { en: 'send it', es: 'envíelo' },
        expect: [{ keys: [leaveKey('saved')], values: savedValues('Maria Lopez', false) }],
      },
    ],
    stored: (harness, locale) =>
      expect(harness.requests).toEqual([
        expect.objectContaining({
          name: 'Maria Lopez',
          email: 'maria@example.com',
          phone: null,
          question: locale === 'en' ? 'my badge was never printed' : 'mi gafete nunca se imprimió',
        }),
      ]),
  },
  {
    name: 'a phone number typed with other words instead of the name is taken, and the name is asked after it',
    setup: () => ({ answers, leaveMessage: true }),
    turns: [
      { say: { en: 'leave a message', es: 'dejar un mensaje' }, expect: [{ keys: [leaveKey('askName')] }] },
      {
        say: { en: 'call me at (202) 555-0143', es: 'llámeme al (202) 555-0143' },
        expect: [{ keys: [leaveKey('askNameAgain')] }],
      },
      { say: 'Ana', expect: [{ keys: [leaveKey('askQuestion')] }] },
      {
        say: { en: 'my badge was never printed', es: 'mi gafete nunca se imprimió' },
        expect: [{ keys: [leaveKey('askUrgent')] }],
      },
    ],
  },
  {
    name: 'leaving a message after a real question offers it for confirmation, and "yep" takes it',
    setup: () => ({ answers, leaveMessage: true }),
    turns: [
      ANSWER_BADGE,
      { say: { en: 'leave a message', es: 'dejar un mensaje' }, expect: [{ keys: [leaveKey('askName')] }] },
      { say: 'Ana', expect: [{ keys: [leaveKey('askContact')] }] },
      {
        say: '(202) 555-0143',
        expect: [
          {
            keys: [leaveKey('confirmQuestion')],
            values: (locale) => ({ question: BADGE[locale] }),
            actions: [leaveKey('yes'), leaveKey('no')],
          },
        ],
      },
      { say: { en: 'yep', es: 'claro' }, expect: [{ keys: [leaveKey('askUrgent')] }] },
      { say: { en: 'no', es: 'no' }, expect: [{ contains: [{ en: '- Urgent: No', es: '- Urgente: No' }] }] },
      {
        say: { en: 'yes', es: 'sí' },
        expect: [{ keys: [leaveKey('saved')], values: savedValues('Ana', false) }],
      },
    ],
    stored: (harness, locale) =>
      expect(harness.requests).toEqual([
        expect.objectContaining({
          name: 'Ana',
          phone: '(202) 555-0143',
          question: BADGE[locale],
          urgent: false,
        }),
      ]),
  },
  {
    name: 'a name typed as a sentence ("my name is Ana", "me llamo Ana") is stored as the name alone',
    setup: () => ({ answers, leaveMessage: true }),
    turns: [
      ANSWER_BADGE,
      { say: { en: 'leave a message', es: 'dejar un mensaje' }, expect: [{ keys: [leaveKey('askName')] }] },
      { say: { en: 'my name is Ana', es: 'me llamo Ana' }, expect: [{ keys: [leaveKey('askContact')] }] },
      {
        say: '(202) 555-0143',
        expect: [{ keys: [leaveKey('confirmQuestion')], values: (locale) => ({ question: BADGE[locale] }) }],
      },
      { say: { en: 'yep', es: 'claro' }, expect: [{ keys: [leaveKey('askUrgent')] }] },
      {
        say: { en: 'no', es: 'no' },
        expect: [{ contains: [{ en: '- Name: Ana\n', es: '- Nombre: Ana\n' }] }],
      },
      {
        say: { en: 'yes', es: 'sí' },
        expect: [{ keys: [leaveKey('saved')], values: savedValues('Ana', false) }],
      },
    ],
    stored: (harness) => expect(harness.requests).toEqual([expect.objectContaining({ name: 'Ana' })]),
  },
  {
    name: 'a question that alone gets "Did you mean" with the article just answered among the options gets that article',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      { say: ASK_AT_THE_DESK, expect: [{ answer: 'badge-replacement' }, { answer: 'badge-replacement' }] },
    ],
  },
  {
    name: 'the same question after an article that is not among the options still asks which one',
    setup: () => ({ answers }),
    turns: [
      ANSWER_LOBBY,
      {
        say: ASK_AT_THE_DESK,
        expect: [
          {
            keys: ['clarify.prompt'],
            actions: ['article:parking', 'article:badge-replacement', 'clarify.none'],
          },
        ],
      },
    ],
  },
  {
    name: 'words that point back ("can I change it") right after "Did you mean" keep to the options just offered',
    setup: () => ({ answers }),
    turns: [
      { say: VAGUE, expect: [{ keys: ['clarify.prompt'] }] },
      {
        say: CHANGE_IT,
        expect: [
          {
            keys: ['clarify.prompt'],
            actions: ['article:photo-rules', 'article:parking', 'clarify.none'],
          },
        ],
      },
    ],
  },
  {
    name: 'an article that answered with one of its passages is the topic of the follow-ups after it',
    setup: () => ({ answers }),
    turns: [
      {
        say: LOST_BADGE,
        expect: [
          { answer: 'badge-replacement', outcome: 'passage', passage: 3 },
          { answer: 'badge-replacement' },
        ],
      },
      {
        say: { en: 'how much does it cost?', es: '¿y cuánto cuesta?' },
        expect: [
          {
            answer: 'badge-replacement',
            outcome: 'passage',
            contains: [{ en: 'ten dollars', es: 'diez dólares' }],
          },
        ],
      },
    ],
  },
  {
    name: 'leaving a message after a follow-up offers the question before it, not the fragment',
    setup: () => ({ answers, leaveMessage: true }),
    turns: [
      ANSWER_BADGE,
      {
        say: { en: 'how much does it cost?', es: '¿y cuánto cuesta?' },
        expect: [{ answer: 'badge-replacement', outcome: 'passage' }],
      },
      // A miss ends the topic: the same fragment is then a question of its own, and unanswered.
      { say: UNKNOWN, expect: [{ keys: ['fallback.rephrase'] }] },
      {
        say: { en: 'how much does it cost?', es: '¿y cuánto cuesta?' },
        expect: [{ keys: ['agentOffer.afterMisses'] }],
      },
      { say: { en: 'leave a message', es: 'dejar un mensaje' }, expect: [{ keys: [leaveKey('askName')] }] },
      { say: 'Ana', expect: [{ keys: [leaveKey('askContact')] }] },
      {
        say: 'ana@example.com',
        expect: [
          { keys: [leaveKey('confirmQuestion')], values: (locale) => ({ question: UNKNOWN[locale] }) },
        ],
      },
    ],
  },
  {
    name: 'leaving a message: the question typed instead of yes or no to the one offered is taken',
    setup: () => ({ answers, leaveMessage: true }),
    turns: [
      ANSWER_BADGE,
      { say: { en: 'leave a message', es: 'dejar un mensaje' }, expect: [{ keys: [leaveKey('askName')] }] },
      { say: 'Ana', expect: [{ keys: [leaveKey('askContact')] }] },
      {
        say: 'ana@example.com',
        expect: [{ keys: [leaveKey('confirmQuestion')], values: (locale) => ({ question: BADGE[locale] }) }],
      },
      {
        say: {
          en: 'actually my badge does not open the door',
          es: 'en realidad mi gafete no abre la puerta',
        },
        expect: [{ keys: [leaveKey('askUrgent')] }],
      },
      {
        say: { en: 'not urgent', es: 'no es urgente' },
        expect: [
          {
            contains: [
              {
                en: '- Question: actually my badge does not open the door',
                es: '- Pregunta: en realidad mi gafete no abre la puerta',
              },
            ],
          },
        ],
      },
      { say: { en: "don't send it", es: 'no enviarlo' }, expect: [{ keys: [leaveKey('notSent')] }] },
    ],
    stored: (harness) => expect(harness.requests).toEqual([]),
  },
  {
    name: 'a new question typed instead of a name leaves "leave a message" and is answered',
    setup: () => ({ answers, leaveMessage: true }),
    turns: [
      { say: { en: 'leave a message', es: 'dejar un mensaje' }, expect: [{ keys: [leaveKey('askName')] }] },
      {
        say: { en: 'when can I walk into the lobby?', es: '¿cuándo puedo entrar al vestíbulo?' },
        expect: [{ answer: 'lobby-hours' }, { answer: 'lobby-hours' }],
      },
    ],
    stored: (harness) => expect(harness.requests).toEqual([]),
  },

  // Conversation context ---------------------------------------------------------------------
  {
    name: 'follow-ups about cost, time and a lost badge are answered from the article of the topic',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      {
        say: { en: 'how much does it cost?', es: '¿y cuánto cuesta?' },
        expect: [
          {
            answer: 'badge-replacement',
            passage: true,
            outcome: 'passage',
            contains: [
              { en: 'costs ten dollars', es: 'cuesta diez dólares' },
              {
                en: '(https://example.gov/en/badge-replacement)',
                es: '(https://example.gov/es/badge-replacement)',
              },
            ],
          },
        ],
      },
      {
        say: { en: 'and how long?', es: '¿y cuánto tarda?' },
        expect: [
          {
            answer: 'badge-replacement',
            outcome: 'passage',
            contains: [{ en: 'fifteen minutes', es: 'quince minutos' }],
          },
        ],
      },
      {
        say: { en: 'and if I lost it?', es: '¿y si lo perdí?' },
        expect: [
          {
            answer: 'badge-replacement',
            outcome: 'passage',
            contains: [{ en: 'security first', es: 'primero a seguridad' }],
          },
        ],
      },
    ],
    stored: (harness) =>
      expect(harness.analytics.map((event) => [event.articleId, event.outcome])).toEqual([
        ['badge-replacement', 'answer'],
        ['badge-replacement', 'passage'],
        ['badge-replacement', 'passage'],
        ['badge-replacement', 'passage'],
      ]),
  },
  {
    name: 'a follow-up the article does not answer gets an article about it in general',
    setup: () => ({ answers }),
    turns: [
      { say: VISIT, expect: [{ answer: 'office-visit' }, { answer: 'office-visit' }] },
      {
        say: { en: 'how much does it cost', es: 'cuánto cuesta' },
        expect: [
          {
            keys: ['followUp.notInArticle', 'followUp.generalArticle'],
            values: (locale) => ({
              title: locale === 'en' ? 'Visiting the office' : 'Visitar la oficina',
              detail: locale === 'en' ? 'how much it costs' : 'cuánto cuesta',
            }),
            outcome: 'notInArticle',
          },
          { answer: 'fees', outcome: 'answer' },
        ],
      },
    ],
  },
  {
    name: 'a follow-up nothing answers gets an honest "that page does not say", with where to look',
    setup: () => ({ answers }),
    turns: [
      { say: VISIT, expect: [{ answer: 'office-visit' }, { answer: 'office-visit' }] },
      {
        say: { en: 'how long does it take?', es: '¿cuánto tiempo tarda?' },
        expect: [
          {
            keys: ['followUp.look.time'],
            contains: ['https://egov.uscis.gov/processing-times/'],
            outcome: 'notInArticle',
          },
        ],
      },
      {
        say: { en: 'what documents do I need?', es: '¿qué documentos necesito?' },
        expect: [
          {
            answer: 'office-visit',
            outcome: 'passage',
            contains: [{ en: 'photo ID', es: 'identificación con foto' }],
          },
        ],
      },
    ],
    stored: (harness) =>
      expect(harness.analytics.map((event) => event.outcome)).toEqual(['answer', 'notInArticle', 'passage']),
  },
  {
    name: 'a change of subject replaces the topic: the follow-up is about the newer one',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      ANSWER_LOBBY,
      {
        say: { en: 'how much does it cost?', es: '¿cuánto cuesta?' },
        expect: [
          { keys: ['followUp.notInArticle'], values: titleAndCost('lobby-hours'), outcome: 'notInArticle' },
          { answer: 'fees' },
        ],
      },
    ],
  },
  {
    name: 'a question that says "it" for the topic is answered from the topic when it gets no answer alone',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      { say: PAY_BY_CARD, expect: [{ answer: 'badge-replacement' }, { answer: 'badge-replacement' }] },
    ],
    stored: (harness, locale) =>
      expect(harness.analytics.at(-1)).toMatchObject({
        decision: 'answer',
        articleId: 'badge-replacement',
        text: PAY_BY_CARD[locale],
      }),
  },
  {
    name: 'a question that says "it" with a word no article has is not answered from the topic, though its title would make it so',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      { say: TIME_IN_TOKYO, expect: [{ keys: ['fallback.rephrase'], outcome: 'fallback' }] },
    ],
  },
  {
    name: 'the topic never turns an answer into another subject: "it" about the lobby is not the badge',
    setup: () => ({ answers }),
    turns: [ANSWER_LOBBY, { say: PAY_BY_CARD, expect: [{ keys: ['fallback.rephrase'] }] }],
  },
  {
    name: 'a question that says "it" with no topic is a question of its own',
    setup: () => ({ answers }),
    turns: [{ say: PAY_BY_CARD, expect: [{ keys: ['fallback.rephrase'] }] }],
  },
  {
    name: 'an unanswered question ends the topic: a follow-up after it is a question of its own',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      { say: UNKNOWN, expect: [{ keys: ['fallback.rephrase'] }] },
      {
        say: { en: 'how much does it cost?', es: '¿cuánto cuesta?' },
        expect: [{ keys: ['agentOffer.afterMisses'] }],
      },
    ],
  },
  {
    name: 'the topic expires after a few turns about other things',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      { say: { en: 'hello', es: 'hola' }, expect: [{ keys: ['smallTalk.hello'] }] },
      { say: { en: 'who are you', es: 'quién es usted' }, expect: [{ keys: ['smallTalk.whoAreYou'] }] },
      { say: { en: 'are you a robot', es: 'es usted un robot' }, expect: [{ keys: ['smallTalk.robot'] }] },
      {
        say: { en: 'what can you do', es: 'qué puede hacer' },
        expect: [{ keys: ['help.text'], values: schedule }],
      },
      {
        say: { en: 'how much does it cost?', es: '¿cuánto cuesta?' },
        expect: [{ keys: ['fallback.rephrase'] }],
      },
    ],
  },
  {
    name: '"what does that mean?" after a case status explains it in the conversation\'s language; the history comes from the topic',
    turns: [
      {
        say: 'EAC9999103402',
        expect: [{ keys: ['caseStatus.meaning'], values: meaning('approved'), outcome: 'caseStatus' }],
      },
      {
        say: { en: 'what does that mean?', es: '¿qué significa eso?' },
        expect: [
          {
            keys: ['caseStatus.explainLead', 'caseStatus.meaning'],
            values: (locale) => ({
              ...meaning('approved')(locale),
              receipt: 'EAC*******3402',
              title: locale === 'en' ? 'Case Was Approved' : 'Caso Fue Aprobado',
            }),
            outcome: 'caseStatus',
          },
        ],
      },
      {
        say: { en: 'history', es: 'historial' },
        expect: [
          { contains: [{ en: 'Case history for EAC*******3402', es: 'Historial del caso EAC*******3402' }] },
        ],
      },
    ],
  },
  {
    name: '"where do I find it?" when asked for a receipt number says where it is printed and keeps waiting for it',
    turns: [
      {
        say: { en: 'check my case status', es: 'estatus de mi caso' },
        expect: [{ keys: ['caseStatus.ask'], outcome: 'caseStatusPrompt' }],
      },
      {
        say: { en: 'where do I find it?', es: '¿dónde lo encuentro?' },
        expect: [{ keys: ['caseStatus.where', 'caseStatus.askAgain'], outcome: 'caseStatusPrompt' }],
      },
      { say: 'MSC9999100005', expect: [{ contains: ['I-485', 'MSC*******0005'], outcome: 'caseStatus' }] },
    ],
  },
  {
    name: '"I don\'t have it with me" when asked for a receipt number says where to find it later and stops asking',
    turns: [
      { say: { en: 'track my case', es: 'rastrear mi caso' }, expect: [{ keys: ['caseStatus.ask'] }] },
      {
        say: { en: "I don't have it with me", es: 'no lo tengo conmigo' },
        expect: [{ keys: ['caseStatus.missing'], outcome: 'caseStatusPrompt' }],
      },
      { say: { en: 'thanks', es: 'gracias' }, expect: [{ keys: ['smallTalk.thanks'] }] },
    ],
  },

  {
    name: 'a "thanks" after an answer keeps the topic: the follow-up after it is still about it',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      { say: { en: 'thanks', es: 'gracias' }, expect: [{ keys: ['smallTalk.thanks'] }] },
      {
        say: { en: 'how much does it cost?', es: '¿cuánto cuesta?' },
        expect: [
          {
            answer: 'badge-replacement',
            outcome: 'passage',
            contains: [{ en: 'costs ten dollars', es: 'cuesta diez dólares' }],
          },
        ],
      },
    ],
  },
  {
    name: 'after a language switch the follow-up is answered from the same topic in the new language',
    setup: () => ({ answers }),
    turns: [
      ANSWER_BADGE,
      {
        say: { en: 'español por favor', es: 'in English please' },
        expect: [
          { keys: ['language.switchedShort'], language: 'other' },
          { answer: 'badge-replacement', language: 'other' },
          { answer: 'badge-replacement', language: 'other' },
        ],
      },
      {
        say: { en: '¿y cuánto cuesta?', es: 'how much does it cost?' },
        channel: 'other',
        expect: [
          {
            answer: 'badge-replacement',
            outcome: 'passage',
            language: 'other',
            contains: [{ en: 'costs ten dollars', es: 'cuesta diez dólares' }],
          },
        ],
      },
    ],
  },

  // Case status edge cases -------------------------------------------------------------------
  {
    name: 'a receipt number with a prefix that is no office code is told what is wrong',
    turns: [
      {
        say: 'ABC1234567890',
        expect: [
          {
            keys: ['caseStatus.unknownPrefix', 'caseStatus.ask'],
            values: () => ({ letters: 'ABC', prefixes: 'EAC, WAC, LIN, SRC, NBC, MSC, IOE, YSC' }),
            outcome: 'caseStatusPrompt',
          },
        ],
      },
      { say: 'IOE9999100006', expect: [{ contains: ['IOE*******0006'] }] },
    ],
  },
  {
    name: '"my receipt number is EAC12345" gets the format explained, not an article',
    setup: () => ({ answers }),
    turns: [
      {
        say: { en: 'my receipt number is EAC12345', es: 'mi número de recibo es EAC12345' },
        expect: [{ keys: ['caseStatus.malformed', 'caseStatus.ask'], values: () => ({ digits: '5' }) }],
      },
    ],
    stored: (harness) => expect(harness.analytics).toEqual([]),
  },
  {
    name: 'an A-number is told apart from a receipt number, and the receipt number then works',
    turns: [
      {
        say: { en: 'A#123456789', es: 'mi A number es A212345678' },
        expect: [
          {
            keys: ['caseStatus.aNumber', 'caseStatus.ask'],
            outcome: 'caseStatusPrompt',
            excludes: ['123456789', '212345678'],
          },
        ],
      },
      { say: 'LIN9999100002', expect: [{ contains: ['I-765', 'LIN*******0002'] }] },
    ],
  },
  {
    name: "a status the source has only in English is marked so, and explained in the conversation's language",
    turns: [
      {
        say: 'WAC9999100008',
        expect: [
          {
            keys: { en: ['caseStatus.meaning'], es: ['caseStatus.meaning', 'caseStatus.englishOnly'] },
            values: meaning('received'),
            contains: [
              { en: '**Case Was Received**', es: '**Case Was Received** (estatus oficial, en inglés)' },
            ],
          },
        ],
      },
    ],
  },

  {
    name: 'a receipt number inside a sentence is read while the assistant waits for one',
    turns: [
      { say: { en: 'track my case', es: 'rastrear mi caso' }, expect: [{ keys: ['caseStatus.ask'] }] },
      {
        say: { en: 'sure, it is EAC9999103402', es: 'claro, es EAC9999103402' },
        expect: [{ keys: ['caseStatus.meaning'], values: meaning('approved'), outcome: 'caseStatus' }],
      },
    ],
  },
  {
    name: 'a receipt number typed with spaces and dashes is read as one',
    turns: [
      {
        say: { en: 'my receipt is eac-999-910-3402', es: 'mi recibo es eac 999 910 3402' },
        expect: [{ keys: ['caseStatus.meaning'], values: meaning('approved'), outcome: 'caseStatus' }],
      },
    ],
  },

  // Language -----------------------------------------------------------------------------------
  {
    name: 'asking for the other language ("español por favor" / "in English please") switches and repeats the last answer in it',
    setup: () => ({ answers }),
    turns: [
      ANSWER_LOBBY,
      {
        say: { en: 'español por favor', es: 'in English please' },
        expect: [
          { keys: ['language.switchedShort'], language: 'other', outcome: 'languageSwitch' },
          { answer: 'lobby-hours', language: 'other' },
          { answer: 'lobby-hours', language: 'other' },
        ],
      },
    ],
    stored: (harness, locale) =>
      expect(harness.storedLocales.map((stored) => stored.locale)).toEqual([locale, otherLocale(locale)]),
  },
  {
    name: 'a follow-up that only asks for the other language ("y en español?", "and in English?") switches and repeats the last answer',
    setup: () => ({ answers }),
    turns: [
      ANSWER_LOBBY,
      {
        say: { en: 'y en español?', es: 'and in English?' },
        expect: [
          { keys: ['language.switchedShort'], language: 'other', outcome: 'languageSwitch' },
          { answer: 'lobby-hours', language: 'other' },
          { answer: 'lobby-hours', language: 'other' },
        ],
      },
    ],
  },
  {
    name: 'a request for the other language in a sentence ("¿me puede ayudar en español?", "can you help me in English?") switches',
    turns: [
      {
        say: { en: '¿me puede ayudar en español?', es: 'can you help me in English?' },
        expect: [{ keys: ['language.switched'], language: 'other', outcome: 'languageSwitch' }],
      },
      {
        say: { en: 'hablo español', es: 'I speak English' },
        expect: [{ keys: ['language.switched'], language: 'other' }],
      },
    ],
  },
  {
    name: "the widget's language button switches in the middle of a question, which is asked again in the new language",
    turns: [
      {
        say: { en: 'check my case status', es: 'estatus de mi caso' },
        expect: [{ keys: ['caseStatus.ask'] }],
      },
      {
        say: '',
        activity: (locale) => languageChosen(locale, otherLocale(locale)),
        expect: [
          { keys: ['language.switchedShort'], language: 'other', outcome: 'languageSwitch' },
          { keys: ['caseStatus.ask'], language: 'other', outcome: 'caseStatusPrompt' },
        ],
      },
      {
        say: 'EAC9999103402',
        channel: 'other',
        expect: [{ keys: ['caseStatus.meaning'], values: meaning('approved'), language: 'other' }],
      },
    ],
    stored: (harness, locale) => {
      expect(harness.storedLocales.at(-1)?.locale).toBe(otherLocale(locale));
      expect(harness.analytics.at(-1)).toMatchObject({ type: 'case_status', locale: otherLocale(locale) });
    },
  },
  {
    name: "the widget's language button after a case status shows the status again in the new language",
    turns: [
      {
        say: 'EAC9999103402',
        expect: [{ contains: [{ en: 'Case Was Approved', es: 'Caso Fue Aprobado' }] }],
      },
      {
        say: '',
        activity: (locale) => languageChosen(locale, otherLocale(locale)),
        expect: [
          { keys: ['language.switchedShort'], language: 'other' },
          // Fragments are in the reply's language.
          {
            contains: [{ en: 'Case Was Approved', es: 'Caso Fue Aprobado' }],
            language: 'other',
            outcome: 'caseStatus',
          },
        ],
      },
    ],
  },
  {
    name: "the widget's language button for the language already spoken says nothing",
    turns: [{ say: '', activity: (locale) => languageChosen(locale, locale), expect: [] }],
  },
  {
    name: "the channel's language changing between messages switches the conversation",
    setup: () => ({ answers }),
    turns: [
      {
        say: { en: 'cuándo puedo entrar al vestíbulo', es: 'when can I walk into the lobby' },
        channel: 'other',
        expect: [
          { keys: ['language.switchedShort'], language: 'other' },
          { answer: 'lobby-hours', language: 'other' },
          { answer: 'lobby-hours', language: 'other' },
        ],
      },
    ],
    stored: (harness, locale) =>
      expect(harness.analytics.at(-1)).toMatchObject({ type: 'question', locale: otherLocale(locale) }),
  },

  // Small things -------------------------------------------------------------------------------
  {
    name: '"thanks, bye" is a goodbye: no miss, no live-agent offer',
    turns: [
      {
        say: { en: 'thanks, bye', es: 'gracias, adiós' },
        expect: [{ keys: ['smallTalk.bye'], outcome: 'smallTalk' }],
      },
      {
        say: { en: 'ok thank you, goodbye', es: 'ok muchas gracias, adiós' },
        expect: [{ keys: ['smallTalk.bye'] }],
      },
    ],
    stored: (harness) => expect(harness.analytics).toEqual([]),
  },
  {
    name: 'times in Spanish replies are written one way, whoever wrote the text',
    setup: () => ({ answers }),
    turns: [
      {
        say: VISIT,
        expect: [
          { answer: 'office-visit', contains: [{ en: 'from 8 a.m. to 4 p.m.', es: 'de 8 a. m. a 4 p. m.' }] },
          { answer: 'office-visit' },
        ],
      },
    ],
  },
];

function savedValues(name: string, urgent: boolean) {
  return (locale: Locale) => ({
    name,
    due: urgent
      ? locale === 'en'
        ? 'Thursday, March 5'
        : 'jueves 5 de marzo'
      : locale === 'en'
        ? 'Monday, March 9'
        : 'lunes 9 de marzo',
  });
}

function titleAndCost(articleId: 'lobby-hours') {
  const titles = { 'lobby-hours': { en: 'Lobby opening hours', es: 'Horario del vestíbulo' } };
  return (locale: Locale) => ({
    title: titles[articleId][locale],
    detail: locale === 'en' ? 'how much it costs' : 'cuánto cuesta',
  });
}

/** The values of `caseStatus.meaning` for a kind of status, in the reply's language. */
function meaning(kind: 'approved' | 'received') {
  return (locale: Locale): Record<string, string> => {
    const { means, next } = (locale === 'en' ? enBot : esBot).caseStatusMeaning[kind];
    return { means, next };
  };
}

function schedule(locale: Locale): Record<string, string> {
  return {
    schedule:
      locale === 'en'
        ? 'Monday to Friday, 8 a.m. to 8 p.m. Eastern time'
        : 'de lunes a viernes, de 8 a. m. a 8 p. m., hora del Este',
  };
}
