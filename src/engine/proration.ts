// Share of a year (billing rules §4) and the cumulative charge C(x) (§7).
//
// A full calendar month is 1/12 of the annual fee; part of a month counts covered days ÷ days in that month ÷ 12.
// The share is kept as an exact fraction over one common denominator, so that C(x) is the annual fee times a
// whole number divided once by a whole number (see money.ts for why that division is exact enough to round).

import { type CalendarDate, daysInMonth, firstOfYear, isBefore, lastOfYear, minDate, toDayNumber } from './dates.js';
import type { DayRange } from './billable.js';
import { type Decimal, ZERO } from './money.js';

/** lcm(28, 29, 30, 31): every month length divides it, so a day of any month is a whole number of units. */
const MONTH_UNITS = 377580;

/** An exact fraction of a year: numerator / (12 × 377580). */
export interface YearShare {
  readonly units: number;
}

export const YEAR_SHARE_DENOMINATOR = 12 * MONTH_UNITS;
export const FULL_YEAR: YearShare = { units: YEAR_SHARE_DENOMINATOR };

/**
 * The share of `year` covered by the billable ranges from 1 January through `through` (both included).
 * `through` before 1 January gives nothing; after 31 December, the whole year's billable days.
 */
export function shareOfYear(billable: readonly DayRange[], year: number, through: CalendarDate): YearShare {
  if (isBefore(through, firstOfYear(year))) return { units: 0 };
  const last = toDayNumber(minDate(through, lastOfYear(year)));
  const ranges = billable.map((r) => [toDayNumber(r.from), toDayNumber(r.to)] as const);
  let units = 0;
  let monthStart = toDayNumber(firstOfYear(year));
  for (let month = 1; month <= 12 && monthStart <= last; month++) {
    const length = daysInMonth(year, month);
    const monthEnd = Math.min(monthStart + length - 1, last);
    let days = 0;
    for (const [from, to] of ranges) {
      const covered = Math.min(to, monthEnd) - Math.max(from, monthStart) + 1;
      if (covered > 0) days += covered;
    }
    units += days * (MONTH_UNITS / length);
    monthStart += length;
  }
  return { units };
}

/** C: the exact charge for a share of the year at a given annual fee. Not rounded. */
export function chargeFor(annualFee: Decimal, share: YearShare): Decimal {
  if (share.units === 0) return ZERO;
  return annualFee.times(share.units).dividedBy(YEAR_SHARE_DENOMINATOR);
}

/**
 * C over parts of a year at different annual fees (a version of the tariff taking effect in the year, §11):
 * Σ fee × share, exact, the sum of numerators divided once by the common denominator. Not rounded.
 */
export function chargeOver(parts: readonly { readonly fee: Decimal; readonly share: YearShare }[]): Decimal {
  let numerator = ZERO;
  for (const { fee, share } of parts) if (share.units !== 0) numerator = numerator.plus(fee.times(share.units));
  return numerator.isZero() ? ZERO : numerator.dividedBy(YEAR_SHARE_DENOMINATOR);
}

/** The share in months (twelfths of the year), exact: 9 for nine full months, 2.516129… for two and 16/31. */
export function monthsOf(share: YearShare): Decimal {
  return ZERO.plus(share.units).dividedBy(MONTH_UNITS);
}

/** The share of a year between two cumulative shares (later minus earlier). */
export function shareBetween(through: YearShare, before: YearShare): YearShare {
  return { units: through.units - before.units };
}
