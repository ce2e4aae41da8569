// The §5 price (Generelle vilkår pkt. 5, billing rules §11): the highest price per citizen, to the øre, in force
// from a day on, at which the income of a period does not exceed its costs.
//
// The income is a sum of amounts each rounded from a charge that grows with the price, so it never falls as the
// price rises: the answer is found by bisection over whole øre between 0 and the maximum in force that day, and
// proven by the income at it (not above the costs) and at one øre more (above them). Pure: the income of a tariff
// is the caller's function (engine/revenue.ts computes it).

import { type CalendarDate, compareDates } from './dates.js';
import { Decimal } from './money.js';
import { type Tariff, termsOn } from './tariff.js';

/** The tariff with the price `price` from `from` on: a version of that day gets the price, else one is added. */
export function withPriceFrom(tariff: Tariff, from: CalendarDate, price: Decimal): Tariff {
  const versions = [...(tariff.versions ?? [])];
  const same = versions.findIndex((v) => compareDates(v.from, from) === 0);
  if (same >= 0) versions[same] = { ...versions[same]!, pricePerCitizen: price };
  else versions.push({ from, pricePerCitizen: price });
  versions.sort((a, b) => compareDates(a.from, b.from));
  return { ...tariff, versions };
}

export interface SolvedPrice {
  readonly from: CalendarDate;
  readonly costs: Decimal;
  /** The maximum price in force on `from`: the highest the answer may be. */
  readonly ceiling: Decimal;
  /**
   * - `solved`: `price` keeps the income within the costs, one øre more does not;
   * - `ceiling`: even the maximum keeps it within them (`price` is the maximum);
   * - `none`: no price of 0 or more does (at 0.00 from `from`, the income already exceeds the costs).
   */
  readonly outcome: 'solved' | 'ceiling' | 'none';
  /** The price found (the maximum, for `ceiling`; 0.00 for `none`). */
  readonly price: Decimal;
  /** The income at `price`. */
  readonly income: Decimal;
  /** The income at one øre more (`solved` only): above the costs. */
  readonly incomeAbove?: Decimal;
}

const ORE = new Decimal('0.01');

/**
 * The highest price in whole øre from `from`, between 0 and the maximum in force then, at which `income` (the
 * income of the period on a tariff) does not exceed `costs`. `income` must not fall as the price rises.
 */
export function solvePrice(tariff: Tariff, from: CalendarDate, costs: Decimal, income: (tariff: Tariff) => Decimal): SolvedPrice {
  const ceiling = termsOn(tariff, from).maxPricePerCitizen.toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const known = new Map<number, Decimal>();
  const incomeAt = (ore: number): Decimal => {
    let found = known.get(ore);
    if (!found) known.set(ore, (found = income(withPriceFrom(tariff, from, ORE.times(ore)))));
    return found;
  };
  const base = { from, costs, ceiling };
  const top = ceiling.dividedBy(ORE).toNumber();
  if (!incomeAt(top).greaterThan(costs)) return { ...base, outcome: 'ceiling', price: ceiling, income: incomeAt(top) };
  if (incomeAt(0).greaterThan(costs)) return { ...base, outcome: 'none', price: ORE.times(0), income: incomeAt(0) };
  // income(low) ≤ costs < income(high) throughout.
  let low = 0;
  let high = top;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (incomeAt(middle).greaterThan(costs)) high = middle;
    else low = middle;
  }
  const price = ORE.times(low);
  const at = incomeAt(low);
  const above = incomeAt(low + 1);
  if (at.greaterThan(costs) || !above.greaterThan(costs)) throw new RangeError(`the income is not monotone in the price around ${price.toFixed(2)}`);
  return { ...base, outcome: 'solved', price, income: at, incomeAbove: above };
}
