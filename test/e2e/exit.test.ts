import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EXIT_CSV_FIELDS } from '../../src/writers/exit-report.js';
import { flis, temporaryFolder } from './flis.js';

const FORECAST = 'fixtures/forecast/FRKM-synthetic-2025-2035.csv';
/** A day on which the shipped population (to 1 January 2024) is the newest DST has published: no stale warning. */
const IN_2024 = { env: { FLIS_TODAY: '2024-06-01' } };
const cents = (amount: string) => BigInt(amount.replace('.', ''));
const plain = (ore: bigint) => `${ore / 100n}.${String(ore % 100n).padStart(2, '0')}`;

interface ExitJson {
  kommune_code: string;
  kommune_name: string;
  exit_date: string;
  period_end: string;
  total: string;
  years: { year: number; from: string; to: string; population: number; population_source: string; annual_fee: string; amount: string }[];
  already_invoiced: { invoice_number: string; credit_amount: string; net_amount: string }[];
  assumptions: string[];
}

const exitJson = async (args: string[]) => {
  const r = await flis(['exit', '--lang', 'en', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ExitJson;
};

describe('flis exit --kommune', () => {
  it('Odense leaving on 1 January 2027: seven annual fees on the 2024 figure, carried forward (JSON)', async () => {
    const doc = await exitJson(['--kommune', 'Odense', '--date', '2027-01-01']);
    expect(doc).toMatchObject({ kommune_code: '461', kommune_name: 'Odense', exit_date: '2027-01-01', period_end: '2033-12-31', total: '10003913.08', already_invoiced: [] });
    expect(doc.years.map((y) => y.year)).toEqual([2027, 2028, 2029, 2030, 2031, 2032, 2033]);
    expect(doc.years[0]).toEqual({
      year: 2027,
      from: '2027-01-01',
      to: '2027-12-31',
      population: 209078,
      population_source: 'carried_forward',
      population_year: 2024,
      annual_fee: '1429130.44',
      months: '12',
      amount: '1429130.44',
    });
    expect(doc.assumptions.join(' ')).toMatch(/carried forward/);
  });

  it('the readable report names the municipality, the exit, each year with its basis, the total and the assumptions', async () => {
    const r = await flis(['exit', '--lang', 'en', '--kommune', '461', '--date', '2027-10-16'], IN_2024);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FLIS exit settlement \(udtræden\): Odense \(461\)\n/);
    expect(r.stdout).toMatch(/Exit date: +2027-10-16 \(first day no longer connected\)/);
    expect(r.stdout).toMatch(/Settlement: +8,874,439.02 DKK excl. VAT\nPrepared: +2024-06-01\n/);
    expect(r.stdout).toMatch(/2027 +2027-10-16 – 2027-12-31 +209,078 +DST 1 Jan 2024, carried forward +1,429,130.44 +2.5161 +299,656.38/);
    expect(r.stdout).toMatch(/Total +8,874,439.02/);
    expect(r.stdout).toMatch(/nominal DKK excl. VAT, undiscounted/);
    expect(r.stderr).toBe('');
  });

  it('Markdown and CSV say the same', async () => {
    const md = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2027-10-16', '--format', 'md']);
    expect(md.stdout).toMatch(/^# FLIS exit settlement \(udtræden\): Odense \(461\)/);
    expect(md.stdout).toMatch(/\| 2027 \| 2027-10-16 – 2027-12-31 \| 209,078 \| DST 1 Jan 2024, carried forward \| 1,429,130.44 \| 2.5161 \| 299,656.38 \|/);
    expect(md.stdout).toMatch(/\| \*\*Total\*\* \|.*\| \*\*8,874,439.02\*\* \|/);
    const csv = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2027-10-16', '--format', 'csv']);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...EXIT_CSV_FIELDS]);
    expect(rows).toHaveLength(7);
    expect(plain(rows.reduce((t, r) => t + cents(r.amount!), 0n))).toBe('8874439.02');
  });

  it('name variants, codes and case do not matter', async () => {
    for (const name of ['århus', 'Aarhus Kommune', '0751', '751']) {
      expect((await exitJson(['--kommune', name, '--date', '2030-01-01'])).kommune_code).toBe('751');
    }
  });

  it('leaving on or after 1 January 2034 costs nothing, and the report says why', async () => {
    const doc = await exitJson(['--kommune', 'Odense', '--date', '2034-01-01']);
    expect(doc.total).toBe('0.00');
    expect(doc.years).toEqual([]);
    expect(doc.assumptions).toEqual([expect.stringMatching(/after the end of the repayment period \(2033-12-31\): leaving then costs nothing/)]);
    const text = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2034-01-01']);
    expect(text.stdout).toMatch(/Settlement: +0.00 DKK/);
  });

  it('with a forecast, the years DST has not published use it', async () => {
    const doc = await exitJson(['--kommune', 'Odense', '--date', '2024-07-01', '--forecast', FORECAST]);
    expect(doc.years.map((y) => y.population_source)).toEqual(['dst', ...Array(9).fill('forecast')]);
    expect(doc.years[3]!.population).toBe(Math.floor(209078 * 1.004 ** 3));
  });

  it("without --date, the roster's exit date; with neither, a usage error", async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'roster.csv'), 'kommune;available_from;exit_date\n461;2024-01-01;2030-04-01\n101;2024-01-01;\n');
    const withExit = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--roster', join(folder, 'roster.csv'), '--json'], IN_2024);
    expect(JSON.parse(withExit.stdout).exit_date).toBe('2030-04-01');
    expect(withExit.stderr).toBe('flis: exit date from the roster: 2030-04-01\n');
    const without = await flis(['exit', '--lang', 'en', '--kommune', 'København', '--roster', join(folder, 'roster.csv')]);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/no exit date for København \(101\): give --date YYYY-MM-DD/);
  });

  it('before the available-from date, the settlement runs from the available-from date', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'roster.csv'), 'kommune;available_from\n461;2027-03-01\n');
    const doc = await exitJson(['--kommune', 'Odense', '--date', '2026-06-01', '--roster', join(folder, 'roster.csv')]);
    expect(doc.years[0]).toMatchObject({ year: 2027, from: '2027-03-01' });
    expect(doc.assumptions.join(' ')).toMatch(/made available to Odense on 2027-03-01, after the exit date/);
  });
});

