import { describe, expect, it } from 'vitest';
import { parseCaseDate } from '../../bot/cases/index.js';

describe('parseCaseDate', () => {
  it.each([
    // The API's own format: month first, Eastern time (EDT in September, UTC-4)
    ['09-05-2023 14:28:12', '2023-09-05T18:28:12.000Z'],
    ['09-05-2023 14:28', '2023-09-05T18:28:00.000Z'],
    ['09-05-2023', '2023-09-05T04:00:00.000Z'],
    ['9/5/2023', '2023-09-05T04:00:00.000Z'],
    ['01-15-2026 08:00:00', '2026-01-15T13:00:00.000Z'], // EST, UTC-5
    // Day first only when the month cannot be first
    ['25-12-2023', '2023-12-25T05:00:00.000Z'],
    // ISO dates and timestamps
    ['2023-05-09', '2023-05-09T04:00:00.000Z'],
    ['2023-05-09T14:28:12', '2023-05-09T18:28:12.000Z'],
    ['2023-05-09T14:28:12Z', '2023-05-09T14:28:12.000Z'],
    ['2023-05-09T14:28:12.123+02:00', '2023-05-09T12:28:12.123Z'],
    ['2025-01-15T00:00:00Z', '2025-01-15T00:00:00.000Z'],
    // SQL style, HTTP dates, words
    ['2023-05-09 14:28:12', '2023-05-09T18:28:12.000Z'],
    ['Tue, 05 Sep 2023 18:28:12 GMT', '2023-09-05T18:28:12.000Z'],
    ['September 5, 2023', '2023-09-05T04:00:00.000Z'],
    ['Sep 5, 2023', '2023-09-05T04:00:00.000Z'],
    ['  2023-05-09  ', '2023-05-09T04:00:00.000Z'],
  ])('when the date is %j, then it is %s', (input, expected) => {
    expect(parseCaseDate(input)?.toISOString()).toBe(expected);
  });

  it.each([
    ['garbage', 'not a date'],
    ['empty', ''],
    ['blank', '   '],
    ['impossible month and day', '13-45-2023'],
    ['February 30', '02-30-2023'],
    ['placeholder zeros', '0000-00-00'],
    ['far future placeholder', '9999-12-31'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 1693938492000],
    ['an object', { date: '2023-09-05' }],
    ['an array', ['2023-09-05']],
    ['a very long string', '2023-09-05'.repeat(20)],
  ])('when the value is %s, then it is null and nothing throws', (_label, input) => {
    expect(parseCaseDate(input)).toBeNull();
  });
});
