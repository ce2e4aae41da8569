// Issued and owed, reconciled (billing rules §10). Defined here once, for `flis revenue` and `flis exit`:
//
//   owed   = what the agreement says, on the current inputs: each municipality's invoice in each run of a year
//            (H1, H2, DEC, computed by invoiceRun on the figure populationBasis picks), and its exit settlement
//            in the year of its exit date (exitSettlement);
//   issued = the invoices in force in a run folder (flis issues no settlement invoices: issued settlements are 0);
//   per municipality, year and column (H1, H2, DEC, settlement):
//            to credit = max(issued − owed, 0), to bill = max(owed − issued, 0),
//   so that issued + to bill − to credit = owed in every cell, and so in every sum of cells.
// The income is what is owed; what is issued only says how much of it is invoiced yet, and what to correct.

import { type DayRange } from './billable.js';
import { invoiceRun } from './billing.js';
import type { CalendarDate } from './dates.js';
import { type Decimal, ZERO, sum } from './money.js';
import { municipalityByCode } from './municipalities.js';
import { type BasisProblem, type PopulationSource, isBasisProblem, populationBasis } from './population-basis.js';
import { RUNS, type RunId, isRunId } from './runs.js';
import { type IssuedInvoice, type Settlement, exitSettlement } from './settlement.js';
import type { Tariff } from './tariff.js';
import type { Connection, PopulationFigure, PopulationTable } from './types.js';

/** What is owed or issued is compared in these columns: the three runs of a year and the exit settlement. */
export type Column = RunId | 'settlement';
export const COLUMNS: readonly Column[] = [...RUNS, 'settlement'];

/** One amount the agreement says is owed. */
export interface Owed {
  readonly code: string;
  readonly year: number;
  readonly column: Column;
  readonly amount: Decimal;
  /** The population basis the amount is computed on. */
  readonly source: PopulationSource;
  /** A run's window for the municipality; for a settlement line, the days of its year it covers. */
  readonly period: DayRange;
}

export interface OwedInput {
  readonly tariff: Tariff;
  readonly connections: readonly Connection[];
  readonly population: PopulationTable;
  readonly forecast?: PopulationTable;
}

/**
 * The population table a year is billed on: for each connection, the figure populationBasis picks, as the
 * figure of that year (the source file and line kept), and where it comes from.
 */
function basisTable(input: OwedInput, year: number): { table: PopulationTable; sources: Map<string, PopulationSource>; problems: Map<string, BasisProblem> } {
  const table = new Map<string, Map<number, PopulationFigure>>();
  const sources = new Map<string, PopulationSource>();
  const problems = new Map<string, BasisProblem>();
  for (const connection of input.connections) {
    const code = connection.municipality.code;
    const basis = populationBasis(connection, year, input.population, input.forecast);
    if (isBasisProblem(basis)) {
      problems.set(code, basis);
      continue;
    }
    table.set(code, new Map([[year, { ...basis.figure, year }]]));
    sources.set(code, basis.source);
  }
  return { table, sources, problems };
}

/** What the three runs of a year owe: every connection's invoice in each, on the year's population basis. */
export function owedRuns(input: OwedInput, year: number): { owed: Owed[]; problems: BasisProblem[] } {
  const basis = basisTable(input, year);
  const owed: Owed[] = [];
  const problems: BasisProblem[] = [];
  for (const run of RUNS) {
    const computed = invoiceRun({ year, run, tariff: input.tariff, connections: input.connections, population: basis.table });
    for (const problem of computed.problems) problems.push(basis.problems.get(problem.connection.municipality.code) ?? problem);
    for (const i of computed.invoices) {
      owed.push({ code: i.municipality.code, year, column: run, amount: i.netAmount, source: basis.sources.get(i.municipality.code)!, period: i.period });
    }
  }
  return { owed, problems };
}

