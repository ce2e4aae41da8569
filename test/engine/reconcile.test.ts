// Issued and owed (billing rules §10): one definition for flis revenue and flis exit. Owed is what the runs and
// settlements compute on the current inputs; issued, the invoices in force; to credit and to bill their
// difference per municipality, year and column, never an amount counted twice or missed.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Invoice, invoiceRun } from '../../src/engine/billing.js';
import { type Decimal, ZERO, formatAmount, roundToOre, sum } from '../../src/engine/money.js';
import { MUNICIPALITIES } from '../../src/engine/municipalities.js';
import { type Cell, differences, exitReconciliation, reconcile, unusableIssued } from '../../src/engine/reconcile.js';
import { revenue, settlementYear } from '../../src/engine/revenue.js';
import { RUNS } from '../../src/engine/runs.js';
import type { IssuedInvoice } from '../../src/engine/settlement.js';
import { FLIS_2024_2033, annualFee } from '../../src/engine/tariff.js';
import type { Connection, PopulationTable } from '../../src/engine/types.js';
import { connection, day, populationTable } from '../support.js';

const ODENSE_2024 = 209078;
const tariff = FLIS_2024_2033;

/** An invoice a run computed, as the run folder reads it back. */
export function issuedOf(invoice: Invoice): IssuedInvoice {
  return {
    invoiceNumber: invoice.invoiceNumber,
    code: invoice.municipality.code,
    year: invoice.year,
    run: invoice.run,
    period: invoice.period,
    annualFee: invoice.annualFee,
    netAmount: invoice.netAmount,
    source: { file: `runs/invoices-${invoice.year}-${invoice.run}.csv`, line: 2 },
  };
}

function issuedRun(year: number, run: 'H1' | 'H2' | 'DEC', connections: readonly Connection[], population: PopulationTable): IssuedInvoice[] {
  return invoiceRun({ year, run, tariff, connections, population }).invoices.map(issuedOf);
}

const amounts = (cells: readonly Cell[]) =>
  cells.map((c) => ({ cell: `${c.year} ${c.column} ${c.code}`, issued: formatAmount(c.issued), owed: formatAmount(c.owed), toCredit: formatAmount(c.toCredit), toBill: formatAmount(c.toBill) }));

describe('flis revenue with a run folder: owed, with issued beside it', () => {
  const population = populationTable({ '461': { 2024: ODENSE_2024 }, '101': { 2024: 659350 }, '751': { 2024: 367095 } });

  it('an exit after an issued run: the run is owed as it is with the exit, the rest of the issued invoice is to credit, nothing counted twice', () => {
    const staying = connection({ code: '461' });
    const leaving = connection({ code: '461', exitDate: '2024-03-01' });
    const issued = issuedRun(2024, 'H1', [staying], population);
    const without = revenue({ from: 2024, to: 2033, tariff, connections: [leaving], population });
    const withLedger = revenue({ from: 2024, to: 2033, tariff, connections: [leaving], population, issued });
    // The income does not depend on the run folder: before, the issued H1 was counted whole besides the
    // settlement from 1 March, 476,376.81 too much.
    expect(formatAmount(withLedger.total.total)).toBe(formatAmount(without.total.total));
    expect(formatAmount(withLedger.years[0]!.runs.H1)).toBe('238188.41');
    const h1 = withLedger.reconciliation!.cells.find((c) => c.column === 'H1' && c.year === 2024)!;
    expect(amounts([h1])).toEqual([{ cell: '2024 H1 461', issued: '714565.22', owed: '238188.41', toCredit: '476376.81', toBill: '0.00' }]);
    expect(h1.invoice?.invoiceNumber).toBe('FLIS-2024-H1-0001');
    const settlement = withLedger.reconciliation!.cells.find((c) => c.column === 'settlement')!;
    expect(formatAmount(settlement.toBill)).toBe(formatAmount(withLedger.settlements[0]!.total));
  });

  it('a run issued for fewer municipalities than are owed: owed in full, the rest to bill, named', () => {
    const two = [connection({ code: '461' }), connection({ code: '101' })];
    const three = [...two, connection({ code: '751' })];
    const issued = issuedRun(2024, 'H1', two, population);
    const result = revenue({ from: 2024, to: 2024, tariff, connections: three, population, issued });
    const alone = revenue({ from: 2024, to: 2024, tariff, connections: three, population });
    expect(formatAmount(result.years[0]!.runs.H1)).toBe(formatAmount(alone.years[0]!.runs.H1));
    expect(formatAmount(result.years[0]!.runs.H1)).toBe(formatAmount(sum(issuedRun(2024, 'H1', three, population).map((i) => i.netAmount))));
    const { named, notIssued } = differences(result.reconciliation!.cells);
    expect(amounts(named)).toEqual([{ cell: '2024 H1 751', issued: '0.00', owed: '1029019.05', toCredit: '0.00', toBill: '1029019.05' }]);
    expect(notIssued.map((n) => [`${n.year} ${n.run}`, formatAmount(n.toBill), n.municipalities])).toEqual([['2024 H2', formatAmount(result.years[0]!.runs.H2), 3]]);
    expect(formatAmount(result.years[0]!.reconciled!.columns.H1.toBill)).toBe('1029019.05');
  });

  it('a municipality in the run folder that is owed nothing now: issued X, to credit X', () => {
    const issued = issuedRun(2024, 'H1', [connection({ code: '461' }), connection({ code: '101' })], population);
    const result = revenue({ from: 2024, to: 2024, tariff, connections: [connection({ code: '101' })], population, issued });
    const odense = result.years[0]!.reconciled!.municipalities.find((m) => m.municipality.code === '461')!;
    expect(formatAmount(odense.total.issued)).toBe('714565.22');
    expect(formatAmount(odense.total.toCredit)).toBe('714565.22');
    expect(formatAmount(odense.total.owed)).toBe('0.00');
    expect(result.years[0]!.municipalities.map((m) => m.municipality.code)).toEqual(['101']);
  });

  it('finds the issued invoices that cannot be compared: an unknown municipality or run, two in force for one run', () => {
    const [h1] = issuedRun(2024, 'H1', [connection({ code: '461' })], population);
    const found = unusableIssued([h1!, { ...h1!, code: '999' }, { ...h1!, run: 'H3' }, { ...h1!, invoiceNumber: 'FLIS-2024-H1-461-R1' }]);
    expect(found.map((u) => u.kind)).toEqual(['not-a-municipality', 'not-a-run', 'twice-in-force']);
  });
});

