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
    ['tariff-bad-value.json', 2, /knee_rate must be a decimal number such as "0.5", not "half"/],
    ['tariff-negative-vat-rate.json', 3, /^vat_rate is negative \("-0.25"\): negative rates are refused$/],
    ['tariff-duplicate-key.json', 3, /^"price_per_citizen" is given twice in the tariff \(first on line 2\)/],
    ['tariff-maximum-raised.json', 3, /^max_price_per_citizen 9.92 is above the agreement's maximum of 7.96 DKK/],
  ])('%s', async (name, line, message) => {
    const problems = await problemsOf(Promise.resolve().then(() => fromFile(name)));
    expect(problems[0]).toMatchObject({ file: `fixtures/errors/${name}`, line, message: expect.stringMatching(message) });
  });
});

describe('each value is told what fits its key', () => {
  const problemsIn = (json: string) => problemsOf(Promise.resolve().then(() => readTariff('t.json', json)));

  it.each([
    // malformed: the example is the key's own kind of value
    ['{ "price_per_citizen": "7,96" }', 'price_per_citizen must be a decimal number such as "7.96", not "7,96"'],
    ['{ "max_price_per_citizen": true }', 'max_price_per_citizen must be a decimal number such as "7.96", not true'],
    ['{ "vat_rate": "25 %" }', 'vat_rate must be a decimal number such as "0.25", not "25 %"'],
    ['{ "knee_threshold": 1.5 }', 'knee_threshold must be a whole number such as 150000, not 1.5'],
    ['{ "knee_threshold": "150000" }', 'knee_threshold must be a whole number without quotes, such as 150000, not "150000"'],
    ['{ "pilot_free_months": "two" }', 'pilot_free_months must be a whole number such as 2, not "two"'],
    ['{ "agreement_end": "31-12-2033" }', 'agreement_end must be a date written YYYY-MM-DD, such as "2033-12-31", not "31-12-2033"'],
    // well-formed but negative: refused as negative, not as malformed
    ['{ "vat_rate": -0.25 }', 'vat_rate is negative (-0.25): negative rates are refused'],
    ['{ "knee_rate": "-0.5" }', 'knee_rate is negative ("-0.5"): negative rates are refused'],
    ['{ "price_per_citizen": "-7.96" }', 'price_per_citizen is negative ("-7.96"): negative prices are refused'],
    ['{ "knee_threshold": -150000 }', 'knee_threshold is negative (-150000): a number of citizens below 0 is refused'],
    ['{ "pilot_free_months": -2 }', 'pilot_free_months is negative (-2): a number of months below 0 is refused'],
    // well-formed but out of range: the value and the range
    ['{ "vat_rate": "25" }', 'vat_rate 25 is out of range: from 0 to below 1 (0.25 is 25 %)'],
    ['{ "knee_rate": 1.5 }', 'knee_rate 1.5 is out of range: from 0 to 1 (0.5 is half the price)'],
    ['{ "pilot_free_months": 30 }', 'pilot_free_months 30 is out of range: a whole number of months from 0 to 24'],
    ['{ "agreement_end": "2033-02-30" }', 'agreement_end: "2033-02-30" is not a real calendar day'],
    ['{ "price_per_citizen": "0" }', 'price_per_citizen must be above 0, not 0'],
    ['{ "agreement_end": "2040-12-31" }', "agreement_end 2040-12-31 is after the agreement's repayment period (2024-01-01 to 2033-12-31, Bilag 1 §2.1): a tariff may shorten it, never lengthen it, except by an extension: a version from 2034-01-01 with its terms"],
  ])('%s', async (json, message) => {
    expect((await problemsIn(json)).map((p) => p.message)).toEqual([message]);
  });

  it('a negative value gets an example of its own key', async () => {
    expect((await problemsIn('{ "vat_rate": "-0.25" }'))[0]!.hint).toBe('Give 0 or more, such as "0.25".');
    expect((await problemsIn('{ "knee_threshold": -1 }'))[0]!.hint).toBe('Give 0 or more, such as 150000.');
  });

  it('a check between two keys is shown at the key the file gives', async () => {
    const text = '{\n  "name": "lower maximum",\n  "max_price_per_citizen": "5"\n}';
    const [lowered] = await problemsOf(Promise.resolve().then(() => readTariff('t.json', text)));
    expect(lowered).toMatchObject({ line: 3, message: "price_per_citizen 7.96 is above the agreement's maximum of 5 DKK (Bilag 1 §2.2)" });
    const [late] = await problemsIn('{\n  "agreement_start": "2034-01-01"\n}');
    expect(late).toMatchObject({ line: 2, message: 'agreement_end 2033-12-31 is before agreement_start 2034-01-01' });
  });
});

