// Usage errors found by hand: an option given twice, and a file given where a folder is expected (or the other
// way round). Each is exit 2 with a message naming what is wrong, nothing on stdout, and nothing written.

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

describe('an option that takes a value, given twice', () => {
  it.each([
    [['invoice', '--period', 'H1', '--period', 'H2', '--year', '2024', '--out', 'run'], '--period is given twice (H1, H2): give it once'],
    [['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--date', '2028-01-01', '--out', 'exit.txt'], '--date is given twice (2027-01-01, 2028-01-01): give it once'],
    [['revenue', '--out', 'a.txt', '--out', 'b.txt'], '--out is given twice (a.txt, b.txt): give it once'],
    [['einvoice', '.', '--einvoice', 'oioubl', '--einvoice', 'peppol'], '--einvoice is given twice (oioubl, peppol): give it once'],
    [['fetch', 'population', '--year', '2024', '--year', '2025', '--out', 'pop.csv'], '--year is given twice (2024, 2025): give it once'],
    [['check', '--year', '2024', '--year=2025'], '--year is given twice (2024, 2025): give it once'],
  ])('flis %j: exit 2, nothing written', async (args, message) => {
    const folder = temporaryFolder();
    // Nowhere to fetch from: were the command to run, it could not reach Statistics Denmark either.
    const r = await flis(args, { cwd: folder, env: { FLIS_STATBANK_URL: 'http://127.0.0.1:9/v1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`flis: error: ${message}\n`);
    expect(r.stdout).toBe('');
    expect(readdirSync(folder)).toEqual([]);
  });
});

const inputs = () => ['--population', join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv'), '--roster', join(ROOT, 'fixtures/roster/odense-and-kobenhavn.csv')];

describe('a file where a folder is expected, or a folder where a file is', () => {
  const invoice = ['invoice', '--period', 'H1', '--year', '2024', ...inputs()];
  const exit = ['exit', '--kommune', 'Odense', '--date', '2027-01-01', ...inputs()];
  const revenue = ['revenue', ...inputs()];
  const RUN_FOLDER_HINT = '  Give --out a folder: a new one (flis makes it) or the run folder of earlier runs. Nothing was written.\n';
  const REPORT_HINT = '  Give --out a file in a folder, or move the file in the way; nothing was written.\n';
  const FOLDER_HINT = '  Give --out the name of a file: a new one, or one holding this same report.\n';
  const INVOICES_HINT = '  Give --invoices the --out folder of earlier flis invoice runs.\n';

  /** A working folder with a file `runs` and a folder `reports` in it; the command runs there, nothing may change. */
  async function refused(args: readonly string[], stderr: string) {
    const cwd = temporaryFolder();
    writeFileSync(join(cwd, 'runs'), 'a file, not a run folder\n');
    mkdirSync(join(cwd, 'reports'));
    const r = await flis(args, { cwd, env: { FLIS_STATBANK_URL: 'http://127.0.0.1:9/v1' } });
    expect([r.code, r.stderr, r.stdout]).toEqual([2, stderr, '']);
    expect(readdirSync(cwd).sort()).toEqual(['reports', 'runs']);
    expect(readdirSync(join(cwd, 'reports'))).toEqual([]);
    expect(readFileSync(join(cwd, 'runs'), 'utf8')).toBe('a file, not a run folder\n');
  }

  it.each([
    [[...invoice, '--out', 'runs'], `flis: error: runs is a file, not a folder\n${RUN_FOLDER_HINT}`],
    [[...invoice, '--out', 'runs', '--dry-run'], `flis: error: runs is a file, not a folder\n${RUN_FOLDER_HINT}`],
    [[...invoice, '--out', 'runs/2024'], `flis: error: cannot make the folder runs/2024: runs is a file, not a folder\n${RUN_FOLDER_HINT}`],
    [[...invoice, '--out', 'runs/2024', '--dry-run'], `flis: error: cannot make the folder runs/2024: runs is a file, not a folder\n${RUN_FOLDER_HINT}`],
    [[...exit, '--out', 'reports'], `flis: error: reports is a folder: --out names the file the report is written to\n${FOLDER_HINT}`],
    [[...exit, '--out', 'runs/odense.md'], `flis: error: cannot write runs/odense.md: runs is a file, not a folder\n${REPORT_HINT}`],
    [[...revenue, '--out', 'reports'], `flis: error: reports is a folder: --out names the file the report is written to\n${FOLDER_HINT}`],
    [[...revenue, '--out', 'runs/revenue.txt'], `flis: error: cannot write runs/revenue.txt: runs is a file, not a folder\n${REPORT_HINT}`],
    [['einvoice', 'runs', '--einvoice', 'oioubl', '--config', join(ROOT, 'flis.config.json')], 'flis: error: runs is a file, not a run folder\n  Give the --out folder of flis invoice.\n'],
    [[...exit, '--invoices', 'runs'], `flis: error: the invoice folder runs is a file, not a folder\n${INVOICES_HINT}`],
    [[...revenue, '--invoices', 'runs'], `flis: error: the invoice folder runs is a file, not a folder\n${INVOICES_HINT}`],
    [[...revenue, '--invoices', 'runs/2024'], `flis: error: the invoice folder runs/2024 does not exist\n${INVOICES_HINT}`],
    [[...invoice, '--tariff', 'reports'], 'flis: error: the tariff file reports is a folder, not a file\n  Give the tariff file itself.\n'],
    // flis check first says which config it used: here none, in a folder of /tmp
    [['check', '--year', '2024', '--roster', 'reports', '--population', inputs()[1]!], 'flis: no config: no --config, no FLIS_CONFIG, and no flis.config.json in the working folder or above it up to /\nflis: error: the roster reports is a folder, not a file\n  Give the roster itself.\n'],
    // refused before Statistics Denmark is asked (it cannot be reached here: that would be exit 5)
    [['fetch', 'population', '--year', '2024', '--out', 'reports'], 'flis: error: reports is a folder: --out names the file to save\n  Give --out a file name ending in .csv (its provenance goes beside it as .json).\n'],
    [['fetch', 'population', '--year', '2024', '--out', 'runs/pop.csv'], 'flis: error: cannot write runs/pop.csv: runs is a file, not a folder\n  Move runs away, or give another path; nothing was written.\n'],
  ])('flis %j', async (args, stderr) => {
    await refused(args, stderr);
  });

  it.each([
    [exit, 'odense.md'],
    [revenue, 'revenue.txt'],
  ])('%j --out into a folder that is not there: the folder is made, and flis says so', async (args, name) => {
    const cwd = temporaryFolder();
    const r = await flis([...args, '--out', `reports/2027/${name}`], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`flis: wrote reports/2027/${name}, in the new folder reports/2027\n`);
    expect(readdirSync(join(cwd, 'reports/2027'))).toEqual([name]);
    const again = await flis([...args, '--out', `reports/2027/${name}`], { cwd });
    expect(again.stderr).toBe(`flis: reports/2027/${name} is already this report, unchanged\n`);
  });
});

describe('a value is told what is wrong with it, under its own name', () => {
  it.each([
    // a date out of range on the command line is not a "roster date"
    [['exit', '--kommune', 'Odense', '--date', '1899-01-01'], 'flis: error: --date: "1899-01-01" is out of range: flis takes dates from 2000 to 2099\n'],
    // revenue's years are --from and --to, not --year
    [['revenue', '--from', '24'], 'flis: error: --from must be a year written with four digits, not "24"\n  For example --from 2025.\n'],
    [['revenue', '--to', '1999'], 'flis: error: --to 1999 is out of range\n  Give a year from 2000 to 2099.\n'],
    // a day written as asked, that does not exist, is not malformed
    [['invoice', '--period', 'H1', '--year', '2024', '--out', 'run', '--issue-date', '2024-02-30'], 'flis: error: --issue-date: "2024-02-30" is not a real calendar day\n'],
    // a number of seconds out of range is not "not a number"; the range is the one checked (0.5 s is taken)
    [['fetch', 'population', '--year', '2024', '--timeout', '5000'], 'flis: error: --timeout 5000 is out of range: give more than 0 and at most 3600 seconds\n  The default is 60.\n'],
    [['fetch', 'population', '--year', '2024', '--timeout', '0'], 'flis: error: --timeout 0 is out of range: give more than 0 and at most 3600 seconds\n  The default is 60.\n'],
    [['fetch', 'population', '--year', '2024', '--timeout', 'soon'], 'flis: error: --timeout must be a number of seconds, not "soon"\n  For example --timeout 120; the default is 60.\n'],
  ])('flis %j', async (args, stderr) => {
    const cwd = temporaryFolder();
    const r = await flis(args, { cwd, env: { FLIS_STATBANK_URL: 'http://127.0.0.1:9/v1' } });
    expect([r.code, r.stderr, r.stdout]).toEqual([2, stderr, '']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('"population" in the config may be a path or "statbank", and the message says both', async () => {
    const cwd = temporaryFolder();
    writeFileSync(join(cwd, 'flis.config.json'), '{\n  "population": 2024\n}\n');
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flis: error: flis.config.json:2: "population" must be a file path or "statbank", not 2024\n/);
  });

  it('a run folder in use is named as given, relative to the working folder', async () => {
    const cwd = temporaryFolder();
    mkdirSync(join(cwd, 'runs'));
    // The lock of a flis that is running on this host: this test's own process.
    writeFileSync(join(cwd, 'runs/.flis.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: '2025-02-03T06:00:00.000Z' }));
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', ...inputs(), '--out', 'runs'], { cwd, env: { FLIS_LOCK_WAIT: '0' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `flis: error: runs is being written by flis (pid ${process.pid} on ${hostname()}, since 2025-02-03T06:00:00.000Z)\n` +
        '  Run again when it has finished. If no flis is running, remove runs/.flis.lock.\n',
    );
  });
});
