import { describe, expect, it } from 'vitest';
import { askedKinds, frameStems, privativeTerms, saidKinds } from '../../knowledge/engine/answerKinds.js';
import { TextAnalyzer } from '../../knowledge/engine/textAnalyzer.js';

const analyzers = { en: new TextAnalyzer('en'), es: new TextAnalyzer('es') };
const analyze = (locale: 'en' | 'es', text: string) => analyzers[locale].analyze(text);

describe('what question words ask for, for the passage finder', () => {
  it.each([
    ['en', 'how long until my card arrives', ['kind:duration']],
    ['en', 'How soon do they call?', ['kind:duration']],
    ['en', 'what does EAD stand for', ['kind:meaning']],
    ['en', 'what does "Case Was Transferred" mean', ['kind:meaning']],
    ['en', 'where do I send the form', []],
    ['es', '¿Cuánto tarda la tarjeta?', ['kind:duration']],
    ['es', 'en cuánto tiempo llega', ['kind:duration']],
    ['es', '¿qué quiere decir EAD?', ['kind:meaning']],
    ['es', '¿dónde mando el formulario?', []],
  ] as const)('when a %s question is "%s", then it asks for %j', (locale, text, kinds) => {
    expect(askedKinds(analyze(locale, text), locale)).toEqual(kinds);
  });

  it.each([
    ['en', 'Urgent inquiries are answered within 24–72 hours.', true],
    ['en', 'non-urgent inquiries within 30 business days', true],
    ['en', 'it takes only a few minutes', true],
    ['en', 'call 800-375-5283 for help', false],
    ['en', 'Form I-90 replaces the card', false],
    ['es', 'se responden en 24 a 72 horas', true],
    ['es', 'procuran dar la mayoría dentro de dos semanas', true],
    ['es', 'dentro de 30 días hábiles', true],
    ['es', 'llame al 800-375-5283', false],
  ] as const)('when a %s passage says "%s", then it gives a time: %s', (locale, text, says) => {
    expect(saidKinds(analyze(locale, text), locale).includes('kind:duration')).toBe(says);
  });

  it('when "sin" or "without" comes before a word, then they make one term; "how many times" frames the count', () => {
    expect(privativeTerms(analyze('es', 'no atienden a personas sin una cita'), 'es')).toEqual([
      `kind:without:${analyzers.es.stem('cita')}`,
    ]);
    expect(privativeTerms(analyze('en', 'leaving without advance parole'), 'en')).toEqual([
      `kind:without:${analyzers.en.stem('advance')}`,
    ]);
    expect(privativeTerms(analyze('en', 'a passage about appointments'), 'en')).toEqual([]);
    expect([...frameStems(analyze('en', 'how many times can I ask'), 'en')]).toEqual([
      analyzers.en.stem('times'),
    ]);
    expect([...frameStems(analyze('en', 'what time does it open'), 'en')]).toEqual([]);
  });
});