describe('versions (§11)', () => {
  const problemsIn = (json: string) => problemsOf(Promise.resolve().then(() => readTariff('t.json', json)));

  it('the example tariff: a price lowered from 1 July 2028, decided 12 March 2028', () => {
    const tariff = readTariff('fixtures/tariff/price-lowered-2028.json', readFileSync('fixtures/tariff/price-lowered-2028.json', 'utf8'));
    expect(tariff.pricePerCitizen.toString()).toBe('7.96');
    expect(tariff.versions).toEqual([
      { from: { year: 2028, month: 7, day: 1 }, pricePerCitizen: expect.anything(), decided: { year: 2028, month: 3, day: 12 }, decision: 'Kommunestyregruppen 12.03.2028' },
    ]);
    expect(tariff.versions![0]!.pricePerCitizen!.toString()).toBe('7.5');
  });

  it('each problem of a version is refused at its own line, all at once', async () => {
    const json = [
      '{',
      '  "versions": [',
      '    { "from": "2029-01-01", "price_per_citizen": "7.00" },',
      '    { "from": "2028-07-01",',
      '      "price_per_citizen": "8.10" },',
      '    { "from": "2028-07-01", "knee_rate": "-0.5" },',
      '    { "from": "2023-01-01" },',
      '    { "from": "2030-01-01", "max_price_per_citizen": "9.00" },',
      '    { "price": "7" }',
      '  ]',
      '}',
    ].join('\n');
    const problems = await problemsIn(json);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'knee_rate is negative ("-0.5"): negative rates are refused'],
      [9, 'unknown key "price" in version 6'],
      [9, 'version 6 has no "from": the day it takes effect'],
    ]);
    const sound = json.replace('"knee_rate": "-0.5"', '"knee_rate": "0.4"').replace('    { "price": "7" }', '    { "from": "2031-01-01" }').replace('"9.00" },', '"9.00" },');
    expect((await problemsIn(sound)).map((p) => [p.line, p.message.replace(/:.*/, '')])).toEqual([
      [4, 'version 2 (from 2028-07-01) comes after version 1 (from 2029-01-01)'],
      [5, 'version 2 (from 2028-07-01)'],
      [6, 'version 3 takes effect on 2028-07-01, as version 2 does'],
      [7, 'version 4 (from 2023-01-01) comes after version 3 (from 2028-07-01)'],
      [7, 'version 4 takes effect on 2023-01-01, before agreement_start 2024-01-01'],
      [8, 'version 5 (from 2030-01-01) sets max_price_per_citizen'],
    ]);
  });

  it('versions must be a list of objects', async () => {
    expect((await problemsIn('{ "versions": { "from": "2028-07-01" } }'))[0]!.message).toMatch(/^versions must be a list of versions/);
    expect((await problemsIn('{ "versions": [ "2028-07-01" ] }'))[0]!.message).toMatch(/^version 1 must be an object/);
  });

  it('an extension: agreement_end after 2033 only with a version from 2034-01-01', async () => {
    expect((await problemsIn('{ "agreement_end": "2038-12-31", "versions": [ { "from": "2030-01-01", "price_per_citizen": "7" } ] }'))[0]!.message).toMatch(
      /^agreement_end 2038-12-31 extends the agreement's repayment period/,
    );
    const extended = readTariff('t.json', '{ "agreement_end": "2038-12-31", "versions": [ { "from": "2034-01-01", "max_price_per_citizen": "8.40", "price_per_citizen": "8.40" } ] }');
    expect(formatDate(extended.agreementEnd)).toBe('2038-12-31');
  });
});
