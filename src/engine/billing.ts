// An invoice run (billing rules §6–§7): which municipalities a run invoices, for which window, and how much.

import {
  type CalendarDate,
  dayBefore,
  daysInclusive,
  firstOfYear,
  isAfter,
  isBefore,
  lastOfYear,
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
import { type Decimal, ZERO, roundToOre, sum } from './money.js';
import { type Municipality, compareByCode } from './municipalities.js';
import { type YearShare, chargeOver, shareOfYear } from './proration.js';
import { type RunId, runWindow } from './runs.js';
import { type Tariff, annualFee, splitAtKnee, termsPeriods } from './tariff.js';
import { type BasisProblem, billableFigure } from './population-basis.js';
import { type Connection, type PopulationTable, type SourceRef, populationOn } from './types.js';

/** Why an invoice covers less than its whole window, in the order the notes are shown. */
export type InvoiceNote =
  | { readonly kind: 'available-from'; readonly date: CalendarDate }
  | { readonly kind: 'pilot-free'; readonly from: CalendarDate; readonly to: CalendarDate; readonly days: number }
  | { readonly kind: 'exit'; readonly exitDate: CalendarDate }
  | { readonly kind: 'agreement-end'; readonly date: CalendarDate }
  /** The window spans a change of the tariff (§11): the prices of its lines. */
  | { readonly kind: 'prices'; readonly lines: readonly InvoiceLine[] };

/**
 * A part of an invoice under one set of terms (§11). An invoice has one line, or, where its window spans a change
 * of the tariff, one per set of terms in force on its billable days; the lines' amounts add up to the invoice's.
 */
export interface InvoiceLine {
  /** The days of the period billed under these terms. */
  readonly period: DayRange;
  readonly billableDays: number;
  readonly pricePerCitizen: Decimal;
  readonly kneeThreshold: number;
  readonly kneeRate: Decimal;
  readonly fullRateCitizens: number;
  readonly reducedRateCitizens: number;
  /** The annual fee at these terms, exact. */
  readonly annualFee: Decimal;
  /** round(C(last day)) − round(C(first day − 1)): the cumulative difference at the change dates. */
  readonly netAmount: Decimal;
  readonly vatRate: Decimal;
  /** The line's part of the VAT of its rate (see vatOfLines). */
  readonly vatAmount: Decimal;
}

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
  /** The split at the knee, the price, the annual fee and the VAT rate are those of the last line (§11). */
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
  /** One, or one per set of terms where the window spans a change of the tariff (§11). */
  readonly lines: readonly InvoiceLine[];
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

/** A part of a year under one set of terms: its annual fee, and the billable days in it. */
export interface ChargePeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly terms: Tariff;
  readonly fee: Decimal;
  readonly billable: readonly DayRange[];
}

/**
 * What C(x) is computed from for a year (§7, §11): the year cut where the tariff's terms change, each part with its
 * annual fee on the population and its billable days.
 */
export function yearCharge(billableInYear: readonly DayRange[], year: number, population: number, tariff: Tariff): readonly ChargePeriod[] {
  return termsPeriods(tariff, firstOfYear(year), lastOfYear(year)).map((p) => ({
    ...p,
    fee: annualFee(population, p.terms),
    billable: billableInYear.flatMap((r) => intersect(r, p) ?? []),
  }));
}

/** The cumulative share of the year of each part's billable days through `through`. */
function sharesThrough(periods: readonly ChargePeriod[], year: number, through: CalendarDate): YearShare[] {
  return periods.map((p) => shareOfYear(p.billable, year, through));
}

/** C(x), exact: Σ over the parts of the year, annual fee × share of the year of its billable days through x. */
export function chargeThrough(periods: readonly ChargePeriod[], year: number, through: CalendarDate): Decimal {
  const shares = sharesThrough(periods, year, through);
  return chargeOver(periods.map((p, i) => ({ fee: p.fee, share: shares[i]! })));
}

/** Cumulative rounding (§7): round(C(to)) − round(C(from − 1)). */
export function amountFor(periods: readonly ChargePeriod[], year: number, from: CalendarDate, to: CalendarDate): Decimal {
  return roundToOre(chargeThrough(periods, year, to)).minus(roundToOre(chargeThrough(periods, year, dayBefore(from))));
}

/** A part of a range under one set of terms with billable days in it, with its amount (§7, §11). */
export interface ChargedPart {
  readonly period: DayRange;
  readonly terms: Tariff;
  readonly fee: Decimal;
  readonly billableDays: number;
  /** The share of the year of its billable days. */
  readonly share: YearShare;
  readonly amount: Decimal;
}