describe('invoices already issued', () => {
  it('are listed with the part to credit, and with the settlement they make up what staying costs', async () => {
    const out = temporaryFolder();
    for (const period of ['H1', 'H2']) expect((await flis(['invoice', '--period', period, '--year', '2024', '--out', out, '--quiet'])).code).toBe(0);
    const doc = await exitJson(['--kommune', 'Odense', '--date', '2024-10-01', '--invoices', out]);
    expect(doc.already_invoiced).toEqual([
      expect.objectContaining({ invoice_number: 'FLIS-2024-H1-0052', net_amount: '714565.22', credit_amount: '0.00' }),
      {
        invoice_number: 'FLIS-2024-H2-0052',
        run: 'H2',
        period_from: '2024-07-01',
        period_to: '2024-12-31',
        net_amount: '714565.22',
        credit_from: '2024-10-01',
        credit_amount: '357282.61',
      },
    ]);
    // issued 2024 (H1 + H2) − credit + settlement from 2024-10-01 = issued 2024 + settlement from 2025-01-01
    const issued = cents('714565.22') * 2n;
    const later = await exitJson(['--kommune', 'Odense', '--date', '2025-01-01']);
    expect(plain(issued - cents(doc.already_invoiced[1]!.credit_amount) + cents(doc.total))).toBe(plain(issued + cents(later.total)));
  });

  it('names the runs of the exit year owed and not yet issued (to bill), beside those to credit; the overview sums them', async () => {
    const out = temporaryFolder();
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, '--quiet'])).code).toBe(0);
    const text = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2024-10-01', '--invoices', out]);
    expect(text.stdout).toContain('Issued and owed, leaving on 2024-10-01: the runs from 2024 on\n');
    expect(text.stdout).toMatch(/\n2024 H1 +2024-01-01 – 2024-06-30 +FLIS-2024-H1-0052 +714,565\.22 +714,565\.22 +0\.00 +0\.00\n/);
    expect(text.stdout).toMatch(/\n2024 H2 +2024-07-01 – 2024-12-31 +- +0\.00 +357,282\.61 +0\.00 +357,282\.61\n/);
    const doc = await exitJson(['--kommune', 'Odense', '--date', '2024-03-01', '--invoices', out]);
    expect(doc.already_invoiced).toEqual([expect.objectContaining({ invoice_number: 'FLIS-2024-H1-0052', credit_amount: '476376.81' })]);
    const all = JSON.parse((await flis(['exit', '--all', '--date', '2024-03-01', '--invoices', out, '--json'])).stdout);
    expect(all.municipalities.find((m: ExitJson) => m.kommune_code === '461').already_invoiced[0].credit_amount).toBe('476376.81');
    expect(all.runs_compared_total).toEqual({ to_credit: '14677734.53', to_bill: '0.00' });
    const csv = parse((await flis(['exit', '--all', '--date', '2024-03-01', '--invoices', out, '--format', 'csv'])).stdout, { columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.kommune_code === '461')).toMatchObject({ to_credit: '476376.81', to_bill: '0.00' });
  });
});

