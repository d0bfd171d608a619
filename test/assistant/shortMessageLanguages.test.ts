import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LanguageDetector } from '../../bot/assistant/languageDetector.js';
import { Phrasebook } from '../../bot/assistant/phrasebook.js';
import { createI18n } from '../../bot/i18n/i18n.js';
import { languageAccuracy, readLabelledMessages } from '../../scripts/lib/languageAccuracy.js';

const DATA = path.join(import.meta.dirname, 'testData');

/**
 * Short visitor messages (1 to 4 words) in English and Spanish, labelled by hand (`npm run
 * eval:language` prints the figures): the detector names their language, and leaves alone what
 * tells none (receipt numbers, names, "ok"). The second set was written after the detector and
 * never used to tune it.
 */
describe('short-message language detection', () => {
  let detector: LanguageDetector;
  beforeAll(async () => {
    detector = new LanguageDetector({ phrasebook: new Phrasebook(await createI18n()) });
  });

  it.each(['shortMessageLanguages.jsonl', 'shortMessageLanguages.heldout.jsonl'])(
    'when the messages of %s are read, then at least 95%% of each language is named right and 80%% of the rest left alone',
    async (file) => {
      const messages = await readLabelledMessages(path.join(DATA, file));
      const result = languageAccuracy(messages, (text) => detector.identify(text)?.locale);
      expect(result.count.en).toBeGreaterThanOrEqual(50);
      expect(result.count.es).toBeGreaterThanOrEqual(50);
      expect(result.accuracy.en).toBeGreaterThanOrEqual(0.95);
      expect(result.accuracy.es).toBeGreaterThanOrEqual(0.95);
      expect(result.abstention).toBeGreaterThanOrEqual(0.8);
    },
  );

  it.each([
    ['appointment para mis fingerprints', 'es'],
    ['quiero chequear el status de mi caso', 'es'],
    ['nesesito una sita en la ofisina', 'es'],
    ['whats my status', 'en'],
    ['fone numbr please', 'en'],
  ] as const)('when a visitor writes "%s" (Spanglish, typos), then it reads as %s', (text, locale) => {
    expect(detector.identify(text)?.locale).toBe(locale);
  });
});
