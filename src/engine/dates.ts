// Calendar dates for billing: whole days, no time of day, no time zone, no clock.
// A JavaScript Date is never used here: a day is a (year, month, day) triple and arithmetic goes through a
// day number (days since 1970-01-01 in the proleptic Gregorian calendar).

export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** A date from its parts; throws on an impossible date (a programming error: inputs go through parsers). */
export function date(year: number, month: number, day: number): CalendarDate {
  if (!isValidDate(year, month, day)) {
    throw new RangeError(`not a calendar date: ${year}-${month}-${day}`);
  }
  return { year, month, day };
}

export function firstOfYear(year: number): CalendarDate {
  return { year, month: 1, day: 1 };
}

export function lastOfYear(year: number): CalendarDate {
  return { year, month: 12, day: 31 };
}

export function lastOfMonth(year: number, month: number): CalendarDate {
  return { year, month, day: daysInMonth(year, month) };
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function toDayNumber(d: CalendarDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (d.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(d) + days);
}

export function dayBefore(d: CalendarDate): CalendarDate {
  return addDays(d, -1);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return compareDates(a, b) > 0;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return isAfter(a, b) ? a : b;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return isBefore(a, b) ? a : b;
}

/** Number of days from a to b, both included; 0 when b is before a. */
export function daysInclusive(from: CalendarDate, to: CalendarDate): number {
  return Math.max(0, toDayNumber(to) - toDayNumber(from) + 1);
}

/** ISO 8601 calendar date, YYYY-MM-DD. */
export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Parses exactly YYYY-MM-DD; undefined when the text is not a real calendar date. */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

export type DateParse = { ok: true; date: CalendarDate } | { ok: false; message: string };

/**
 * A day as a person types it (on the command line, in a roster): YYYY-MM-DD (2025-03-15), or day first as Danes
 * write it, DD-MM-YYYY (15-03-2025) or DD.MM.YYYY (15.03.2025, as flis prints dates in Danish). Two digits for day
 * and month, four for the year, one separator throughout. Anything else is refused, not guessed at: 15/03/2025
 * (is 03/04/2025 the 3rd of April or the 4th of March?), 2025.03.15, 1.3.2025; and so is a day the calendar does
 * not have. The message says which, and what to write.
 */
export function parseTypedDate(text: string): DateParse {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const dayFirst = /^(\d{2})([-.])(\d{2})\2(\d{4})$/.exec(t);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[4], dayFirst[3], dayFirst[1]] : undefined;
  if (!parts) return { ok: false, message: `"${t}" is not a date: write YYYY-MM-DD (2025-03-15), DD-MM-YYYY (15-03-2025) or DD.MM.YYYY (15.03.2025)` };
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (!isValidDate(year, month, day)) return { ok: false, message: `"${t}" is not a real calendar day` };
  return { ok: true, date: { year, month, day } };
}

/**
 * The last day of a period of `months` calendar months starting on `start`: the day before the same day of
 * the month `months` later, or, where that month has no such day, that month's last day.
 * (15 January, 2 → 14 March; 31 January → 30 March; 31 December → 28/29 February.)
 */
export function endOfMonthsFrom(start: CalendarDate, months: number): CalendarDate {
  const index = start.year * 12 + (start.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  if (start.day > daysInMonth(year, month)) return lastOfMonth(year, month);
  return dayBefore({ year, month, day: start.day });
}