describe('a settlement belongs to the year of its exit', () => {
  it('an exit before the agreement starts: the settlement (2024–2033) falls due in 2023, and revenue shows it there', () => {
    const leaving = connection({ code: '461', availableFrom: '2023-03-01', exitDate: '2023-10-01' });
    const population = populationTable({ '461': { 2024: ODENSE_2024 } });
    expect(settlementYear(leaving, tariff)).toBe(2023);
    const result = revenue({ from: 2023, to: 2033, tariff, connections: [leaving], population });
    expect(formatAmount(result.years[0]!.settlements)).toBe('14291304.40');
    expect(formatAmount(result.total.total)).toBe('14291304.40');
    // staying would have cost the same ten years
    const staying = revenue({ from: 2023, to: 2033, tariff, connections: [connection({ code: '461', availableFrom: '2023-03-01' })], population });
    expect(formatAmount(staying.total.total)).toBe('14291304.40');
  });

  it('no settlement year for an exit after the agreement, or none at all', () => {
    expect(settlementYear(connection({ exitDate: '2034-01-01' }), tariff)).toBeUndefined();
    expect(settlementYear(connection({}), tariff)).toBeUndefined();
    expect(settlementYear(connection({ exitDate: '2033-12-31' }), tariff)).toBe(2033);
  });
});

describe('flis exit --invoices: what is to credit is issued − owed for each run, leaving on the exit date', () => {
  const f = annualFee(ODENSE_2024, tariff);
  const population = populationTable({ '461': { 2024: ODENSE_2024 } });
  const staying = connection({});
  const issued = [...issuedRun(2024, 'H1', [staying], population), ...issuedRun(2024, 'H2', [staying], population)];
  const cellsOn = (exit: string) => exitReconciliation({ connection: staying, exitDate: day(exit), tariff, connections: [staying], population, issued }).cells;
  const credit = (exit: string, run: string) => cellsOn(exit).find((c) => c.column === run && c.year === 2024)?.toCredit;

  it('credits the part of an invoice on and after the exit date', () => {
    expect(credit('2024-10-01', 'H2')!.equals(roundToOre(f).minus(roundToOre(f.times(9).dividedBy(12))))).toBe(true);
    expect(credit('2024-10-01', 'H1')!.isZero()).toBe(true);
  });

  it('credits all of an invoice that starts on or after the exit date, and nothing of one that ends before it', () => {
    const h2 = issued[1]!.netAmount;
    expect(credit('2024-07-01', 'H2')!.equals(h2)).toBe(true);
    expect(credit('2024-03-01', 'H2')!.equals(h2)).toBe(true);
    expect(cellsOn('2025-01-01')).toEqual([]); // the runs of 2024 are not touched by an exit in 2025
  });

  it('names the runs of the exit year that are owed and not issued: to bill', () => {
    const onlyH1 = exitReconciliation({ connection: staying, exitDate: day('2024-10-01'), tariff, connections: [staying], population, issued: issued.slice(0, 1) });
    expect(amounts(onlyH1.cells)).toEqual([
      { cell: '2024 H1 461', issued: '714565.22', owed: '714565.22', toCredit: '0.00', toBill: '0.00' },
      { cell: '2024 H2 461', issued: '0.00', owed: formatAmount(roundToOre(f.times(9).dividedBy(12)).minus(roundToOre(f.dividedBy(2)))), toCredit: '0.00', toBill: '357282.61' },
    ]);
  });

  it('an invoice issued on another population: the credit is issued − owed on the current figure', () => {
    const earlier = issuedRun(2024, 'H2', [staying], populationTable({ '461': { 2024: 200000 } }));
    const cells = exitReconciliation({ connection: staying, exitDate: day('2024-10-01'), tariff, connections: [staying], population, issued: earlier }).cells;
    const h2 = cells.find((c) => c.column === 'H2')!;
    const owed = invoiceRun({ year: 2024, run: 'H2', tariff, connections: [connection({ exitDate: '2024-10-01' })], population }).invoices[0]!.netAmount;
    expect(formatAmount(h2.owed)).toBe(formatAmount(owed));
    expect(formatAmount(h2.toCredit)).toBe(formatAmount(earlier[0]!.netAmount.minus(owed)));
  });
});

