// A tariff file (JSON) that overrides parts of the built-in FLIS 2024–2033 tariff.
//
//   { "price_per_citizen": "7.96", "max_price_per_citizen": "7.96", "knee_threshold": 150000,
//     "knee_rate": "0.5", "vat_rate": "0.25", "pilot_free_months": 2,
//     "agreement_start": "2024-01-01", "agreement_end": "2033-12-31", "name": "…" }
//
// Every key is optional; a key not given keeps the built-in value. Decimals may be written as strings
// (recommended) or numbers. Unknown keys are refused: a misspelt key must not silently leave a default.

import { ProblemList } from '../errors.js';
import { parseIsoDate } from '../engine/dates.js';
import { Decimal } from '../engine/money.js';
import { FLIS_2024_2033, type Tariff, tariffProblems } from '../engine/tariff.js';
import { keyProblem, parseJsonObject } from './json.js';

const KEYS = [
  'name',
  'price_per_citizen',
  'max_price_per_citizen',
  'knee_threshold',
  'knee_rate',
  'vat_rate',
  'pilot_free_months',
  'agreement_start',
  'agreement_end',
] as const;

export function readTariff(file: string, text: string, base: Tariff = FLIS_2024_2033): Tariff {
  const json = parseJsonObject(file, text, 'tariff');
  const problems = new ProblemList();
  const at = (key: string, message: string, hint?: string): void => problems.add(keyProblem(file, text, key, message, hint));

  for (const key of Object.keys(json)) {
    if (!(KEYS as readonly string[]).includes(key)) at(key, `unknown tariff key "${key}"`, `The tariff's keys are ${KEYS.join(', ')}.`);
  }

  const decimal = (key: string, fallback: Decimal): Decimal => {
    const value = json[key];
    if (value === undefined) return fallback;
    if ((typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) || (typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      return new Decimal(typeof value === 'string' ? value.trim() : String(value));
    }
    at(key, `${key} must be a decimal number such as "7.96", not ${JSON.stringify(value)}`);
    return fallback;
  };
  const whole = (key: string, fallback: number): number => {
    const value = json[key];
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    at(key, `${key} must be a whole number, not ${JSON.stringify(value)}`);
    return fallback;
  };
  const day = (key: string, fallback: Tariff['agreementStart']): Tariff['agreementStart'] => {
    const value = json[key];
    if (value === undefined) return fallback;
    const parsed = typeof value === 'string' ? parseIsoDate(value) : undefined;
    if (parsed) return parsed;
    at(key, `${key} must be a date written YYYY-MM-DD, not ${JSON.stringify(value)}`);
    return fallback;
  };
  const name = json.name === undefined ? base.name : typeof json.name === 'string' ? json.name : (at('name', 'name must be text'), base.name);

  const tariff: Tariff = {
    name,
    pricePerCitizen: decimal('price_per_citizen', base.pricePerCitizen),
    maxPricePerCitizen: decimal('max_price_per_citizen', base.maxPricePerCitizen),
    kneeThreshold: whole('knee_threshold', base.kneeThreshold),
    kneeRate: decimal('knee_rate', base.kneeRate),
    vatRate: decimal('vat_rate', base.vatRate),
    pilotFreeMonths: whole('pilot_free_months', base.pilotFreeMonths),
    agreementStart: day('agreement_start', base.agreementStart),
    agreementEnd: day('agreement_end', base.agreementEnd),
  };
  problems.throwIfAny();
  for (const message of tariffProblems(tariff)) {
    const key = KEYS.find((k) => message.startsWith(k)) ?? 'price_per_citizen';
    at(key, message);
  }
  problems.throwIfAny();
  return Object.freeze(tariff);
}
