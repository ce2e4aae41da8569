// A tariff file (JSON) that overrides parts of the built-in FLIS 2024–2033 tariff.
//
//   { "price_per_citizen": "7.96", "max_price_per_citizen": "7.96", "knee_threshold": 150000,
//     "knee_rate": "0.5", "vat_rate": "0.25", "pilot_free_months": 2,
//     "agreement_start": "2024-01-01", "agreement_end": "2033-12-31", "name": "…" }
//
// Every key is optional; a key not given keeps the built-in value. Decimals may be written as strings
// (recommended) or numbers. Unknown keys are refused: a misspelt key must not silently leave a default.
//
// "versions" (billing rules §11) lists changes of the terms over time, in date order, each from its day on:
//   "versions": [ { "from": "2028-07-01", "price_per_citizen": "7.50", "decided": "2028-03-12",
//                   "decision": "Kommunestyregruppen 12.03.2028" } ]
// A version gives any of price_per_citizen, knee_threshold, knee_rate, vat_rate (and, in an extension from the day
// after the agreement's end, max_price_per_citizen); a term it does not give keeps the value in force before it.
// Every problem of a version is shown at its own line.

import { ProblemList } from '../errors.js';
import { type CalendarDate, formatDate, parseIsoDate } from '../engine/dates.js';
import { Decimal } from '../engine/money.js';
import { FLIS_2024_2033, type Tariff, type TariffVersion, tariffProblems, versionProblems } from '../engine/tariff.js';
import { excerptAt, keyLines, parseJsonObject } from './json.js';

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
  'versions',
] as const;

/** The keys of a version. */
const VERSION_KEYS = ['from', 'price_per_citizen', 'max_price_per_citizen', 'knee_threshold', 'knee_rate', 'vat_rate', 'decided', 'decision'] as const;

type Json = Record<string, unknown>;

