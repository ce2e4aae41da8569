import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { INVOICE_FIELDS } from '../../src/documents/invoice-document.js';
import { ROOT, flis, TEST_TODAY, temporaryFolder } from './flis.js';

interface InvoiceJson {
  year: number;
  run: string;
  invoices: Record<string, string | number | null>[];
  totals: { count: number; net_amount: string; vat_amount: string; gross_amount: string };
}

const json = (stdout: string) => JSON.parse(stdout) as InvoiceJson;
const cents = (amount: string) => BigInt(amount.replace('.', ''));
const sumOf = (values: string[]) => {
  const total = values.reduce((a, v) => a + cents(v), 0n);
  return `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
};

describe('flis invoice on the shipped real data (the quick start)', () => {
  it('H1 2024: 98 invoices, net 22,016,601.81, one JSON document on stdout and nothing on stderr', async () => {
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = json(r.stdout);
    expect(doc.year).toBe(2024);
    expect(doc.run).toBe('H1');
    expect(doc.invoices).toHaveLength(98);
    expect(doc.totals).toEqual({ count: 98, net_amount: '22016601.81', vat_amount: '5504150.70', gross_amount: '27520752.51' });
    expect(sumOf(doc.invoices.map((i) => i.net_amount as string))).toBe('22016601.81');
    expect(Object.keys(doc.invoices[0]!)).toEqual([...INVOICE_FIELDS]);
  });

  it('Odense and København as in the spec', async () => {
    const doc = json((await flis(['invoice', '--period', 'H1', '--year', '2024', '--json'])).stdout);
    const odense = doc.invoices.find((i) => i.kommune_code === '461')!;
    expect(odense).toEqual({
      // The number the first issue would give it: the 52nd municipality in code order. Nothing is issued: no dates.
      invoice_number: 'FLIS-2024-H1-0052',
      document_type: 'invoice',
      issue_date: null,
      due_date: null,
      credited_invoice: null,
      replaced_invoice: null,
      kommune_code: '461',
      kommune_name: 'Odense',
      buyer_name: 'Odense Kommune',
      buyer_cvr: '35209115',
      buyer_street: 'Flakhaven 2',
      buyer_postal_code: '5000',
      buyer_city: 'Odense C',
      ean: '2000000461007', // the shipped roster's illustrative EAN
      buyer_reference: 'Økonomi FLIS 461', // and its illustrative reference
      kontostreng: null,
      run: 'H1',
      period_from: '2024-01-01',
      period_to: '2024-06-30',
      population_date: '2024-01-01',
      population: 209078,
      full_rate_citizens: 150000,
      reduced_rate_citizens: 59078,
      price_per_citizen: '7.96',
      annual_fee: '1429130.44',
      net_amount: '714565.22',
      vat_rate: '0.25',
      vat_amount: '178641.31',
      gross_amount: '893206.53',
      notes: '',
    });
    // København's address is not confirmed and the shipped roster gives none: its invoice carries none.
    expect(doc.invoices.find((i) => i.kommune_code === '101')).toMatchObject({ invoice_number: 'FLIS-2024-H1-0001', buyer_name: 'Københavns Kommune', buyer_cvr: '64942212', buyer_street: null, net_amount: '1610606.50' });
    expect(doc.invoices.map((i) => i.invoice_number)).toEqual(Array.from({ length: 98 }, (_, i) => `FLIS-2024-H1-${String(i + 1).padStart(4, '0')}`));
  });

  it('H1 + H2 2024 make the year, 44,033,203.62, and each municipality its rounded annual fee; DEC is empty', async () => {
    const [h1, h2, dec] = await Promise.all(['H1', 'H2', 'DEC'].map((p) => flis(['invoice', '--period', p, '--year', '2024', '--json'])));
    const first = json(h1!.stdout);
    const second = json(h2!.stdout);
    expect(sumOf([first.totals.net_amount, second.totals.net_amount])).toBe('44033203.62');
    for (const invoice of first.invoices) {
      const other = second.invoices.find((i) => i.kommune_code === invoice.kommune_code)!;
      expect(sumOf([invoice.net_amount as string, other.net_amount as string])).toBe(invoice.annual_fee);
    }
    expect(dec!.code).toBe(0);
    expect(json(dec!.stdout).invoices).toEqual([]);
    expect(json(dec!.stdout).totals).toEqual({ count: 0, net_amount: '0.00', vat_amount: '0.00', gross_amount: '0.00' });
  });

  it('prints a readable table with totals by default, in Danish', async () => {
    const r = await flis(['invoice', '--period', 'h1', '--year', '2024']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FLIS-fakturaer, kørsel H1 2024: 98 fakturaer, befolkningstal pr. 1. januar 2024\n/);
    expect(r.stdout).toMatch(/FLIS-2024-H1-0001 +København +01.01.2024 – 30.06.2024 +659.350 +1.610.606,50 +402.651,63 +2.013.258,13/);
    expect(r.stdout).toMatch(/I alt, 98 fakturaer +22.016.601,81 +5.504.150,70 +27.520.752,51/);
    expect(r.stderr).not.toMatch(/\x1b\[/);
  });

  it('and in English with --lang en', async () => {
    const r = await flis(['invoice', '--period', 'h1', '--year', '2024', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FLIS invoices, run H1 2024: 98 invoices/);
    expect(r.stdout).toMatch(/FLIS-2024-H1-0001 +København +2024-01-01 – 2024-06-30 +659,350 +1,610,606.50 +402,651.63 +2,013,258.13/);
    expect(r.stdout).toMatch(/Total, 98 invoices +22,016,601.81 +5,504,150.70 +27,520,752.51/);
  });

  it('reads every shape of DST file to the same invoices', async () => {
    const shapes = readdirSync(join(ROOT, 'fixtures/shapes')).filter((f) => f.endsWith('.csv'));
    expect(shapes.length).toBeGreaterThanOrEqual(7);
    for (const shape of shapes) {
      const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--json', '--quiet', '--population', `fixtures/shapes/${shape}`]);
      expect(r.code, `${shape}: ${r.stderr}`).toBe(0);
      expect(json(r.stdout).totals.net_amount, shape).toBe('22016601.81');
    }
  });
});

describe('--out DIR', () => {
  it('writes invoices-YEAR-RUN.csv and a summary; the same run again changes nothing', async () => {
    const out = join(temporaryFolder(), 'run');
    const first = await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out]);
    expect(first.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['invoices-2024-H1.csv', 'manifest.json', 'summary-2024-H1.txt']);
    const csv = readFileSync(join(out, 'invoices-2024-H1.csv'), 'utf8');
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv).not.toMatch(/\r/);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...INVOICE_FIELDS]);
    expect(rows).toHaveLength(98);
    expect(sumOf(rows.map((r) => r.net_amount!))).toBe('22016601.81');
    expect(rows.find((r) => r.kommune_code === '461')!.net_amount).toBe('714565.22');
    const summary = readFileSync(join(out, 'summary-2024-H1.txt'), 'utf8');
    expect(summary).toMatch(/^FLIS fakturakørsel H1 2024\n/);
    expect(summary).toMatch(/\nFakturaer: +98\n/);
    expect(summary).toMatch(/\nNettobeløb: +22.016.601,81 kr.\n/);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries[0].lang).toBe('da');
    expect(first.stderr).toMatch(/wrote .*invoices-2024-H1.csv/);

    const before = statSync(join(out, 'invoices-2024-H1.csv')).mtimeMs;
    const again = await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already issued, unchanged/);
    expect(readFileSync(join(out, 'invoices-2024-H1.csv'), 'utf8')).toBe(csv);
    expect(statSync(join(out, 'invoices-2024-H1.csv')).mtimeMs).toBe(before);
  });

  it('--dry-run writes nothing', async () => {
    const out = join(temporaryFolder(), 'run');
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--dry-run: would write .*invoices-2024-H1.csv/);
    expect(() => readdirSync(out)).toThrow();
  });

  it('--quiet prints nothing on stderr', async () => {
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', temporaryFolder(), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('notes for late availability, pilots and exits', () => {
  it('are written in words on the invoices they concern', async () => {
    const folder = temporaryFolder();
    writeFileSync(
      join(folder, 'roster.csv'),
      'kommune;available_from;pilot_start;exit_date;ean\n461;2024-01-01;2024-01-01;;5901234123457\n101;2024-01-15;;2024-05-16;\n147;2024-03-15;;;\n',
    );
    const args = (p: string, lang = 'en') => ['invoice', '--period', p, '--year', '2024', '--json', '--roster', join(folder, 'roster.csv'), '--lang', lang];
    const h1 = json((await flis(args('H1'))).stdout);
    const odense = h1.invoices.find((i) => i.kommune_code === '461')!;
    expect(odense.ean).toBe('5901234123457');
    expect(h1.invoices.find((i) => i.kommune_code === '101')!.ean).toBeNull(); // no EAN on the roster: null in JSON
    expect(odense.notes).toBe('pilot municipality: no charge 2024-01-01 to 2024-02-29 (60 days)');
    expect(h1.invoices.find((i) => i.kommune_code === '101')!.notes).toBe(
      'available from 2024-01-15 (tilrådighedsstillelse): billed from that day; left FLIS on 2024-05-16 (udtræden): billed to the day before',
    );
    expect(h1.invoices.map((i) => i.kommune_code)).toEqual(['101', '461']);
    const h2 = json((await flis(args('H2'))).stdout);
    expect(h2.invoices.map((i) => i.kommune_code)).toEqual(['147', '461']);
    expect(h2.invoices[0]).toMatchObject({ period_from: '2024-03-15', notes: 'available from 2024-03-15 (tilrådighedsstillelse): billed from that day' });

    // In Danish (the default): the same notes in the agreements' terms, Danish dates; the fields themselves unchanged.
    const da = json((await flis(args('H1', 'da'))).stdout);
    expect(da.invoices.find((i) => i.kommune_code === '461')).toMatchObject({
      period_from: '2024-01-01',
      net_amount: odense.net_amount,
      notes: 'pilotkommune: gratis i pilotperioden 1. januar – 29. februar 2024 (60 dage)',
    });
    expect(da.invoices.find((i) => i.kommune_code === '101')!.notes).toBe(
      'stillet til rådighed fra 15. januar 2024 (tilrådighedsstillelse): faktureret fra den dag; udtrådt af FLIS 16. maj 2024 (udtræden): faktureret til og med dagen før',
    );
    expect({ ...da, invoices: da.invoices.map((i) => ({ ...i, notes: '' })) }).toEqual({ ...h1, invoices: h1.invoices.map((i) => ({ ...i, notes: '' })) });
  });
});

describe('bad input data: exit 1, the file and line, nothing written', () => {
  it('shows the offending line with a marker under the culprit', async () => {
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--roster', 'fixtures/errors/roster-unknown-municipality.csv']);
    expect(r.stderr).toBe(
      'flis: error: fixtures/errors/roster-unknown-municipality.csv:3: unknown municipality: "Odens" is not a Danish municipality\n' +
        '  3 | Odens;2024-01-01;;;\n' +
        '    | ^^^^^\n' +
        '  Did you mean Odense (461)?\n',
    );
  });

  it('".." is refused only for a municipality that is billed', async () => {
    const file = 'fixtures/errors/population-not-available-for-billed.csv';
    const billed = await flis(['invoice', '--period', 'H1', '--year', '2024', '--population', file, '--roster', 'fixtures/roster/odense-and-kobenhavn.csv']);
    expect(billed.code).toBe(1);
    expect(billed.stderr).toMatch(new RegExp(`^flis: error: ${file}:4: DST has no figure \\(\\.\\.\\) for Odense \\(461\\) on 1 January 2024`));
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'roster.csv'), 'kommune,available_from\nKøbenhavn,2024-01-01\n');
    const notBilled = await flis(['invoice', '--period', 'H1', '--year', '2024', '--json', '--population', file, '--roster', join(folder, 'roster.csv')]);
    expect(notBilled.code).toBe(0);
    expect(json(notBilled.stdout).totals.net_amount).toBe('1610606.50');
  });

  it('a year without population figures names the year, the file and what it covers', async () => {
    // before DST has published 1 January 2025: no warning that it has (test/e2e/sources.test.ts has that case)
    const r = await flis(['invoice', '--period', 'H1', '--year', '2025'], { env: { FLIS_TODAY: '2025-01-10' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^flis: error: fixtures\/dst\/FOLK1AM_2021M10-2024M04_api_labels.csv: no population figure on 1 January 2025 for 98 connected municipalities \(København \(101\), .* and 90 more\), which are billed in this run; the file has 1 January figures for 2022–2024\n/,
    );
  });

  it('problems in several inputs are reported together', async () => {
    const r = await flis([
      'invoice', '--period', 'H1', '--year', '2024',
      '--roster', 'fixtures/errors/roster-bad-date-format.csv',
      '--population', 'fixtures/errors/population-unknown-area.csv',
      '--tariff', 'fixtures/errors/tariff-unknown-key.json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tariff-unknown-key.json:3/);
    expect(r.stderr).toMatch(/roster-bad-date-format.csv:2/);
    expect(r.stderr).toMatch(/population-unknown-area.csv:3/);
    expect(r.stderr).toMatch(/flis: 3 problems; nothing was written\.\n$/);
  });
});

describe('bad usage: exit 2', () => {
  it.each([
    [['invoice', '--period', 'H3', '--year', '2024'], /unknown --period "H3"/],
    [['invoice', '--year', '2024'], /--period is required/],
    [['invoice', '--period', 'H1', '--year', '24'], /--year must be a year written with four digits, not "24"/],
    [['invoice', '--period', 'H1', '--year', '1999'], /--year 1999 is out of range/],
    [['invoice', '--period', 'H1', '--year', '2024', '--bogus'], /unknown option '--bogus'/],
    [['invoice', '--period', 'H1', '--year', '2024', '--population', 'no/such/file.csv'], /the population file no\/such\/file.csv does not exist/],
    [['invoice', '--period', 'H1', '--year', '2024', '--config', 'fixtures/errors/config-unknown-key.json'], /config-unknown-key.json:3: unknown key "rooster"/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('flis %j', async (args, message) => {
    const r = await flis(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('no arguments: the usage on stderr', async () => {
    const r = await flis([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Usage: flis/);
  });

  it('in a folder without flis.config.json, a missing input is a clear usage error', async () => {
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024'], { cwd: temporaryFolder() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'flis: error: no population file: give --population FILE\n' +
        '  Or run flis in a folder (or below one) whose flis.config.json names one (the repository\'s own names the shipped fixtures).\n',
    );
  });

  it('a config elsewhere names its inputs relative to itself; flags override it', async () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'data'));
    copyFileSync(join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv'), join(folder, 'data/pop.csv'));
    copyFileSync(join(ROOT, 'fixtures/roster/odense-and-kobenhavn.csv'), join(folder, 'data/roster.csv'));
    writeFileSync(join(folder, 'flis.config.json'), '{ "population": "data/pop.csv", "roster": "data/roster.csv" }\n');
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--json'], { cwd: folder });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout).totals.net_amount).toBe('2325171.72');
    const overridden = await flis(['invoice', '--period', 'H1', '--year', '2024', '--json', '--roster', join(ROOT, 'fixtures/roster/all-98-from-2024-01-01.csv')], { cwd: folder });
    expect(json(overridden.stdout).totals.count).toBe(98);
  });

  it('--help and --version exit 0', async () => {
    expect((await flis(['--help'])).code).toBe(0);
    expect((await flis(['invoice', '--help'])).stdout).toMatch(/--period <run>/);
    expect((await flis(['--version'])).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('colour', () => {
  it('none when stderr is not a terminal; FORCE_COLOR forces it', async () => {
    const args = ['invoice', '--period', 'H3'];
    expect((await flis(args)).stderr).not.toMatch(/\x1b\[/);
    expect((await flis(args, { env: { FORCE_COLOR: '1' } })).stderr).toMatch(/\x1b\[/);
  });
});

describe('a reader that stops early (flis … | head)', () => {
  it('is not an error: flis stops quietly, exit 0, with the output it had until then', async () => {
    const { spawn } = await import('node:child_process');
    // 340 KB of JSON, far more than a pipe holds: flis is still writing when the reader goes away.
    const child = spawn(process.execPath, [join(ROOT, 'bin/flis.cjs'), 'exit', '--all', '--date', '2027-01-01', '--json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FLIS_TODAY: TEST_TODAY }, // a day the shipped population is not stale: nothing on stderr
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const first = await new Promise<string>((done) => child.stdout.once('data', (chunk: Buffer) => done(chunk.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(first.startsWith('{\n  "exit_date": "2027-01-01"')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
