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

describe('Phrasebook.phrasesIn', () => {
  let book: Phrasebook;
  beforeAll(async () => {
    book = new Phrasebook(await createI18n());
  });

  it.each([
    // The longest phrase at a word would leave the rest unread ("no it is not" + "urgent").
    ['no it is not urgent', ['no', 'it is not urgent']],
    ['no, no es urgente', ['no', 'no es urgente']],
    ['not urgent', ['not urgent']],
    ['no it can wait', ['no', 'it can wait']],
    ['no, but it is important', undefined],
  ])('when "%s" answers whether a message is urgent, then the "no" phrases read are %j', (text, expected) => {
    expect(book.phrasesIn(['no', 'urgency.no'], ['replyFiller'], text)).toEqual(expected);
  });

  it('when a message opens with a longer phrase of the lists, then the longest still wins where it reads on', () => {
    expect(book.phrasesIn(['yes', 'urgency.yes'], ['replyFiller'], 'yes it is urgent')).toEqual([
      'yes it is',
      'urgent',
    ]);
  });
});
