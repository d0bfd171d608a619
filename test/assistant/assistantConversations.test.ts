import { describe, it } from 'vitest';
import { LOCALES } from '../../contracts/locale.js';
import { runDialogTestCase } from './support/dialogTestCase.js';
import { conversationTestCases } from './testData/conversationTestCases.js';

/**
 * Whole conversations (conversationTestCases.ts) through botbuilder's TestAdapter, every case in
 * English and in Spanish: typed replies to every prompt, follow-ups on the topic, leave-a-message,
 * language switches, case-status edge cases, and what every reply says it is.
 */
describe.each(LOCALES)('conversations (%s)', (locale) => {
  for (const testCase of conversationTestCases) {
    it(`when ${testCase.name}`, () => runDialogTestCase(testCase, locale));
  }
});
