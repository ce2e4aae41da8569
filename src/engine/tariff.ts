// The tariff: every number the agreement fixes, as data. The FLIS 2024–2033 tariff is built in.

import { type CalendarDate, addDays, compareDates, date, dayBefore, formatDate, isAfter, isBefore, minDate } from './dates.js';
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
  /**
   * Changes of the terms over time, in date order: each takes effect on its `from` day and overrides the terms
   * it gives; a term it does not give keeps the value in force before it. The terms above are those in force
   * from the agreement's start until the first version. Absent or empty: one set of terms throughout.
   */
  readonly versions?: readonly TariffVersion[];
}

/** The terms a version may change. */
export interface TariffTerms {
  readonly pricePerCitizen: Decimal;
  readonly maxPricePerCitizen: Decimal;
  readonly kneeThreshold: number;
  readonly kneeRate: Decimal;
  readonly vatRate: Decimal;
}

/** A change of the tariff's terms from a day on (a price lowered after a re-tender, an extension's new terms). */
export interface TariffVersion extends Partial<TariffTerms> {
  /** The first day the version is in force. */
  readonly from: CalendarDate;
  /** Who decided it and when, in words ("Kommunestyregruppen 12.03.2028"): shown, never computed with. */
  readonly decision?: string;
  /**
   * The day it was decided. An exit settlement for an exit date before it does not know the version (billing
   * rules §11); without it, the version counts as known from its `from` day.
   */
  readonly decided?: CalendarDate;
}

export const TERM_KEYS = ['pricePerCitizen', 'maxPricePerCitizen', 'kneeThreshold', 'kneeRate', 'vatRate'] as const;

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

/** The day a version becomes known: the day it was decided, or without one, the day it takes effect. */
export function knownFrom(version: TariffVersion): CalendarDate {
  return version.decided ?? version.from;
}

/** The first day of an extension of the repayment period: the day after the agreement's end (Bilag 1 §2.1). */
export const EXTENSION_START = addDays(AGREEMENT.end, 1);

/** The tariff with `version`'s terms applied on top of its own. */
function applyVersion(tariff: Tariff, version: TariffVersion): Tariff {
  const terms = Object.fromEntries(TERM_KEYS.filter((k) => version[k] !== undefined).map((k) => [k, version[k]]));
  return { ...tariff, ...terms };
}

/** The tariff's terms in force on `day` (the versions from on or before it applied in order), as a tariff without versions. */
export function termsOn(tariff: Tariff, day: CalendarDate): Tariff {
  let terms: Tariff = { ...tariff, versions: [] };
  for (const version of tariff.versions ?? []) if (!isAfter(version.from, day)) terms = applyVersion(terms, version);
  return terms;
}

/** A run of days under one set of terms. */
export interface TermsPeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly terms: Tariff;
}

/** The days from `from` to `to` cut where a version takes effect: one period per set of terms in force in them, in order. */
export function termsPeriods(tariff: Tariff, from: CalendarDate, to: CalendarDate): TermsPeriod[] {
  if (isAfter(from, to)) return [];
  const starts = [from, ...(tariff.versions ?? []).map((v) => v.from).filter((d) => isAfter(d, from) && !isAfter(d, to))];
  return starts.map((start, i) => ({ from: start, to: i + 1 < starts.length ? dayBefore(starts[i + 1]!) : to, terms: termsOn(tariff, start) }));
}

/** Whether the tariff has versions: terms that change over time. */
export function hasVersions(tariff: Tariff): boolean {
  return (tariff.versions ?? []).length > 0;
}

/**
 * The tariff as it was known on `day`: only the versions known by then (knownFrom on or before it). A repayment
 * period extended by a version not yet known then ends where the agreement ends (Bilag 1 §2.1).
 */
export function knownOn(tariff: Tariff, day: CalendarDate): Tariff {
  const versions = (tariff.versions ?? []).filter((v) => !isAfter(knownFrom(v), day));
  if (versions.length === (tariff.versions ?? []).length) return tariff;
  const extended = versions.some((v) => !isBefore(v.from, EXTENSION_START));
  return { ...tariff, versions, agreementEnd: extended ? tariff.agreementEnd : minDate(tariff.agreementEnd, AGREEMENT.end) };
}

/** A problem with one of a tariff's versions: which (index from 0), the key at fault, and what is wrong. */
export interface VersionProblem {
  readonly index: number;
  readonly key: 'from' | 'price_per_citizen' | 'max_price_per_citizen' | 'knee_threshold' | 'knee_rate' | 'vat_rate' | 'decided';
  readonly message: string;
}

