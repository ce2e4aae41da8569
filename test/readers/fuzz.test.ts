// Random and mutated input for every reader: the only outcomes allowed are a result or a clean InputError —
// never another exception, never a hang.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { parseManifest } from '../../src/ledger/manifest.js';
import { readPopulation } from '../../src/readers/dst-population.js';
import { readIssuedRows } from '../../src/readers/issued-invoices.js';
import { parseJsonObject } from '../../src/readers/json.js';
import { readRoster } from '../../src/readers/roster.js';
import { readTariff } from '../../src/readers/tariff.js';
import { inChunks } from './read.js';
import { mutate, mutation } from '../mutations.js';

const SEEDS = {
  population: [
    'fixtures/shapes/api-codes-FOLK1A-2023K1-2024K1.csv',
    'fixtures/shapes/statbank-latin1-pivot-quarters.csv',
    'fixtures/shapes/statbank-latin1-multidim-filldown-years.csv',
    'fixtures/shapes/statbank-en-comma-pivot-sex-columns.csv',
    'fixtures/shapes/api-en-quarterQ-comma-BOM-CRLF.csv',
    'fixtures/dst/example2_api_FOLK1A_2020K1_regions_municipalities_labels.csv',
  ],
  roster: ['fixtures/roster/all-98-from-2024-01-01.csv', 'fixtures/roster/odense-and-kobenhavn.csv'],
};

/** The first few KiB of a fixture: enough of its shape to mutate, small enough to run often. */
const seed = (path: string) => readFileSync(path).subarray(0, 6000);

/** CSV-shaped noise: lines of fields drawn from what DST files are made of. */
const csvLike = fc
  .array(
    fc.array(
      fc.oneof(
        fc.constantFrom('OMRÅDE', 'TID', 'INDHOLD', 'KØN', 'I alt', 'Mænd', 'Hele landet', 'Odense', '461', '0101', 'Region Sjælland', '2024K1', '2024Q1', '2024M01', '2024', '..', '209078', '', ' ', '"x"', '"', 'kommune', 'available_from', 'exit_date', 'ean'),
        fc.string({ maxLength: 8 }),
        fc.integer({ min: -5, max: 1_000_000 }).map(String),
      ),
      { maxLength: 7 },
    ),
    { maxLength: 30 },
  )
  .chain((rows) => fc.constantFrom(';', ',').map((sep) => Buffer.from(rows.map((r) => r.join(sep)).join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0]))));

async function outcome(read: () => Promise<unknown>): Promise<'read' | 'refused'> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the reader did not finish within 5 s')), 5000);
  });
  try {
    await Promise.race([read(), hang]);
    return 'read';
  } catch (error) {
    if (error instanceof InputError) {
      for (const p of error.problems) expect(typeof p.message).toBe('string');
      return 'refused';
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const chunkSize = fc.integer({ min: 1, max: 70_000 });
const inputs = (seeds: string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([path, ms]) => mutate(seed(path), ms)) },
    { weight: 2, arbitrary: csvLike },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)) },
  );

describe('every reader, on random and mutated input, gives a result or a clean input error', () => {
  it('population (and forecast)', async () => {
    await fc.assert(
      fc.asyncProperty(inputs(SEEDS.population), chunkSize, fc.boolean(), async (bytes, size, sumSexes) => {
        await outcome(() => readPopulation('fuzz.csv', inChunks(bytes, () => size), { sumSexes }));
      }),
      { numRuns: 400 },
    );
  });

  it('roster', async () => {
    await fc.assert(
      fc.asyncProperty(inputs(SEEDS.roster), chunkSize, async (bytes, size) => {
        await outcome(() => readRoster('fuzz.csv', inChunks(bytes, () => size)));
      }),
      { numRuns: 300 },
    );
  });

  it('issued invoices', async () => {
    const header = 'invoice_number,kommune_code,kommune_name,ean,run,period_from,period_to,population_date,population,full_rate_citizens,reduced_rate_citizens,price_per_citizen,annual_fee,net_amount,vat_rate,vat_amount,gross_amount,notes';
    const file = Buffer.from(`${header}\nFLIS-2024-H1-461,461,Odense,,H1,2024-01-01,2024-06-30,2024-01-01,209078,150000,59078,7.96,1429130.44,714565.22,0.25,178641.31,893206.53,\n`);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 5 }), chunkSize, async (ms, size) => {
        await outcome(() => readIssuedRows('fuzz.csv', inChunks(mutate(file, ms), () => size)));
      }),
      { numRuns: 300 },
    );
  });

  it('tariff, config and manifest (JSON)', async () => {
    const tariff = Buffer.from(readFileSync('fixtures/errors/tariff-bad-value.json', 'utf8').replace('"half"', '"0.5"'));
    const json = fc.oneof(
      fc.array(mutation, { minLength: 1, maxLength: 5 }).map((ms) => mutate(tariff, ms).toString('utf8')),
      fc.json(),
      fc.string({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(json, async (text) => {
        await outcome(async () => readTariff('fuzz.json', text));
        await outcome(async () => parseJsonObject('fuzz.json', text, 'config file'));
        await outcome(async () => parseManifest('manifest.json', text));
      }),
      { numRuns: 500 },
    );
  });
});
