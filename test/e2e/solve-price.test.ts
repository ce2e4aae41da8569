// flis revenue --budget --solve-price-from (billing rules §11): the §5 price on the shipped data with the
// illustrative budget, proven by the incomes at it and at one øre more; --write-tariff; no price suffices.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

const BUDGET = join(ROOT, 'fixtures/budget/illustrative-costs-2024-2033.csv');
const solve = (...more: string[]) => flis(['revenue', '--budget', BUDGET, '--solve-price-from', '2028-07-01', '--quiet', ...more]);

describe('flis revenue --solve-price-from', () => {
  it('the shipped data and the illustrative budget: 7.80 from 1 July 2028, income within the costs, and above them at 7.81', async () => {
    const r = await solve('--json');
    expect(r.code, r.stderr).toBe(0);
    const budget = (JSON.parse(r.stdout) as { budget: Record<string, string | null> }).budget;
    expect(budget).toMatchObject({
      solved_price_from: '2028-07-01',
      solved_price_outcome: 'solved',
      solved_price_per_citizen: '7.80',
      costs: '435500000.00',
      income_at_solved_price: '435464043.84',
      income_at_one_ore_more: '435768293.64',
    });
    // The tariff written has the version; revenue on it gives the income stated, within the costs.
    const folder = temporaryFolder();
    const file = join(folder, 'tariff-7.80.json');
    expect((await solve('--write-tariff', file)).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ versions: [{ from: '2028-07-01', price_per_citizen: '7.80' }] });
    const again = await flis(['revenue', '--budget', BUDGET, '--tariff', file, '--json', '--quiet']);
    expect((JSON.parse(again.stdout) as { total: { total: string } }).total.total).toBe('435464043.84');
    // Written again with the same content: left as it is; a file with other content is never written over.
    expect((await solve('--write-tariff', file)).code).toBe(0);
    writeFileSync(file, '{}\n');
    const refused = await solve('--write-tariff', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists with other content; flis does not overwrite it/);
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
  }, 120_000);

  it('the report says it in words, in the language of the documents', async () => {
    const en = await solve('--lang', 'en');
    expect(en.stdout).toMatch(/The highest price per citizen from 2028-07-01 at which the income 2024–2033 does not exceed the costs \(435,500,000.00 DKK\): 7.80 DKK \(income 435,464,043.84 DKK; at 7.81 DKK it would be 435,768,293.64 DKK, above the costs\)\./);
    const da = await solve('--format', 'md');
    expect(da.stdout).toMatch(/Den højeste pris pr\. borger fra 1\. juli 2028, .*: 7,80 kr\./);
  }, 60_000);

  it('no price of 0 or more suffices: said, with the figures, exit 0, and no tariff written', async () => {
    const folder = temporaryFolder();
    const budget = join(folder, 'budget.csv');
    writeFileSync(budget, `year;amount\n${Array.from({ length: 10 }, (_, i) => `${2024 + i};1000000`).join('\n')}\n`);
    const file = join(folder, 'tariff.json');
    const r = await flis(['revenue', '--budget', budget, '--solve-price-from', '2028-07-01', '--write-tariff', file, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No price of 0 or more from 2028-07-01 keeps the income 2024–2033 within the costs \(10,000,000.00 DKK\): at 0.00 DKK per citizen from then on, the income would still be [\d,.]+ DKK\./);
    expect(r.stderr).toMatch(/was not written/);
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it('refuses what cannot be answered: no budget, a day outside the repayment period, --write-tariff alone', async () => {
    expect((await flis(['revenue', '--solve-price-from', '2028-07-01'])).stderr).toMatch(/--solve-price-from needs --budget/);
    const outside = await flis(['revenue', '--budget', BUDGET, '--solve-price-from', '2034-01-01']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/outside the repayment period/);
    expect((await flis(['revenue', '--budget', BUDGET, '--write-tariff', 'x.json'])).code).toBe(2);
    expect((await flis(['revenue', '--budget', BUDGET, '--solve-price-from', '31/12/2028'])).code).toBe(2);
  }, 60_000);
});
