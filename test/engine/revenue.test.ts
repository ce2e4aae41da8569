// The income of the period is nothing but the invoice runs and the exit settlements: held to them, to the øre,
// on random rosters (availability, pilots, exits) and populations (published, carried forward, forecast).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceRun } from '../../src/engine/billing.js';
import { type Decimal, formatAmount, sum } from '../../src/engine/money.js';
import { MUNICIPALITIES } from '../../src/engine/municipalities.js';
import { REVENUE_SOURCES, revenue } from '../../src/engine/revenue.js';
import { RUNS } from '../../src/engine/runs.js';
import { exitSettlement } from '../../src/engine/settlement.js';
import { FLIS_2024_2033 } from '../../src/engine/tariff.js';
import type { Connection, PopulationTable } from '../../src/engine/types.js';
import { connection, populationTable } from '../support.js';

const YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033];
const isoDay = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const municipality = fc.record({
  availableFrom: isoDay('2023-06-01', '2031-12-31'),
  pilot: fc.boolean(),
  exit: fc.option(isoDay('2024-01-02', '2034-06-30'), { nil: undefined }),
  counts: fc.array(fc.integer({ min: 1, max: 700_000 }), { minLength: 10, maxLength: 10 }),
});

const scenario = fc.record({
  municipalities: fc.array(municipality, { minLength: 1, maxLength: 5 }),
  /** The last year DST has published (2024–2027); later years are carried forward or forecast. */
  published: fc.integer({ min: 2024, max: 2027 }),
  forecast: fc.boolean(),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function inputsOf(s: Scenario) {
  const codes = MUNICIPALITIES.slice(0, s.municipalities.length).map((m) => m.code);
  const connections: Connection[] = [];
  const published: Record<string, Record<number, number>> = {};
  const projected: Record<string, Record<number, number>> = {};
  s.municipalities.forEach((m, i) => {
    const code = codes[i]!;
    const exit = m.exit !== undefined && m.exit > m.availableFrom ? m.exit : undefined;
    connections.push(connection({ code, availableFrom: m.availableFrom, ...(m.pilot ? { pilotStart: m.availableFrom } : {}), ...(exit ? { exitDate: exit } : {}) }));
    published[code] = Object.fromEntries(YEARS.filter((y) => y <= s.published).map((y, j) => [y, m.counts[j]!]));
    projected[code] = Object.fromEntries(YEARS.filter((y) => y > s.published).map((y) => [y, m.counts[YEARS.indexOf(y)]! + 1000]));
  });
  return { connections, population: populationTable(published), forecast: s.forecast ? populationTable(projected) : undefined };
}

/** The table a year is billed on, by the rule (billing rules §8): published, else forecast, else the latest carried forward. */
function tableFor(year: number, s: Scenario, population: PopulationTable, forecast: PopulationTable | undefined): PopulationTable {
  const source = year <= s.published ? population : forecast ?? population;
  const figureYear = year <= s.published || forecast ? year : s.published;
  const table: PopulationTable = new Map();
  for (const [code, years] of source) {
    const figure = years.get(figureYear);
    if (figure) table.set(code, new Map([[year, { ...figure, year }]]));
  }
  return table;
}

describe('flis revenue: the income is the invoice runs and the exit settlements', () => {
  it('each run of each year is the invoice run on the year\'s figure, each exit its settlement, every total their sum', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { connections, population, forecast } = inputsOf(s);
        const result = revenue({ from: 2024, to: 2033, tariff: FLIS_2024_2033, connections, population, ...(forecast ? { forecast } : {}) });
        expect(result.problems).toEqual([]);
        for (const year of result.years) {
          const table = tableFor(year.year, s, population, forecast);
          for (const run of RUNS) {
            const billed = invoiceRun({ year: year.year, run, tariff: FLIS_2024_2033, connections, population: table });
            expect(formatAmount(year.runs[run]), `${year.year} ${run}`).toBe(formatAmount(billed.totals.netAmount));
          }
          const due = connections
            .filter((c) => c.exitDate?.year === year.year)
            .map((c) => exitSettlement({ connection: c, exitDate: c.exitDate!, tariff: FLIS_2024_2033, population, ...(forecast ? { forecast } : {}) }).total);
          expect(formatAmount(year.settlements)).toBe(formatAmount(sum(due)));
          expect(formatAmount(year.total)).toBe(formatAmount(sum([...RUNS.map((r) => year.runs[r]), year.settlements])));
          expect(formatAmount(sum(REVENUE_SOURCES.map((src) => year.bySource[src])))).toBe(formatAmount(year.total));
          expect(formatAmount(sum(year.municipalities.map((m) => m.total)))).toBe(formatAmount(year.total));
          // Where the figures come from: DST's up to the last published year, then forecast or carried forward.
          // (a settlement falling due in the year may reach into later years, so only a year without one is checked.)
          const expected = year.year <= s.published ? 'dst' : forecast ? 'forecast' : 'carried_forward';
          if (year.settlements.isZero()) {
            expect(REVENUE_SOURCES.filter((src) => !year.bySource[src].isZero() && src !== expected)).toEqual([]);
          }
        }
        expect(formatAmount(result.total.total)).toBe(formatAmount(sum(result.years.map((y) => y.total))));
      }),
      { numRuns: 80 },
    );
  });

  it('leaving changes when the income comes, never how much: with exits it equals staying, to the øre', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { connections, population, forecast } = inputsOf(s);
        const staying = connections.map((c) => ({ ...c, exitDate: undefined }));
        const total = (conns: Connection[]): Decimal =>
          revenue({ from: 2024, to: 2033, tariff: FLIS_2024_2033, connections: conns, population, ...(forecast ? { forecast } : {}) }).total.total;
        expect(formatAmount(total(connections))).toBe(formatAmount(total(staying)));
      }),
      { numRuns: 80 },
    );
  });

  it('reports a connected municipality without any figure as a problem, never as zero income', () => {
    const result = revenue({ from: 2024, to: 2024, tariff: FLIS_2024_2033, connections: [connection({ code: '461' }), connection({ code: '101' })], population: populationTable({ '461': { 2024: 209078 } }) });
    expect(result.problems.map((p) => `${p.kind} ${p.connection.municipality.code}`)).toContain('no-population 101');
  });
});