export function readTariff(file: string, text: string, base: Tariff = FLIS_2024_2033): Tariff {
  const json = parseJsonObject(file, text, 'tariff');
  const problems = new ProblemList();
  const lines = keyLines(text);
  /** A problem at a key, by its path (["versions", "1", "from"]); shown at the line of the nearest part of the path found. */
  const at = (path: string | readonly string[], message: string, hint?: string): void => {
    const parts = typeof path === 'string' ? [path] : path;
    let line: number | undefined;
    for (let n = parts.length; n > 0 && line === undefined; n--) line = lines.get(parts.slice(0, n).join('.'));
    problems.add({ file, line, excerpt: line ? excerptAt(text, line) : undefined, message, hint });
  };

  for (const key of Object.keys(json)) {
    if (!(KEYS as readonly string[]).includes(key)) at(key, `unknown tariff key "${key}"`, `The tariff's keys are ${KEYS.join(', ')}.`);
  }

  /** A decimal of 0 or more; `example` fits the key, `what` names its values for a refusal ("prices"). */
  const decimal = <T>(object: Json, path: readonly string[], fallback: T, example: string, what: string): Decimal | T => {
    const key = path[path.length - 1]!;
    const value = object[key];
    if (value === undefined) return fallback;
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    if (typeof value === 'number' ? value < 0 : text !== undefined && /^-\d+(\.\d+)?$/.test(text)) {
      at(path, `${key} is negative (${JSON.stringify(value)}): negative ${what} are refused`, `Give 0 or more, such as "${example}".`);
    } else if (text !== undefined && (typeof value === 'number' || /^\d+(\.\d+)?$/.test(text))) {
      return new Decimal(text);
    } else {
      at(path, `${key} must be a decimal number such as "${example}", not ${JSON.stringify(value)}`);
    }
    return fallback;
  };
  /** A whole number of 0 or more, written without quotes; `example` fits the key. */
  const whole = <T>(object: Json, path: readonly string[], fallback: T, example: number, what: string): number | T => {
    const key = path[path.length - 1]!;
    const value = object[key];
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      at(path, `${key} is negative (${value}): ${what} below 0 is refused`, `Give 0 or more, such as ${example}.`);
    } else if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
      at(path, `${key} must be a whole number without quotes, such as ${example}, not ${JSON.stringify(value)}`);
    } else {
      at(path, `${key} must be a whole number such as ${example}, not ${JSON.stringify(value)}`);
    }
    return fallback;
  };
  const day = <T>(object: Json, path: readonly string[], fallback: T, example: CalendarDate): CalendarDate | T => {
    const key = path[path.length - 1]!;
    const value = object[key];
    if (value === undefined) return fallback;
    const parsed = typeof value === 'string' ? parseIsoDate(value.trim()) : undefined;
    if (parsed) return parsed;
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) at(path, `${key}: "${value}" is not a real calendar day`);
    else at(path, `${key} must be a date written YYYY-MM-DD, such as "${formatDate(example)}", not ${JSON.stringify(value)}`);
    return fallback;
  };
  const name = json.name === undefined ? base.name : typeof json.name === 'string' ? json.name : (at('name', 'name must be text'), base.name);

  const tariff: Tariff = {
    name,
    pricePerCitizen: decimal(json, ['price_per_citizen'], base.pricePerCitizen, '7.96', 'prices'),
    maxPricePerCitizen: decimal(json, ['max_price_per_citizen'], base.maxPricePerCitizen, '7.96', 'prices'),
    kneeThreshold: whole(json, ['knee_threshold'], base.kneeThreshold, 150000, 'a number of citizens'),
    kneeRate: decimal(json, ['knee_rate'], base.kneeRate, '0.5', 'rates'),
    vatRate: decimal(json, ['vat_rate'], base.vatRate, '0.25', 'rates'),
    pilotFreeMonths: whole(json, ['pilot_free_months'], base.pilotFreeMonths, 2, 'a number of months'),
    agreementStart: day(json, ['agreement_start'], base.agreementStart, base.agreementStart),
    agreementEnd: day(json, ['agreement_end'], base.agreementEnd, base.agreementEnd),
    ...(json.versions === undefined ? {} : { versions: readVersions(json.versions) }),
  };

  function readVersions(value: unknown): TariffVersion[] {
    if (!Array.isArray(value)) {
      at('versions', `versions must be a list of versions, [ { "from": "2028-07-01", "price_per_citizen": "7.50" } ], not ${JSON.stringify(value)?.slice(0, 60)}`);
      return [];
    }
    const versions: TariffVersion[] = [];
    value.forEach((item: unknown, i) => {
      const path = (key?: string) => (key === undefined ? ['versions', `${i}`] : ['versions', `${i}`, key]);
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        at(path(), `version ${i + 1} must be an object such as { "from": "2028-07-01", "price_per_citizen": "7.50" }, not ${JSON.stringify(item)?.slice(0, 60)}`);
        return;
      }
      const v = item as Json;
      for (const key of Object.keys(v)) {
        if (!(VERSION_KEYS as readonly string[]).includes(key)) at(path(key), `unknown key "${key}" in version ${i + 1}`, `A version's keys are ${VERSION_KEYS.join(', ')}.`);
      }
      const from = day(v, path('from'), undefined, { year: 2028, month: 7, day: 1 });
      if (v.from === undefined) at(path(), `version ${i + 1} has no "from": the day it takes effect`, 'Give "from": "YYYY-MM-DD".');
      if (v.decision !== undefined && typeof v.decision !== 'string') at(path('decision'), `decision in version ${i + 1} must be text, such as "Kommunestyregruppen 12.03.2028"`);
      const terms = {
        pricePerCitizen: decimal(v, path('price_per_citizen'), undefined, '7.50', 'prices'),
        maxPricePerCitizen: decimal(v, path('max_price_per_citizen'), undefined, '7.96', 'prices'),
        kneeThreshold: whole(v, path('knee_threshold'), undefined, 150000, 'a number of citizens'),
        kneeRate: decimal(v, path('knee_rate'), undefined, '0.5', 'rates'),
        vatRate: decimal(v, path('vat_rate'), undefined, '0.25', 'rates'),
        decided: day(v, path('decided'), undefined, { year: 2028, month: 3, day: 12 }),
      };
      if (!from) return;
      versions.push({
        from,
        ...Object.fromEntries(Object.entries(terms).filter(([, t]) => t !== undefined)),
        ...(typeof v.decision === 'string' ? { decision: v.decision } : {}),
      } as TariffVersion);
    });
    return versions;
  }

  problems.throwIfAny();
  const { versions: inVersions } = versionProblems(tariff);
  for (const problem of inVersions) at(['versions', `${problem.index}`, problem.key], problem.message);
  const versionMessages = new Set(inVersions.map((p) => p.message));
  for (const message of tariffProblems(tariff)) {
    if (versionMessages.has(message)) continue;
    const key = KEYS.find((k) => message.startsWith(k)) ?? 'price_per_citizen';
    // A check between two keys is shown at the one the file gives: a maximum lowered below the built-in price.
    const other = key === 'price_per_citizen' ? 'max_price_per_citizen' : key === 'agreement_end' ? 'agreement_start' : undefined;
    at(json[key] === undefined && other !== undefined && json[other] !== undefined ? other : key, message);
  }
  problems.throwIfAny();
  return Object.freeze(tariff);
}
