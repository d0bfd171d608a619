/**
 * Lenient date reading for case data. The Case Status API is not consistent about formats
 * ("09-05-2023 14:28:12" for September 5, "2023-09-05" in the history, ISO elsewhere), so this
 * accepts the common ones and returns null for anything else. It never throws: a date the bot
 * cannot read is left out of the reply, it does not break the lookup.
 */
import { DateTime } from 'luxon';

/**
 * Times without an offset are read as US Eastern time, the agency's clock. A date alone becomes
 * midnight Eastern, which stays on the same calendar day whether it is shown in Eastern time or UTC.
 */
export const CASE_DATA_TIME_ZONE = 'America/New_York';

// Plausible years for case data; "0000-00-00" or "9999-12-31" placeholders mean "no date".
const EARLIEST_YEAR = 1950;
const LATEST_YEAR = 2100;

/** "09-05-2023", "9/5/2023", "09-05-2023 14:28:12" (month first, as US systems write it). */
const US_NUMERIC = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

function fromUsNumeric(text: string, zone: string): DateTime | null {
  const match = US_NUMERIC.exec(text);
  if (!match) return null;
  const [, first, middle, year, hour, minute, seconds] = match.map((part) =>
    part === undefined ? undefined : Number(part),
  );
  // Month first unless that cannot be: "25-12-2023" can only be day-month.
  const [month, day] = first !== undefined && first > 12 ? [middle, first] : [first, middle];
  return DateTime.fromObject(
    { year, month, day, hour: hour ?? 0, minute: minute ?? 0, second: seconds ?? 0 },
    { zone },
  );
}

const READERS: ((text: string, zone: string) => DateTime | null)[] = [
  fromUsNumeric,
  // ISO 8601: "2023-09-05", "2023-09-05T14:28:12", "2023-09-05T14:28:12Z", "2023-09-05T14:28:12.000-04:00".
  (text, zone) => DateTime.fromISO(text, { zone }),
  // SQL-ish: "2023-09-05 14:28:12".
  (text, zone) => DateTime.fromSQL(text, { zone }),
  // "Tue, 05 Sep 2023 18:28:12 GMT" and RFC 2822.
  (text, zone) => DateTime.fromHTTP(text, { zone }),
  (text, zone) => DateTime.fromRFC2822(text, { zone }),
  // "September 5, 2023" / "Sep 5, 2023", as the status descriptions write dates.
  (text, zone) => DateTime.fromFormat(text, 'LLLL d, yyyy', { zone, locale: 'en-US' }),
  (text, zone) => DateTime.fromFormat(text, 'LLL d, yyyy', { zone, locale: 'en-US' }),
];

export function parseCaseDate(value: unknown, zone: string = CASE_DATA_TIME_ZONE): Date | null {
  try {
    if (typeof value !== 'string') return null;
    const text = value.trim();
    if (text.length === 0 || text.length > 64) return null;
    for (const read of READERS) {
      const parsed = read(text, zone);
      const plausible = parsed?.isValid && parsed.year >= EARLIEST_YEAR && parsed.year <= LATEST_YEAR;
      if (plausible) return parsed.toJSDate();
    }
    return null;
  } catch {
    return null;
  }
}
