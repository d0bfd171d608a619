import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  businessHoursWords,
  createBusinessHours,
  formatOpening,
  formatSchedule,
} from '../../bot/handoff/businessHours/index.js';

function et(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: 'America/New_York' }).toJSDate();
}

describe('formatOpening', () => {
  it.each([
    ['2025-01-20T08:00', 'en', 'Monday, January 20 at 8:00 a.m. ET'],
    ['2025-01-20T08:00', 'es', 'el lunes 20 de enero a las 8:00 a. m. (hora del Este)'],
    ['2026-07-06T13:30', 'en', 'Monday, July 6 at 1:30 p.m. ET'],
    ['2026-07-06T13:30', 'es', 'el lunes 6 de julio a la 1:30 p. m. (hora del Este)'],
    ['2026-11-27T12:00', 'en', 'Friday, November 27 at 12:00 p.m. ET'],
    ['2026-11-27T12:00', 'es', 'el viernes 27 de noviembre a las 12:00 p. m. (hora del Este)'],
    ['2026-03-14T00:15', 'en', 'Saturday, March 14 at 12:15 a.m. ET'],
    ['2026-03-14T00:15', 'es', 'el sábado 14 de marzo a las 12:15 a. m. (hora del Este)'],
  ] as const)('when the opening is %s ET in %s, then it reads "%s"', (local, locale, expected) => {
    expect(formatOpening(et(local), locale, 'America/New_York')).toBe(expected);
  });

  it('when no zone is given, then Eastern time is used (the default schedule zone)', () => {
    expect(formatOpening(new Date('2026-03-09T12:00:00Z'), 'en')).toBe('Monday, March 9 at 8:00 a.m. ET');
    expect(formatOpening(new Date('2026-11-02T13:00:00Z'), 'en')).toBe('Monday, November 2 at 8:00 a.m. ET');
  });

  it('when the schedule is in another zone, then the time and zone name follow it', () => {
    const at = new Date('2026-01-20T13:00:00Z');
    expect(formatOpening(at, 'en', 'America/Chicago')).toMatch(/^Tuesday, January 20 at 7:00 a\.m\. \S+/);
    expect(formatOpening(at, 'es', 'America/Chicago')).toMatch(
      /^el martes 20 de enero a las 7:00 a\. m\. \(.+\)$/,
    );
  });
});

describe('formatSchedule', () => {
  it('when the schedule is the default, then it reads like the agency writes it', () => {
    expect(formatSchedule('en')).toBe('Monday to Friday, 8 a.m. to 8 p.m. Eastern time');
    expect(formatSchedule('es')).toBe('de lunes a viernes, de 8 a. m. a 8 p. m., hora del Este');
  });

  it('when days differ, then consecutive days with the same hours are grouped and recurring days are plural', () => {
    const { config } = createBusinessHours({
      weekly: {
        monday: [{ open: '08:00', close: '20:00' }],
        tuesday: [{ open: '08:00', close: '20:00' }],
        wednesday: [{ open: '08:00', close: '20:00' }],
        thursday: [
          { open: '08:30', close: '12:00' },
          { open: '13:00', close: '17:00' },
        ],
        saturday: [{ open: '09:00', close: '13:00' }],
        sunday: [{ open: '09:00', close: '13:00' }],
      },
    });
    expect(formatSchedule('en', config)).toBe(
      'Monday to Wednesday, 8 a.m. to 8 p.m.; Thursdays, 8:30 a.m. to 12 p.m. and 1 p.m. to 5 p.m.; ' +
        'Saturdays and Sundays, 9 a.m. to 1 p.m. Eastern time',
    );
    expect(formatSchedule('es', config)).toBe(
      'de lunes a miércoles, de 8 a. m. a 8 p. m.; los jueves, de 8:30 a. m. a 12 p. m. y de 1 p. m. a 5 p. m.; ' +
        'los sábados y domingos, de 9 a. m. a 1 p. m., hora del Este',
    );
  });
});

describe('formatSchedule: whole days and midnight', () => {
  it('when a day is open around the clock, then it reads "all day", never "12 a.m. to 12 a.m."', () => {
    const { config } = createBusinessHours({
      weekly: {
        monday: [{ open: '00:00', close: '24:00' }],
        tuesday: [{ open: '00:00', close: '24:00' }],
        saturday: [{ open: '20:00', close: '24:00' }],
      },
    });
    expect(formatSchedule('en', config)).toBe(
      'Mondays and Tuesdays, all day; Saturdays, 8 p.m. to midnight Eastern time',
    );
    expect(formatSchedule('es', config)).toBe(
      'los lunes y martes, todo el día; los sábados, de 8 p. m. a medianoche, hora del Este',
    );
    expect(`${formatSchedule('en', config)} ${formatSchedule('es', config)}`).not.toMatch(/12 a\. ?m\./);
  });
});

describe('businessHoursWords', () => {
  it('when a locale is added later, then both locales have the same keys (ready for i18next)', () => {
    expect(Object.keys(businessHoursWords.es).sort()).toEqual(Object.keys(businessHoursWords.en).sort());
  });
});