// ------------------------------------------------------------------------------------------------------------

const YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033];
const isoDay = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const roster = fc.array(
  fc.record({
    availableFrom: isoDay('2023-06-01', '2031-12-31'),
    pilot: fc.boolean(),
    exit: fc.option(isoDay('2023-09-01', '2034-06-30'), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 4 },
);
const counts = fc.array(fc.integer({ min: 1, max: 700_000 }), { minLength: 4, maxLength: 4 });

function connectionsOf(lines: { availableFrom: string; pilot: boolean; exit: string | undefined }[], codes: readonly string[]): Connection[] {
  return lines.map((m, i) => {
    const exit = m.exit !== undefined && m.exit > m.availableFrom ? m.exit : undefined;
    return connection({ code: codes[i]!, availableFrom: m.availableFrom, ...(m.pilot ? { pilotStart: m.availableFrom } : {}), ...(exit ? { exitDate: exit } : {}) });
  });
}

function populationOf(codes: readonly string[], figures: readonly number[], published: number): PopulationTable {
  return populationTable(Object.fromEntries(codes.map((code, i) => [code, Object.fromEntries(YEARS.filter((y) => y <= published).map((y) => [y, figures[i]! + (y - 2024) * 7]))])));
}

const CODES = MUNICIPALITIES.slice(0, 4).map((m) => m.code);

/** A ledger: runs issued on earlier rosters and populations, some of their invoices corrected on a third. */
const ledgerScenario = fc.record({
  now: roster,
  nowCounts: counts,
  published: fc.integer({ min: 2024, max: 2027 }),
  earlier: roster,
  earlierCounts: counts,
  corrected: roster,
  correctedCounts: counts,
  /** Per run of 2024–2033 (30 of them): not issued, issued on the earlier inputs, or issued and some corrected. */
  runs: fc.array(fc.constantFrom('none', 'earlier', 'corrected'), { minLength: 30, maxLength: 30 }),
  correctedCodes: fc.subarray(CODES),
});

type LedgerScenario = typeof ledgerScenario extends fc.Arbitrary<infer T> ? T : never;

function ledgerOf(s: LedgerScenario): IssuedInvoice[] {
  const earlier = connectionsOf(s.earlier, CODES);
  const corrected = connectionsOf(s.corrected, CODES);
  const earlierPopulation = populationOf(CODES, s.earlierCounts, 2033);
  const correctedPopulation = populationOf(CODES, s.correctedCounts, 2033);
  const inForce: IssuedInvoice[] = [];
  YEARS.forEach((year, y) =>
    RUNS.forEach((run, r) => {
      const kind = s.runs[y * 3 + r]!;
      if (kind === 'none') return;
      const first = issuedRun(year, run, earlier, earlierPopulation);
      if (kind === 'earlier') return void inForce.push(...first);
      // a correction credits the invoice of each municipality corrected and issues what the run computes then
      const redone = issuedRun(year, run, corrected, correctedPopulation).filter((i) => s.correctedCodes.includes(i.code));
      inForce.push(...first.filter((i) => !s.correctedCodes.includes(i.code)), ...redone);
    }),
  );
  return inForce;
}

/** The roster and population now, the ledger, and the first year (that of the earliest settlement falling due). */
function inputsOf(s: LedgerScenario) {
  const connections = connectionsOf(s.now, CODES);
  const from = Math.min(2024, ...connections.flatMap((c) => settlementYear(c, tariff) ?? []));
  return { connections, population: populationOf(CODES, s.nowCounts, s.published), issued: ledgerOf(s), from };
}

describe('properties', () => {
  it('revenue with a run folder equals revenue without it, to the øre; issued + to bill − to credit = owed in every cell and every sum', () => {
    fc.assert(
      fc.property(ledgerScenario, (s) => {
        const { connections, population, issued, from } = inputsOf(s);
        expect(unusableIssued(issued)).toEqual([]);
        const without = revenue({ from, to: 2033, tariff, connections, population });
        const withLedger = revenue({ from, to: 2033, tariff, connections, population, issued });
        expect(withLedger.problems).toEqual([]);
        const figures = (r: typeof without) => r.years.map((y) => [y.year, ...RUNS.map((run) => formatAmount(y.runs[run])), formatAmount(y.settlements), formatAmount(y.total)]);
        expect(figures(withLedger)).toEqual(figures(without));
        expect(formatAmount(withLedger.total.total)).toBe(formatAmount(without.total.total));

        const identity = (b: { owed: Decimal; issued: Decimal; toCredit: Decimal; toBill: Decimal }, what: string) => {
          expect(formatAmount(b.issued.plus(b.toBill).minus(b.toCredit)), what).toBe(formatAmount(b.owed));
          expect(b.toCredit.isNegative() || b.toBill.isNegative(), what).toBe(false);
        };
        const cells = withLedger.reconciliation!.cells;
        for (const c of cells) {
          identity(c, `${c.year} ${c.column} ${c.code}`);
          expect(c.toCredit.isZero() || c.toBill.isZero()).toBe(true); // a cell is to credit or to bill, not both
        }
        // every invoice in force is in exactly one cell, and nothing else is issued
        expect(cells.filter((c) => c.invoice).length).toBe(issued.filter((i) => i.year >= from).length);
        expect(formatAmount(sum(cells.map((c) => c.issued)))).toBe(formatAmount(sum(issued.map((i) => i.netAmount))));
        for (const y of withLedger.years) {
          const r = y.reconciled!;
          identity(r.total, String(y.year));
          expect(formatAmount(r.total.owed)).toBe(formatAmount(y.total));
          for (const run of RUNS) expect(formatAmount(r.columns[run].owed)).toBe(formatAmount(y.runs[run]));
          expect(formatAmount(r.columns.settlement.owed)).toBe(formatAmount(y.settlements));
          expect(r.columns.settlement.issued.isZero()).toBe(true);
          for (const m of r.municipalities) identity(m.total, `${y.year} ${m.municipality.code}`);
          expect(formatAmount(sum(r.municipalities.map((m) => m.total.toCredit)))).toBe(formatAmount(r.total.toCredit));
        }
        identity(withLedger.reconciliation!.total.total, 'period');
        expect(formatAmount(withLedger.reconciliation!.total.total.owed)).toBe(formatAmount(without.total.total));
      }),
      { numRuns: 60 },
    );
  });

  it('flis exit and flis revenue agree on what is to credit and to bill in the runs from the exit year on', () => {
    fc.assert(
      fc.property(ledgerScenario, (s) => {
        const { connections, population, issued, from } = inputsOf(s);
        const byRevenue = revenue({ from, to: 2033, tariff, connections, population, issued }).reconciliation!.cells;
        for (const c of connections.filter((c) => c.exitDate)) {
          const byExit = exitReconciliation({ connection: c, exitDate: c.exitDate!, tariff, connections, population, issued }).cells;
          const same = byRevenue.filter((r) => r.code === c.municipality.code && r.column !== 'settlement' && r.year >= c.exitDate!.year);
          expect(amounts(byExit)).toEqual(amounts(same));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reconcile sums an owed cell of several settlement lines, and a cell only issued is all to credit', () => {
    const period = { from: day('2024-01-01'), to: day('2024-12-31') };
    const cells = reconcile(
      [
        { code: '461', year: 2024, column: 'settlement', amount: ZERO.plus('10.00'), source: 'dst', period },
        { code: '461', year: 2024, column: 'settlement', amount: ZERO.plus('5.50'), source: 'carried_forward', period },
      ],
      [{ invoiceNumber: 'FLIS-2024-H2-101', code: '101', year: 2024, run: 'H2', period, annualFee: ZERO, netAmount: ZERO.plus('3.00'), source: { file: 'x', line: 2 } }],
    );
    expect(amounts(cells)).toEqual([
      { cell: '2024 H2 101', issued: '3.00', owed: '0.00', toCredit: '3.00', toBill: '0.00' },
      { cell: '2024 settlement 461', issued: '0.00', owed: '15.50', toCredit: '0.00', toBill: '15.50' },
    ]);
  });
});
