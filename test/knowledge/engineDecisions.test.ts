import { describe, expect, it } from 'vitest';
import { AnswerIndex } from '../../knowledge/engine/answerIndex.js';
import {
  calibrate,
  chooseThresholds,
  measureRanked,
  type RankedQuestion,
} from '../../knowledge/engine/calibration.js';
import { parseCalibration, type EngineCalibration } from '../../knowledge/engine/calibrationFile.js';
import type { LabeledQuestion } from '../../knowledge/engine/evaluation.js';
import { decide } from '../../knowledge/engine/decision.js';
import type { IndexDocument, RankedDocument } from '../../knowledge/engine/types.js';

/** A small hand-built article set: two close "reschedule" articles, and three distinct ones. */
const ARTICLES: IndexDocument[] = [
  {
    id: 'biometrics-appointment',
    locale: 'en',
    title: 'Rescheduling a biometrics appointment',
    questions: [
      'How do I reschedule my biometrics appointment?',
      'Can I change my fingerprint appointment?',
      'I cannot make it to my ASC appointment',
      'move my biometrics date',
    ],
    body: 'Biometrics appointments at an Application Support Center are scheduled automatically.',
  },
  {
    id: 'interview-appointment',
    locale: 'en',
    title: 'Rescheduling an interview appointment',
    questions: [
      'How do I reschedule my interview?',
      'Can I change the date of my interview appointment?',
      'I cannot attend my interview',
      'postpone my interview',
    ],
    body: 'Interview appointments are set by the field office. Ask to reschedule as early as possible.',
  },
  {
    id: 'green-card-replacement',
    locale: 'en',
    title: 'Replacing a lost or stolen green card',
    questions: [
      'I lost my permanent resident card',
      'How do I replace my green card?',
      'my green card was stolen',
    ],
    body: 'File Form I-90 to replace a permanent resident card that was lost, stolen or damaged.',
  },
  {
    id: 'case-status',
    locale: 'en',
    title: 'Checking your case status',
    questions: [
      'Where is my case?',
      'How do I check my case status?',
      'status of my application with receipt number',
    ],
    body: 'Enter your receipt number in the case status tool.',
  },
  {
    id: 'contact-hours',
    locale: 'en',
    title: 'Contact center phone number and hours',
    questions: ['What is the phone number?', 'When is the contact center open?', 'what are your hours'],
    body: 'Call Monday to Friday, 8 a.m. to 8 p.m. Eastern.',
  },
  {
    id: 'green-card-replacement',
    locale: 'es',
    title: 'Cómo reemplazar una tarjeta verde perdida o robada',
    questions: [
      'Perdí mi tarjeta de residente permanente',
      '¿Cómo reemplazo mi green card?',
      'me robaron la tarjeta',
    ],
    body: 'Presente el Formulario I-90 para reemplazar una tarjeta de residente permanente.',
  },
  {
    id: 'case-status',
    locale: 'es',
    title: 'Cómo verificar el estatus de su caso',
    questions: ['¿Dónde está mi caso?', '¿Cómo reviso el estado de mi caso?', 'estatus con número de recibo'],
    body: 'Ingrese su número de recibo en la herramienta de estatus de caso.',
  },
];

/** A fixed calibration, so these tests check the engine's ranking and decision rule, not a fit. */
const CALIBRATION: EngineCalibration = parseCalibration({
  default: {
    weights: { bias: -6, signals: { bm25: 2, coverage: 2, questionMatch: 3, charMatch: 2, classifier: 5 } },
    thresholds: { answer: 0.5, clarify: 0.3, margin: 0.1 },
  },
  locales: {},
});

describe('answer decisions on a small article set', () => {
  it('when a question clearly matches one article, then the decision is answer with that article', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    const result = index.answer('how do I replace my lost green card', 'en');
    expect(result.decision).toBe('answer');
    expect(result.article?.id).toBe('green-card-replacement');
    expect(result.article).toBe(ARTICLES[2]);
    expect(result.score).toBeGreaterThan(0.5);
  });

  it('when a question sits between two close articles, then the decision is clarify offering both', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    const result = index.answer('reschedule appointment', 'en');
    expect(result.decision).toBe('clarify');
    expect(result.article).toBeUndefined();
    expect(result.alternatives.map((item) => item.document.id).sort()).toEqual([
      'biometrics-appointment',
      'interview-appointment',
    ]);
  });

  it('when a question is off topic, then the decision is none', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    for (const text of ['what is the weather in chicago', 'who won the football game last night']) {
      const result = index.answer(text, 'en');
      expect(result.decision, text).toBe('none');
      expect(result.alternatives).toEqual([]);
    }
    expect(index.answer('¿cuál es el clima hoy?', 'es').decision).toBe('none');
  });

  it('when the question is in Spanish, then only Spanish articles are candidates', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    const result = index.answer('perdí mi tarjeta verde', 'es');
    expect(result.decision).toBe('answer');
    expect(result.article?.locale).toBe('es');
    expect(result.ranking.every((item) => item.document.locale === 'es')).toBe(true);
  });

  it('when a result is explained, then every signal is a score in [0, 1]', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    const [best] = index.answer('check my case status', 'en').ranking;
    expect(best?.document.id).toBe('case-status');
    for (const value of Object.values(best?.signals ?? {})) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(best?.matchedQuestion).toMatch(/case status/i);
  });

  it('when there is no article in the locale, then the decision is none', async () => {
    const index = await AnswerIndex.build(ARTICLES, { calibration: CALIBRATION });
    expect(index.answer('où est mon dossier', 'fr').decision).toBe('none');
  });
});

