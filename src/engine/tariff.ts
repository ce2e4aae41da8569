// The tariff: every number the agreement fixes, as data. The FLIS 2024–2033 tariff is built in.

import { type CalendarDate, date, formatDate, isBefore } from './dates.js';
import { Decimal, ZERO } from './money.js';

export interface Tariff {
  readonly name: string;
  /** Price per citizen per year, DKK excl. VAT (Bilag 1 §2.2). */
  readonly pricePerCitizen: Decimal;
  /** The agreement's maximum price per citizen: a tariff may not exceed it (Bilag 1 §2.2). */
  readonly maxPricePerCitizen: Decimal;
  /** Knækmodel: citizens up to this many pay the full price… */
  readonly kneeThreshold: number;
  /** …and each citizen above it pays this fraction of the price. */
  readonly kneeRate: Decimal;
  readonly vatRate: Decimal;
  /** Pilot municipalities pay nothing for this many calendar months from the pilot start (general terms §5). */
  readonly pilotFreeMonths: number;
  /** Tilbagebetalingsperiode (Bilag 1 §2.1): nothing is billable outside it. */
  readonly agreementStart: CalendarDate;
  readonly agreementEnd: CalendarDate;
}

/**
 * What the agreement itself fixes, which a tariff may narrow but never widen: the maximum price per citizen
 * (Bilag 1 §2.2) and the repayment period (Bilag 1 §2.1). Checked here only, in tariffProblems.
 */
export const AGREEMENT = Object.freeze({
  maxPricePerCitizen: new Decimal('7.96'),
  start: date(2024, 1, 1),
  end: date(2033, 12, 31),
});

export const FLIS_2024_2033: Tariff = Object.freeze({
  name: 'FLIS 2024–2033',
  pricePerCitizen: new Decimal('7.96'),
  maxPricePerCitizen: AGREEMENT.maxPricePerCitizen,
  kneeThreshold: 150000,
  kneeRate: new Decimal('0.5'),
  vatRate: new Decimal('0.25'),
  pilotFreeMonths: 2,
  agreementStart: AGREEMENT.start,
  agreementEnd: AGREEMENT.end,
});

/** What is wrong with a tariff, one sentence per problem; empty when it can be used. */
export function tariffProblems(t: Tariff): string[] {
  const problems: string[] = [];
  if (t.pricePerCitizen.isNegative() || t.pricePerCitizen.isZero()) problems.push(`price_per_citizen must be above 0, not ${t.pricePerCitizen.toString()}`);
  const agreement = AGREEMENT.maxPricePerCitizen;
  if (t.maxPricePerCitizen.greaterThan(agreement)) {
    problems.push(
      `max_price_per_citizen ${t.maxPricePerCitizen.toString()} is above the agreement's maximum of ${agreement.toString()} DKK (Bilag 1 §2.2): a tariff may lower the maximum, never raise it`,
    );
  }
  const ceiling = t.maxPricePerCitizen.greaterThan(agreement) ? agreement : t.maxPricePerCitizen;
  if (t.pricePerCitizen.greaterThan(ceiling)) {
    problems.push(`price_per_citizen ${t.pricePerCitizen.toString()} is above the agreement's maximum of ${ceiling.toString()} DKK (Bilag 1 §2.2)`);
  }
  if (!Number.isSafeInteger(t.kneeThreshold) || t.kneeThreshold < 0) problems.push('knee_threshold must be a whole number of citizens, 0 or more');
  if (t.kneeRate.isNegative() || t.kneeRate.greaterThan(1)) problems.push(`knee_rate ${t.kneeRate.toString()} is out of range: from 0 to 1 (0.5 is half the price)`);
  if (t.vatRate.isNegative() || t.vatRate.greaterThanOrEqualTo(1)) problems.push(`vat_rate ${t.vatRate.toString()} is out of range: from 0 to below 1 (0.25 is 25 %)`);
  if (!Number.isInteger(t.pilotFreeMonths) || t.pilotFreeMonths < 0 || t.pilotFreeMonths > 24) {
    problems.push(`pilot_free_months ${t.pilotFreeMonths} is out of range: a whole number of months from 0 to 24`);
  }
  if (isBefore(t.agreementEnd, t.agreementStart)) problems.push(`agreement_end ${formatDate(t.agreementEnd)} is before agreement_start ${formatDate(t.agreementStart)}`);
  const period = `the agreement's repayment period (${formatDate(AGREEMENT.start)} to ${formatDate(AGREEMENT.end)}, Bilag 1 §2.1): a tariff may shorten it, never lengthen it`;
  if (isBefore(t.agreementStart, AGREEMENT.start)) problems.push(`agreement_start ${formatDate(t.agreementStart)} is before ${period}`);
  if (isBefore(AGREEMENT.end, t.agreementEnd)) problems.push(`agreement_end ${formatDate(t.agreementEnd)} is after ${period}`);
  return problems;
}

/** Citizens billed at the full price and at the reduced (knee) rate. */
export function splitAtKnee(population: number, tariff: Tariff): { fullRate: number; reducedRate: number } {
  const fullRate = Math.min(population, tariff.kneeThreshold);
  return { fullRate, reducedRate: population - fullRate };
}

/**
 * annual_fee(P) = price × min(P, threshold) + price × rate × max(P − threshold, 0); exact, never rounded here.
 */
export function annualFee(population: number, tariff: Tariff): Decimal {
  if (!Number.isSafeInteger(population) || population < 0) {
    throw new RangeError(`population must be a whole number of citizens, got ${population}`);
  }
  const { fullRate, reducedRate } = splitAtKnee(population, tariff);
  const price = tariff.pricePerCitizen;
  return price.times(fullRate).plus(reducedRate === 0 ? ZERO : price.times(tariff.kneeRate).times(reducedRate));
}
