// The project's income over the repayment period (general terms §5): for each year, what the invoice runs
// (H1, H2, DEC) bill every connected municipality, and the exit settlements falling due in the year of the exit.
// Nothing is computed here that the invoice runs and the exit settlement do not compute themselves: a year is
// billed by invoiceRun on the figure populationBasis picks (DST's, the latest carried forward, or the
// forecast), and an exit by exitSettlement. A run already issued (a run folder given) counts as issued: its
// invoices in force, not a computation. Net amounts, DKK, excl. VAT (VAT is not KOMBIT's income).

import { type InvoiceRun, invoiceRun } from './billing.js';
import { type Decimal, sum } from './money.js';
import { type Municipality, compareByCode, municipalityByCode } from './municipalities.js';
import { type BasisProblem, type PopulationSource, isBasisProblem, populationBasis } from './population-basis.js';
import { RUNS, type RunId } from './runs.js';
import { type Settlement, type IssuedInvoice, exitSettlement } from './settlement.js';
import type { Tariff } from './tariff.js';
import type { Connection, PopulationFigure, PopulationTable } from './types.js';

/** Where an amount comes from: issued (a run folder), or computed on DST's figure, carried forward, forecast. */
export type RevenueSource = 'issued' | PopulationSource;
export const REVENUE_SOURCES: readonly RevenueSource[] = ['issued', 'dst', 'carried_forward', 'forecast'];

/** Amounts of a year (for every municipality, or for one). */
export interface RevenueAmounts {
  readonly runs: Readonly<Record<RunId, Decimal>>;
  /** Exit settlements falling due (the year of the exit date). */
  readonly settlements: Decimal;
  readonly total: Decimal;
  /** The total split by where each amount comes from; sums to `total`. */
  readonly bySource: Readonly<Record<RevenueSource, Decimal>>;
}

export interface RevenueYear extends RevenueAmounts {
  readonly year: number;
  /** Per municipality connected or settling in the year, by code. */
  readonly municipalities: readonly (RevenueAmounts & { readonly municipality: Municipality })[];
}

export interface RevenueInput {
  readonly from: number;
  readonly to: number;
  readonly tariff: Tariff;
  readonly connections: readonly Connection[];
  readonly population: PopulationTable;
  readonly forecast?: PopulationTable;
  /** Invoices in force in a run folder: a run with any of them counts as issued. */
  readonly issued?: readonly IssuedInvoice[];
}

export interface Revenue {
  readonly from: number;
  readonly to: number;
  readonly years: readonly RevenueYear[];
  readonly total: RevenueAmounts;
  /** The exit settlements falling due in the period. */
  readonly settlements: readonly Settlement[];
  /** What stops an amount from being computed: when not empty, the figures are incomplete. */
  readonly problems: readonly BasisProblem[];
}

/** One amount and where it comes from, for one municipality, year and column. */
interface Entry {
  readonly code: string;
  readonly column: RunId | 'settlements';
  readonly source: RevenueSource;
  readonly amount: Decimal;
}

function amountsOf(entries: readonly Entry[]): RevenueAmounts {
  const of = (keep: (e: Entry) => boolean) => sum(entries.filter(keep).map((e) => e.amount));
  const runs = Object.fromEntries(RUNS.map((run) => [run, of((e) => e.column === run)])) as Record<RunId, Decimal>;
  const bySource = Object.fromEntries(REVENUE_SOURCES.map((s) => [s, of((e) => e.source === s)])) as Record<RevenueSource, Decimal>;
  return { runs, settlements: of((e) => e.column === 'settlements'), total: of(() => true), bySource };
}

/**
 * The population table a year is billed on: for each connection, the figure populationBasis picks, as the
 * figure of that year (the source file and line kept), and where it comes from.
 */
function basisTable(
  connections: readonly Connection[],
  year: number,
  population: PopulationTable,
  forecast: PopulationTable | undefined,
): { table: PopulationTable; sources: Map<string, PopulationSource>; problems: Map<string, BasisProblem> } {
  const table = new Map<string, Map<number, PopulationFigure>>();
  const sources = new Map<string, PopulationSource>();
  const problems = new Map<string, BasisProblem>();
  for (const connection of connections) {
    const code = connection.municipality.code;
    const basis = populationBasis(connection, year, population, forecast);
    if (isBasisProblem(basis)) {
      problems.set(code, basis);
      continue;
    }
    table.set(code, new Map([[year, { ...basis.figure, year }]]));
    sources.set(code, basis.source);
  }
  return { table, sources, problems };
}

/** The amounts of one run of a year: issued if the run folder has it, otherwise the invoice run's. */
function runEntries(input: RevenueInput, year: number, run: RunId, basis: ReturnType<typeof basisTable>, problems: BasisProblem[]): Entry[] {
  const issued = input.issued?.filter((i) => i.year === year && i.run === run) ?? [];
  if (issued.length > 0) return issued.map((i) => ({ code: i.code, column: run, source: 'issued', amount: i.netAmount }));
  const computed: InvoiceRun = invoiceRun({ year, run, tariff: input.tariff, connections: input.connections, population: basis.table });
  for (const problem of computed.problems) problems.push(basis.problems.get(problem.connection.municipality.code) ?? problem);
  return computed.invoices.map((i) => ({ code: i.municipality.code, column: run, source: basis.sources.get(i.municipality.code)!, amount: i.netAmount }));
}

export function revenue(input: RevenueInput): Revenue {
  const problems: BasisProblem[] = [];
  const settlements: Settlement[] = [];
  const years: RevenueYear[] = [];
  const allEntries: Entry[] = [];
  const connections = [...input.connections].sort(compareByCode);

  for (let year = input.from; year <= input.to; year++) {
    const basis = basisTable(connections, year, input.population, input.forecast);
    const entries: Entry[] = RUNS.flatMap((run) => runEntries(input, year, run, basis, problems));
    for (const connection of connections) {
      const exitDate = connection.exitDate;
      if (!exitDate || exitDate.year !== year) continue;
      const settlement = exitSettlement({ connection, exitDate, tariff: input.tariff, population: input.population, ...(input.forecast ? { forecast: input.forecast } : {}) });
      problems.push(...settlement.problems);
      if (settlement.years.length === 0) continue;
      settlements.push(settlement);
      for (const line of settlement.years) {
        entries.push({ code: connection.municipality.code, column: 'settlements', source: line.populationSource, amount: line.amount });
      }
    }
    const municipalities = [...new Set(entries.map((e) => e.code))]
      .map((code) => ({ municipality: municipalityByCode(code)! }))
      .sort(compareByCode)
      .map(({ municipality }) => ({ municipality, ...amountsOf(entries.filter((e) => e.code === municipality.code)) }));
    years.push({ year, ...amountsOf(entries), municipalities });
    allEntries.push(...entries);
  }
  return { from: input.from, to: input.to, years, total: amountsOf(allEntries), settlements, problems };
}

