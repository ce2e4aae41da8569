// A tariff file (JSON) that overrides parts of the built-in FLIS 2024–2033 tariff.
//
//   { "price_per_citizen": "7.96", "max_price_per_citizen": "7.96", "knee_threshold": 150000,
//     "knee_rate": "0.5", "vat_rate": "0.25", "pilot_free_months": 2,
//     "agreement_start": "2024-01-01", "agreement_end": "2033-12-31", "name": "…" }
//
// Every key is optional; a key not given keeps the built-in value. Decimals may be written as strings
// (recommended) or numbers. Unknown keys are refused: a misspelt key must not silently leave a default.

import { ProblemList } from '../errors.js';
import { formatDate, parseIsoDate } from '../engine/dates.js';
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

  /** A decimal of 0 or more; `example` fits the key, `what` names its values for a refusal ("prices"). */
  const decimal = (key: string, fallback: Decimal, example: string, what: string): Decimal => {
    const value = json[key];
    if (value === undefined) return fallback;
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    if (typeof value === 'number' ? value < 0 : text !== undefined && /^-\d+(\.\d+)?$/.test(text)) {
      at(key, `${key} is negative (${JSON.stringify(value)}): negative ${what} are refused`, `Give 0 or more, such as "${example}".`);
    } else if (text !== undefined && (typeof value === 'number' || /^\d+(\.\d+)?$/.test(text))) {
      return new Decimal(text);
    } else {
      at(key, `${key} must be a decimal number such as "${example}", not ${JSON.stringify(value)}`);
    }
    return fallback;
  };
  /** A whole number of 0 or more, written without quotes; `example` fits the key. */
  const whole = (key: string, fallback: number, example: number, what: string): number => {
    const value = json[key];
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      at(key, `${key} is negative (${value}): ${what} below 0 is refused`, `Give 0 or more, such as ${example}.`);
    } else if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
      at(key, `${key} must be a whole number without quotes, such as ${example}, not ${JSON.stringify(value)}`);
    } else {
      at(key, `${key} must be a whole number such as ${example}, not ${JSON.stringify(value)}`);
    }
    return fallback;
  };
  const day = (key: string, fallback: Tariff['agreementStart']): Tariff['agreementStart'] => {
    const value = json[key];
    if (value === undefined) return fallback;
    const parsed = typeof value === 'string' ? parseIsoDate(value.trim()) : undefined;
    if (parsed) return parsed;
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) at(key, `${key}: "${value}" is not a real calendar day`);
    else at(key, `${key} must be a date written YYYY-MM-DD, such as "${formatDate(fallback)}", not ${JSON.stringify(value)}`);
    return fallback;
  };
  const name = json.name === undefined ? base.name : typeof json.name === 'string' ? json.name : (at('name', 'name must be text'), base.name);

  const tariff: Tariff = {
    name,
    pricePerCitizen: decimal('price_per_citizen', base.pricePerCitizen, '7.96', 'prices'),
    maxPricePerCitizen: decimal('max_price_per_citizen', base.maxPricePerCitizen, '7.96', 'prices'),
    kneeThreshold: whole('knee_threshold', base.kneeThreshold, 150000, 'a number of citizens'),
    kneeRate: decimal('knee_rate', base.kneeRate, '0.5', 'rates'),
    vatRate: decimal('vat_rate', base.vatRate, '0.25', 'rates'),
    pilotFreeMonths: whole('pilot_free_months', base.pilotFreeMonths, 2, 'a number of months'),
    agreementStart: day('agreement_start', base.agreementStart),
    agreementEnd: day('agreement_end', base.agreementEnd),
  };
  problems.throwIfAny();
  for (const message of tariffProblems(tariff)) {
    const key = KEYS.find((k) => message.startsWith(k)) ?? 'price_per_citizen';
    // A check between two keys is shown at the one the file gives: a maximum lowered below the built-in price.
    const other = key === 'price_per_citizen' ? 'max_price_per_citizen' : key === 'agreement_end' ? 'agreement_start' : undefined;
    at(json[key] === undefined && other !== undefined && json[other] !== undefined ? other : key, message);
  }
  problems.throwIfAny();
  return Object.freeze(tariff);
}
