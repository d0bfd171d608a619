import fc from 'fast-check';
import { seeded } from '../support/propertySeed.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  createBusinessHours,
  inaugurationDayOf,
  isObservedFederalHoliday,
  type BusinessHoursConfigInput,
} from '../../bot/handoff/businessHours/index.js';

const ZONE = 'America/New_York';

/** An instant given as New York wall-clock time: et('2026-01-20T08:00'). */
function et(localIso: string): Date {
  const parsed = DateTime.fromISO(localIso, { zone: ZONE });
  if (!parsed.isValid) throw new Error(`bad test time ${localIso}`);
  return parsed.toJSDate();
}

/** The New York wall-clock time of an instant, for readable failures: '2026-01-20T08:00'. */
function wallClock(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

const standard = createBusinessHours();

describe('isOpen with the default schedule (Monday-Friday 08:00-20:00 ET)', () => {
  it.each([
    ['Tuesday mid-morning', '2026-01-20T10:30', true],
    ['Wednesday exactly 08:00 (opening included)', '2026-01-21T08:00', true],
    ['Wednesday one millisecond before 08:00', '2026-01-21T07:59:59.999', false],
    ['Wednesday 19:59:59.999', '2026-01-21T19:59:59.999', true],
    ['Wednesday exactly 20:00 (closing excluded)', '2026-01-21T20:00', false],
    ['Wednesday late evening', '2026-01-21T23:15', false],
    ['Thursday just after midnight', '2026-01-22T00:01', false],
    ['Friday 12:00', '2026-01-23T12:00', true],
    ['Friday 20:00', '2026-01-23T20:00', false],
    ['Saturday noon', '2026-01-24T12:00', false],
    ['Sunday noon', '2026-01-25T12:00', false],
    ['Monday 08:00', '2026-01-26T08:00', true],
  ])('when it is %s (%s ET), then open is %s', (_label, local, expected) => {
    expect(standard.isOpen(et(local))).toBe(expected);
  });

  it('when the clock is given in UTC, then the New York day decides (Friday 23:30 ET is Saturday in UTC)', () => {
    expect(standard.isOpen(new Date('2026-01-24T04:30:00Z'))).toBe(false);
    expect(standard.isOpen(new Date('2026-01-23T13:00:00Z'))).toBe(true);
  });

  it('when given an invalid Date, then it refuses it instead of guessing', () => {
    expect(() => standard.isOpen(new Date('nonsense'))).toThrow(TypeError);
  });
});

describe('US federal holidays close the contact center on their observed dates', () => {
  // [holiday, observed date, actual date when it differs]
  const holidays2026And2027: [string, string, string?][] = [
    ["New Year's Day 2026", '2026-01-01'],
    ['Martin Luther King Jr. Day 2026', '2026-01-19'],
    ["Washington's Birthday 2026", '2026-02-16'],
    ['Memorial Day 2026', '2026-05-25'],
    ['Juneteenth 2026', '2026-06-19'],
    ['Independence Day 2026 (Saturday)', '2026-07-03', '2026-07-04'],
    ['Labor Day 2026', '2026-09-07'],
    ['Columbus Day 2026', '2026-10-12'],
    ['Veterans Day 2026', '2026-11-11'],
    ['Thanksgiving 2026', '2026-11-26'],
    ['Christmas 2026', '2026-12-25'],
    ["New Year's Day 2027", '2027-01-01'],
    ['Martin Luther King Jr. Day 2027', '2027-01-18'],
    ["Washington's Birthday 2027", '2027-02-15'],
    ['Memorial Day 2027', '2027-05-31'],
    ['Juneteenth 2027 (Saturday)', '2027-06-18', '2027-06-19'],
    ['Independence Day 2027 (Sunday)', '2027-07-05', '2027-07-04'],
    ['Labor Day 2027', '2027-09-06'],
    ['Columbus Day 2027', '2027-10-11'],
    ['Veterans Day 2027', '2027-11-11'],
    ['Thanksgiving 2027', '2027-11-25'],
    ['Christmas 2027 (Saturday)', '2027-12-24', '2027-12-25'],
    ["New Year's Day 2028 (Saturday, observed in 2027)", '2027-12-31', '2028-01-01'],
  ];

  it.each(holidays2026And2027)('when it is %s, then %s is closed all day', (_name, observed, actual) => {
    expect(standard.isOpen(et(`${observed}T08:00`))).toBe(false);
    expect(standard.isOpen(et(`${observed}T12:00`))).toBe(false);
    expect(standard.isOpen(et(`${observed}T19:59`))).toBe(false);
    expect(standard.isBusinessDay(observed)).toBe(false);
    expect(isObservedFederalHoliday(observed, { inaugurationDay: false })).toBe(true);
    if (actual) {
      // The weekend date itself is not the observed holiday; the office was closed anyway.
      expect(isObservedFederalHoliday(actual, { inaugurationDay: false })).toBe(false);
      expect(standard.isOpen(et(`${actual}T12:00`))).toBe(false);
    }
  });

  it.each([
    ['the Monday after the Saturday July 4, 2026', '2026-07-06T12:00'],
    ['the Thursday before the observed July 3, 2026', '2026-07-02T12:00'],
    ['the Friday before the Sunday July 4, 2027', '2027-07-02T12:00'],
    ['the Thursday before the observed Christmas 2027', '2027-12-23T12:00'],
    ['Monday January 3, 2028 (New Year already observed on December 31)', '2028-01-03T12:00'],
    ['December 31, 2026 (New Year 2027 is a Friday, no shift)', '2026-12-31T12:00'],
    ['the day after Thanksgiving 2026 (not a federal holiday)', '2026-11-27T12:00'],
  ])('when it is %s, then it is open', (_label, local) => {
    expect(standard.isOpen(et(local))).toBe(true);
  });

  it('when federalHolidays is false, then holidays are ordinary days', () => {
    const noHolidays = createBusinessHours({ federalHolidays: false });
    expect(noHolidays.isOpen(et('2026-07-03T12:00'))).toBe(true);
    expect(noHolidays.isOpen(et('2026-12-25T12:00'))).toBe(true);
  });

  it('when it is Inauguration Day, then it is open by default and closed only when opted in (DC area)', () => {
    expect(inaugurationDayOf(2033)).toBe('2033-01-20');
    expect(inaugurationDayOf(2013)).toBe('2013-01-21'); // January 20, 2013 was a Sunday
    expect(inaugurationDayOf(2029)).toBe('2029-01-20'); // a Saturday: no weekday is moved
    expect(inaugurationDayOf(2030)).toBeNull();
    expect(standard.isOpen(et('2033-01-20T12:00'))).toBe(true);
    expect(createBusinessHours({ inaugurationDay: true }).isOpen(et('2033-01-20T12:00'))).toBe(false);
  });

  it("when the process runs in a far-off time zone, then the holiday dates do not move (the library's `date` would)", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(isObservedFederalHoliday('2031-07-04', { inaugurationDay: false })).toBe(true);
      expect(isObservedFederalHoliday('2031-07-03', { inaugurationDay: false })).toBe(false);
      expect(isObservedFederalHoliday('2031-12-25', { inaugurationDay: false })).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('daylight-saving changes', () => {
  it.each([
    // March 8, 2026: clocks go forward; Friday is EST (UTC-5), Monday is EDT (UTC-4).
    ['Friday before the March 2026 change, 08:00 EST', '2026-03-06T13:00:00Z', true],
    ['Friday before the March 2026 change, 07:59 EST', '2026-03-06T12:59:00Z', false],
    ['Monday after the March 2026 change, 08:00 EDT', '2026-03-09T12:00:00Z', true],
    ['Monday after the March 2026 change, 07:59 EDT', '2026-03-09T11:59:00Z', false],
    ['Monday after the March 2026 change, 20:00 EDT', '2026-03-10T00:00:00Z', false],
    ['Monday after the March 2026 change, 19:59 EDT', '2026-03-09T23:59:00Z', true],
    // November 1, 2026: clocks go back; Friday is EDT, Monday is EST.
    ['Friday before the November 2026 change, 19:59 EDT', '2026-10-30T23:59:00Z', true],
    ['Friday before the November 2026 change, 20:00 EDT', '2026-10-31T00:00:00Z', false],
    ['Monday after the November 2026 change, 08:00 EST', '2026-11-02T13:00:00Z', true],
    [
      'Monday after the November 2026 change, 07:00 EST (08:00 had it still been EDT)',
      '2026-11-02T12:00:00Z',
      false,
    ],
    ['Monday after the March 2027 change, 08:00 EDT', '2027-03-15T12:00:00Z', true],
    ['Monday after the November 2027 change, 08:00 EST', '2027-11-08T13:00:00Z', true],
  ])('when it is %s, then open is %s', (_label, utc, expected) => {
    expect(standard.isOpen(new Date(utc))).toBe(expected);
  });

  it('when closed over the March change weekend, then the next opening is Monday 08:00 EDT (12:00 UTC)', () => {
    expect(standard.nextOpening(new Date('2026-03-07T17:00:00Z')).toISOString()).toBe(
      '2026-03-09T12:00:00.000Z',
    );
  });

  it('when closed over the November change weekend, then the next opening is Monday 08:00 EST (13:00 UTC)', () => {
    expect(standard.nextOpening(new Date('2026-10-31T00:00:00Z')).toISOString()).toBe(
      '2026-11-02T13:00:00.000Z',
    );
  });

  it('when special hours are set on the change days themselves, then windows have their real length', () => {
    const hours = createBusinessHours({
      specialHours: {
        '2026-03-08': [{ open: '01:00', close: '04:00' }], // 02:00-03:00 does not exist: 2 real hours
        '2026-11-01': [{ open: '01:00', close: '03:00' }], // 01:00-02:00 happens twice: 3 real hours
      },
    });
    const spring = hours.currentWindow(et('2026-03-08T01:30'));
    expect(spring?.opensAt.toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(spring?.closesAt.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    const fall = hours.currentWindow(new Date('2026-11-01T06:30:00Z')); // the second 01:30, EST
    expect(fall?.opensAt.toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(fall?.closesAt.toISOString()).toBe('2026-11-01T08:00:00.000Z');
    expect(hours.isOpen(new Date('2026-11-01T05:30:00Z'))).toBe(true); // the first 01:30, EDT
  });
});

describe('nextOpening', () => {
  it.each([
    ['open now: the same instant', '2026-01-21T10:00', '2026-01-21T10:00'],
    ['early morning: 08:00 the same day', '2026-01-21T06:45', '2026-01-21T08:00'],
    ['after closing: 08:00 the next day', '2026-01-21T20:00', '2026-01-22T08:00'],
    ['Friday evening: Monday 08:00', '2026-01-23T20:00', '2026-01-26T08:00'],
    ['Friday 20:00 before the Monday MLK holiday: Tuesday 08:00', '2026-01-16T20:00', '2026-01-20T08:00'],
    ['Saturday of the MLK weekend: Tuesday 08:00', '2026-01-17T09:00', '2026-01-20T08:00'],
    ['Wednesday evening before Thanksgiving: Friday 08:00', '2026-11-25T20:00', '2026-11-27T08:00'],
    [
      'Thursday evening before the observed July 3, 2026: Monday 08:00',
      '2026-07-02T20:00',
      '2026-07-06T08:00',
    ],
    [
      'Thursday evening before Christmas 2027 (observed Friday): Monday 08:00',
      '2027-12-23T21:00',
      '2027-12-27T08:00',
    ],
    [
      'Thursday evening before the observed New Year 2028: Monday January 3',
      '2027-12-30T20:00',
      '2028-01-03T08:00',
    ],
  ])('when %s', (_label, from, expected) => {
    const next = standard.nextOpening(et(from));
    expect(wallClock(next)).toBe(expected);
    expect(standard.isOpen(next)).toBe(true);
  });

  it('when open, then it returns the very instant passed in', () => {
    const at = new Date('2026-01-21T15:12:34.567Z');
    expect(standard.nextOpening(at).getTime()).toBe(at.getTime());
  });
});

describe('currentWindow', () => {
  it('when open, then it says until when', () => {
    const window = standard.currentWindow(et('2026-01-21T10:00'));
    expect(window && wallClock(window.opensAt)).toBe('2026-01-21T08:00');
    expect(window && wallClock(window.closesAt)).toBe('2026-01-21T20:00');
  });

  it('when closed, then there is no window', () => {
    expect(standard.currentWindow(et('2026-01-21T20:00'))).toBeNull();
    expect(standard.currentWindow(et('2026-07-03T12:00'))).toBeNull();
  });

  it('when windows are back to back (also across midnight), then they are joined', () => {
    const hours = createBusinessHours({
      weekly: {
        monday: [
          { open: '08:00', close: '12:00' },
          { open: '12:00', close: '24:00' },
        ],
        tuesday: [{ open: '00:00', close: '18:00' }],
        wednesday: [{ open: '09:00', close: '17:00' }],
      },
    });
    const window = hours.currentWindow(et('2026-01-26T09:00'));
    expect(window && wallClock(window.opensAt)).toBe('2026-01-26T08:00');
    expect(window && wallClock(window.closesAt)).toBe('2026-01-27T18:00');
    const fromTuesday = hours.currentWindow(et('2026-01-27T03:00'));
    expect(fromTuesday && wallClock(fromTuesday.opensAt)).toBe('2026-01-26T08:00');
  });
});

describe('special hours and extra closed dates', () => {
  const hours = createBusinessHours({
    closedDates: ['2026-03-10'],
    specialHours: {
      '2026-12-24': [{ open: '08:00', close: '14:00' }], // shortened Christmas Eve
      '2026-11-11': [{ open: '09:00', close: '17:00' }], // open on Veterans Day
      '2026-03-14': [{ open: '10:00', close: '13:00' }], // a Saturday session
      '2026-03-12': [], // closed Thursday
    },
  });

  it.each([
    ['shortened day, before its close', '2026-12-24T13:59', true],
    ['shortened day, at its close', '2026-12-24T14:00', false],
    ['special opening on a federal holiday', '2026-11-11T09:00', true],
    ['special opening on a federal holiday, before its own hours', '2026-11-11T08:30', false],
    ['special Saturday hours', '2026-03-14T11:00', true],
    ['special empty day', '2026-03-12T12:00', false],
    ['extra closed date', '2026-03-10T12:00', false],
    ['an ordinary day next to it', '2026-03-11T12:00', true],
  ])('when it is a %s (%s), then open is %s', (_label, local, expected) => {
    expect(hours.isOpen(et(local))).toBe(expected);
  });

  it.each([
    [
      'after the shortened Christmas Eve: Monday, Christmas being Friday',
      '2026-12-24T14:00',
      '2026-12-28T08:00',
    ],
    ['the evening before the extra closed date', '2026-03-09T20:00', '2026-03-11T08:00'],
    ['Wednesday evening before the closed Thursday', '2026-03-11T20:00', '2026-03-13T08:00'],
    ['Friday evening before the Saturday session', '2026-03-13T20:00', '2026-03-14T10:00'],
  ])('when it is %s, then nextOpening finds it', (_label, from, expected) => {
    expect(wallClock(hours.nextOpening(et(from)))).toBe(expected);
  });
});

describe('addBusinessDays (due dates)', () => {
  it.each([
    ['plain weekdays', '2026-01-21T10:00', 2, '2026-01-23'],
    ['over a weekend', '2026-01-22T10:00', 3, '2026-01-27'],
    ['over the MLK long weekend', '2026-01-16T10:00', 1, '2026-01-20'],
    ['after hours on Friday: counted from Friday, New York date', '2026-01-17T04:30:00Z', 1, '2026-01-20'],
    ['over the observed July 3, 2026', '2026-07-02T10:00', 1, '2026-07-06'],
    ['over Thanksgiving', '2026-11-25T10:00', 2, '2026-11-30'],
    ['over Christmas and New Year 2028, both observed in 2027', '2027-12-23T10:00', 5, '2028-01-03'],
    ['zero days on a business day: that day', '2026-01-21T10:00', 0, '2026-01-21'],
    ['zero days on a Saturday: the next business day', '2026-01-24T10:00', 0, '2026-01-26'],
    ['zero days on a holiday: the next business day', '2026-07-03T10:00', 0, '2026-07-06'],
    ['ten days across two weekends and a holiday', '2026-02-09T10:00', 10, '2026-02-24'],
  ])('when adding over %s', (_label, from, days, expected) => {
    const start = from.endsWith('Z') ? new Date(from) : et(from);
    expect(standard.addBusinessDays(start, days)).toBe(expected);
  });

  it('when special hours and closed dates are configured, then they count as open and closed days', () => {
    const hours = createBusinessHours({
      closedDates: ['2026-03-10'],
      specialHours: { '2026-03-14': [{ open: '10:00', close: '13:00' }], '2026-03-12': [] },
    });
    // Monday → skip closed Tuesday → Wednesday (1) → skip Thursday → Friday (2) → Saturday session (3)
    expect(hours.addBusinessDays(et('2026-03-09T10:00'), 3)).toBe('2026-03-14');
  });

  it('when days is negative or fractional, then it refuses', () => {
    expect(() => standard.addBusinessDays(et('2026-01-21T10:00'), -1)).toThrow(RangeError);
    expect(() => standard.addBusinessDays(et('2026-01-21T10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('nextOpening properties (fast-check)', () => {
  const fifteenMinutes = 15 * 60_000;
  const schedules: [string, BusinessHoursConfigInput][] = [
    ['the default schedule', {}],
    [
      'a split, weekend and special-hours schedule',
      {
        weekly: {
          monday: [
            { open: '07:30', close: '11:45' },
            { open: '13:00', close: '24:00' },
          ],
          wednesday: [{ open: '00:00', close: '06:15' }],
          saturday: [{ open: '09:00', close: '12:00' }],
        },
        closedDates: ['2026-03-09', '2026-11-02'],
        specialHours: {
          '2026-03-08': [{ open: '01:00', close: '03:30' }],
          '2026-11-01': [{ open: '01:15', close: '02:45' }],
        },
      },
    ],
  ];

  it.each(schedules)(
    'for %s: next opening is not before t, is open, and nothing opens in between',
    (label, config) => {
      const hours = createBusinessHours(config);
      fc.assert(
        fc.property(
          fc.date({
            min: new Date('2025-12-01T00:00:00Z'),
            max: new Date('2028-02-01T00:00:00Z'),
            noInvalidDate: true,
          }),
          (t) => {
            const next = hours.nextOpening(t);
            expect(next.getTime()).toBeGreaterThanOrEqual(t.getTime());
            expect(hours.isOpen(next)).toBe(true);
            for (let probe = t.getTime() + fifteenMinutes; probe < next.getTime(); probe += fifteenMinutes) {
              expect(hours.isOpen(new Date(probe))).toBe(false);
            }
          },
        ),
        seeded(`nextOpening, ${label}`, { numRuns: 150 }),
      );
    },
  );
});