describe('decision rule', () => {
  const ranked = (...scores: number[]): RankedDocument[] =>
    scores.map((score, i) => ({
      document: { id: `d${i}`, locale: 'en', title: `d${i}`, questions: [] },
      score,
      signals: {
        bm25: 0,
        coverage: 0,
        nameCoverage: 0,
        subject: 0,
        questionMatch: 0,
        charMatch: 0,
        classifier: 0,
        otherAgency: 0,
      },
      matchedQuestion: '',
    }));

  it('when the best is far ahead of any rival but below the answer threshold, then lead decides', () => {
    const thresholds = { answer: 0.9, clarify: 0.5, margin: 0.1 };
    expect(decide(ranked(0.8, 0.1), thresholds).decision).toBe('clarify');
    expect(decide(ranked(0.8, 0.1), { ...thresholds, lead: 0.6 }).decision).toBe('answer');
    expect(decide(ranked(0.8, 0.3), { ...thresholds, lead: 0.6 }).decision).toBe('clarify');
    expect(decide(ranked(0.4, 0.0), { ...thresholds, lead: 0.3 }).decision).toBe('none');
  });

  it('when the runner-up scores a small share of the best, then ratio answers, but never below clarify', () => {
    const thresholds = { answer: 0.9, clarify: 0.5, margin: 0.1, lead: 0.6 };
    // Leads by 0.5 (< lead) but the runner-up has a quarter of its score: no rival.
    expect(decide(ranked(0.7, 0.2), thresholds).decision).toBe('clarify');
    expect(decide(ranked(0.7, 0.2), { ...thresholds, ratio: 0.4 }).decision).toBe('answer');
    expect(decide(ranked(0.7, 0.35), { ...thresholds, ratio: 0.4 }).decision).toBe('clarify');
    // Below clarify the ratio changes nothing: an out-of-scope question keeps its "none".
    expect(decide(ranked(0.45, 0.01), { ...thresholds, ratio: 0.4 }).decision).toBe('none');
  });

  it('when two candidates are close, then clarify offers at most three, best first', () => {
    const result = decide(ranked(0.95, 0.93, 0.9, 0.85), { answer: 0.9, clarify: 0.5, margin: 0.1 });
    expect(result.decision).toBe('clarify');
    expect(result.alternatives.map((item) => item.document.id)).toEqual(['d0', 'd1', 'd2']);
  });
});

