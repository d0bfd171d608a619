/**
 * Observed US federal holidays as calendar dates (YYYY-MM-DD). The dates come from
 * `@18f/us-federal-holidays` (OPM rules: a Saturday holiday is observed the Friday before, a Sunday
 * holiday the Monday after). Only its `dateString` is used: its `date` field is midnight in the
 * process's own time zone, which would shift the day in some zones.
 */
import { allForYear } from '@18f/us-federal-holidays';
import { DateTime } from 'luxon';

export interface FederalHolidayOptions {
  /** Add Inauguration Day (DC-area federal staff only; 5 U.S.C. 6103(c)). */
  inaugurationDay: boolean;
}

const observedByYear = new Map<number, ReadonlySet<string>>();

/** Every observed federal holiday that falls in `year`, from the library's OPM calendar. */
function observedFederalHolidays(year: number): ReadonlySet<string> {
  let dates = observedByYear.get(year);
  if (!dates) {
    // New Year's Day of `year + 1` is observed on December 31 of `year` when it is a Saturday
    // (e.g. 2028-01-01 → 2027-12-31), so the next year's list is read too.
    const prefix = `${year}-`;
    dates = new Set(
      [...allForYear(year), ...allForYear(year + 1)]
        .map((holiday) => holiday.dateString)
        .filter((date) => date.startsWith(prefix)),
    );
    observedByYear.set(year, dates);
  }
  return dates;
}

/**
 * January 20 after a presidential election (years with `year % 4 === 1`); when it is a Sunday the
 * holiday moves to Monday, January 21. There is no Saturday shift for this one.
 */
export function inaugurationDayOf(year: number): string | null {
  if (year % 4 !== 1) return null;
  const january20 = DateTime.utc(year, 1, 20);
  return (january20.weekday === 7 ? january20.plus({ days: 1 }) : january20).toISODate();
}

export function isObservedFederalHoliday(isoDate: string, options: FederalHolidayOptions): boolean {
  const year = Number(isoDate.slice(0, 4));
  if (observedFederalHolidays(year).has(isoDate)) return true;
  return options.inaugurationDay && inaugurationDayOf(year) === isoDate;
}
