import type { FieldProblem } from '../../shared/fieldProblems.js';

/** The longest period a report covers: a year of daily figures is still a small answer. */
export const MAX_REPORT_DAYS = 366;
/** Without dates, reports cover the last 30 days up to today. */
export const DEFAULT_REPORT_DAYS = 30;

const DAY_MS = 86_400_000;

/** A report's period in whole UTC days: `from` and `to` inclusive, as the client wrote them. */
export interface ReportPeriod {
  from: string;
  to: string;
  /** For the stores: `fromAt` inclusive, `toAt` exclusive (the start of the day after `to`). */
  fromAt: string;
  toAt: string;
  /** Every day of the period in order (YYYY-MM-DD). */
  days: string[];
}

/** What is wrong with the bounds, said as a field problem of `from` or `to`. */
export type PeriodProblem = FieldProblem & { field: 'from' | 'to' };

/**
 * Builds the period from optional YYYY-MM-DD bounds (already checked to be real dates). Days are
 * UTC days: the stored timestamps are UTC, and one fixed day boundary keeps reports comparable
 * across offices.
 */
export function reportPeriod(
  bounds: { from?: string; to?: string },
  now: Date,
): { period: ReportPeriod; problem: null } | { period: null; problem: PeriodProblem } {
  const toDay = bounds.to ?? now.toISOString().slice(0, 10);
  const toMs = Date.parse(`${toDay}T00:00:00Z`);
  const fromDay =
    bounds.from ?? new Date(toMs - (DEFAULT_REPORT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const fromMs = Date.parse(`${fromDay}T00:00:00Z`);
  if (fromMs > toMs) {
    return {
      period: null,
      problem: { field: 'from', message: 'must not be after "to"', messageKey: 'field.fromAfterTo' },
    };
  }
  const count = Math.round((toMs - fromMs) / DAY_MS) + 1;
  if (count > MAX_REPORT_DAYS) {
    return {
      period: null,
      problem: {
        field: 'from',
        message: `the period must be at most ${MAX_REPORT_DAYS} days`,
        messageKey: 'field.periodTooLong',
        values: { days: MAX_REPORT_DAYS },
      },
    };
  }
  const days = Array.from({ length: count }, (_, index) =>
    new Date(fromMs + index * DAY_MS).toISOString().slice(0, 10),
  );
  return {
    period: {
      from: fromDay,
      to: toDay,
      fromAt: new Date(fromMs).toISOString(),
      toAt: new Date(toMs + DAY_MS).toISOString(),
      days,
    },
    problem: null,
  };
}
