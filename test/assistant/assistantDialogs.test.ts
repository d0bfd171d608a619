import { describe, it } from 'vitest';
import { LOCALES } from '../../contracts/locale.js';
import { runDialogTestCase, type DialogTestCase } from './support/dialogTestCase.js';
import { agentTestCases } from './testData/agentTestCases.js';
import { caseStatusTestCases } from './testData/caseStatusTestCases.js';
import { interruptionTestCases } from './testData/interruptionTestCases.js';
import { languageTestCases } from './testData/languageTestCases.js';
import { questionTestCases } from './testData/questionTestCases.js';
import { recoveryTestCases } from './testData/recoveryTestCases.js';
import { smallTalkTestCases } from './testData/smallTalkTestCases.js';

const TABLES: Record<string, DialogTestCase[]> = {
  questions: questionTestCases,
  'case status': caseStatusTestCases,
  language: languageTestCases,
  'small talk': smallTalkTestCases,
  interruptions: interruptionTestCases,
  'live agent': agentTestCases,
  recovery: recoveryTestCases,
};

/**
 * The assistant's dialogs through botbuilder's TestAdapter, table-driven: every case of every
 * table runs in English and in Spanish, with the same expected resource keys.
 */
describe.each(LOCALES)('assistant dialogs (%s)', (locale) => {
  for (const [table, cases] of Object.entries(TABLES)) {
    describe(table, () => {
      for (const testCase of cases) {
        it(`when ${testCase.name}`, () => runDialogTestCase(testCase, locale));
      }
    });
  }
});
