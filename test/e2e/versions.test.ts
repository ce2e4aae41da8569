// Tariff versions through the command line (billing rules §11): a run whose window spans a change has a line
// per price, in the manifest and on the e-invoice; a version added after a run was issued is corrected only with
// --supersede, the credit note carrying the credited invoice's lines; verify checks the lines; OIOUBL refuses a
// document at two VAT rates.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder, withTestAddresses } from './flis.js';

const POPULATION = join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv');

function setup(): { folder: string; tariff: (versions: object[]) => string; args: (...more: string[]) => string[] } {
  const folder = temporaryFolder();
  const roster = join(folder, 'roster.csv');
  // Odense from 1 January; København from 10 February: its H2 runs from 10 February to 31 December.
  writeFileSync(roster, `${withTestAddresses(['kommune;available_from;pilot_start;exit_date;ean;reference;comment', '461;2024-01-01;;;5790000000005;Økonomi;', '101;2024-02-10;;;5790000000012;Økonomi;']).join('\n')}\n`);
  let n = 0;
  const tariff = (versions: object[]) => {
    const path = join(folder, `tariff-${++n}.json`);
    writeFileSync(path, `${JSON.stringify({ versions }, null, 2)}\n`);
    return path;
  };
  return { folder, tariff, args: (...more) => ['invoice', '--year', '2024', '--population', POPULATION, '--roster', roster, '--lang', 'en', ...more] };
}

const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { entries: { tariff: { versions?: unknown[] }; lines?: Record<string, { net_amount: string; price_per_citizen: string }[]> }[] };

