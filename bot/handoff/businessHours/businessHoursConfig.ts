/**
 * The configuration of live-agent hours: a weekly schedule in one time zone, plus the days that
 * differ from it (extra closures, shortened days, US federal holidays). The schema is exported so
 * the app's config module can embed it; every key has a default, so `{}` is the agency's standard
 * schedule: Monday to Friday, 8 a.m. to 8 p.m. Eastern time, closed on federal holidays.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes since local midnight of an "HH:mm" time; "24:00" is the end of the day (1440). */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const timeOfDaySchema = z
  .string()
  .regex(
    /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/,
    'must be a 24-hour time "HH:mm" such as "08:00" ("24:00" means midnight at the end of the day)',
  );

export const openingWindowSchema = z
  .strictObject({ open: timeOfDaySchema, close: timeOfDaySchema })
  .refine((window) => minutesOfDay(window.close) > minutesOfDay(window.open), {
    message: 'close must be later than open on the same day (split hours past midnight over two days)',
    path: ['close'],
  });
export type OpeningWindow = z.output<typeof openingWindowSchema>;

/** The windows of one day, sorted; overlapping windows are refused rather than silently merged. */
const dayWindowsSchema = z
  .array(openingWindowSchema)
  .transform((windows) => [...windows].sort((a, b) => minutesOfDay(a.open) - minutesOfDay(b.open)))
  .superRefine((windows, context) => {
    for (let index = 1; index < windows.length; index += 1) {
      const previous = windows[index - 1];
      const current = windows[index];
      if (previous && current && minutesOfDay(current.open) < minutesOfDay(previous.close)) {
        context.addIssue({
          code: 'custom',
          message: `windows ${previous.open}-${previous.close} and ${current.open}-${current.close} overlap`,
        });
      }
    }
  });

const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value, { zone: 'UTC' }).isValid, 'is not a real calendar date');

const STANDARD_DAY: OpeningWindow[] = [{ open: '08:00', close: '20:00' }];

/**
 * A `weekly` given in config replaces the whole week: days it leaves out are closed. (Merging a
 * partial week into the default would make "open on Saturday" silently keep Monday-Friday too.)
 */
const weeklySchema = z.strictObject({
  monday: dayWindowsSchema.default([]),
  tuesday: dayWindowsSchema.default([]),
  wednesday: dayWindowsSchema.default([]),
  thursday: dayWindowsSchema.default([]),
  friday: dayWindowsSchema.default([]),
  saturday: dayWindowsSchema.default([]),
  sunday: dayWindowsSchema.default([]),
});
export type WeeklySchedule = z.output<typeof weeklySchema>;

export const businessHoursConfigSchema = z
  .strictObject({
    /** IANA zone the schedule is written in; also the zone of the calendar days. */
    timeZone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as "America/New_York"')
      .default('America/New_York'),
    weekly: weeklySchema.default({
      monday: STANDARD_DAY,
      tuesday: STANDARD_DAY,
      wednesday: STANDARD_DAY,
      thursday: STANDARD_DAY,
      friday: STANDARD_DAY,
      saturday: [],
      sunday: [],
    }),
    /** Extra closed days (YYYY-MM-DD, in `timeZone`), e.g. a training day. Wins over everything. */
    closedDates: z.array(isoDateSchema).default([]),
    /** Days with their own hours (a shortened day, or opening on a holiday); `[]` closes the day. */
    specialHours: z.record(isoDateSchema, dayWindowsSchema).default({}),
    /** Close on US federal holidays, on their observed dates (Saturday → Friday, Sunday → Monday). */
    federalHolidays: z.boolean().default(true),
    /** Inauguration Day is a holiday only for federal staff in the DC area, so it is opt-in. */
    inaugurationDay: z.boolean().default(false),
  })
  .superRefine((config, context) => {
    if (WEEKDAYS.every((day) => config.weekly[day].length === 0)) {
      context.addIssue({
        code: 'custom',
        path: ['weekly'],
        message: 'the weekly schedule must open at least one day (use closedDates for closures)',
      });
    }
    for (const date of config.closedDates) {
      if (date in config.specialHours) {
        context.addIssue({
          code: 'custom',
          path: ['specialHours', date],
          message: `${date} is both in closedDates and in specialHours; keep only one`,
        });
      }
    }
  });

export type BusinessHoursConfig = z.output<typeof businessHoursConfigSchema>;
export type BusinessHoursConfigInput = z.input<typeof businessHoursConfigSchema>;

/** Thrown for an invalid configuration; the message lists every problem, one per line. */
export class BusinessHoursConfigError extends Error {
  constructor(
    readonly issues: z.core.$ZodIssue[],
    message: string,
  ) {
    super(message);
    this.name = 'BusinessHoursConfigError';
  }
}

export function parseBusinessHoursConfig(input: BusinessHoursConfigInput = {}): BusinessHoursConfig {
  const result = businessHoursConfigSchema.safeParse(input);
  if (!result.success) {
    throw new BusinessHoursConfigError(
      result.error.issues,
      `Invalid business hours configuration:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

export const DEFAULT_BUSINESS_HOURS_CONFIG: BusinessHoursConfig = parseBusinessHoursConfig({});
