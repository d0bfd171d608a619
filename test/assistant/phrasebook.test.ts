import { beforeAll, describe, expect, it } from 'vitest';
import { Phrasebook } from '../../bot/assistant/phrasebook.js';
import { createI18n } from '../../bot/i18n/i18n.js';

describe('Phrasebook.startsWith', () => {
  let book: Phrasebook;
  beforeAll(async () => {
    book = new Phrasebook(await createI18n());
  });

  it.each([
    ['and can I travel with the receipt?', true],
    ['And also, how much is it', true],
    ['y puedo viajar con el recibo', true],
    ['También quiero saber el costo', true],
    // The phrase alone says nothing more; a word that only begins like it is another word.
    ['and?', false],
    ['y', false],
    ['android app for uscis', false],
    ['yo puedo viajar', false],
    ['can I travel and work', false],
  ])('when the message is "%s", then it opens as a continuation: %s', (text, expected) => {
    expect(book.startsWith('followUp.continuation', text)).toBe(expected);
  });
});

describe('Phrasebook.hasWordEnding', () => {
  let book: Phrasebook;
  beforeAll(async () => {
    book = new Phrasebook(await createI18n());
  });

  it.each([
    ['¿cuánto cuesta arreglarlo?', true],
    ['¿puedo pedirla en línea?', true],
    ['¿cuándo debo enviarlos?', true],
    ['sigo haciéndolo mal', true],
    // Words that only end like a verb with a pronoun, and a pronoun standing on its own.
    ['una charla sobre la ciudadanía', false],
    ['perdí una perla', false],
    ['¿cuánto cuesta la renovación?', false],
  ])('when the message is "%s", then a word ends with a pronoun pointing back: %s', (text, expected) => {
    expect(book.hasWordEnding('followUp.backReferenceEnding', text)).toBe(expected);
  });
});
