// The exit settlement (udtræden, billing rules §8, general terms §5).
//
// A municipality that leaves before the end of the repayment period pays, once, what the regular invoice runs
// would have billed had it stayed, from its exit date to the end of the period:
//   - in the exit year: round(C(31 December)) − round(C(exit date − 1)), C as if it had stayed;
//   - in each later year: round(C(31 December)), which is the rounded annual fee of the year whenever the whole
//     year is billable (it differs only where days of that year would not have been billed anyway: a pilot's
//     free months, availability later than 1 January, the end of the agreement);
//   - on DST's population on 1 January of each year, or for years DST has not published, the latest published
//     figure carried forward or a forecast (population-basis.ts). Nominal DKK, undiscounted.
// So the invoices up to the exit plus the settlement always equal what staying would have cost, to the øre.

import { type DayRange, billableRanges, effectiveAvailableFrom, yearRange } from './billable.js';
import { amountBetween } from './billing.js';
import { type CalendarDate, dayBefore, firstOfYear, isAfter, lastOfYear, maxDate, minDate } from './dates.js';
import { type Decimal, ZERO, sum } from './money.js';
import { type BasisProblem, type PopulationSource, isBasisProblem, populationBasis } from './population-basis.js';
import { type YearShare, shareBetween, shareOfYear } from './proration.js';
import { type Tariff, annualFee } from './tariff.js';
import type { Connection, PopulationTable, SourceRef } from './types.js';

export interface SettlementYear {
  readonly year: number;
  /** The days of the year the settlement covers (from the exit or availability date, to 31 December). */
  readonly period: DayRange;
  readonly population: number;
  readonly populationSource: PopulationSource;
  /** The year of the figure used (earlier than `year` when carried forward). */
  readonly populationYear: number;
  readonly populationFrom: SourceRef;
  readonly annualFee: Decimal;
  /** The share of the year the amount is for, before rounding. */
  readonly share: YearShare;
  readonly amount: Decimal;
}

export interface Settlement {
  readonly connection: Connection;
  readonly exitDate: CalendarDate;
  /** The last day of the obligation: the agreement's end. */
  readonly periodEnd: CalendarDate;
  /** The first day the settlement covers: the exit date, or the (effective) available-from date if later. */
  readonly from: CalendarDate;
  readonly years: readonly SettlementYear[];
  readonly total: Decimal;
  /** Why there is nothing to settle, where there is nothing. */
  readonly nothingBecause?: 'after-agreement';
  readonly problems: readonly BasisProblem[];
}

export interface SettlementInput {
  readonly connection: Connection;
  /** Udtræden: the first day no longer connected. */
  readonly exitDate: CalendarDate;
  readonly tariff: Tariff;
  readonly population: PopulationTable;
  /** DST's municipal projection (FRKM), used for years DST has not published instead of carrying forward. */
  readonly forecast?: PopulationTable;
}

/** The connection as if it had stayed: the same, without an exit date. */
export function stayed(connection: Connection): Connection {
  const { exitDate: _, ...rest } = connection;
  return rest;
}

export function exitSettlement(input: SettlementInput): Settlement {
  const { exitDate, tariff } = input;
  const staying = stayed(input.connection);
  const periodEnd = tariff.agreementEnd;
  const from = maxDate(exitDate, effectiveAvailableFrom(staying, tariff));
  const base = { connection: input.connection, exitDate, periodEnd, from };

  if (isAfter(exitDate, periodEnd)) {
    return { ...base, years: [], total: ZERO, nothingBecause: 'after-agreement', problems: [] };
  }

  const years: SettlementYear[] = [];
  const problems: BasisProblem[] = [];
  const dayBeforeExit = dayBefore(exitDate);
  for (let year = from.year; year <= periodEnd.year; year++) {
    const billable = billableRanges(staying, tariff, yearRange(year));
    const through = shareOfYear(billable, year, lastOfYear(year));
    const before = shareOfYear(billable, year, dayBeforeExit);
    const share = shareBetween(through, before);
    if (share.units === 0) continue;

    const basis = populationBasis(staying, year, input.population, input.forecast);
    if (isBasisProblem(basis)) {
      problems.push(basis);
      continue;
    }
    const fee = annualFee(basis.figure.count, tariff);
    const amount = amountBetween(fee, through, before);
    years.push({
      year,
      period: { from: maxDate(from, firstOfYear(year)), to: minDate(lastOfYear(year), periodEnd) },
      population: basis.figure.count,
      populationSource: basis.source,
      populationYear: basis.figure.year,
      populationFrom: basis.figure.source,
      annualFee: fee,
      share,
      amount,
    });
  }
  return { ...base, years, total: sum(years.map((y) => y.amount)), problems };
}

/** An invoice already issued, as read back from an invoice file. */
export interface IssuedInvoice {
  readonly invoiceNumber: string;
  readonly code: string;
  readonly year: number;
  readonly run: string;
  readonly period: DayRange;
  readonly annualFee: Decimal;
  readonly netAmount: Decimal;
  readonly source: SourceRef;
}
