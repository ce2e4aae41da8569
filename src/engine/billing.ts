// An invoice run (billing rules §6–§7): which municipalities a run invoices, for which window, and how much.

import {
  type CalendarDate,
  dayBefore,
  daysInclusive,
  firstOfYear,
  isAfter,
  isBefore,
} from './dates.js';
import {
  type DayRange,
  billableRanges,
  billedPeriod,
  effectiveAvailableFrom,
  hasDays,
  intersect,
  pilotFreePeriod,
  yearRange,
} from './billable.js';
import { type Decimal, roundToOre, sum } from './money.js';
import { type Municipality, compareByCode } from './municipalities.js';
import { type YearShare, chargeFor, shareOfYear } from './proration.js';
import { type RunId, runWindow } from './runs.js';
import { type Tariff, annualFee, splitAtKnee } from './tariff.js';
import { type BasisProblem, billableFigure } from './population-basis.js';
import { type Connection, type PopulationTable, type SourceRef, populationOn } from './types.js';

/** Why an invoice covers less than its whole window, in the order the notes are shown. */
export type InvoiceNote =
  | { readonly kind: 'available-from'; readonly date: CalendarDate }
  | { readonly kind: 'pilot-free'; readonly from: CalendarDate; readonly to: CalendarDate; readonly days: number }
  | { readonly kind: 'exit'; readonly exitDate: CalendarDate }
  | { readonly kind: 'agreement-end'; readonly date: CalendarDate };

export interface Invoice {
  readonly invoiceNumber: string;
  readonly municipality: Municipality;
  readonly ean: string | undefined;
  readonly year: number;
  readonly run: RunId;
  /** The run's window for this municipality (§6); only its billable days are charged. */
  readonly period: DayRange;
  /**
   * The period the invoice bills: the window from the day FLIS was made available (or the agreement began) to the
   * day before the exit (or the day the agreement ends). A pilot's free months inside it are part of it, free.
   */
  readonly billed: DayRange;
  readonly billableDays: number;
  readonly populationDate: CalendarDate;
  readonly population: number;
  readonly populationSource: SourceRef;
  readonly fullRateCitizens: number;
  readonly reducedRateCitizens: number;
  readonly pricePerCitizen: Decimal;
  /** Exact, unrounded (§3). */
  readonly annualFee: Decimal;
  readonly netAmount: Decimal;
  readonly vatRate: Decimal;
  readonly vatAmount: Decimal;
  readonly grossAmount: Decimal;
  readonly notes: readonly InvoiceNote[];
  readonly connectionSource: SourceRef;
}

/** A connected municipality that must be billed but has no usable population figure. */
export type BillingProblem = BasisProblem;

export interface RunTotals {
  readonly count: number;
  readonly netAmount: Decimal;
  readonly vatAmount: Decimal;
  readonly grossAmount: Decimal;
}

export interface InvoiceRun {
  readonly year: number;
  readonly run: RunId;
  readonly tariff: Tariff;
  readonly invoices: readonly Invoice[];
  readonly totals: RunTotals;
  /** Anything that stops the run: when not empty, the invoices must not be issued. */
  readonly problems: readonly BillingProblem[];
}

export interface InvoiceRunInput {
  readonly year: number;
  readonly run: RunId;
  readonly tariff: Tariff;
  readonly connections: readonly Connection[];
  readonly population: PopulationTable;
}

/** Cumulative rounding (§7): round(C(through)) − round(C(before)), from the two cumulative shares of the year. */
export function amountBetween(fee: Decimal, through: YearShare, before: YearShare): Decimal {
  return roundToOre(chargeFor(fee, through)).minus(roundToOre(chargeFor(fee, before)));
}

/** The net amount for a window a–b with cumulative rounding (§7): round(C(b)) − round(C(a − 1)). */
export function windowAmount(fee: Decimal, billableInYear: readonly DayRange[], year: number, window: DayRange): Decimal {
  return amountBetween(fee, shareOfYear(billableInYear, year, window.to), shareOfYear(billableInYear, year, dayBefore(window.from)));
}

export function vatOn(net: Decimal, tariff: Tariff): Decimal {
  return roundToOre(net.times(tariff.vatRate));
}