describe('an exit date after the roster\'s', () => {
  it('is refused (exit 1), at the roster line: the days between would be neither invoiced nor settled', async () => {
    const folder = temporaryFolder();
    const roster = join(folder, 'roster.csv');
    writeFileSync(roster, 'kommune;available_from;pilot_start;exit_date\n101;2024-01-01;;\n461;2024-01-01;;2025-01-01\n');
    const r = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--roster', roster]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `flis: error: ${roster}:3: --date 2027-01-01 is after Odense (461)'s exit date on the roster, 2025-01-01: the runs invoice it to 2024-12-31, ` +
        'so 2025-01-01 – 2026-12-31 would be neither invoiced nor settled\n  3 | 461;2024-01-01;;2025-01-01\n',
    );
    // the roster's own date, or an earlier one (what leaving then instead would cost), is answered
    expect((await flis(['exit', '--kommune', 'Odense', '--date', '2025-01-01', '--roster', roster, '--json'])).code).toBe(0);
    expect((await flis(['exit', '--kommune', 'Odense', '--date', '2024-07-01', '--roster', roster, '--json'])).code).toBe(0);
    // --all --date after it leaves Odense out and names it (as before), never settles it from the later date
    const all = JSON.parse((await flis(['exit', '--all', '--date', '2027-01-01', '--roster', roster, '--json'])).stdout);
    expect(all.municipalities.map((m: ExitJson) => m.kommune_code)).toEqual(['101']);
    expect(all.already_left).toEqual([{ kommune_code: '461', kommune_name: 'Odense', exit_date: '2025-01-01' }]);
  });
});

describe('flis exit --all', () => {
  it('one line per connected municipality, with the total', async () => {
    const r = await flis(['exit', '--lang', 'en', '--all', '--date', '2027-01-01', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(98);
    expect(rows.find((row) => row.kommune_code === '461')!.total).toBe('10003913.08');
    const json = JSON.parse((await flis(['exit', '--lang', 'en', '--all', '--date', '2027-01-01', '--json'])).stdout);
    expect(json.total).toBe(plain(rows.reduce((t, row) => t + cents(row.total!), 0n)));
    expect(json.municipalities).toHaveLength(98);
    const text = await flis(['exit', '--lang', 'en', '--all', '--date', '2027-01-01']);
    expect(text.stdout).toMatch(/98 municipalities, total 308,232,425.34 DKK/);
    expect(text.stdout).toMatch(/461 +Odense +2027-01-01 +2027–2033 +carried_forward +10,003,913.08/);
  });

  it('leaves out those who have left by the date, and says so', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'roster.csv'), 'kommune;available_from;exit_date\n461;2024-01-01;2025-01-01\n101;2024-01-01;\n');
    const r = await flis(['exit', '--lang', 'en', '--all', '--date', '2027-01-01', '--roster', join(folder, 'roster.csv')]);
    expect(r.stdout).toMatch(/^1 municipality, total /m);
    expect(r.stdout).toMatch(/Not included, having left by then: Odense \(461, exit 2025-01-01\)/);
  });
});

describe('--out FILE', () => {
  it('writes the report; the same again is a no-op; another report is not written over it', async () => {
    const path = join(temporaryFolder(), 'reports', 'odense.md');
    const first = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'md', '--out', path]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(readFileSync(path, 'utf8')).toMatch(/^# FLIS exit settlement/);
    const again = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'md', '--out', path]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already this report, unchanged/);
    const other = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2028-01-01', '--format', 'md', '--out', path]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/already exists with other content; flis does not overwrite it/);
    expect(readFileSync(path, 'utf8')).toMatch(/2027-01-01/);
  });
});

describe('--date as a person types it', () => {
  it('01.01.2027 and 01-01-2027 are 2027-01-01: the same report', async () => {
    const iso = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'json']);
    expect(iso.code, iso.stderr).toBe(0);
    for (const typed of ['01.01.2027', '01-01-2027']) {
      const r = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', typed, '--format', 'json']);
      expect([r.code, r.stdout], typed).toEqual([0, iso.stdout]);
    }
  });
});

describe('errors', () => {
  it.each([
    [['--kommune', 'Odens', '--date', '2027-01-01'], 2, /--kommune: "Odens" is not a Danish municipality\n {2}Did you mean Odense \(461\)/],
    [['--kommune', 'Hele landet', '--date', '2027-01-01'], 2, /"Hele landet" is not a municipality/],
    [['--date', '2027-01-01'], 2, /--kommune is required/],
    [['--all'], 2, /--all needs --date/],
    [['--all', '--kommune', 'Odense', '--date', '2027-01-01'], 2, /either --kommune or --all/],
    [['--kommune', 'Odense', '--date', '2027-02-30'], 2, /--date: "2027-02-30" is not a real calendar day/],
    [['--kommune', 'Odense', '--date', '30.02.2027'], 2, /--date: "30.02.2027" is not a real calendar day/],
    [['--kommune', 'Odense', '--date', '01/02/2027'], 2, /--date: "01\/02\/2027" is not a date: write YYYY-MM-DD \(2025-03-15\), DD-MM-YYYY \(15-03-2025\) or DD\.MM\.YYYY \(15\.03\.2025\)/],
    [['--kommune', 'Odense', '--date', '2027-01-01', '--format', 'docx'], 2, /unknown --format "docx"/],
    [['--kommune', 'Odense', '--date', '2027-01-01', '--format', 'csv', '--json'], 2, /--json and --format csv say different things/],
    [['--kommune', 'Odense', '--date', '2027-01-01', '--invoices', 'no/such/folder'], 2, /the invoice folder no\/such\/folder does not exist/],
    [['--kommune', 'Aalborg', '--date', '2027-01-01', '--roster', 'fixtures/roster/odense-and-kobenhavn.csv'], 1, /Aalborg \(851\) is not on the roster: it is not connected to FLIS and has no obligation/],
    [['--kommune', 'Odense', '--date', '2027-01-01', '--forecast', 'fixtures/errors/forecast-one-sex-missing.csv'], 1, /forecast-one-sex-missing.csv:4: Odense \(461\) on 1 January 2026 has no figure for Kvinder/],
    [['--kommune', 'Odense', '--date', '2024-01-01', '--forecast', 'fixtures/errors/forecast-one-sex-missing.csv'], 1, /forecast-one-sex-missing.csv/],
    [['--kommune', 'Odense', '--date', '2027-01-01', '--population', 'fixtures/errors/population-unknown-area.csv'], 1, /population-unknown-area.csv:3: unknown area/],
  ])('flis exit %j → exit %i', async (args, code, message) => {
    const r = await flis(['exit', '--lang', 'en', ...args]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a forecast without a needed year is refused, not carried forward', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'frkm.csv'), 'KOMMUNEDK;ALDER;KØN;TID;INDHOLD\n461;IALT;1;2025;105000\n461;IALT;2;2025;106000\n');
    const r = await flis(['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2025-01-01', '--forecast', join(folder, 'frkm.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no projection for 1 January 2026 for Odense \(461\), which is needed for the settlement; the forecast covers 2025/);
  });
});
