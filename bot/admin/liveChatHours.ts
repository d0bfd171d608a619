import type { Locale } from '../../contracts/locale.js';
import { DateTime } from 'luxon';
import type { HoursException, LiveChatHoursResponse } from '../../contracts/adminApi.js';
import {
  formatOpening,
  formatSchedule,
  isObservedFederalHoliday,
  WEEKDAYS,
  type BusinessHours,
} from '../handoff/businessHours/index.js';

/** How far ahead the exceptions (holidays, closures, special hours) are listed. */
const EXCEPTION_DAYS = 60;

/**
 * The live-chat schedule as the service applies it, for the admins' console: the weekly hours,
 * whether agents are available now and until when, the next opening in the words visitors get,
 * and the coming days that differ from their weekday. Pure: the instant is passed in.
 */
export function liveChatHours(hours: BusinessHours, at: Date, locale: Locale): LiveChatHoursResponse {
  const { config } = hours;
  const { timeZone } = config;
  const window = hours.currentWindow(at);
  const nextOpening = hours.nextOpening(at);
  const today = DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? '';
  const exceptions: LiveChatHoursResponse['exceptions'] = [];
  for (let offset = 0; offset < EXCEPTION_DAYS; offset += 1) {
    const date = DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: offset }).toISODate() ?? '';
    const kind = exceptionOf(hours, date);
    if (kind) exceptions.push({ date, kind, windows: [...hours.windowsOn(date)] });
  }
  return {
    timeZone,
    schedule: formatSchedule(locale, config),
    weekly: WEEKDAYS.map((day) => ({ day, windows: [...config.weekly[day]] })),
    federalHolidays: config.federalHolidays,
    inaugurationDay: config.inaugurationDay,
    now: at.toISOString(),
    openNow: window !== null,
    closesAt: window ? window.closesAt.toISOString() : null,
    closesAtText: window ? formatOpening(window.closesAt, locale, timeZone) : null,
    nextOpening: nextOpening.toISOString(),
    nextOpeningText: formatOpening(nextOpening, locale, timeZone),
    exceptions,
    config,
  };
}

/** Why this date's hours are not its weekday's, in the order the schedule decides it. */
function exceptionOf(hours: BusinessHours, date: string): HoursException | null {
  const { config } = hours;
  if (config.closedDates.includes(date)) return 'closed';
  if (date in config.specialHours) return 'special';
  if (config.federalHolidays && isObservedFederalHoliday(date, { inaugurationDay: config.inaugurationDay })) {
    return 'holiday';
  }
  return null;
}
