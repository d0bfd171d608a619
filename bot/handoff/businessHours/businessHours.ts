/**
 * When live agents are available. Pure: every answer depends only on the configuration and the
 * instant passed in, so callers (and tests) supply the clock.
 *
 * Days are calendar days in the configured time zone. A day's windows are turned into instants
 * with luxon, so daylight-saving days are handled by the zone rules: on the March change day
 * 08:00-20:00 is 11 hours of real time away from midnight-based arithmetic, and still exactly
 * 08:00 to 20:00 on the wall clock.
 */
import { DateTime } from 'luxon';
import {
  WEEKDAYS,
  minutesOfDay,
  parseBusinessHoursConfig,
  type BusinessHoursConfig,
  type BusinessHoursConfigInput,
  type OpeningWindow,
} from './businessHoursConfig.js';
import { isObservedFederalHoliday } from './federalHolidayCalendar.js';

/** A stretch of time when agents are available: from `opensAt` (included) to `closesAt` (excluded). */
export interface OpenWindow {
  opensAt: Date;
  closesAt: Date;
}

export interface BusinessHours {
  readonly config: BusinessHoursConfig;
  /** Open at `at`? Opening time included, closing time excluded (open at 08:00, closed at 20:00). */
  isOpen(at: Date): boolean;
  /** The next moment agents are available: `at` itself when open. */
  nextOpening(at: Date): Date;
  /** The open stretch containing `at` (back-to-back windows joined), or null when closed. */
  currentWindow(at: Date): OpenWindow | null;
  /**
   * The calendar date (YYYY-MM-DD, in the schedule's zone) `days` business days after the day of
   * `from`; a business day is a day with any opening hours. `0` gives the day of `from`, or the
   * next business day when that day is closed. Used for due dates of service requests.
   */
  addBusinessDays(from: Date, days: number): string;
  /** Does this calendar date (YYYY-MM-DD) have any opening hours? */
  isBusinessDay(isoDate: string): boolean;
  /** The opening windows of a calendar date after closures, special hours and holidays. */
  windowsOn(isoDate: string): readonly OpeningWindow[];
}

/**
 * How far ahead to look for an opening. The schema guarantees one open weekday, so only a very
 * long run of `closedDates` can exhaust this; that is a configuration mistake worth an exception.
 */
const SEARCH_LIMIT_DAYS = 3 * 366;

/** How many days' opening instants are remembered (a few weeks covers any scan that matters). */
const INSTANT_CACHE_DAYS = 64;

interface WindowInstants {
  opensAt: number;
  closesAt: number;
}

