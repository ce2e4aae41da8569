import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Invoice, invoiceRun } from '../../src/engine/billing.js';
import { populationBasis } from '../../src/engine/population-basis.js';
import { chargeFor, shareOfYear } from '../../src/engine/proration.js';
import { billableRanges, yearRange } from '../../src/engine/billable.js';
import { formatDate, lastOfYear } from '../../src/engine/dates.js';
import { formatAmount, roundToOre } from '../../src/engine/money.js';
import { type RunId, RUNS } from '../../src/engine/runs.js';
import { FLIS_2024_2033, annualFee } from '../../src/engine/tariff.js';
import type { Connection, PopulationTable } from '../../src/engine/types.js';
import { oracleInvoiceOre, oracleRoundedChargeOre, oracleVatOre, oreToString } from '../oracle.js';
import { connection, populationTable } from '../support.js';

const ODENSE = 209078;
const KOBENHAVN = 659350;

function run(runId: RunId, year: number, connections: Connection[], population: PopulationTable) {
  return invoiceRun({ year, run: runId, tariff: FLIS_2024_2033, connections, population });
}

function only(result: ReturnType<typeof run>): Invoice {
  expect(result.problems).toEqual([]);
  expect(result.invoices).toHaveLength(1);
  return result.invoices[0]!;
}

const amount = (i: Invoice) => formatAmount(i.netAmount);

describe('the worked examples (§9)', () => {
  const population = populationTable({ '461': { 2024: ODENSE }, '101': { 2024: KOBENHAVN } });

  it('Odense 2024: H1 = H2 = 714,565.22; VAT on H1 178,641.31; gross 893,206.53', () => {
    const h1 = only(run('H1', 2024, [connection({ code: '461' })], population));
    const h2 = only(run('H2', 2024, [connection({ code: '461' })], population));
    expect(h1.annualFee.toFixed(2)).toBe('1429130.44');
    expect(amount(h1)).toBe('714565.22');
    expect(amount(h2)).toBe('714565.22');
    expect(formatAmount(h1.vatAmount)).toBe('178641.31');
    expect(formatAmount(h1.grossAmount)).toBe('893206.53');
    expect(h1.fullRateCitizens).toBe(150000);
    expect(h1.reducedRateCitizens).toBe(59078);
    expect(h1.invoiceNumber).toBe('FLIS-2024-H1-0001');
    expect(formatDate(h1.period.from)).toBe('2024-01-01');
    expect(formatDate(h1.period.to)).toBe('2024-06-30');
    expect(formatDate(h2.period.from)).toBe('2024-07-01');
    expect(h1.notes).toEqual([]);
  });

  it('København H1 2024: 1,610,606.50', () => {
    expect(amount(only(run('H1', 2024, [connection({ code: '101' })], population)))).toBe('1610606.50');
  });

  it('a pilot from 1 January 2025: H1 = round(fee × 4/12), H2 = round(fee × 10/12) − H1', () => {
    const p = populationTable({ '461': { 2025: ODENSE } });
    const c = connection({ code: '461', pilotStart: '2025-01-01' });
    const fee = annualFee(ODENSE, FLIS_2024_2033);
    const h1 = only(run('H1', 2025, [c], p));
    const h2 = only(run('H2', 2025, [c], p));
    expect(h1.netAmount.equals(roundToOre(fee.times(4).dividedBy(12)))).toBe(true);
    expect(h2.netAmount.equals(roundToOre(fee.times(10).dividedBy(12)).minus(h1.netAmount))).toBe(true);
    expect(h1.notes).toEqual([expect.objectContaining({ kind: 'pilot-free', days: 59 })]);
    expect(h2.notes).toEqual([]);
  });

  it('a pilot year can differ by an øre from fee × 6/12 in H2, and still sums to the rounded year', () => {
    // 1,429,130.44 × 4/12 = 476,376.8133… and × 10/12 = 1,190,942.0333…
    const p = populationTable({ '461': { 2025: ODENSE } });
    const c = connection({ code: '461', pilotStart: '2025-01-01' });
    const h1 = only(run('H1', 2025, [c], p));
    const h2 = only(run('H2', 2025, [c], p));
    expect(amount(h1)).toBe('476376.81');
    expect(amount(h2)).toBe('714565.22');
    expect(h1.netAmount.plus(h2.netAmount).toFixed(2)).toBe('1190942.03');
  });
});

