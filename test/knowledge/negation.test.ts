import { describe, expect, it } from 'vitest';
import { deniedStems } from '../../knowledge/engine/negation.js';
import { TextAnalyzer } from '../../knowledge/engine/textAnalyzer.js';

describe('deniedStems', () => {
  const denied = (locale: string, text: string) => {
    const analyzer = new TextAnalyzer(locale);
    const stem = (word: string) => analyzer.analyze(word).contentStems[0];
    return { found: deniedStems(analyzer.analyze(text), locale), stem };
  };

  it.each([
    ['en', 'the notice never arrived', 'arrived'],
    ['en', "the notice hasn't arrived", 'arrived'],
    ['es', 'el aviso nunca llegó', 'llegó'],
    ['es', 'nunca me ha llegado la tarjeta', 'llegado'],
  ])('when a %s text says "%s", then "%s" is denied', (locale, text, word) => {
    const { found, stem } = denied(locale, text);
    expect(found.has(stem(word)!)).toBe(true);
  });

  it.each([
    // "cannot" and a bare Spanish "no" deny what questions ask about; they are not read.
    ['en', 'you cannot visit without an appointment'],
    ['es', 'no puede ir sin cita'],
    // Said once without the negation: not only denied.
    ['en', 'the card arrived, but the notice never arrived'],
    ['es', 'la carta llegó pero el aviso nunca llegó'],
  ])('when a %s text says "%s", then nothing is denied', (locale, text) => {
    expect([...denied(locale, text).found]).toEqual([]);
  });

  it('when the language has no negation list, then nothing is denied', () => {
    expect([...denied('fr', 'jamais arrivé').found]).toEqual([]);
  });
});
