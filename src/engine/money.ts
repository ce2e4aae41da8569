// Money and exact arithmetic. Every amount is a decimal.js value; no JavaScript number ever holds money.
//
// Precision: 100 significant digits. Additions and multiplications of the engine's inputs (prices with a few
// decimals, whole citizens, whole days) are exact at that precision. The engine divides once per charge
// (an exact numerator by a whole-number denominator, see proration.ts): if the true quotient has a
// terminating decimal expansion it is far shorter than 100 digits and comes out exact, and if it does not, it
// cannot lie exactly on a half-øre, and 100 digits put it far closer to its true value than to any
// half-øre. Either way, rounding the computed quotient to øre gives the same result as rounding the true one.

import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 100, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 60 });
export type Decimal = InstanceType<typeof Decimal>;

/** The one rounding of money: to øre (2 decimals), half away from zero (ROUND_HALF_UP). */
export function roundToOre(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export const ZERO: Decimal = new Decimal(0);

export function sum(amounts: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const a of amounts) total = total.plus(a);
  return total;
}

/** A plain decimal string with two decimals ("1622634.06"); the amount must already be in whole øre. */
export function formatAmount(amount: Decimal): string {
  if (!amount.isFinite() || amount.decimalPlaces() > 2) {
    throw new RangeError(`amount ${amount.toString()} is not in whole øre`);
  }
  // decimal.js keeps the sign of zero: never print "-0.00".
  return (amount.isZero() ? ZERO : amount).toFixed(2);
}

/** A plain decimal string with at least `minDecimals` decimals and every significant decimal kept. */
export function formatExact(value: Decimal, minDecimals = 2): string {
  const v = value.isZero() ? ZERO : value;
  return v.decimalPlaces() > minDecimals ? v.toFixed() : v.toFixed(minDecimals);
}
