import { describe, expect, it } from 'vitest';
import { RECEIPT_NUMBER_PREFIXES } from '../../bot/cases/receiptNumber.js';
import {
  hideSocialSecurityNumbers,
  maskPersonalData,
  RECEIPT_PREFIXES_FOR_MASKING,
} from '../../bot/privacy/personalData.js';
import { KINDS, scoreMasking } from './maskingScore.js';
import { PERSONAL_DATA_CORPUS } from './personalDataCorpus.js';

/** The figures are printed by `npm run privacy:corpus`; here they are held. */
describe('personal data masking on the corpus of phrasings', () => {
  const score = scoreMasking(PERSONAL_DATA_CORPUS);

  it('has at least 200 phrasings, in English and Spanish, of every kind', () => {
    expect(score.cases).toBeGreaterThanOrEqual(200);
    for (const locale of ['en', 'es'] as const) {
      for (const kind of KINDS) {
        const phrasings = PERSONAL_DATA_CORPUS.filter(
          (item) => item.locale === locale && item.personal.some((data) => data.kind === kind),
        );
        expect(phrasings.length, `${locale} ${kind}`).toBeGreaterThanOrEqual(5);
      }
      expect(
        PERSONAL_DATA_CORPUS.filter((item) => item.locale === locale && item.personal.length === 0).length,
      ).toBeGreaterThanOrEqual(15);
    }
  });

  it('masks every piece of personal data in it, whole (recall 100 % for every kind)', () => {
    expect(score.missed).toEqual([]);
    for (const kind of KINDS) expect(score.byKind[kind].recall, kind).toBe(1);
  });

  it('leaves every form number, date, fee, time and ZIP code in it as it was', () => {
    expect(score.keptNumbersMasked).toEqual([]);
    for (const item of PERSONAL_DATA_CORPUS) {
      const masked = maskPersonalData(item.text);
      for (const value of item.keep) expect(masked, item.text).toContain(value);
      for (const data of item.personal) expect(masked, item.text).not.toContain(data.value);
    }
  });

  it('hides only Social Security numbers from a message as it comes in: receipt numbers stay for the lookup', () => {
    for (const item of PERSONAL_DATA_CORPUS) {
      const hidden = hideSocialSecurityNumbers(item.text);
      const ssns = item.personal.filter((data) => data.kind === 'ssn');
      expect(hidden.found, item.text).toBe(ssns.length > 0);
      for (const ssn of ssns) expect(hidden.text, item.text).not.toContain(ssn.value);
      for (const data of item.personal.filter((data) => data.kind === 'receipt')) {
        expect(hidden.text, item.text).toContain(data.value);
      }
      for (const value of item.keep) expect(hidden.text, item.text).toContain(value);
    }
  });

  it('knows the same receipt prefixes as the case-status lookup', () => {
    expect([...RECEIPT_PREFIXES_FOR_MASKING].sort()).toEqual([...RECEIPT_NUMBER_PREFIXES].sort());
  });
});
