// The §5 price (billing rules §11): the highest price from a day at which the income of the period does not
// exceed its costs, proven on random populations and budgets by the income at it and at one øre more.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDate } from '../../src/engine/dates.js';
import { Decimal } from '../../src/engine/money.js';
import { revenue } from '../../src/engine/revenue.js';
import { solvePrice, withPriceFrom } from '../../src/engine/solve-price.js';
import { FLIS_2024_2033, type Tariff } from '../../src/engine/tariff.js';
import { connection, day, populationTable } from '../support.js';

const CODES = ['101', '147', '461', '751', '851'];

const scenario = fc.record({
  municipalities: fc.array(
    fc.record({
      population: fc.integer({ min: 1000, max: 700_000 }),
      availableFrom: fc.constantFrom('2024-01-01', '2025-03-15', '2027-10-01'),
      pilot: fc.boolean(),
      exit: fc.option(fc.constantFrom('2026-07-01', '2029-01-16', '2031-12-31'), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  from: fc.constantFrom('2024-01-01', '2026-02-15', '2028-07-01', '2028-02-29', '2033-12-31'),
  /** The costs as a share of the income at the maximum: below, around and above it. */
  share: fc.double({ min: 0.2, max: 1.1, noNaN: true }),
  lowered: fc.boolean(),
});

describe('the §5 price', () => {
  it('income(price) ≤ costs < income(price + 0.01), or the maximum suffices, or no price of 0 or more does', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const connections = s.municipalities.map((m, i) =>
          connection({ code: CODES[i]!, availableFrom: m.availableFrom, ...(m.pilot ? { pilotStart: m.availableFrom } : {}), ...(m.exit ? { exitDate: m.exit } : {}) }),
        );
        const population = populationTable(Object.fromEntries(s.municipalities.map((m, i) => [CODES[i]!, { 2024: m.population }])));
        // Every other version kept: a lower price from 2026 in half the cases.
        const tariff: Tariff = s.lowered ? { ...FLIS_2024_2033, versions: [{ from: day('2026-01-01'), pricePerCitizen: new Decimal('7.10') }] } : FLIS_2024_2033;
        const income = (t: Tariff) => revenue({ from: 2024, to: 2033, tariff: t, connections, population }).total.total;
        const atMaximum = income(withPriceFrom(tariff, day(s.from), new Decimal('7.96')));
        const costs = atMaximum.times(s.share).toDecimalPlaces(2);
        const solved = solvePrice(tariff, day(s.from), costs, income);
        // Recomputed here, each price set by a version of its own.
        const at = (price: string) => {
          const versions = [...(tariff.versions ?? []).filter((v) => formatDate(v.from) !== s.from), { from: day(s.from), pricePerCitizen: new Decimal(price) }];
          versions.sort((a, b) => (formatDate(a.from) < formatDate(b.from) ? -1 : 1));
          return income({ ...tariff, versions });
        };
        switch (solved.outcome) {
          case 'solved':
            expect(solved.price.decimalPlaces()).toBeLessThanOrEqual(2);
            expect(solved.price.greaterThanOrEqualTo(0) && solved.price.lessThan('7.96')).toBe(true);
            expect(at(solved.price.toFixed(2)).lessThanOrEqualTo(costs)).toBe(true);
            expect(at(solved.price.plus('0.01').toFixed(2)).greaterThan(costs)).toBe(true);
            expect(solved.income.equals(at(solved.price.toFixed(2)))).toBe(true);
            expect(solved.incomeAbove!.equals(at(solved.price.plus('0.01').toFixed(2)))).toBe(true);
            break;
          case 'ceiling':
            expect(solved.price.toFixed(2)).toBe('7.96');
            expect(at('7.96').lessThanOrEqualTo(costs)).toBe(true);
            break;
          case 'none':
            expect(at('0.00').greaterThan(costs)).toBe(true);
            break;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a version on the day keeps its other terms and gets the price; a day without one gets a version of its own', () => {
    const tariff: Tariff = { ...FLIS_2024_2033, versions: [{ from: day('2028-07-01'), kneeThreshold: 160000 }, { from: day('2030-01-01'), pricePerCitizen: new Decimal('7') }] };
    expect(withPriceFrom(tariff, day('2028-07-01'), new Decimal('7.41')).versions).toEqual([
      { from: day('2028-07-01'), kneeThreshold: 160000, pricePerCitizen: new Decimal('7.41') },
      { from: day('2030-01-01'), pricePerCitizen: new Decimal('7') },
    ]);
    expect(withPriceFrom(tariff, day('2029-01-01'), new Decimal('7.41')).versions!.map((v) => v.from.year)).toEqual([2028, 2029, 2030]);
  });
});