describe('runs and windows on real dates', () => {
  const p = populationTable({ '461': { 2025: ODENSE } });

  it('available 1 February: no H1, H2 from 1 February with 11/12 of the fee', () => {
    const c = connection({ availableFrom: '2025-02-01' });
    expect(run('H1', 2025, [c], p).invoices).toEqual([]);
    const h2 = only(run('H2', 2025, [c], p));
    expect(formatDate(h2.period.from)).toBe('2025-02-01');
    expect(h2.netAmount.equals(roundToOre(annualFee(ODENSE, FLIS_2024_2033).times(11).dividedBy(12)))).toBe(true);
    expect(h2.notes).toEqual([expect.objectContaining({ kind: 'available-from' })]);
    expect(run('DEC', 2025, [c], p).invoices).toEqual([]);
  });

  it('available 1 September: only DEC, for 4/12', () => {
    const c = connection({ availableFrom: '2025-09-01' });
    expect(run('H1', 2025, [c], p).invoices).toEqual([]);
    expect(run('H2', 2025, [c], p).invoices).toEqual([]);
    const dec = only(run('DEC', 2025, [c], p));
    expect(formatDate(dec.period.from)).toBe('2025-09-01');
    expect(dec.netAmount.equals(roundToOre(annualFee(ODENSE, FLIS_2024_2033).times(4).dividedBy(12)))).toBe(true);
  });

  it('available 15 January: H1 charges 17/31 of January and the five months after', () => {
    const c = connection({ availableFrom: '2025-01-15' });
    const h1 = only(run('H1', 2025, [c], p));
    const fee = annualFee(ODENSE, FLIS_2024_2033);
    const expected = roundToOre(fee.times(17).dividedBy(31 * 12).plus(fee.times(5).dividedBy(12)));
    expect(h1.netAmount.equals(expected)).toBe(true);
    expect(h1.billableDays).toBe(17 + 28 + 31 + 30 + 31 + 30);
  });

  it('exit on the first of a month: billed through the last day of the month before', () => {
    const c = connection({ exitDate: '2025-10-01' });
    const h2 = only(run('H2', 2025, [c], p));
    const fee = annualFee(ODENSE, FLIS_2024_2033);
    expect(h2.netAmount.equals(roundToOre(fee.times(9).dividedBy(12)).minus(roundToOre(fee.times(6).dividedBy(12))))).toBe(true);
    expect(h2.notes).toEqual([expect.objectContaining({ kind: 'exit' })]);
  });

  it('exit mid-month: the part of the month before the exit date counts by days', () => {
    const c = connection({ exitDate: '2025-10-16' });
    const h2 = only(run('H2', 2025, [c], p));
    const fee = annualFee(ODENSE, FLIS_2024_2033);
    const through = roundToOre(fee.times(9).dividedBy(12).plus(fee.times(15).dividedBy(31 * 12)));
    expect(h2.netAmount.equals(through.minus(roundToOre(fee.dividedBy(2))))).toBe(true);
  });

  it('the period billed: the window, from the day FLIS was made available and to the day before an exit; a pilot\'s free months inside it', () => {
    const billed = (c: ReturnType<typeof connection>, id: 'H1' | 'H2') => {
      const i = only(run(id, 2025, [c], p));
      return [formatDate(i.billed.from), formatDate(i.billed.to), formatDate(i.period.from), formatDate(i.period.to)];
    };
    // An R1 billed to 31 March says January–March, not the window January–June.
    expect(billed(connection({ exitDate: '2025-04-01' }), 'H1')).toEqual(['2025-01-01', '2025-03-31', '2025-01-01', '2025-06-30']);
    expect(billed(connection({ availableFrom: '2025-01-15' }), 'H1')).toEqual(['2025-01-15', '2025-06-30', '2025-01-01', '2025-06-30']);
    expect(billed(connection({ pilotStart: '2025-01-01' }), 'H1')).toEqual(['2025-01-01', '2025-06-30', '2025-01-01', '2025-06-30']);
    expect(billed(connection({ availableFrom: '2025-03-10', exitDate: '2025-11-20' }), 'H2')).toEqual(['2025-03-10', '2025-11-19', '2025-03-10', '2025-12-31']);
  });

  it('the first issue numbers a run\'s invoices 0001, 0002, … in municipality-code order, without gaps', () => {
    const population = populationTable({ '461': { 2025: ODENSE }, '101': { 2025: 1 }, '851': { 2025: 1 }, '147': { 2025: 1 } });
    // Frederiksberg (147) has no billable day in H1: it takes no number.
    const connections = [connection({ code: '851' }), connection({ code: '461' }), connection({ code: '147', availableFrom: '2025-09-01' }), connection({ code: '101' })];
    expect(run('H1', 2025, connections, population).invoices.map((i) => [i.invoiceNumber, i.municipality.code])).toEqual([
      ['FLIS-2025-H1-0001', '101'],
      ['FLIS-2025-H1-0002', '461'],
      ['FLIS-2025-H1-0003', '851'],
    ]);
  });

  it('exit before the window: no invoice, and no population figure needed', () => {
    const c = connection({ exitDate: '2025-07-01' });
    expect(run('H2', 2025, [c], populationTable({})).invoices).toEqual([]);
    expect(run('H2', 2025, [c], populationTable({})).problems).toEqual([]);
  });

  it('the knee at exactly 150,000 and 150,001 citizens', () => {
    const h1At = (n: number) => amount(only(run('H1', 2025, [connection({})], populationTable({ '461': { 2025: n } }))));
    expect(h1At(150000)).toBe('597000.00');
    expect(h1At(150001)).toBe('597001.99');
  });

  it('nothing after the agreement ends (2033) and nothing before it starts (2024)', () => {
    const c = connection({ availableFrom: '2019-01-01' });
    expect(run('H1', 2034, [c], populationTable({ '461': { 2034: ODENSE } })).invoices).toEqual([]);
    expect(run('H1', 2023, [c], populationTable({ '461': { 2023: ODENSE } })).invoices).toEqual([]);
    expect(only(run('H2', 2033, [c], populationTable({ '461': { 2033: ODENSE } }))).notes).toEqual([]);
  });
});