describe('a run across a change of the price', () => {
  it('a line per price: notes in the CSV, lines in the manifest and the e-invoice, verify content; a version added later is corrected only with --supersede', async () => {
    const { folder, tariff, args } = setup();
    const out = join(folder, 'run');
    const lowered = tariff([{ from: '2024-07-01', price_per_citizen: '7.50', decided: '2024-03-12' }]);
    const first = await flis(args('--period', 'H2', '--out', out, '--tariff', lowered, '--einvoice', 'peppol', '--issue-date', '2024-09-10'));
    expect(first.code, first.stderr).toBe(0);
    const csv = readFileSync(join(out, 'invoices-2024-H2.csv'), 'utf8');
    // København's H2 (10 February – 31 December) spans 1 July: 7.96 to 30 June, 7.50 from 1 July
    expect(csv).toMatch(/the price changes in the period: 2024-02-10 to 2024-06-30 7\.96 DKK per citizen, [\d,.]+ DKK; 2024-07-01 to 2024-12-31 7\.50 DKK per citizen, [\d,.]+ DKK/);
    const [entry] = manifestOf(out).entries;
    expect(entry!.tariff.versions).toEqual([{ from: '2024-07-01', price_per_citizen: '7.50', decided: '2024-03-12' }]);
    const lines = Object.entries(entry!.lines!);
    expect(lines.map(([number, l]) => [number, l.map((x) => x.price_per_citizen)])).toEqual([['FLIS-2024-H2-0001', ['7.96', '7.50']]]);
    const xml = readFileSync(join(out, 'einvoices/FLIS-2024-H2-0001.xml'), 'utf8');
    expect(xml.match(/<cac:InvoiceLine>/g)).toHaveLength(2);
    for (const l of lines[0]![1]) expect(xml).toContain(`<cbc:LineExtensionAmount currencyID="DKK">${l.net_amount}</cbc:LineExtensionAmount>`);
    expect((await flis(['verify', out])).code).toBe(0);

    // The same inputs again: unchanged. A lower price from 1 October, added later: refused, then corrected.
    expect((await flis(args('--period', 'H2', '--out', out, '--tariff', lowered, '--einvoice', 'peppol'))).stderr).toMatch(/already issued, unchanged/);
    const later = tariff([{ from: '2024-07-01', price_per_citizen: '7.50', decided: '2024-03-12' }, { from: '2024-10-01', price_per_citizen: '7.00' }]);
    const refused = await flis(args('--period', 'H2', '--out', out, '--tariff', later, '--einvoice', 'peppol', '--issue-date', '2024-11-01'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--supersede/);
    const corrected = await flis(args('--period', 'H2', '--out', out, '--tariff', later, '--einvoice', 'peppol', '--issue-date', '2024-11-01', '--supersede'));
    expect(corrected.code, corrected.stderr).toBe(0);
    const correction = manifestOf(out).entries[1]!;
    // Both municipalities' H2 change: credit notes with the credited invoices' lines, negated, and new invoices with three and two lines.
    expect(Object.fromEntries(Object.entries(correction.lines!).map(([number, l]) => [number, l.map((x) => `${x.price_per_citizen} ${x.net_amount}`)]))).toEqual({
      'FLIS-2024-H2-K0001': lines[0]![1].map((l) => `${l.price_per_citizen} -${l.net_amount}`),
      'FLIS-2024-H2-0003': [expect.stringMatching(/^7\.96 /), expect.stringMatching(/^7\.50 /), expect.stringMatching(/^7\.00 /)],
      'FLIS-2024-H2-0004': [expect.stringMatching(/^7\.50 /), expect.stringMatching(/^7\.00 /)],
    });
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H2-K0001.xml'), 'utf8').match(/<cac:CreditNoteLine>/g)).toHaveLength(2);
    const verified = await flis(['verify', out]);
    expect(verified.code, verified.stdout).toBe(0);

    // A manifest whose lines do not add up to the document is not sound.
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    writeFileSync(join(out, 'manifest.json'), manifest.replace(`"net_amount": "${lines[0]![1][0]!.net_amount}"`, '"net_amount": "1.00"'));
    const broken = await flis(['verify', out]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/records lines for FLIS-2024-H2-0001 whose net_amount add up to/);
  }, 120_000);

  it('OIOUBL refuses a document at two VAT rates, naming it; Peppol writes a subtotal per rate', async () => {
    const { folder, tariff, args } = setup();
    const vat = tariff([{ from: '2024-05-01', vat_rate: '0.2' }]);
    const refused = await flis(args('--period', 'H1', '--out', join(folder, 'oioubl'), '--tariff', vat, '--einvoice', 'oioubl', '--issue-date', '2024-02-12'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/FLIS-2024-H1-0001 bills days at two VAT rates .* cannot be sent as OIOUBL/);
    const peppol = await flis(args('--period', 'H1', '--out', join(folder, 'peppol'), '--tariff', vat, '--einvoice', 'peppol', '--issue-date', '2024-02-12'));
    expect(peppol.code, peppol.stderr).toBe(0);
    const xml = readFileSync(join(folder, 'peppol/einvoices/FLIS-2024-H1-0001.xml'), 'utf8');
    expect(xml.match(/<cac:TaxSubtotal>/g)).toHaveLength(2);
  }, 60_000);

  it('a version refused in the tariff file: exit 1, at its line', async () => {
    const { folder, args } = setup();
    const path = join(folder, 'bad.json');
    writeFileSync(path, '{\n  "versions": [\n    { "from": "2024-07-01", "price_per_citizen": "8.10" }\n  ]\n}\n');
    const r = await flis(args('--period', 'H1', '--tariff', path));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json:3/);
    expect(r.stderr).toMatch(/price_per_citizen 8\.1 is above the maximum of 7\.96 DKK/);
  });

  it('an exit settlement across a change: a line per price in the year of the change, each year named once in words, the versions stated', async () => {
    const r = await flis(['exit', '--kommune', 'Odense', '--date', '2028-04-01', '--tariff', join(ROOT, 'fixtures/tariff/price-lowered-2028.json'), '--lang', 'en', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^2028 /gm)).toHaveLength(2);
    expect(r.stdout).toMatch(/no population on 1 January 2028–2033:/);
    expect(r.stdout).toMatch(/from\s+2028-07-01 7\.50 DKK per citizen, 3\.75 DKK above 150,000 citizens, VAT 25 % \(Kommunestyregruppen\s+12\.03\.2028\)/);
    expect(r.stdout).toMatch(/Settlement: +7,763,266\.36 DKK/);
  });
});