/**
 * What is wrong with a tariff's versions: out of date order or given twice, before the agreement's start or after
 * its end, a new maximum before the agreement's end (only an extension agreed after it may set one), a price above
 * the maximum in force, a knee or VAT rate out of range. An extended repayment period (agreement_end after the
 * agreement's) needs a version from the extension's first day.
 */
export function versionProblems(t: Tariff): { versions: VersionProblem[]; extension?: string } {
  const problems: VersionProblem[] = [];
  const versions = t.versions ?? [];
  versions.forEach((v, index) => {
    const at = (key: VersionProblem['key'], message: string) => problems.push({ index, key, message });
    const day = formatDate(v.from);
    const previous = versions[index - 1];
    if (previous && compareDates(previous.from, v.from) === 0) at('from', `version ${index + 1} takes effect on ${day}, as version ${index} does: give each day once, with every change of that day`);
    else if (previous && isBefore(v.from, previous.from)) at('from', `version ${index + 1} (from ${day}) comes after version ${index} (from ${formatDate(previous.from)}): give the versions in date order`);
    if (isBefore(v.from, t.agreementStart)) at('from', `version ${index + 1} takes effect on ${day}, before agreement_start ${formatDate(t.agreementStart)}: nothing is billed before it`);
    if (isAfter(v.from, t.agreementEnd)) at('from', `version ${index + 1} takes effect on ${day}, after agreement_end ${formatDate(t.agreementEnd)}: nothing is billed after it`);
    if (v.maxPricePerCitizen !== undefined && isBefore(v.from, EXTENSION_START)) {
      at(
        'max_price_per_citizen',
        `version ${index + 1} (from ${day}) sets max_price_per_citizen: the agreement's maximum holds to its end (${formatDate(AGREEMENT.end)}, Bilag 1 §2.1–2.2); only an extension from ${formatDate(EXTENSION_START)} may set a new one`,
      );
    }
    // The terms this version leaves in force: the versions before it in the file, then it.
    const terms = versions.slice(0, index + 1).reduce<Tariff>(applyVersion, t);
    if (v.pricePerCitizen !== undefined || v.maxPricePerCitizen !== undefined) {
      if (terms.pricePerCitizen.greaterThan(terms.maxPricePerCitizen)) {
        at(
          v.pricePerCitizen !== undefined ? 'price_per_citizen' : 'max_price_per_citizen',
          `version ${index + 1} (from ${day}): price_per_citizen ${terms.pricePerCitizen.toString()} is above the maximum of ${terms.maxPricePerCitizen.toString()} DKK in force then (Bilag 1 §2.2)`,
        );
      }
    }
    if (v.kneeThreshold !== undefined && (!Number.isSafeInteger(v.kneeThreshold) || v.kneeThreshold < 0)) at('knee_threshold', `version ${index + 1}: knee_threshold must be a whole number of citizens, 0 or more`);
    if (v.kneeRate !== undefined && (v.kneeRate.isNegative() || v.kneeRate.greaterThan(1))) at('knee_rate', `version ${index + 1}: knee_rate ${v.kneeRate.toString()} is out of range: from 0 to 1 (0.5 is half the price)`);
    if (v.vatRate !== undefined && (v.vatRate.isNegative() || v.vatRate.greaterThanOrEqualTo(1))) at('vat_rate', `version ${index + 1}: vat_rate ${v.vatRate.toString()} is out of range: from 0 to below 1 (0.25 is 25 %)`);
  });
  const extended = isAfter(t.agreementEnd, AGREEMENT.end);
  const extension =
    extended && !versions.some((v) => compareDates(v.from, EXTENSION_START) === 0)
      ? `agreement_end ${formatDate(t.agreementEnd)} extends the agreement's repayment period (to ${formatDate(AGREEMENT.end)}, Bilag 1 §2.1): an extension needs its terms, a version from ${formatDate(EXTENSION_START)} (with its price, and max_price_per_citizen where the new agreement sets one)`
      : undefined;
  return { versions: problems, ...(extension ? { extension } : {}) };
}

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
  // An extension (a version from the day after the agreement's end) may move the end later: versionProblems checks it.
  const versions = versionProblems(t);
  if (versions.extension) {
    problems.push(hasVersions(t) ? versions.extension : `agreement_end ${formatDate(t.agreementEnd)} is after ${period}, except by an extension: a version from ${formatDate(EXTENSION_START)} with its terms`);
  }
  problems.push(...versions.versions.map((p) => p.message));
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