describe('population problems are never a zero', () => {
  it('a connected municipality without a figure for the year is a problem naming it and the year', () => {
    const result = run('H1', 2025, [connection({ code: '461' }), connection({ code: '101' })], populationTable({ '101': { 2025: KOBENHAVN } }));
    expect(result.invoices.map((i) => i.municipality.code)).toEqual(['101']);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'no-population', year: 2025 })]);
    expect(result.problems[0]!.connection.municipality.name).toBe('Odense');
  });

  it('".." for a billed municipality is a problem that points at the figure', () => {
    const result = run('H1', 2025, [connection({ code: '461' })], populationTable({ '461': { 2025: null } }));
    expect(result.invoices).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'population-not-available', figure: expect.objectContaining({ source: expect.objectContaining({ file: 'population.csv' }) }) }),
    ]);
  });

  it('0 for a billed municipality (DST\'s mark of a figure kept back) is a problem that points at the figure, never an invoice of 0.00', () => {
    const result = run('H1', 2025, [connection({ code: '461' }), connection({ code: '101' })], populationTable({ '461': { 2025: 0 }, '101': { 2025: KOBENHAVN } }));
    expect(result.invoices.map((i) => i.municipality.code)).toEqual(['101']);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'population-zero', figure: expect.objectContaining({ count: 0, year: 2025 }) })]);
  });

  it('0 carried forward, or in a forecast, is the same problem', () => {
    const c = connection({ code: '461' });
    const carried = populationBasis(c, 2027, populationTable({ '461': { 2024: 0 } }));
    expect(carried).toMatchObject({ kind: 'population-zero', figure: { year: 2024 } });
    const forecast = populationBasis(c, 2027, populationTable({ '461': { 2024: ODENSE } }), populationTable({ '461': { 2027: 0 } }));
    expect(forecast).toMatchObject({ kind: 'population-zero', figure: { year: 2027 } });
    expect(populationBasis(c, 2027, populationTable({ '461': { 2024: 1 } }))).toMatchObject({ source: 'carried_forward', figure: { count: 1 } });
  });
});

