import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../bot/admin/reports/csv.js';
import {
  engineTerms,
  groupQuestions,
  jaccard,
  type UnansweredItem,
} from '../../bot/admin/reports/questionClusters.js';
import { questionResult } from '../../bot/admin/reports/questionResult.js';
import { reportPeriod } from '../../bot/admin/reports/reportPeriod.js';

function item(text: string, at: string, locale: 'en' | 'es' = 'en'): UnansweredItem {
  return { locale, text, at, source: 'none', articleId: null };
}

describe('CSV export', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+34 600', "'+34 600"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
  ])('when a text cell is %j, then it is written %j', (cell, written) => {
    expect(csvField(cell)).toBe(written);
  });

  it('when numbers and empty cells are written, then numbers stay numbers (even negative) and empties are empty', () => {
    expect(toCsv(['a', 'b', 'c'], [[-1, null, 0.5]])).toBe('a,b,c\r\n-1,,0.5\r\n');
  });
});

describe('grouping unanswered questions', () => {
  it('when wordings differ by case, accents, stop words and plurals, then the engine analyzer reads them as one', () => {
    const terms = engineTerms();
    expect(new Set(terms('¿Cómo CAMBIO mi cita?', 'es'))).toEqual(
      new Set(terms('como cambio la cita', 'es')),
    );
    expect(new Set(terms('Bringing pet llamas to interviews', 'en'))).toEqual(
      new Set(terms('bring my pet llama to the interview', 'en')),
    );
  });

  it('when wordings share at least half their terms, then they are one group seeded by the most frequent; others stay apart', () => {
    const termsOf = (text: string) => text.split(' ');
    const groups = groupQuestions(
      [
        item('a b c', '2026-11-02T00:00:00Z'),
        item('a b c', '2026-11-03T00:00:00Z'),
        item('a b d', '2026-11-01T00:00:00Z'),
        item('x y', '2026-11-04T00:00:00Z'),
        item('a b c', '2026-11-04T00:00:00Z', 'es'),
      ],
      termsOf,
    );
    expect(groups.map((group) => [group.locale, group.wording, group.examples, group.count])).toEqual([
      ['en', 'a b c', ['a b d'], 3],
      ['en', 'x y', [], 1],
      ['es', 'a b c', [], 1],
    ]);
    expect(groups[0]).toMatchObject({ firstAt: '2026-11-01T00:00:00Z', lastAt: '2026-11-03T00:00:00Z' });
    // The same input gives the same ids: the console keys rows by them.
    expect(groupQuestions([item('a b c', '2026-11-05T00:00:00Z')], termsOf)[0]?.id).toBe(groups[0]?.id);
  });

  it('when a chain of loosely related wordings comes in, then it does not merge unrelated topics', () => {
    const termsOf = (text: string) => text.split(' ');
    const groups = groupQuestions(
      [
        item('a b', '2026-11-01T00:00:00Z'),
        item('a b', '2026-11-01T00:00:00Z'),
        item('b c', '2026-11-02T00:00:00Z'),
        item('c d', '2026-11-03T00:00:00Z'),
      ],
      termsOf,
      0.3,
    );
    expect(groups.find((group) => group.wording === 'c d')?.count).toBe(1);
  });

  it('when texts have no content words, then they group by their spelling', () => {
    const groups = groupQuestions(
      [
        item('hello?', '2026-11-01T00:00:00Z'),
        item('Hello!', '2026-11-02T00:00:00Z'),
        item('thanks', '2026-11-02T00:00:00Z'),
      ],
      engineTerms(),
    );
    expect(groups.map((group) => group.count)).toEqual([2, 1]);
  });

  it('computes Jaccard similarity', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

describe('report periods', () => {
  const now = new Date('2026-11-23T15:00:00Z');
  it('when no dates are given, then the last 30 UTC days up to today', () => {
    const result = reportPeriod({}, now);
    expect(result.period).toMatchObject({
      from: '2026-10-25',
      to: '2026-11-23',
      fromAt: '2026-10-25T00:00:00.000Z',
      toAt: '2026-11-24T00:00:00.000Z',
    });
    expect(result.period?.days).toHaveLength(30);
  });
  it('when from is after to or the period is over a year, then a problem on "from"', () => {
    expect(reportPeriod({ from: '2026-11-02', to: '2026-11-01' }, now).problem?.field).toBe('from');
    expect(reportPeriod({ from: '2025-01-01', to: '2026-11-01' }, now).problem?.field).toBe('from');
  });
});

describe('how a question went (questionResult)', () => {
  it.each([
    // [decision, outcome of the reply, result]
    ['answer', 'answer', 'answered'],
    ['none', 'passage', 'answered'], // a follow-up answered from the topic's article
    ['none', 'eligibility', 'answered'],
    ['clarify', 'clarify', 'clarified'],
    ['none', 'fallback', 'unanswered'],
    ['none', 'notInArticle', 'unanswered'], // the topic's article does not say it: editors should know
    ['none', 'agentOffer', 'unanswered'], // a live agent offered instead of an answer
    ['answer', null, 'answered'], // events written before replies said what they are
    ['none', null, 'unanswered'],
    ['clarify', null, 'clarified'],
  ] as const)(
    'when the engine decided %s and the reply was %s, then the question counts as %s',
    (decision, outcome, result) => {
      expect(questionResult({ decision, outcome })).toBe(result);
    },
  );
});