/**
 * The number the first issue of a run gives its `serial`-th invoice (from 1, in municipality-code order):
 * FLIS-2025-H1-0001. Its invoices are numbered without gaps; see documents/invoice-document.ts for the series.
 */
export function invoiceNumber(year: number, run: RunId, serial: number): string {
  return `FLIS-${year}-${run}-${String(serial).padStart(4, '0')}`;
}


function notesFor(connection: Connection, tariff: Tariff, year: number, window: DayRange): InvoiceNote[] {
  const notes: InvoiceNote[] = [];
  const availableFrom = effectiveAvailableFrom(connection, tariff);
  if (isAfter(availableFrom, firstOfYear(year)) && !isBefore(availableFrom, window.from) && !isAfter(availableFrom, window.to)) {
    notes.push({ kind: 'available-from', date: availableFrom });
  }
  const free = pilotFreePeriod(connection, tariff);
  const freeInWindow = free && intersect(free, window);
  if (freeInWindow) {
    notes.push({ kind: 'pilot-free', from: freeInWindow.from, to: freeInWindow.to, days: daysInclusive(freeInWindow.from, freeInWindow.to) });
  }
  const exit = connection.exitDate;
  if (exit && isAfter(exit, window.from) && !isAfter(exit, window.to)) notes.push({ kind: 'exit', exitDate: exit });
  if (!isBefore(tariff.agreementEnd, window.from) && isBefore(tariff.agreementEnd, window.to)) {
    notes.push({ kind: 'agreement-end', date: tariff.agreementEnd });
  }
  return notes;
}

export function runTotals(invoices: readonly Invoice[]): RunTotals {
  return {
    count: invoices.length,
    netAmount: sum(invoices.map((i) => i.netAmount)),
    vatAmount: sum(invoices.map((i) => i.vatAmount)),
    grossAmount: sum(invoices.map((i) => i.grossAmount)),
  };
}

/**
 * Invoices every connected municipality that has billable days in the run's window. A connected municipality
 * that must be invoiced but has no usable population figure for 1 January of the year is a problem, never a zero.
 */
export function invoiceRun(input: InvoiceRunInput): InvoiceRun {
  const { year, run, tariff } = input;
  const invoices: Invoice[] = [];
  const problems: BillingProblem[] = [];
  const connections = [...input.connections].sort(compareByCode);

  for (const connection of connections) {
    const window = runWindow(run, year, effectiveAvailableFrom(connection, tariff));
    if (!window) continue;
    const billableInWindow = billableRanges(connection, tariff, window);
    if (!hasDays(billableInWindow)) continue;

    const found = populationOn(input.population, connection.municipality.code, year);
    if (!found) {
      problems.push({ kind: 'no-population', connection, year });
      continue;
    }
    const figure = billableFigure(connection, found);
    if ('kind' in figure) {
      problems.push(figure);
      continue;
    }

    const fee = annualFee(figure.count, tariff);
    const net = windowAmount(fee, billableRanges(connection, tariff, yearRange(year)), year, window);
    const vat = vatOn(net, tariff);
    const { fullRate, reducedRate } = splitAtKnee(figure.count, tariff);
    invoices.push({
      invoiceNumber: invoiceNumber(year, run, invoices.length + 1),
      municipality: connection.municipality,
      ean: connection.ean,
      year,
      run,
      period: window,
      billed: billedPeriod(connection, tariff, window)!,
      billableDays: billableInWindow.reduce((days, r) => days + daysInclusive(r.from, r.to), 0),
      populationDate: firstOfYear(year),
      population: figure.count,
      populationSource: figure.source,
      fullRateCitizens: fullRate,
      reducedRateCitizens: reducedRate,
      pricePerCitizen: tariff.pricePerCitizen,
      annualFee: fee,
      netAmount: net,
      vatRate: tariff.vatRate,
      vatAmount: vat,
      grossAmount: net.plus(vat),
      notes: notesFor(connection, tariff, year, window),
      connectionSource: connection.source,
    });
  }
  return { year, run, tariff, invoices, totals: runTotals(invoices), problems };
}