/**
 * The range from `from` to `to` (within one year) cut where the terms change, each part that has billable days
 * with its amount, the cumulative difference round(C(its last day)) − round(C(its first day − 1)). The amounts
 * add up to round(C(to)) − round(C(from − 1)): a part without billable days changes C by nothing.
 */
export function chargedParts(periods: readonly ChargePeriod[], year: number, from: CalendarDate, to: CalendarDate): ChargedPart[] {
  const parts: ChargedPart[] = [];
  for (const p of periods) {
    const range = intersect(p, { from, to });
    if (!range) continue;
    const billable = p.billable.flatMap((r) => intersect(r, range) ?? []);
    const billableDays = billable.reduce((days, r) => days + daysInclusive(r.from, r.to), 0);
    if (billableDays === 0) continue;
    const share = { units: shareOfYear(billable, year, range.to).units };
    parts.push({ period: range, terms: p.terms, fee: p.fee, billableDays, share, amount: amountFor(periods, year, range.from, range.to) });
  }
  return parts;
}

/**
 * The VAT of lines: for each rate, round(rate × the sum of its lines' nets), as one line would have (§7); each
 * line's part cumulatively within its rate, so that the lines' VAT adds up to it.
 */
export function vatOfLines(lines: readonly { readonly netAmount: Decimal; readonly vatRate: Decimal }[]): Decimal[] {
  const netSoFar = new Map<string, Decimal>();
  return lines.map((line) => {
    const rate = line.vatRate.toString();
    const before = netSoFar.get(rate) ?? ZERO;
    const after = before.plus(line.netAmount);
    netSoFar.set(rate, after);
    return roundToOre(after.times(line.vatRate)).minus(roundToOre(before.times(line.vatRate)));
  });
}

/**
 * The number the first issue of a run gives its `serial`-th invoice (from 1, in municipality-code order):
 * FLIS-2025-H1-0001. Its invoices are numbered without gaps; see documents/invoice-document.ts for the series.
 */
export function invoiceNumber(year: number, run: RunId, serial: number): string {
  return `FLIS-${year}-${run}-${String(serial).padStart(4, '0')}`;
}


function notesFor(connection: Connection, tariff: Tariff, year: number, window: DayRange, lines: readonly InvoiceLine[]): InvoiceNote[] {
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
  if (lines.length > 1) notes.push({ kind: 'prices', lines });
  return notes;
}

/** The lines of an invoice from its charged parts: each with its terms, its amount and its part of the VAT. */
function invoiceLines(parts: readonly ChargedPart[], population: number): InvoiceLine[] {
  const lines = parts.map((p) => {
    const { fullRate, reducedRate } = splitAtKnee(population, p.terms);
    return {
      period: p.period,
      billableDays: p.billableDays,
      pricePerCitizen: p.terms.pricePerCitizen,
      kneeThreshold: p.terms.kneeThreshold,
      kneeRate: p.terms.kneeRate,
      fullRateCitizens: fullRate,
      reducedRateCitizens: reducedRate,
      annualFee: p.fee,
      netAmount: p.amount,
      vatRate: p.terms.vatRate,
    };
  });
  const vat = vatOfLines(lines);
  return lines.map((line, i) => ({ ...line, vatAmount: vat[i]! }));
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

    const charge = yearCharge(billableRanges(connection, tariff, yearRange(year)), year, figure.count, tariff);
    const billed = billedPeriod(connection, tariff, window)!;
    const lines = invoiceLines(chargedParts(charge, year, billed.from, billed.to), figure.count);
    const last = lines[lines.length - 1]!;
    const net = sum(lines.map((l) => l.netAmount));
    const vat = sum(lines.map((l) => l.vatAmount));
    invoices.push({
      invoiceNumber: invoiceNumber(year, run, invoices.length + 1),
      municipality: connection.municipality,
      ean: connection.ean,
      year,
      run,
      period: window,
      billed,
      billableDays: billableInWindow.reduce((days, r) => days + daysInclusive(r.from, r.to), 0),
      populationDate: firstOfYear(year),
      population: figure.count,
      populationSource: figure.source,
      fullRateCitizens: last.fullRateCitizens,
      reducedRateCitizens: last.reducedRateCitizens,
      pricePerCitizen: last.pricePerCitizen,
      annualFee: last.annualFee,
      netAmount: net,
      vatRate: last.vatRate,
      vatAmount: vat,
      grossAmount: net.plus(vat),
      notes: notesFor(connection, tariff, year, window, lines),
      lines,
      connectionSource: connection.source,
    });
  }
  return { year, run, tariff, invoices, totals: runTotals(invoices), problems };
}
