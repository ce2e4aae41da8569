import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { invoiceRun } from '../../src/engine/billing.js';
import { formatDate } from '../../src/engine/dates.js';
import { ZERO, formatAmount, roundToOre } from '../../src/engine/money.js';
import { monthsOf } from '../../src/engine/proration.js';
import { RUNS } from '../../src/engine/runs.js';
import { exitSettlement } from '../../src/engine/settlement.js';
import { FLIS_2024_2033, annualFee } from '../../src/engine/tariff.js';
import type { Connection, PopulationTable } from '../../src/engine/types.js';
import { oracleRoundedChargeOre, oreToString } from '../oracle.js';
import { connection, day, populationTable } from '../support.js';

const ODENSE_2024 = 209078;
const fee = (population: number) => annualFee(population, FLIS_2024_2033);
const dst2024 = populationTable({ '461': { 2022: 205000, 2023: 207000, 2024: ODENSE_2024 } });

function settle(c: Connection, exit: string, population: PopulationTable = dst2024, forecast?: PopulationTable) {
  return exitSettlement({ connection: c, exitDate: day(exit), tariff: FLIS_2024_2033, population, ...(forecast ? { forecast } : {}) });
}

const lines = (s: ReturnType<typeof settle>) =>
  s.years.map((y) => ({ year: y.year, from: formatDate(y.period.from), source: y.populationSource, amount: formatAmount(y.amount) }));

describe('the exit settlement (§8)', () => {
  it('exit on 1 January 2027: seven rounded annual fees on the 2024 figure, carried forward', () => {
    const s = settle(connection({}), '2027-01-01');
    expect(s.problems).toEqual([]);
    expect(s.years.map((y) => y.year)).toEqual([2027, 2028, 2029, 2030, 2031, 2032, 2033]);
    expect(s.years.every((y) => y.populationSource === 'carried_forward' && y.populationYear === 2024 && y.population === ODENSE_2024)).toBe(true);
    expect(s.years.every((y) => formatAmount(y.amount) === '1429130.44')).toBe(true);
    expect(formatAmount(s.total)).toBe('10003913.08');
    expect(formatDate(s.periodEnd)).toBe('2033-12-31');
  });

  it('the worked example: exit 1 October 2031, latest figure 2026: 2031 = round(fee × 12/12) − round(fee × 9/12), then two full fees', () => {
    const p = populationTable({ '461': { 2025: 210000, 2026: 211111 } });
    const s = settle(connection({}), '2031-10-01', p);
    const f = fee(211111);
    const exitYear = roundToOre(f).minus(roundToOre(f.times(9).dividedBy(12)));
    expect(lines(s)).toEqual([
      { year: 2031, from: '2031-10-01', source: 'carried_forward', amount: formatAmount(exitYear) },
      { year: 2032, from: '2032-01-01', source: 'carried_forward', amount: formatAmount(roundToOre(f)) },
      { year: 2033, from: '2033-01-01', source: 'carried_forward', amount: formatAmount(roundToOre(f)) },
    ]);
    expect(monthsOf(s.years[0]!.share).toString()).toBe('3');
  });

  it('exit mid-month: the rest of that month by days', () => {
    const s = settle(connection({}), '2027-10-16');
    const f = fee(ODENSE_2024);
    const before = roundToOre(f.times(9).dividedBy(12).plus(f.times(15).dividedBy(31 * 12)));
    expect(s.years[0]!.amount.equals(roundToOre(f).minus(before))).toBe(true);
    expect(monthsOf(s.years[0]!.share).toFixed(6)).toBe('2.516129');
  });

  it('exit inside the pilot free period: the free days are not charged', () => {
    const s = settle(connection({ pilotStart: '2027-01-01' }), '2027-02-01');
    const f = fee(ODENSE_2024);
    expect(s.years[0]!.amount.equals(roundToOre(f.times(10).dividedBy(12)))).toBe(true);
    expect(formatAmount(s.years[1]!.amount)).toBe(formatAmount(roundToOre(f)));
  });

  it('a pilot whose free months fall in a later year is charged there as the runs would have', () => {
    const s = settle(connection({ pilotStart: '2027-12-01' }), '2027-06-01');
    const f = fee(ODENSE_2024);
    expect(s.years[1]!.year).toBe(2028);
    expect(s.years[1]!.amount.equals(roundToOre(f.times(11).dividedBy(12)))).toBe(true);
  });

  it('exit before the available-from date: the settlement runs from the available-from date', () => {
    const s = settle(connection({ availableFrom: '2027-03-01' }), '2026-06-01');
    expect(formatDate(s.from)).toBe('2027-03-01');
    expect(lines(s)[0]).toEqual({ year: 2027, from: '2027-03-01', source: 'carried_forward', amount: formatAmount(roundToOre(fee(ODENSE_2024).times(10).dividedBy(12))) });
    expect(s.years).toHaveLength(7);
  });

  it('exit on or after 1 January 2034 costs nothing, and says why; 31 December 2033 costs one day', () => {
    const after = settle(connection({}), '2034-01-01');
    expect(after.total.isZero()).toBe(true);
    expect(after.years).toEqual([]);
    expect(after.nothingBecause).toBe('after-agreement');
    const lastDay = settle(connection({}), '2033-12-31');
    const f = fee(ODENSE_2024);
    expect(lastDay.years[0]!.amount.equals(roundToOre(f).minus(roundToOre(f.times(11).dividedBy(12).plus(f.times(30).dividedBy(31 * 12)))))).toBe(true);
  });

  it('an exit before the agreement started owes the whole repayment period', () => {
    const s = settle(connection({ availableFrom: '2020-01-01' }), '2023-06-01');
    expect(s.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033]);
    expect(s.years[0]!.populationSource).toBe('dst');
  });

  it('a published year uses DST; later years the forecast when one is given', () => {
    const forecast = populationTable({ '461': Object.fromEntries([2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033].map((y) => [y, 209000 + (y - 2024) * 1000])) });
    const s = settle(connection({}), '2024-07-01', dst2024, forecast);
    expect(s.years.map((y) => [y.year, y.populationSource, y.population])).toEqual([
      [2024, 'dst', ODENSE_2024],
      ...[2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033].map((y) => [y, 'forecast', 209000 + (y - 2024) * 1000]),
    ]);
  });

  it('a forecast without a needed year, a gap in DST figures and ".." are problems, never filled in', () => {
    const shortForecast = populationTable({ '461': { 2025: 210000 } });
    expect(settle(connection({}), '2025-01-01', dst2024, shortForecast).problems.map((p) => [p.kind, 'year' in p ? p.year : undefined])).toEqual(
      [2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033].map((y) => ['no-forecast', y]),
    );
    const gap = populationTable({ '461': { 2024: ODENSE_2024, 2026: 210000 } });
    expect(settle(connection({}), '2025-01-01', gap).problems).toEqual([expect.objectContaining({ kind: 'no-population', year: 2025 })]);
    const notAvailable = populationTable({ '461': { 2024: null } });
    expect(settle(connection({}), '2030-01-01', notAvailable).problems[0]!.kind).toBe('population-not-available');
    expect(settle(connection({}), '2030-01-01', populationTable({})).problems[0]!.kind).toBe('no-population');
  });
});

