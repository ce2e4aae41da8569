// What is billable (billing rules §5): the days a connection pays for.

import {
  type CalendarDate,
  compareDates,
  dayBefore,
  endOfMonthsFrom,
  firstOfYear,
  isAfter,
  isBefore,
  lastOfYear,
  maxDate,
  minDate,
  addDays,
} from './dates.js';
import type { Tariff } from './tariff.js';
import type { Connection } from './types.js';

/** A run of days, both ends included. */
export interface DayRange {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/** The pilot free period: the pilot start through the day before the same day `pilotFreeMonths` months later. */
export function pilotFreePeriod(connection: Connection, tariff: Tariff): DayRange | undefined {
  if (!connection.pilotStart || tariff.pilotFreeMonths === 0) return undefined;
  return { from: connection.pilotStart, to: endOfMonthsFrom(connection.pilotStart, tariff.pilotFreeMonths) };
}

/** An available-from date before the agreement's start counts as the agreement's start. */
export function effectiveAvailableFrom(connection: Connection, tariff: Tariff): CalendarDate {
  return maxDate(connection.availableFrom, tariff.agreementStart);
}

export function intersect(a: DayRange, b: DayRange): DayRange | undefined {
  const from = maxDate(a.from, b.from);
  const to = minDate(a.to, b.to);
  return isAfter(from, to) ? undefined : { from, to };
}

function subtract(range: DayRange, hole: DayRange | undefined): DayRange[] {
  if (!hole || !intersect(range, hole)) return [range];
  const parts: DayRange[] = [];
  if (isBefore(range.from, hole.from)) parts.push({ from: range.from, to: dayBefore(hole.from) });
  if (isAfter(range.to, hole.to)) parts.push({ from: addDays(hole.to, 1), to: range.to });
  return parts;
}

/**
 * The billable days of a connection within `window` (default: the whole calendar year), in order: on or after
 * its available-from date and the agreement's start, before its exit date, on or before the agreement's end,
 * and outside its pilot free period.
 */
export function billableRanges(connection: Connection, tariff: Tariff, window: DayRange): DayRange[] {
  const billed = billedPeriod(connection, tariff, window);
  return billed ? subtract(billed, pilotFreePeriod(connection, tariff)) : [];
}

/**
 * The period a window bills for a connection: from its available-from date (or the agreement's start) to the day
 * before its exit (or the agreement's end), within the window; its pilot's free days inside it included.
 */
export function billedPeriod(connection: Connection, tariff: Tariff, window: DayRange): DayRange | undefined {
  let to = minDate(window.to, tariff.agreementEnd);
  if (connection.exitDate) to = minDate(to, dayBefore(connection.exitDate));
  const from = maxDate(window.from, effectiveAvailableFrom(connection, tariff));
  return isAfter(from, to) ? undefined : { from, to };
}

export function yearRange(year: number): DayRange {
  return { from: firstOfYear(year), to: lastOfYear(year) };
}

export function hasDays(ranges: readonly DayRange[]): boolean {
  return ranges.some((r) => compareDates(r.from, r.to) <= 0);
}