describe('totals', () => {
  it('are the sums of the invoices', () => {
    const p = populationTable({ '461': { 2024: ODENSE }, '101': { 2024: KOBENHAVN } });
    const result = run('H1', 2024, [connection({ code: '461' }), connection({ code: '101' })], p);
    expect(result.totals.count).toBe(2);
    expect(formatAmount(result.totals.netAmount)).toBe('2325171.72');
    expect(result.totals.grossAmount.equals(result.totals.netAmount.plus(result.totals.vatAmount))).toBe(true);
    expect(result.invoices.map((i) => i.municipality.code)).toEqual(['101', '461']);
  });
});

// ------------------------------------------------------------------------------------------------------------
// Properties, against the independent oracle in test/oracle.ts.

const isoDay = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const arbitraryConnection = fc
  .record({
    availableFrom: isoDay('2022-06-01', '2034-03-01'),
    pilotStart: fc.option(isoDay('2023-10-01', '2034-03-01'), { nil: undefined }),
    exitAfterDays: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
  })
  .map(({ availableFrom, pilotStart, exitAfterDays }) => {
    const exitDate =
      exitAfterDays === undefined ? undefined : new Date(Date.parse(`${availableFrom}T00:00:00Z`) + exitAfterDays * 86_400_000).toISOString().slice(0, 10);
    return { availableFrom, pilotStart, exitDate };
  });

const arbitraryPopulation = fc.oneof(fc.integer({ min: 1, max: 700_000 }), fc.integer({ min: 149_990, max: 150_010 }), fc.integer({ min: 1, max: 100 }));

describe('properties', () => {
  it("every run's net, VAT and gross equal the oracle's to the øre", () => {
    fc.assert(
      fc.property(arbitraryConnection, arbitraryPopulation, fc.integer({ min: 2023, max: 2034 }), fc.constantFrom(...RUNS), (c, population, year, runId) => {
        const result = run(runId, year, [connection(c)], populationTable({ '461': { [year]: population } }));
        const expected = oracleInvoiceOre(runId, year, c, population);
        if (expected === undefined) {
          expect(result.invoices).toEqual([]);
          return;
        }
        const invoice = only(result);
        expect(formatAmount(invoice.netAmount)).toBe(oreToString(expected));
        expect(formatAmount(invoice.vatAmount)).toBe(oreToString(oracleVatOre(expected)));
        expect(invoice.grossAmount.equals(invoice.netAmount.plus(invoice.vatAmount))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("a year's invoices always add up to round(C(31 December))", () => {
    fc.assert(
      fc.property(arbitraryConnection, arbitraryPopulation, fc.integer({ min: 2024, max: 2033 }), (c, population, year) => {
        const p = populationTable({ '461': { [year]: population } });
        const conn = connection(c);
        const total = RUNS.flatMap((r) => run(r, year, [conn], p).invoices).reduce((sum, i) => sum.plus(i.netAmount), roundToOre(annualFee(0, FLIS_2024_2033)));
        const fee = annualFee(population, FLIS_2024_2033);
        const expected = roundToOre(chargeFor(fee, shareOfYear(billableRanges(conn, FLIS_2024_2033, yearRange(year)), year, lastOfYear(year))));
        expect(formatAmount(total)).toBe(formatAmount(expected));
        expect(formatAmount(total)).toBe(oreToString(oracleRoundedChargeOre(c, population, year, `${year}-12-31`)));
      }),
      { numRuns: 300 },
    );
  });

  it("a full year's H1 + H2 equal the rounded annual fee", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 2024, max: 2033 }), (population, year) => {
        const p = populationTable({ '461': { [year]: population } });
        const [h1, h2] = (['H1', 'H2'] as const).map((r) => only(run(r, year, [connection({ availableFrom: '2020-01-01' })], p)));
        expect(formatAmount(h1!.netAmount.plus(h2!.netAmount))).toBe(formatAmount(roundToOre(annualFee(population, FLIS_2024_2033))));
      }),
      { numRuns: 300 },
    );
  });
});