// ------------------------------------------------------------------------------------------------------------

const isoDay = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('properties', () => {
  const years = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033];

  it('invoices up to the exit plus the settlement equal the invoices of staying, to the øre', () => {
    fc.assert(
      fc.property(
        isoDay('2023-06-01', '2034-02-01'),
        isoDay('2022-01-01', '2030-12-31'),
        fc.option(isoDay('2023-10-01', '2033-12-31'), { nil: undefined }),
        fc.array(fc.integer({ min: 1, max: 700_000 }), { minLength: 10, maxLength: 10 }),
        (exit, availableFrom, pilotStart, counts) => {
          const population = populationTable({ '461': Object.fromEntries(years.map((y, i) => [y, counts[i]!])) });
          const staying = connection({ availableFrom, pilotStart });
          const leaving = connection({ availableFrom, pilotStart, exitDate: exit });
          if (exit <= availableFrom) return; // the roster refuses an exit on or before available-from
          const billed = (conn: Connection, from: number) =>
            years
              .filter((y) => y >= from)
              .flatMap((year) => RUNS.flatMap((run) => invoiceRun({ year, run, tariff: FLIS_2024_2033, connections: [conn], population }).invoices))
              .reduce((total, i) => total.plus(i.netAmount), ZERO);
          const exitYear = Number(exit.slice(0, 4));
          const settlement = exitSettlement({ connection: staying, exitDate: day(exit), tariff: FLIS_2024_2033, population });
          expect(settlement.problems).toEqual([]);
          expect(formatAmount(billed(leaving, exitYear).plus(settlement.total))).toBe(formatAmount(billed(staying, exitYear)));

          // and the settlement's lines agree with the independent oracle
          const oracle = { availableFrom, pilotStart };
          for (const line of settlement.years) {
            const count = counts[years.indexOf(line.year)]!;
            const through = oracleRoundedChargeOre(oracle, count, line.year, `${line.year}-12-31`);
            const before = line.year === exitYear ? oracleRoundedChargeOre(oracle, count, line.year, previousDay(exit)) : 0n;
            expect(formatAmount(line.amount)).toBe(oreToString(through - before));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

function previousDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