/** The exit settlements falling due in a year (that of the exit date): one owed amount per year it covers. */
export function owedSettlements(input: OwedInput, year: number): { owed: Owed[]; settlements: Settlement[]; problems: BasisProblem[] } {
  const owed: Owed[] = [];
  const settlements: Settlement[] = [];
  const problems: BasisProblem[] = [];
  for (const connection of input.connections) {
    const exitDate = connection.exitDate;
    if (!exitDate || exitDate.year !== year) continue;
    const settlement = exitSettlement({ connection, exitDate, tariff: input.tariff, population: input.population, ...(input.forecast ? { forecast: input.forecast } : {}) });
    problems.push(...settlement.problems);
    if (settlement.years.length === 0) continue;
    settlements.push(settlement);
    for (const line of settlement.years) {
      owed.push({ code: connection.municipality.code, year, column: 'settlement', amount: line.amount, source: line.populationSource, period: line.period });
    }
  }
  return { owed, settlements, problems };
}

/** Owed against issued in one cell: a municipality, a year, a column. */
export interface Balance {
  readonly owed: Decimal;
  readonly issued: Decimal;
  /** max(issued − owed, 0) */
  readonly toCredit: Decimal;
  /** max(owed − issued, 0) */
  readonly toBill: Decimal;
}

export interface Cell extends Balance {
  readonly code: string;
  readonly year: number;
  readonly column: Column;
  /** The invoice in force for the cell, if the run folder has one. */
  readonly invoice?: IssuedInvoice;
  /** The run's window for the municipality, from what is owed or else from the invoice. */
  readonly period?: DayRange;
}

export const NO_BALANCE: Balance = { owed: ZERO, issued: ZERO, toCredit: ZERO, toBill: ZERO };

export function balance(owed: Decimal, issued: Decimal): Balance {
  const difference = issued.minus(owed);
  return { owed, issued, toCredit: difference.greaterThan(0) ? difference : ZERO, toBill: difference.lessThan(0) ? difference.negated() : ZERO };
}

/** The sum of balances: each of its four amounts the sum of theirs (so issued + to bill − to credit = owed still). */
export function sumBalances(balances: readonly Balance[]): Balance {
  return {
    owed: sum(balances.map((b) => b.owed)),
    issued: sum(balances.map((b) => b.issued)),
    toCredit: sum(balances.map((b) => b.toCredit)),
    toBill: sum(balances.map((b) => b.toBill)),
  };
}

/** Why an issued invoice cannot be compared with what is owed. */
export type UnusableIssued =
  | { readonly kind: 'not-a-municipality'; readonly invoice: IssuedInvoice }
  | { readonly kind: 'not-a-run'; readonly invoice: IssuedInvoice }
  | { readonly kind: 'twice-in-force'; readonly invoice: IssuedInvoice; readonly other: IssuedInvoice };

/** Issued invoices that cannot be compared: an unknown municipality or run, or two in force for one cell. */
export function unusableIssued(issued: readonly IssuedInvoice[]): UnusableIssued[] {
  const found: UnusableIssued[] = [];
  const seen = new Map<string, IssuedInvoice>();
  for (const invoice of issued) {
    if (!municipalityByCode(invoice.code)) found.push({ kind: 'not-a-municipality', invoice });
    else if (!isRunId(invoice.run)) found.push({ kind: 'not-a-run', invoice });
    else {
      const key = `${invoice.code} ${invoice.year} ${invoice.run}`;
      const other = seen.get(key);
      if (other) found.push({ kind: 'twice-in-force', invoice, other });
      else seen.set(key, invoice);
    }
  }
  return found;
}

const COLUMN_ORDER = new Map(COLUMNS.map((c, i) => [c, i]));

