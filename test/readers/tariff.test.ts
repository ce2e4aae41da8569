import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/engine/dates.js';
import { FLIS_2024_2033 } from '../../src/engine/tariff.js';
import { readTariff } from '../../src/readers/tariff.js';
import { problemsOf } from './read.js';

const fromFile = (name: string) => readTariff(`fixtures/errors/${name}`, readFileSync(`fixtures/errors/${name}`, 'utf8'));

describe('tariff files', () => {
  it('override only what they name; the rest stays the built-in tariff', () => {
    const tariff = readTariff('t.json', '{ "price_per_citizen": "7.50", "pilot_free_months": 3, "agreement_end": "2030-12-31" }');
    expect(tariff.pricePerCitizen.toString()).toBe('7.5');
    expect(tariff.pilotFreeMonths).toBe(3);
    expect(formatDate(tariff.agreementEnd)).toBe('2030-12-31');
    expect(tariff.kneeThreshold).toBe(FLIS_2024_2033.kneeThreshold);
    expect(tariff.vatRate.toString()).toBe('0.25');
  });

  it('read decimals written as numbers exactly as written', () => {
    expect(readTariff('t.json', '{ "price_per_citizen": 7.1, "knee_rate": 0.5 }').pricePerCitizen.toString()).toBe('7.1');
  });

  it('an empty object is the built-in tariff', () => {
    expect(readTariff('t.json', '{}')).toEqual(FLIS_2024_2033);
  });
});

describe('refusals, each with its line', () => {
  it.each([
    ['tariff-price-above-maximum.json', 2, /price_per_citizen 8.5 is above the agreement's maximum of 7.96 DKK/],
    ['tariff-unknown-key.json', 3, /unknown tariff key "vat"/],
    ['tariff-not-json.json', 4, /not valid JSON/],
    ['tariff-bad-value.json', 2, /knee_rate must be a decimal number such as "7.96", not "half"/],
  ])('%s', async (name, line, message) => {
    const problems = await problemsOf(Promise.resolve().then(() => fromFile(name)));
    expect(problems[0]).toMatchObject({ file: `fixtures/errors/${name}`, line, message: expect.stringMatching(message) });
  });
});