describe('calibration', () => {
  it('when scores separate right answers from off-topic questions, then the cut falls between them', () => {
    const questions: RankedQuestion[] = [
      { expect: 'a', ranking: [{ id: 'a', score: 0.9 }] },
      { expect: 'b', ranking: [{ id: 'b', score: 0.8 }] },
      { expect: 'c', ranking: [{ id: 'c', score: 0.7 }] },
      { expect: null, ranking: [{ id: 'a', score: 0.3 }] },
      { expect: null, ranking: [{ id: 'b', score: 0.2 }] },
    ];
    const { thresholds } = chooseThresholds(questions);
    // The cut falls between the lowest right answer and the highest off-topic question; every
    // right answer is given directly (through the answer cut, or a lead that clears it) and the
    // off-topic questions get none.
    expect(thresholds.clarify).toBe(0.7);
    const measured = measureRanked(questions, thresholds);
    expect(measured.answerRate).toBe(1);
    expect(measured.inScopeTop1).toBe(1);
    expect(measured.oosRecall).toBe(1);
    expect(measured.wrongAnswerRate).toBe(0);
  });

  it('when there are more scores than answer cut points, then the clarify cut still sits just above the out-of-scope questions it turns away', () => {
    // 300 in-scope questions, right first, scoring 0.4000 … 0.6990, and 20 out-of-scope ones: 19
    // below them (0.1000 … 0.2800) and one at 0.9 that the 95 % target lets through. The answer
    // cut points are thinned to about 120, so a cut taken from them may stop at one of their points
    // above 0.4000 and turn away the in-scope questions in between; the clarify cut is taken from
    // every observed score, so it is the lowest in-scope score and every in-scope question is offered.
    const inScope: RankedQuestion[] = Array.from({ length: 300 }, (_, i) => ({
      expect: `a${i}`,
      ranking: [{ id: `a${i}`, score: 0.4 + i * 0.001 }],
    }));
    const outOfScope: RankedQuestion[] = [
      ...Array.from({ length: 19 }, (_, i) => ({
        expect: null,
        ranking: [{ id: 'a0', score: 0.1 + i * 0.01 }],
      })),
      { expect: null, ranking: [{ id: 'a0', score: 0.9 }] },
    ];
    const questions = [...outOfScope, ...inScope];
    const { thresholds } = chooseThresholds(questions, { outOfScopeTarget: 0.95, wrongAnswerLimit: 0.02 });
    expect(thresholds.clarify).toBe(0.4);
    const measured = measureRanked(questions, thresholds);
    expect(measured.inScopeTop1).toBe(1);
    expect(measured.oosRecall).toBe(0.95);
  });

  it('when validation has vague questions (clarify: [...]), then a direct answer to them counts as a cost and the margin keeps them a "Did you mean…?"', () => {
    // Ten clear questions, three right but close to their runner-up (lead 0.04), five vague
    // questions as close, and five out-of-scope ones far below.
    const clear: RankedQuestion[] = Array.from({ length: 10 }, (_, i) => ({
      expect: `c${i}`,
      ranking: [
        { id: `c${i}`, score: 0.9 },
        { id: 'x', score: 0.3 },
      ],
    }));
    const close: RankedQuestion[] = Array.from({ length: 3 }, (_, i) => ({
      expect: `k${i}`,
      ranking: [
        { id: `k${i}`, score: 0.9 },
        { id: 'x', score: 0.86 },
      ],
    }));
    const vague: RankedQuestion[] = Array.from({ length: 5 }, () => ({
      expect: null,
      clarify: ['renew', 'lost'],
      ranking: [
        { id: 'renew', score: 0.9 },
        { id: 'lost', score: 0.86 },
      ],
    }));
    const outOfScope: RankedQuestion[] = Array.from({ length: 5 }, () => ({
      expect: null,
      ranking: [{ id: 'x', score: 0.2 }],
    }));
    const targets = { outOfScopeTarget: 0.95, wrongAnswerLimit: 0.02 };
    // Without them, the margin answers the close questions directly, and would answer vague ones too.
    const plain = chooseThresholds([...clear, ...close, ...outOfScope], targets).thresholds;
    expect(measureRanked([...clear, ...close, ...vague, ...outOfScope], plain).vagueAnswerRate).toBe(1);
    // With them, answering the three close questions is not worth answering the five vague ones.
    const withVague = chooseThresholds([...clear, ...close, ...vague, ...outOfScope], targets).thresholds;
    const measured = measureRanked([...clear, ...close, ...vague, ...outOfScope], withVague);
    expect(measured.vagueN).toBe(5);
    expect(measured.vagueAnswerRate).toBe(0);
    // Vague questions are neither in scope nor out of scope; the close ones are still offered first.
    expect(measured.inScopeN).toBe(13);
    expect(measured.oosN).toBe(5);
    expect(measured.inScopeTop1).toBe(1);
    expect(measured.oosRecall).toBe(1);
  });

  it('when a calibration file sets lead, then the engine reads it as calibration chose it', async () => {
    const file = (lead?: number) => ({
      default: {
        weights: CALIBRATION.default.weights,
        // No confidence reaches 1: only `lead` can make the best candidate an answer.
        thresholds: { answer: 1, clarify: 0.3, margin: 0.1, ...(lead === undefined ? {} : { lead }) },
      },
      locales: {},
    });
    const question = 'how do I replace my lost green card';
    const withLead = parseCalibration(file(0.2));
    expect(withLead.default.thresholds.lead).toBe(0.2);
    const answered = (await AnswerIndex.build(ARTICLES, { calibration: withLead })).answer(question, 'en');
    expect(answered.decision).toBe('answer');
    const withoutLead = parseCalibration(file());
    const clarified = (await AnswerIndex.build(ARTICLES, { calibration: withoutLead })).answer(
      question,
      'en',
    );
    expect(clarified.decision).toBe('clarify');
  });

  it('when it runs twice on the same index and questions, then it chooses the same calibration', async () => {
    const validation: LabeledQuestion[] = [
      { text: 'lost my green card', locale: 'en', expect: 'green-card-replacement' },
      { text: 'change my fingerprints appointment', locale: 'en', expect: 'biometrics-appointment' },
      { text: 'can I move my interview to another day', locale: 'en', expect: 'interview-appointment' },
      { text: 'what time do you open', locale: 'en', expect: 'contact-hours' },
      { text: 'check status receipt number', locale: 'en', expect: 'case-status' },
      { text: 'best pizza in town', locale: 'en', expect: null },
      { text: 'how tall is mount everest', locale: 'en', expect: null },
      { text: 'dónde está mi caso', locale: 'es', expect: 'case-status' },
      { text: 'receta de tamales', locale: 'es', expect: null },
    ];
    const index = await AnswerIndex.build(ARTICLES);
    const first = calibrate(index, validation);
    const second = calibrate(await AnswerIndex.build(ARTICLES), [...validation]);
    expect(second).toEqual(first);
    const { thresholds } = first.calibration.default;
    expect(thresholds.clarify).toBeLessThanOrEqual(thresholds.answer);
    expect(first.metrics.all?.oosRecall).toBe(1);
    expect(first.metrics.all?.inScopeTop1).toBeGreaterThanOrEqual(5 / 6);
    // What calibrate returns is a valid calibration file.
    expect(parseCalibration(JSON.parse(JSON.stringify(first.calibration)))).toEqual(first.calibration);
  });
});
