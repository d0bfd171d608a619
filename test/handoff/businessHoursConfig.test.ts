import { describe, expect, it } from 'vitest';
import {
  BusinessHoursConfigError,
  DEFAULT_BUSINESS_HOURS_CONFIG,
  businessHoursConfigSchema,
  createBusinessHours,
  type BusinessHoursConfigInput,
} from '../../bot/handoff/businessHours/index.js';

describe('business hours configuration', () => {
  it('when nothing is configured, then the agency default applies', () => {
    expect(DEFAULT_BUSINESS_HOURS_CONFIG.timeZone).toBe('America/New_York');
    expect(DEFAULT_BUSINESS_HOURS_CONFIG.weekly.monday).toEqual([{ open: '08:00', close: '20:00' }]);
    expect(DEFAULT_BUSINESS_HOURS_CONFIG.weekly.friday).toEqual([{ open: '08:00', close: '20:00' }]);
    expect(DEFAULT_BUSINESS_HOURS_CONFIG.weekly.saturday).toEqual([]);
    expect(DEFAULT_BUSINESS_HOURS_CONFIG.federalHolidays).toBe(true);
    expect(DEFAULT_BUSINESS_HOURS_CONFIG.inaugurationDay).toBe(false);
    expect(DEFAULT_BUSINESS_HOURS_CONFIG.closedDates).toEqual([]);
    expect(DEFAULT_BUSINESS_HOURS_CONFIG.specialHours).toEqual({});
  });

  it('when a weekly schedule is given, then days it leaves out are closed and windows are sorted', () => {
    const config = businessHoursConfigSchema.parse({
      weekly: {
        saturday: [
          { open: '13:00', close: '15:00' },
          { open: '09:00', close: '12:00' },
        ],
      },
    });
    expect(config.weekly.monday).toEqual([]);
    expect(config.weekly.saturday.map((w) => w.open)).toEqual(['09:00', '13:00']);
  });

  it.each<[string, BusinessHoursConfigInput, string]>([
    ['an unknown time zone', { timeZone: 'Eastern' }, 'timeZone'],
    [
      'a time without a leading zero',
      { weekly: { monday: [{ open: '8:00', close: '20:00' }] } },
      'weekly.monday[0].open',
    ],
    ['an hour 25', { weekly: { monday: [{ open: '08:00', close: '25:00' }] } }, 'weekly.monday[0].close'],
    [
      'close before open',
      { weekly: { monday: [{ open: '20:00', close: '08:00' }] } },
      'weekly.monday[0].close',
    ],
    [
      'overlapping windows',
      {
        weekly: {
          monday: [
            { open: '08:00', close: '12:00' },
            { open: '11:00', close: '14:00' },
          ],
        },
      },
      'weekly.monday',
    ],
    ['a misspelt weekday', { weekly: { Monday: [] } as never }, 'weekly'],
    ['a week with no opening at all', { weekly: {} }, 'weekly'],
    ['an impossible closed date', { closedDates: ['2026-02-30'] }, 'closedDates[0]'],
    ['a closed date in another format', { closedDates: ['07/03/2026'] }, 'closedDates[0]'],
    ['special hours with a bad date key', { specialHours: { '2026-13-01': [] } }, 'specialHours'],
    [
      'a date both closed and with special hours',
      { closedDates: ['2026-12-24'], specialHours: { '2026-12-24': [{ open: '08:00', close: '12:00' }] } },
      'specialHours["2026-12-24"]',
    ],
    ['an unknown key', { holidays: true } as never, 'holidays'],
  ])('when the config has %s, then a readable error names the setting', (_label, input, path) => {
    let error: unknown;
    try {
      createBusinessHours(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BusinessHoursConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid business hours configuration:/);
    expect(message).toContain(path);
  });
});
