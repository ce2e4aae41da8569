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
// With tariff versions (§11), each day at the terms in force that day, as far as they were known on the exit
// date: a version decided later changes no settlement, and a year in which the terms change has a line per set
// of terms, the cumulative differences at the change dates.

import { type DayRange, billableRanges, effectiveAvailableFrom, yearRange } from './billable.js';
import { chargedParts, yearCharge } from './billing.js';
import { type CalendarDate, firstOfYear, isAfter, lastOfYear, maxDate, minDate } from './dates.js';
import { type Decimal, ZERO, sum } from './money.js';
import { type BasisProblem, type PopulationSource, isBasisProblem, populationBasis } from './population-basis.js';
import type { YearShare } from './proration.js';
import { type Tariff, knownOn } from './tariff.js';
import type { Connection, PopulationTable, SourceRef } from './types.js';

/**
 * A line of the settlement: a year, or where the tariff's terms change in the year, a part of it under one set of
 * terms (§11), the parts' amounts being the cumulative differences at the change dates.
 */
export interface SettlementYear {
  readonly year: number;
  /** The days of the year the line covers (from the exit or availability date, to 31 December; or the part under its terms). */
  readonly period: DayRange;
  /** The price per citizen the line is computed at. */
  readonly pricePerCitizen: Decimal;
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
  /** The tariff as known on the exit date (§11): the versions decided by then. */
  readonly tariff: Tariff;
  /** The last day of the obligation: the agreement's end (as known on the exit date). */
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
  const { exitDate } = input;
  // A version decided after the exit date changes no settlement (§11).
  const tariff = knownOn(input.tariff, exitDate);
  const staying = stayed(input.connection);
  const periodEnd = tariff.agreementEnd;
  const from = maxDate(exitDate, effectiveAvailableFrom(staying, tariff));
  const base = { connection: input.connection, exitDate, tariff, periodEnd, from };

  if (isAfter(exitDate, periodEnd)) {
    return { ...base, years: [], total: ZERO, nothingBecause: 'after-agreement', problems: [] };
  }

  const years: SettlementYear[] = [];
  const problems: BasisProblem[] = [];
  for (let year = from.year; year <= periodEnd.year; year++) {
    const billable = billableRanges(staying, tariff, yearRange(year));
    const first = maxDate(exitDate, firstOfYear(year));
    if (!billable.some((r) => !isAfter(first, r.to))) continue;

    const basis = populationBasis(staying, year, input.population, input.forecast);
    if (isBasisProblem(basis)) {
      problems.push(basis);
      continue;
    }
    const charge = yearCharge(billable, year, basis.figure.count, tariff);
    for (const part of chargedParts(charge, year, first, lastOfYear(year))) {
      years.push({
        year,
        period: { from: maxDate(from, part.period.from), to: minDate(part.period.to, periodEnd) },
        pricePerCitizen: part.terms.pricePerCitizen,
        population: basis.figure.count,
        populationSource: basis.source,
        populationYear: basis.figure.year,
        populationFrom: basis.figure.source,
        annualFee: part.fee,
        share: part.share,
        amount: part.amount,
      });
    }
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