export function createBusinessHours(input: BusinessHoursConfigInput = {}): BusinessHours {
  const config = parseBusinessHoursConfig(input);
  const { timeZone } = config;
  const closedDates = new Set(config.closedDates);
  const holidayOptions = { inaugurationDay: config.inaugurationDay };

  function windowsOn(isoDate: string): readonly OpeningWindow[] {
    if (closedDates.has(isoDate)) return [];
    const special = config.specialHours[isoDate];
    if (special) return special;
    if (config.federalHolidays && isObservedFederalHoliday(isoDate, holidayOptions)) return [];
    const weekday = WEEKDAYS[DateTime.fromISO(isoDate, { zone: 'UTC' }).weekday - 1];
    return weekday ? config.weekly[weekday] : [];
  }

  /** The instant of a wall-clock time on a date in the schedule's zone ("24:00" = next midnight). */
  function instantOf(isoDate: string, time: string): number {
    const midnight = DateTime.fromISO(isoDate, { zone: timeZone }).startOf('day');
    if (time === '24:00') return midnight.plus({ days: 1 }).startOf('day').toMillis();
    const minutes = minutesOfDay(time);
    // Built from the date and the wall-clock fields (not midnight + minutes) so that DST days keep
    // their wall-clock hours; a time inside the spring-forward gap moves forward, luxon's rule.
    return midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
  }

  // The same few days are asked about again and again (every isOpen of a visit, nextOpening's
  // scan), and luxon's zone arithmetic is the expensive part, so recent days are remembered.
  const instantsByDate = new Map<string, readonly WindowInstants[]>();
  function instantsOn(isoDate: string): readonly WindowInstants[] {
    let instants = instantsByDate.get(isoDate);
    if (!instants) {
      instants = windowsOn(isoDate)
        .map((window) => ({
          opensAt: instantOf(isoDate, window.open),
          closesAt: instantOf(isoDate, window.close),
        }))
        .filter((window) => window.closesAt > window.opensAt);
      if (instantsByDate.size >= INSTANT_CACHE_DAYS) instantsByDate.clear();
      instantsByDate.set(isoDate, instants);
    }
    return instants;
  }

  function localDateOf(at: number): string {
    return DateTime.fromMillis(at, { zone: timeZone }).toISODate() ?? '';
  }

  function shiftDate(isoDate: string, days: number): string {
    return DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days }).toISODate() ?? isoDate;
  }

  function millisOf(at: Date, name: string): number {
    const millis = at instanceof Date ? at.getTime() : Number.NaN;
    if (Number.isNaN(millis)) throw new TypeError(`${name} must be a valid Date`);
    return millis;
  }

  function windowContaining(at: number): WindowInstants | undefined {
    // Windows never run past midnight, so only the instant's own calendar day can contain it.
    return instantsOn(localDateOf(at)).find((window) => window.opensAt <= at && at < window.closesAt);
  }

  function isOpen(at: Date): boolean {
    return windowContaining(millisOf(at, 'at')) !== undefined;
  }

  function nextOpening(at: Date): Date {
    const time = millisOf(at, 'at');
    let date = localDateOf(time);
    for (let day = 0; day <= SEARCH_LIMIT_DAYS; day += 1) {
      for (const window of instantsOn(date)) {
        if (time < window.closesAt) return new Date(Math.max(time, window.opensAt));
      }
      date = shiftDate(date, 1);
    }
    throw new RangeError(`No opening hours within ${SEARCH_LIMIT_DAYS} days; check closedDates`);
  }

  function currentWindow(at: Date): OpenWindow | null {
    const time = millisOf(at, 'at');
    const found = windowContaining(time);
    if (!found) return null;
    let { opensAt, closesAt } = found;
    // Join back-to-back windows (12:00-14:00 after 08:00-12:00, or 00:00 after 24:00) so "open
    // until" names the real end; bounded like nextOpening.
    for (let step = 0; step <= SEARCH_LIMIT_DAYS; step += 1) {
      const next = instantsOn(localDateOf(closesAt)).find((w) => w.opensAt === closesAt);
      if (!next) break;
      closesAt = next.closesAt;
    }
    for (let step = 0; step <= SEARCH_LIMIT_DAYS; step += 1) {
      const previous = instantsOn(localDateOf(opensAt - 1)).find((w) => w.closesAt === opensAt);
      if (!previous) break;
      opensAt = previous.opensAt;
    }
    return { opensAt: new Date(opensAt), closesAt: new Date(closesAt) };
  }

  function isBusinessDay(isoDate: string): boolean {
    return windowsOn(isoDate).length > 0;
  }

  function addBusinessDays(from: Date, days: number): string {
    if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number, 0 or more');
    let date = localDateOf(millisOf(from, 'from'));
    let counted = 0;
    for (let step = 0; step <= SEARCH_LIMIT_DAYS + days * 7; step += 1) {
      if (days === 0 ? isBusinessDay(date) : counted === days) return date;
      date = shiftDate(date, 1);
      if (isBusinessDay(date)) counted += 1;
    }
    throw new RangeError(`No business days within ${SEARCH_LIMIT_DAYS} days; check closedDates`);
  }

  return { config, isOpen, nextOpening, currentWindow, addBusinessDays, isBusinessDay, windowsOn };
}
