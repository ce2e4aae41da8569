// The project's income over the repayment period (general terms §5): for each year, what the invoice runs
// (H1, H2, DEC) bill every connected municipality, and the exit settlements falling due in the year of the exit.
// Nothing is computed here that the invoice runs and the exit settlement do not compute themselves: the
// amounts are what is owed (reconcile.ts: owedRuns, owedSettlements), on the figure populationBasis picks (DST's,
// the latest carried forward, or the forecast). A run folder given changes no amount: its invoices in force are
// reconciled with what is owed (issued, to credit, to bill), beside it. Net amounts, DKK, excl. VAT (VAT is not
// KOMBIT's income).

import { billableRanges, hasDays } from './billable.js';
import { isAfter } from './dates.js';
import { type Decimal, sum } from './money.js';
import { type Municipality, compareByCode, municipalityByCode } from './municipalities.js';
import type { BasisProblem, PopulationSource } from './population-basis.js';
import { type Balance, type Cell, COLUMNS, type Column, NO_BALANCE, type Owed, owedRuns, owedSettlements, reconcile, sumBalances } from './reconcile.js';
import { RUNS, type RunId } from './runs.js';
import { type IssuedInvoice, type Settlement, stayed } from './settlement.js';
import { type Tariff, knownOn } from './tariff.js';
import type { Connection, PopulationTable } from './types.js';

/** Where an amount's population figure comes from: DST's figure of the year, carried forward, or forecast. */
export type RevenueSource = PopulationSource;
export const REVENUE_SOURCES: readonly RevenueSource[] = ['dst', 'carried_forward', 'forecast'];

/** Issued against owed, per column and in all. */
export interface Reconciled {
  readonly columns: Readonly<Record<Column, Balance>>;
  readonly total: Balance;
}

/** Amounts of a year (for every municipality, or for one). */
export interface RevenueAmounts {
  readonly runs: Readonly<Record<RunId, Decimal>>;
  /** Exit settlements falling due (the year of the exit date). */
  readonly settlements: Decimal;
  readonly total: Decimal;
  /** The total split by where each amount's population figure comes from; sums to `total`. */
  readonly bySource: Readonly<Record<RevenueSource, Decimal>>;
}

export interface RevenueYear extends RevenueAmounts {
  readonly year: number;
  /** Per municipality owed something in the year (connected, or settling), by code. */
  readonly municipalities: readonly (RevenueAmounts & { readonly municipality: Municipality })[];
  /** With a run folder: the year's issued against owed, in all and per municipality owed or issued anything. */
  readonly reconciled?: Reconciled & { readonly municipalities: readonly (Reconciled & { readonly municipality: Municipality })[] };
}

export interface RevenueInput {
  readonly from: number;
  readonly to: number;
  readonly tariff: Tariff;
  readonly connections: readonly Connection[];
  readonly population: PopulationTable;
  readonly forecast?: PopulationTable;
  /** Invoices in force in a run folder (usable: reconcile.ts unusableIssued finds none), to reconcile with what is owed. */
  readonly issued?: readonly IssuedInvoice[];
}

export interface Revenue {
  readonly from: number;
  readonly to: number;
  readonly years: readonly RevenueYear[];
  readonly total: RevenueAmounts;
  /** The exit settlements falling due in the period. */
  readonly settlements: readonly Settlement[];
  /** With a run folder: every cell of the period something is owed or issued in, and the period's sums. */
  readonly reconciliation?: { readonly cells: readonly Cell[]; readonly total: Reconciled };
  /** What stops an amount from being computed: when not empty, the figures are incomplete. */
  readonly problems: readonly BasisProblem[];
}

function amountsOf(owed: readonly Owed[]): RevenueAmounts {
  const of = (keep: (o: Owed) => boolean) => sum(owed.filter(keep).map((o) => o.amount));
  const runs = Object.fromEntries(RUNS.map((run) => [run, of((o) => o.column === run)])) as Record<RunId, Decimal>;
  const bySource = Object.fromEntries(REVENUE_SOURCES.map((s) => [s, of((o) => o.source === s)])) as Record<RevenueSource, Decimal>;
  return { runs, settlements: of((o) => o.column === 'settlement'), total: of(() => true), bySource };
}

function reconciledOf(cells: readonly Cell[]): Reconciled {
  const columns = Object.fromEntries(COLUMNS.map((c) => [c, sumBalances(cells.filter((cell) => cell.column === c))])) as Record<Column, Balance>;
  return { columns, total: cells.length === 0 ? NO_BALANCE : sumBalances(Object.values(columns)) };
}

const byCodeOf = <T extends { readonly code: string }>(items: readonly T[]): Municipality[] =>
  [...new Set(items.map((i) => i.code))].map((code) => ({ municipality: municipalityByCode(code)! })).sort(compareByCode).map((m) => m.municipality);

export function revenue(input: RevenueInput): Revenue {
  const problems: BasisProblem[] = [];
  const settlements: Settlement[] = [];
  const years: RevenueYear[] = [];
  const allOwed: Owed[] = [];
  const allCells: Cell[] = [];
  const owedInput = { ...input, connections: [...input.connections].sort(compareByCode) };

  for (let year = input.from; year <= input.to; year++) {
    const runs = owedRuns(owedInput, year);
    const due = owedSettlements(owedInput, year);
    problems.push(...runs.problems, ...due.problems);
    settlements.push(...due.settlements);
    const owed = [...runs.owed, ...due.owed];
    const municipalities = byCodeOf(owed).map((municipality) => ({ municipality, ...amountsOf(owed.filter((o) => o.code === municipality.code)) }));
    let reconciled: RevenueYear['reconciled'];
    if (input.issued) {
      const cells = reconcile(owed, input.issued.filter((i) => i.year === year));
      allCells.push(...cells);
      const perMunicipality = byCodeOf(cells).map((municipality) => ({ municipality, ...reconciledOf(cells.filter((c) => c.code === municipality.code)) }));
      reconciled = { ...reconciledOf(cells), municipalities: perMunicipality };
    }
    years.push({ year, ...amountsOf(owed), municipalities, ...(reconciled ? { reconciled } : {}) });
    allOwed.push(...owed);
  }
  return {
    from: input.from,
    to: input.to,
    years,
    total: amountsOf(allOwed),
    settlements,
    ...(input.issued ? { reconciliation: { cells: allCells, total: reconciledOf(allCells) } } : {}),
    problems,
  };
}

/**
 * The year an exit settlement falls due for the connection, that of its exit date, if it owes one: if, had it
 * stayed, it would have had billable days from the exit date to the end of the agreement.
 */
export function settlementYear(connection: Connection, current: Tariff): number | undefined {
  const exitDate = connection.exitDate;
  if (!exitDate) return undefined;
  const tariff = knownOn(current, exitDate);
  if (isAfter(exitDate, tariff.agreementEnd)) return undefined;
  return hasDays(billableRanges(stayed(connection), tariff, { from: exitDate, to: tariff.agreementEnd })) ? exitDate.year : undefined;
}
