/**
 * Business hours in words, for bot replies: "Monday, January 20 at 8:00 a.m. ET" and the weekly
 * schedule. Weekday and month names come from Intl (through luxon); the few fixed words and the
 * sentence templates live in `businessHoursWords`, the one place to move to i18next resources
 * later (templates already use i18next's `{{name}}` syntax).
 */
import { DateTime } from 'luxon';
import type { Locale } from '../../../contracts/locale.js';
import {
  DEFAULT_BUSINESS_HOURS_CONFIG,
  WEEKDAYS,
  minutesOfDay,
  type BusinessHoursConfig,
  type OpeningWindow,
  type Weekday,
} from './businessHoursConfig.js';

export const businessHoursWords = {
  en: {
    intlLocale: 'en-US',
    /** luxon format tokens; names are rendered by Intl in `intlLocale`. */
    datePattern: 'cccc, LLLL d',
    am: 'a.m.',
    pm: 'p.m.',
    opening: '{{date}} at {{time}} {{zone}}',
    openingAtOneOClock: '{{date}} at {{time}} {{zone}}',
    easternZoneShort: 'ET',
    easternZoneLong: 'Eastern time',
    oneDay: '{{day}}',
    twoDays: '{{first}} and {{second}}',
    dayRange: '{{first}} to {{last}}',
    hours: '{{open}} to {{close}}',
    /** A window from midnight to midnight: never "12 a.m. to 12 a.m.". */
    allDay: 'all day',
    midnight: 'midnight',
    hoursJoiner: ' and ',
    scheduleEntry: '{{days}}, {{hours}}',
    schedule: '{{entries}} {{zone}}',
  },
  es: {
    intlLocale: 'es-US',
    datePattern: "cccc d 'de' LLLL",
    am: 'a. m.',
    pm: 'p. m.',
    opening: 'el {{date}} a las {{time}} ({{zone}})',
    // "a la 1:00 p. m.": one o'clock is singular in Spanish.
    openingAtOneOClock: 'el {{date}} a la {{time}} ({{zone}})',
    easternZoneShort: 'hora del Este',
    easternZoneLong: 'hora del Este',
    oneDay: 'los {{day}}',
    twoDays: 'los {{first}} y {{second}}',
    dayRange: 'de {{first}} a {{last}}',
    hours: 'de {{open}} a {{close}}',
    allDay: 'todo el día',
    midnight: 'medianoche',
    hoursJoiner: ' y ',
    scheduleEntry: '{{days}}, {{hours}}',
    schedule: '{{entries}}, {{zone}}',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** Zones that are US Eastern time and get the agency's own words ("ET", "hora del Este"). */
const EASTERN_ZONES = new Set(['America/New_York', 'US/Eastern', 'EST5EDT', 'America/Detroit']);

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/** "8:00 a.m." (withMinutes) or "8 a.m." / "8:30 a.m." (schedule style). */
function clockTime(minutesSinceMidnight: number, locale: Locale, alwaysShowMinutes: boolean): string {
  const words = businessHoursWords[locale];
  const hour24 = Math.floor(minutesSinceMidnight / 60) % 24;
  const minute = minutesSinceMidnight % 60;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const meridiem = hour24 < 12 ? words.am : words.pm;
  const digits =
    alwaysShowMinutes || minute !== 0 ? `${hour12}:${String(minute).padStart(2, '0')}` : `${hour12}`;
  return `${digits} ${meridiem}`;
}

/** The zone's name from Intl for zones without words of their own ("CT", "hora central"). */
function intlZoneName(timeZone: string, locale: Locale, style: 'shortGeneric' | 'longGeneric'): string {
  const parts = new Intl.DateTimeFormat(businessHoursWords[locale].intlLocale, {
    timeZone,
    timeZoneName: style,
  }).formatToParts(new Date(0));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

function zoneLabel(timeZone: string, locale: Locale, length: 'short' | 'long'): string {
  const words = businessHoursWords[locale];
  if (EASTERN_ZONES.has(timeZone)) return length === 'short' ? words.easternZoneShort : words.easternZoneLong;
  // English readers know "CT"; Spanish has no short generic names, so it always gets the long one.
  return intlZoneName(
    timeZone,
    locale,
    length === 'short' && locale === 'en' ? 'shortGeneric' : 'longGeneric',
  );
}

/**
 * When agents are next available, in words: "Monday, January 20 at 8:00 a.m. ET" /
 * "el lunes 20 de enero a las 8:00 a. m. (hora del Este)".
 */
export function formatOpening(
  date: Date,
  locale: Locale,
  timeZone = DEFAULT_BUSINESS_HOURS_CONFIG.timeZone,
): string {
  const words = businessHoursWords[locale];
  const local = DateTime.fromJSDate(date, { zone: timeZone }).setLocale(words.intlLocale);
  const hour12 = local.hour % 12 === 0 ? 12 : local.hour % 12;
  return fill(hour12 === 1 ? words.openingAtOneOClock : words.opening, {
    date: local.toFormat(words.datePattern),
    time: clockTime(local.hour * 60 + local.minute, locale, true),
    zone: zoneLabel(timeZone, locale, 'short'),
  });
}

/** Weekday name from Intl (2024-01-01 was a Monday). */
function weekdayName(day: Weekday, locale: Locale): string {
  const date = DateTime.utc(2024, 1, 1 + WEEKDAYS.indexOf(day)).setLocale(
    businessHoursWords[locale].intlLocale,
  );
  return date.toFormat('cccc');
}

/** "Saturdays" / "los sábados": a recurring day is plural; Spanish weekdays ending in -s do not change. */
function recurringWeekdayName(day: Weekday, locale: Locale): string {
  const name = weekdayName(day, locale);
  return name.endsWith('s') ? name : `${name}s`;
}

function sameWindows(a: readonly OpeningWindow[], b: readonly OpeningWindow[]): boolean {
  return (
    a.length === b.length &&
    a.every((window, i) => window.open === b[i]?.open && window.close === b[i]?.close)
  );
}

function dayGroupText(days: Weekday[], locale: Locale): string {
  const words = businessHoursWords[locale];
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return '';
  if (days.length === 1) return fill(words.oneDay, { day: recurringWeekdayName(first, locale) });
  if (days.length === 2) {
    return fill(words.twoDays, {
      first: recurringWeekdayName(first, locale),
      second: recurringWeekdayName(last, locale),
    });
  }
  return fill(words.dayRange, { first: weekdayName(first, locale), last: weekdayName(last, locale) });
}

const MINUTES_IN_A_DAY = 24 * 60;

/** "8 a.m. to 8 p.m.", "8 p.m. to midnight", "all day". */
function windowText(window: OpeningWindow, locale: Locale): string {
  const words = businessHoursWords[locale];
  const open = minutesOfDay(window.open);
  const close = minutesOfDay(window.close);
  if (open === 0 && close === MINUTES_IN_A_DAY) return words.allDay;
  const time = (minutes: number) =>
    minutes % MINUTES_IN_A_DAY === 0 ? words.midnight : clockTime(minutes, locale, false);
  return fill(words.hours, { open: time(open), close: time(close) });
}

/**
 * The regular weekly schedule in words: "Monday to Friday, 8 a.m. to 8 p.m. Eastern time" /
 * "de lunes a viernes, de 8 a. m. a 8 p. m., hora del Este". Consecutive days with the same hours
 * are grouped; holidays and special days are not part of it.
 */
export function formatSchedule(
  locale: Locale,
  schedule: Pick<BusinessHoursConfig, 'weekly' | 'timeZone'> = DEFAULT_BUSINESS_HOURS_CONFIG,
): string {
  const words = businessHoursWords[locale];
  const groups: { days: Weekday[]; windows: readonly OpeningWindow[] }[] = [];
  for (const day of WEEKDAYS) {
    const windows = schedule.weekly[day];
    const current = groups[groups.length - 1];
    if (current && sameWindows(current.windows, windows)) current.days.push(day);
    else groups.push({ days: [day], windows });
  }
  const entries = groups
    .filter((group) => group.windows.length > 0)
    .map((group) =>
      fill(words.scheduleEntry, {
        days: dayGroupText(group.days, locale),
        hours: group.windows.map((window) => windowText(window, locale)).join(words.hoursJoiner),
      }),
    );
  return fill(words.schedule, {
    entries: entries.join('; '),
    zone: zoneLabel(schedule.timeZone, locale, 'long'),
  });
}

/**
 * A calendar date (YYYY-MM-DD, as `addBusinessDays` returns it) in words, for due dates:
 * "Tuesday, January 21" / "martes 21 de enero". The date is a calendar day, not an instant, so no
 * time zone can move it to the day before.
 */
export function formatDueDate(isoDate: string, locale: Locale): string {
  const words = businessHoursWords[locale];
  const date = DateTime.fromISO(isoDate, { zone: 'UTC' });
  return date.isValid ? date.setLocale(words.intlLocale).toFormat(words.datePattern) : isoDate;
}