/** Cells in the order reports list them: by year, column (H1, H2, DEC, settlement), then municipality code. */
export function compareCells(a: Omit<Cell, keyof Balance>, b: Omit<Cell, keyof Balance>): number {
  return a.year - b.year || COLUMN_ORDER.get(a.column)! - COLUMN_ORDER.get(b.column)! || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Every cell that something is owed or issued in (an invoice of 0.00 included), with its balance. The issued
 * invoices must be usable (unusableIssued finds none).
 */
export function reconcile(owed: readonly Owed[], issued: readonly IssuedInvoice[]): Cell[] {
  const cells = new Map<string, { code: string; year: number; column: Column; owed: Decimal[]; invoice?: IssuedInvoice; period?: DayRange }>();
  const cellOf = (code: string, year: number, column: Column) => {
    const key = `${code} ${year} ${column}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { code, year, column, owed: [] }));
    return cell;
  };
  for (const o of owed) {
    const cell = cellOf(o.code, o.year, o.column);
    cell.owed.push(o.amount);
    if (o.column !== 'settlement') cell.period = o.period;
  }
  for (const invoice of issued) {
    const cell = cellOf(invoice.code, invoice.year, invoice.run as RunId);
    cell.invoice = invoice;
    cell.period ??= invoice.period;
  }
  return [...cells.values()]
    .map(({ owed: amounts, invoice, period, ...key }) => ({ ...key, ...balance(sum(amounts), invoice?.netAmount ?? ZERO), ...(invoice ? { invoice } : {}), ...(period ? { period } : {}) }))
    .sort(compareCells);
}

/** A run of a year none of whose invoices is in force in the run folder: what it owes is to bill in full. */
export interface RunNotIssued {
  readonly year: number;
  readonly run: RunId;
  readonly toBill: Decimal;
  /** How many municipalities it invoices. */
  readonly municipalities: number;
}

/**
 * The differences worth naming: every cell with something to credit or to bill in a run the folder has issued
 * (any invoice of it in force) or in a settlement; the runs not issued at all, each as a whole.
 */
export function differences(cells: readonly Cell[]): { named: Cell[]; notIssued: RunNotIssued[] } {
  const issuedRuns = new Set(cells.filter((c) => c.invoice).map((c) => `${c.year} ${c.column}`));
  const named: Cell[] = [];
  const notIssued = new Map<string, { year: number; run: RunId; cells: Cell[] }>();
  for (const cell of cells) {
    const run = `${cell.year} ${cell.column}`;
    if (cell.column !== 'settlement' && !issuedRuns.has(run)) {
      const entry = notIssued.get(run) ?? { year: cell.year, run: cell.column, cells: [] };
      entry.cells.push(cell);
      notIssued.set(run, entry);
    } else if (!cell.toCredit.isZero() || !cell.toBill.isZero()) {
      named.push(cell);
    }
  }
  return {
    named,
    notIssued: [...notIssued.values()].map((r) => ({ year: r.year, run: r.run, toBill: sum(r.cells.map((c) => c.toBill)), municipalities: r.cells.length })),
  };
}

export interface ExitReconciliationInput extends OwedInput {
  readonly connection: Connection;
  readonly exitDate: CalendarDate;
  readonly issued: readonly IssuedInvoice[];
}

/**
 * A municipality's runs from the year of the exit date on, leaving on that date: what each owes (the runs
 * bill up to the day before the exit; nothing after) against what the run folder has issued. The exit
 * settlement itself is not among them (flis issues none: it is to bill in full). The same cells as
 * `flis revenue` compares for the municipality when the roster has this exit date.
 */
export function exitReconciliation(input: ExitReconciliationInput): { cells: Cell[]; problems: BasisProblem[] } {
  const code = input.connection.municipality.code;
  const leaving: Connection = { ...input.connection, exitDate: input.exitDate };
  const issued = input.issued.filter((i) => i.code === code && i.year >= input.exitDate.year);
  const last = Math.max(input.tariff.agreementEnd.year, ...issued.map((i) => i.year));
  const owed: Owed[] = [];
  const problems: BasisProblem[] = [];
  for (let year = input.exitDate.year; year <= last; year++) {
    const runs = owedRuns({ ...input, connections: [leaving] }, year);
    owed.push(...runs.owed);
    problems.push(...runs.problems);
  }
  return { cells: reconcile(owed, issued), problems };
}
