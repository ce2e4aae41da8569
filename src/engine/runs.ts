// The three invoice runs a year and their windows (billing rules §6, general terms §5).

import { type CalendarDate, date, firstOfYear, isBefore, lastOfYear } from './dates.js';
import type { DayRange } from './billable.js';

export const RUNS = ['H1', 'H2', 'DEC'] as const;
export type RunId = (typeof RUNS)[number];

export function isRunId(text: string): text is RunId {
  return (RUNS as readonly string[]).includes(text);
}

/**
 * The window a run invoices for a municipality whose (effective) available-from date is given, or undefined
 * when the run does not invoice it in that year.
 *
 * - available before 1 February of the year (or in an earlier year): H1 = 1 January – 30 June,
 *   H2 = 1 July – 31 December;
 * - available 1 February – 31 August: H2 = available-from – 31 December (no H1 that year);
 * - available 1 September – 31 December: DEC = available-from – 31 December.
 */
export function runWindow(run: RunId, year: number, availableFrom: CalendarDate): DayRange | undefined {
  if (availableFrom.year > year) return undefined;
  const early = isBefore(availableFrom, date(year, 2, 1));
  const late = !isBefore(availableFrom, date(year, 9, 1));
  switch (run) {
    case 'H1':
      return early ? { from: firstOfYear(year), to: date(year, 6, 30) } : undefined;
    case 'H2':
      if (early) return { from: date(year, 7, 1), to: lastOfYear(year) };
      return late ? undefined : { from: availableFrom, to: lastOfYear(year) };
    case 'DEC':
      return !early && late ? { from: availableFrom, to: lastOfYear(year) } : undefined;
  }
}
