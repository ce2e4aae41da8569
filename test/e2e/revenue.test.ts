// flis revenue run as a user runs it: on the shipped data, with the shipped forecast, with exits, with an issued
// run folder and a budget, in every format; the HTML page rendered in a real browser (Chromium), where installed.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';
import { PNG } from 'pngjs';

const FORECAST = 'fixtures/forecast/FRKM-synthetic-2025-2035.csv';
const BUDGET = 'fixtures/budget/illustrative-costs-2024-2033.csv';
const YEAR_2024 = '44,033,203.62';
/** The same in Danish, the reports' default language. */
const ÅR_2024 = '44.033.203,62';

function exitsRoster(): string {
  const path = join(temporaryFolder(), 'roster.csv');
  writeFileSync(path, 'kommune;available_from;pilot_start;exit_date\nOdense;2024-01-01;;2027-01-01\nKøbenhavn;2024-01-01;;\nAarhus;2025-03-15;2025-03-15;2031-10-01\n');
  return path;
}

const lineOf = (stdout: string, year: number) => stdout.split('\n').find((l) => l.startsWith(`${year} `)) ?? '';
const SHIPPED_ROSTER = 'fixtures/roster/all-98-illustrative-ean-reference.csv';
const cents = (amount: string) => BigInt(amount.replace('.', ''));
const plain = (ore: bigint) => `${ore < 0n ? '-' : ''}${(ore < 0n ? -ore : ore) / 100n}.${String((ore < 0n ? -ore : ore) % 100n).padStart(2, '0')}`;
/** A JSON value without the reconciliation's keys (what a report without a run folder has). */
const strip = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(strip) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'reconciled').map(([k, v]) => [k, strip(v)])) : value;

describe('flis revenue', () => {
  it('on the shipped data: 2024 is H1 + H2 2024 on DST\'s figures, every later year carried forward', async () => {
    const result = await flis(['revenue', '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(lineOf(result.stdout, 2024)).toContain(YEAR_2024);
    expect(lineOf(result.stdout, 2024)).toMatch(/DST$/);
    for (let year = 2025; year <= 2033; year++) expect(lineOf(result.stdout, year), String(year)).toMatch(/carried forward$/);
    // In Danish, the default: the same figures, Danish numbers and terms.
    const danish = await flis(['revenue']);
    expect(danish.stdout).toMatch(/^FLIS-indtægter 2024–2033: nettobeløb i kroner ekskl\. moms/);
    expect(lineOf(danish.stdout, 2024)).toContain(ÅR_2024);
    expect(lineOf(danish.stdout, 2024)).toMatch(/DST$/);
    for (let year = 2025; year <= 2033; year++) expect(lineOf(danish.stdout, year), String(year)).toMatch(/videreført$/);
    // DEC and the exit settlements are 0,00 throughout: left out of the table, and the note says so
    expect(danish.stdout).toMatch(/\nI alt +220\.166\.018,10 +220\.166\.018,10 +440\.332\.036,20 +DST \+ videreført\n/);
    const json = JSON.parse((await flis(['revenue', '--json'])).stdout);
    expect(json.years[0]).toMatchObject({ year: 2024, h1: '22016601.81', h2: '22016601.81', dec: '0.00', total: '44033203.62', basis: ['dst'] });
    expect(json.years).toHaveLength(10);
    expect(json.total.total).toBe('440332036.20');
  });

  it('with the forecast, the years DST has not published are forecast', async () => {
    const result = await flis(['revenue', '--forecast', FORECAST, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.years.map((y: { basis: string[] }) => y.basis.join('+'))).toEqual(['dst', ...Array(9).fill('forecast')]);
    expect(json.years[0].total).toBe('44033203.62');
  });

  it('with exits, each settlement in its exit year, the same as flis exit says', async () => {
    const roster = exitsRoster();
    const result = await flis(['revenue', '--roster', roster, '--forecast', FORECAST, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const settled = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--roster', roster, '--forecast', FORECAST, '--json']);
    const odense = JSON.parse(settled.stdout);
    expect(json.exit_settlements.map((s: { kommune_code: string; exit_date: string }) => `${s.kommune_code} ${s.exit_date}`)).toEqual(['461 2027-01-01', '751 2031-10-01']);
    expect(json.exit_settlements[0].total).toBe(odense.total);
    const y2027 = json.years.find((y: { year: number }) => y.year === 2027);
    expect(y2027.exit_settlements).toBe(odense.total);
  });

  it('per municipality, and as CSV for machines and for Danish Excel', async () => {
    const roster = exitsRoster();
    const csv = await flis(['revenue', '--roster', roster, '--by', 'kommune', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('year,kommune_code,kommune_name,h1,h2,dec,exit_settlements,total,dst,carried_forward,forecast,basis');
    expect(lines.filter((l) => l.startsWith('2024,'))).toHaveLength(2); // Aarhus is available from 2025
    expect(lines).toContain('2024,461,Odense,714565.22,714565.22,0.00,0.00,1429130.44,1429130.44,0.00,0.00,dst');
    const excel = await flis(['revenue', '--format', 'csv', '--dialect', 'excel-da']);
    expect(excel.stdout.startsWith('\uFEFFyear;h1;h2;dec;')).toBe(true);
    expect(excel.stdout).toContain('2024;22016601,81;22016601,81;0,00;0,00;44033203,62;');
  });

  it('with a run folder, reports what is owed all the same, and issued, to credit and to bill beside it (an exit after an issued run)', async () => {
    const folder = temporaryFolder();
    const runs = join(folder, 'runs');
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', runs, '--quiet'])).code).toBe(0);
    const roster = join(folder, 'roster.csv');
    writeFileSync(roster, readFileSync(join(ROOT, SHIPPED_ROSTER), 'utf8').replace(/^461;2024-01-01;;;/m, '461;2024-01-01;;2024-03-01;'));
    const without = JSON.parse((await flis(['revenue', '--roster', roster, '--json'])).stdout);
    const result = await flis(['revenue', '--roster', roster, '--invoices', runs, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    // Before, the issued H1 of Odense was counted whole besides its settlement from 1 March: 476,376.81 too much.
    expect(json.total.total).toBe(without.total.total);
    expect(json.years.map((y: { total: string }) => y.total)).toEqual(without.years.map((y: { total: string }) => y.total));
    expect(json.years[0].h1).toBe('21540225.00');
    expect(json.years[0].reconciled.h1).toEqual({ issued: '22016601.81', owed: '21540225.00', to_credit: '476376.81', to_bill: '0.00' });
    expect(json.differences[0]).toEqual({ year: 2024, run: 'H1', kommune_code: '461', kommune_name: 'Odense', invoice_number: 'FLIS-2024-H1-0052', issued: '714565.22', owed: '238188.41', to_credit: '476376.81', to_bill: '0.00' });
    expect(json.differences[1]).toMatchObject({ year: 2024, run: 'exit_settlement', kommune_code: '461', issued: '0.00', to_bill: '14053115.99' });
    expect(json.runs_not_issued[0]).toEqual({ year: 2024, run: 'H2', to_bill: '21302036.59', municipalities: 97 });
    const total = json.reconciled.total;
    expect(plain(cents(total.issued) + cents(total.to_bill) - cents(total.to_credit))).toBe(total.owed);
    expect(total.owed).toBe(without.total.total);
    // flis exit --invoices says the same of Odense
    const exit = JSON.parse((await flis(['exit', '--kommune', 'Odense', '--roster', roster, '--invoices', runs, '--json'])).stdout);
    expect(exit.already_invoiced).toEqual([expect.objectContaining({ invoice_number: 'FLIS-2024-H1-0052', credit_amount: '476376.81' })]);
  });

  it('with a run folder of fewer municipalities than the roster: owed in full, the rest to bill, each named', async () => {
    const runs = temporaryFolder();
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--roster', 'fixtures/roster/odense-and-kobenhavn.csv', '--out', runs, '--quiet'])).code).toBe(0);
    const r = await flis(['revenue', '--invoices', runs, '--to', '2024', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(lineOf(r.stdout, 2024)).toMatch(/^2024 +22,016,601\.81 +22,016,601\.81 +44,033,203\.62 +DST$/);
    // Before: H1 2024 was the 2 issued invoices, 2,325,171.72, and nothing said so.
    expect(r.stdout).toMatch(/\n2024 +44,033,203\.62 +2,325,171\.72 +0\.00 +41,708,031\.90\n/);
    const named = r.stdout.split('\n').filter((l) => /^2024 +H1 +\d{3} /.test(l));
    expect(named).toHaveLength(96);
    expect(named).toContainEqual(expect.stringMatching(/^2024 +H1 +751 +Aarhus +- +1,029,019\.05 +0\.00 +0\.00 +1,029,019\.05$/));
    expect(r.stdout).toContain('Runs with no invoice in force in the folder, to bill in full: 2024 H2 22,016,601.81 (98 municipalities).');
    const h1 = JSON.parse((await flis(['revenue', '--invoices', runs, '--to', '2024', '--json'])).stdout).years[0].reconciled.h1;
    expect(h1).toEqual({ issued: '2325171.72', owed: '22016601.81', to_credit: '0.00', to_bill: '19691430.09' });
  });

  describe('every format, in both languages: without a run folder, the report as before; with one, the same owed part, the reconciliation after it', () => {
    let runs = '';
    beforeAll(async () => {
      runs = temporaryFolder();
      expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--roster', 'fixtures/roster/odense-and-kobenhavn.csv', '--out', runs, '--quiet'])).code).toBe(0);
    });
    const cases = ['da', 'en'].flatMap((lang) => ['text', 'md', 'csv', 'json', 'html'].map((format) => [lang, format] as const));
    it.each(cases)('%s %s', async (lang, format) => {
      for (const by of ['year', 'kommune']) {
        const args = ['revenue', '--to', '2025', '--lang', lang, '--format', format, '--by', by];
        const [plainReport, withLedger] = await Promise.all([flis(args), flis([...args, '--invoices', runs])]);
        const what = `${lang} ${format} --by ${by}`;
        expect([plainReport.code, withLedger.code], what).toEqual([0, 0]);
        if (format === 'json') {
          const [a, b] = [JSON.parse(plainReport.stdout), JSON.parse(withLedger.stdout)];
          expect(a.reconciled, what).toBeUndefined();
          expect(b.reconciled.total.to_bill, what).toBe('85741235.52');
          for (const key of ['years', 'total']) expect(strip(b[key]), what).toEqual(a[key]);
        } else if (format === 'csv') {
          const [a, b] = [plainReport.stdout.trimEnd().split('\n'), withLedger.stdout.trimEnd().split('\n')];
          expect(b.length, what).toBe(a.length);
          const width = a[0]!.split(',').length;
          b.forEach((line, i) => expect(line.split(',').slice(0, width).join(','), what).toBe(a[i]));
          expect(b[0], what).toContain('basis,issued_h1,to_credit_h1,to_bill_h1,');
          expect(b[1], what).toMatch(by === 'year' ? /,2325171\.72,0\.00,19691430\.09,/ : /^2024,101,København,.*,1610606\.50,0\.00,0\.00,/);
        } else {
          // the report without a run folder is the one with it, less the reconciliation and the run folder named
          // (by what it is, never by its path)
          const folderNamed = lang === 'da' ? 'udstedte fakturaer: fakturaerne i kraft i kørselsmappen' : 'issued: the invoices in force in the run folder';
          expect(withLedger.stdout, what).not.toContain(runs);
          const noFolder = lang === 'da' ? 'ingen kørselsmappe (intet regnet som udstedt)' : 'no run folder (nothing counted as issued)';
          expect(withLedger.stdout, what).toContain(folderNamed);
          const mark = `${format === 'html' ? '<p>' : ''}${lang === 'da' ? 'Udstedt og skyldigt:' : 'Issued and owed:'}`;
          const legend = `${format === 'html' ? '<p class="legend">' : ''}${lang === 'da' ? 'Grundlag: DST' : 'Basis: DST'}`;
          const at = withLedger.stdout.indexOf(mark);
          expect(at, what).toBeGreaterThan(0);
          const less = withLedger.stdout.slice(0, at) + withLedger.stdout.slice(withLedger.stdout.indexOf(legend));
          expect(less.replace(folderNamed, noFolder), what).toBe(plainReport.stdout);
          expect(withLedger.stdout.slice(at), what).toMatch(lang === 'da' ? /85\.741\.235,52/ : /85,741,235\.52/);
        }
      }
    });
  });

  it('with a run folder: invoices outside the period are not compared, and flis says so; invoices that cannot be compared are refused at their line', async () => {
    const runs = temporaryFolder();
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--roster', 'fixtures/roster/odense-and-kobenhavn.csv', '--out', runs, '--quiet'])).code).toBe(0);
    const later = await flis(['revenue', '--from', '2025', '--to', '2025', '--invoices', runs, '--json']);
    expect(later.code).toBe(0);
    expect(later.stderr).toContain('flis: warning: 2 invoices in force in ');
    expect(later.stderr).toContain(' are for 2024, outside 2025–2025: not compared');
    expect(JSON.parse(later.stdout).reconciled.total.issued).toBe('0.00');
    // a forged folder (the CSV edited and its SHA-256 in the manifest forged to match): a code that is no municipality
    const edited = temporaryFolder();
    const csv = readFileSync(join(runs, 'invoices-2024-H1.csv'), 'utf8').split('\n');
    const line = csv.findIndex((l) => l.startsWith('FLIS-2024-H1-0002,'));
    csv[line] = csv[line]!.replace(',461,Odense,', ',999,Odense,');
    writeFileSync(join(edited, 'invoices-2024-H1.csv'), csv.join('\n'));
    writeFileSync(join(edited, 'summary-2024-H1.txt'), readFileSync(join(runs, 'summary-2024-H1.txt')));
    const manifest = JSON.parse(readFileSync(join(runs, 'manifest.json'), 'utf8'));
    manifest.entries[0].outputs[0].sha256 = createHash('sha256').update(csv.join('\n')).digest('hex');
    writeFileSync(join(edited, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const refused = await flis(['revenue', '--to', '2024', '--invoices', edited]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`invoices-2024-H1\\.csv:${line + 1}: FLIS-2024-H1-0002: 999 is not a municipality code`));
  });

  it('an exit before 2024: the settlement falls due in its exit year, shown there; --from after it leaves it out and says so', async () => {
    const folder = temporaryFolder();
    const roster = join(folder, 'roster.csv');
    writeFileSync(roster, 'kommune;available_from;pilot_start;exit_date\n461;2023-03-01;;2023-10-01\n101;2024-01-01;;\n');
    const exit = JSON.parse((await flis(['exit', '--kommune', 'Odense', '--roster', roster, '--json'])).stdout);
    expect(exit.total).toBe('14291304.40');
    const r = await flis(['revenue', '--roster', roster, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    // Before: the period was 2024–2033 and the settlement, due in 2023, was nowhere (0.00 everywhere for Odense).
    expect([json.from, json.to]).toEqual([2023, 2033]);
    expect(json.years[0]).toMatchObject({ year: 2023, h1: '0.00', h2: '0.00', exit_settlements: '14291304.40', total: '14291304.40' });
    expect(json.exit_settlements).toEqual([{ kommune_code: '461', kommune_name: 'Odense', exit_date: '2023-10-01', total: '14291304.40' }]);
    const narrowed = await flis(['revenue', '--roster', roster, '--from', '2024', '--json']);
    expect(narrowed.code).toBe(0);
    expect(JSON.parse(narrowed.stdout).exit_settlements).toEqual([]);
    expect(narrowed.stderr).toContain(
      `flis: warning: the exit settlement of Odense (461) (exit 2023-10-01, ${roster}:2) falls due in 2023, before --from 2024: it is not in the report (give --from 2023 to include it)`,
    );
    expect((await flis(['revenue', '--roster', roster, '--from', '2023', '--json'], { env: { FLIS_TODAY: '2024-06-01' } })).stderr).toBe('');
  });

  it('against a budget: the difference per year, accumulated, and the §5 answer in one sentence', async () => {
    const result = await flis(['revenue', '--budget', BUDGET, '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'The income 2024–2033 (440,332,036.20 DKK) exceeds the costs (435,500,000.00 DKK) by 4,832,036.20 DKK; the accumulated income exceeds the accumulated costs at the end of 2030–2033.',
    );
    expect(lineOf(result.stdout, 2024)).toMatch(/45,000,000\.00 +-966,796\.38 +-966,796\.38$/);
    const danish = await flis(['revenue', '--budget', BUDGET]);
    expect(danish.stdout).toContain(
      'Indtægterne 2024–2033 (440.332.036,20 kr.) overstiger omkostningerne (435.500.000,00 kr.) med 4.832.036,20 kr.; ' +
        'de akkumulerede indtægter overstiger de akkumulerede omkostninger ved udgangen af 2030–2033.',
    );
    expect(lineOf(danish.stdout, 2024)).toMatch(/45\.000\.000,00 +-966\.796,38 +-966\.796,38$/);
    const json = JSON.parse((await flis(['revenue', '--budget', BUDGET, '--json'])).stdout);
    expect(json.budget.years[9]).toMatchObject({ year: 2033, accumulated: '4832036.20' });
  });

  it('refuses a budget without a year of the period, or with a bad amount, at its line (exit 1)', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'short.csv'), 'year;amount\n2024;100\n');
    const short = await flis(['revenue', '--budget', join(folder, 'short.csv')]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('the budget has no costs for 2025, 2026');
    writeFileSync(join(folder, 'bad.csv'), 'year;amount\n2024;1.000.000\n');
    const bad = await flis(['revenue', '--budget', join(folder, 'bad.csv'), '--to', '2024']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.csv:2: "1.000.000" is not an amount in DKK');
    // A budget is kept by people, not exported from Statistics Denmark: its hint says what can be done with it.
    writeFileSync(join(folder, 'empty.csv'), '');
    const empty = await flis(['revenue', '--budget', join(folder, 'empty.csv')]);
    expect([empty.code, empty.stderr]).toEqual([1, expect.stringMatching(/empty\.csv: the file is empty\n  Check that the right file was given; an empty file has nothing to read\.\n/)]);
    for (const args of [['--from', '2030', '--to', '2025'], ['--by', 'month'], ['--format', 'pdf'], ['--dialect', 'excel-da']]) {
      expect((await flis(['revenue', ...args])).code, args.join(' ')).toBe(2);
    }
  });

  it('writes one self-contained HTML page: no scripts, no fonts, images or styles from elsewhere', async () => {
    const page = (await flis(['revenue', '--format', 'html'])).stdout;
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="da">')).toBe(true);
    expect(page).toContain('<svg');
    expect(page).toContain(ÅR_2024);
    expect(page).toContain('<h1>FLIS-indtægter 2024–2033</h1>');
    expect(page).toMatch(/class="axis">10,0 mio\.</);
    const english = (await flis(['revenue', '--format', 'html', '--lang', 'en'])).stdout;
    expect(english.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(english).toContain(YEAR_2024);
    expect(english).toMatch(/class="axis">10\.0 M</);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(page.match(/https?:\/\/[^"'\s<]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });
});

describe('the report as a decision paper (Generelle vilkår pkt. 5)', () => {
  /** The agreement's words on a surplus, quoted in every language. */
  const SURPLUS =
    'Hvis indtægterne overstiger udgifterne, eksempelvis på grund af et økonomisk fordelagtigt genudbud, vil det enten medføre, at den kommunale pris sænkes, eller at midlerne går til videreudvikling';
  const on = (day: string) => ({ env: { FLIS_TODAY: day } });
  /** A roster with a late joiner (a DEC run in 2025) and an exit (a settlement in 2027). */
  const decAndExit = () => {
    const path = join(temporaryFolder(), 'roster.csv');
    writeFileSync(path, 'kommune;available_from;pilot_start;exit_date\nOdense;2024-01-01;;2027-01-01\nAarhus;2025-10-01;;\n');
    return path;
  };

  it('carries the day it was made (today, or FLIS_TODAY) in every format for people and in the JSON', async () => {
    for (const format of ['text', 'md', 'html']) {
      const da = await flis(['revenue', '--budget', BUDGET, '--format', format], on('2026-12-01'));
      expect(da.code, da.stderr).toBe(0);
      expect(da.stdout, format).toContain('Udarbejdet 1. december 2026.');
      const en = await flis(['revenue', '--format', format, '--lang', 'en'], on('2027-02-15'));
      expect(en.stdout, format).toContain('Prepared 2027-02-15.');
    }
    expect(JSON.parse((await flis(['revenue', '--json'], on('2026-12-01'))).stdout).made).toBe('2026-12-01');
    const bad = await flis(['revenue'], on('2026-13-01'));
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toContain('FLIS_TODAY must be a day');
  });

  it('the verdict comes first, in sentence case, and says what follows in the agreement\'s words', async () => {
    const da = (await flis(['revenue', '--budget', BUDGET])).stdout;
    const verdict = da.slice(da.indexOf('Vurdering efter Generelle vilkår pkt. 5\n'), da.indexOf('\nÅr '));
    expect(verdict.length).toBeGreaterThan(200); // before the table
    expect(verdict).toContain('Indtægterne 2024–2033 (440.332.036,20 kr.) overstiger omkostningerne (435.500.000,00 kr.) med 4.832.036,20 kr.;');
    expect(verdict).toContain(`Det medfører efter Generelle vilkår pkt. 5 enten, at den kommunale pris sænkes, eller at midlerne går til videreudvikling: »${SURPLUS}«.`);
    // Before: "OVERSTIGER" in capitals. No word of the verdict is written in capitals now.
    expect(verdict.match(/\p{Lu}{3,}/gu)).toBeNull();
    const en = (await flis(['revenue', '--budget', BUDGET, '--lang', 'en', '--format', 'md'])).stdout;
    expect(en).toContain('## Assessment under Generelle vilkår pkt. 5\n\nThe income 2024–2033 (440,332,036.20 DKK) exceeds the costs');
    expect(en).toContain(`By Generelle vilkår pkt. 5, this means that either the municipal price is lowered or the funds go to further development: "${SURPLUS}" (in English: if the income exceeds`);
    expect(en.indexOf('## Assessment')).toBeLessThan(en.indexOf('| Year |'));
    // Income below the costs (2024–2025): said so, and that the clause's consequence does not arise.
    const below = (await flis(['revenue', '--budget', BUDGET, '--to', '2025'])).stdout;
    expect(below).toContain('Indtægterne 2024–2025 (88.066.407,24 kr.) overstiger ikke omkostningerne (89.500.000,00 kr.): 1.433.592,76 kr. under.');
    expect(below).toContain(`hvis indtægterne overstiger udgifterne; det gør de ikke over perioden: »${SURPLUS}«.`);
    // Costs equal to the income, to the øre: said so, neither above nor below.
    const equal = join(temporaryFolder(), 'equal.csv');
    writeFileSync(equal, 'year;amount\n2024;44033203.62\n');
    const even = (await flis(['revenue', '--budget', equal, '--to', '2024', '--lang', 'en'])).stdout;
    expect(even).toContain('The income 2024–2024 (44,033,203.62 DKK) equals the costs (44,033,203.62 DKK) to the øre.');
    expect(even).toContain('over the period it does not: "Hvis indtægterne');
    const json = JSON.parse((await flis(['revenue', '--budget', BUDGET, '--json'])).stdout).budget;
    expect(json).toMatchObject({ exceeded: true, answer: expect.stringMatching(/^Indtægterne 2024–2033 /), consequence: expect.stringContaining(SURPLUS) });
    expect(JSON.parse((await flis(['revenue', '--budget', BUDGET, '--to', '2025', '--json'])).stdout).budget.exceeded).toBe(false);
    // the §5 price, where asked for, is the verdict's last paragraph, before the tables, in every format for people
    const withPrice = (await flis(['revenue', '--budget', BUDGET, '--solve-price-from', '2028-07-01', '--quiet'])).stdout;
    expect(withPrice).toMatch(/videreudvikling«\.\n\nDen højeste pris pr\. borger fra 1\. juli 2028, [^\n]*: 7,80 kr\. [^\n]*\n\nÅr /);
    const pricePage = (await flis(['revenue', '--budget', BUDGET, '--solve-price-from', '2028-07-01', '--quiet', '--format', 'html'])).stdout;
    expect(pricePage).toMatch(/<p>Den højeste pris pr\. borger fra 1\. juli 2028, [^<]*<\/p>\n<\/section>/);
    // the HTML page: the verdict under its heading, before the chart
    const page = (await flis(['revenue', '--budget', BUDGET, '--format', 'html'])).stdout;
    expect(page).toMatch(/<section class="verdict">\n<h2>Vurdering efter Generelle vilkår pkt\. 5<\/h2>\n<p>Indtægterne 2024–2033 [^<]*<\/p>\n<p>Det medfører [^<]*videreudvikling«\.<\/p>\n<\/section>\n<svg/);
  });

  it('the chart shows each year\'s costs beside its income, each bar labelled, and a legend naming income and costs', async () => {
    const page = (await flis(['revenue', '--budget', BUDGET, '--format', 'html'])).stdout;
    const costs = [...page.matchAll(/<rect [^>]*class="costs"><title>(\d{4}) Omkostninger: ([^<]+)<\/title><\/rect>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(costs).toEqual(['2024 45,0 mio.', '2025 44,5 mio.', '2026 44,0 mio.', '2027 44,0 mio.', '2028 43,5 mio.', '2029 43,5 mio.', '2030 43,0 mio.', '2031 43,0 mio.', '2032 42,5 mio.', '2033 42,5 mio.']);
    expect(page.match(/<rect [^>]*class="income">/g)).toHaveLength(10);
    // the value above each bar: income 44,0 and costs 45,0 in 2024
    expect(page).toMatch(/class="value">44,0<\/text><rect [^>]*class="costs"><title>2024 Omkostninger: 45,0 mio\.<\/title><\/rect><text [^>]*class="value">45,0<\/text>/);
    expect(page).toMatch(/class="axis">Indtægter \(DST\)<\/text>.*class="axis">Indtægter \(videreført\)<\/text>.*class="axis">Omkostninger<\/text>/);
    expect(page).toContain('aria-label="Indtægter pr. år fordelt på grundlag og omkostninger pr. år"');
    const english = (await flis(['revenue', '--budget', BUDGET, '--format', 'html', '--lang', 'en'])).stdout;
    expect(english).toMatch(/<title>2033 Costs: 42\.5 M<\/title>/);
    expect(english).toMatch(/class="axis">Income \(DST\)<\/text>/);
    // without a budget, no costs and the sources' names alone
    const plainPage = (await flis(['revenue', '--format', 'html'])).stdout;
    expect(plainPage).not.toContain('class="costs"');
    expect(plainPage).toMatch(/class="axis">DST<\/text>/);
  });

  it('names no file, folder or option in the formats for people, in either language; the JSON keeps the paths for the operator', async () => {
    const runs = temporaryFolder();
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--roster', 'fixtures/roster/odense-and-kobenhavn.csv', '--out', runs, '--quiet'])).code).toBe(0);
    const roster = decAndExit();
    const args = ['revenue', '--roster', roster, '--forecast', FORECAST, '--budget', BUDGET, '--invoices', runs, '--to', '2027'];
    for (const lang of ['da', 'en']) {
      for (const format of ['text', 'md', 'html']) {
        const r = await flis([...args, '--lang', lang, '--format', format]);
        expect(r.code, r.stderr).toBe(0);
        const page = format === 'html' ? r.stdout.replace('xmlns="http://www.w3.org/2000/svg"', '') : r.stdout;
        // Before: "befolkningstal fixtures/dst/FOLK1AM_….csv; kommuneliste /tmp/…/roster.csv; …; omkostninger fixtures/budget/….csv".
        expect(page, `${lang} ${format}`).not.toMatch(/fixtures\/|\.csv\b|\.json\b|flis-test-|--[a-z]/);
        expect(page.includes(runs) || page.includes(roster), `${lang} ${format}`).toBe(false);
      }
    }
    const json = JSON.parse((await flis([...args, '--json'])).stdout);
    expect(json.inputs.roster).toBe(roster);
    expect(json.budget.file).toBe(BUDGET);
  });

  it('an amount column that is zero in every row is left out of the tables for people, and a note says which; with an amount it is there; CSV and JSON keep every column', async () => {
    const header = (text: string) => text.split('\n').find((l) => /^(År|Year) /.test(l)) ?? '';
    const shipped = (await flis(['revenue'])).stdout;
    expect(header(shipped)).toMatch(/^År +H1 +H2 +I alt +Grundlag$/);
    expect(shipped).toContain('\nKolonner, der er 0,00 i alle rækker, er udeladt: DEC og Udtræden.\n');
    // the legend does not send the reader to a column left out
    expect(shipped).not.toMatch(/kolonnen Udtræden/);
    expect(shipped).toContain('Afregninger ved udtræden forfalder i udtrædelsesdatoens år.');
    const roster = decAndExit();
    const both = (await flis(['revenue', '--roster', roster, '--to', '2027', '--lang', 'en'])).stdout;
    expect(header(both)).toMatch(/^Year +H1 +H2 +DEC +Exit settlements +Total +Basis$/);
    expect(lineOf(both, 2025)).toMatch(/^2025 +714,565\.22 +714,565\.22 +514,509\.53 +0\.00 +1,943,639\.97 +carried forward$/);
    expect(both).not.toContain('left out');
    // only the exit: DEC left out, the settlements shown
    const exitOnly = (await flis(['revenue', '--roster', roster, '--from', '2026', '--to', '2027', '--lang', 'en'])).stdout;
    expect(header(exitOnly)).toMatch(/^Year +H1 +H2 +Exit settlements +Total +Basis$/);
    expect(exitOnly).toContain('\nColumns that are 0.00 in every row are left out: DEC.\n');
    // per municipality, Markdown and HTML the same
    const md = (await flis(['revenue', '--roster', roster, '--by', 'kommune', '--from', '2026', '--to', '2027', '--format', 'md'])).stdout;
    expect(md).toContain('| År | Kode | Kommune | H1 | H2 | Udtræden | I alt | Grundlag |');
    expect(md).toContain('Kolonner, der er 0,00 i alle rækker, er udeladt: DEC.');
    const page = (await flis(['revenue', '--format', 'html'])).stdout;
    expect(page).not.toMatch(/<th class="num">(DEC|Udtræden)<\/th>/);
    expect(page).toContain('<p class="legend">Kolonner, der er 0,00 i alle rækker, er udeladt: DEC og Udtræden.</p>');
    // machines keep a stable shape
    expect((await flis(['revenue', '--format', 'csv'])).stdout.split('\n')[0]).toBe('year,h1,h2,dec,exit_settlements,total,dst,carried_forward,forecast,basis');
    expect(JSON.parse((await flis(['revenue', '--json'])).stdout).years[0]).toMatchObject({ dec: '0.00', exit_settlements: '0.00' });
  });
});

/** Chromium from Debian's packages, if installed. */
function findChromium(): string | undefined {
  const folders = (process.env.PATH ?? '').split(delimiter).filter((folder) => folder !== '');
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    for (const folder of folders) if (existsSync(join(folder, name))) return join(folder, name);
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium) console.warn('flis: the browser test of flis revenue --format html is SKIPPED: Chromium is not installed (apt-get install chromium)');

describe.skipIf(!chromium)(`the HTML page in a real browser (Chromium${chromium ? '' : ': SKIPPED, not installed; apt-get install chromium'})`, () => {
  const render = (args: string[], file: string) => {
    const html = join(temporaryFolder(), 'revenue.html');
    const out = join(temporaryFolder(), file);
    execFileSync(process.execPath, [join(ROOT, 'bin/flis.cjs'), 'revenue', ...args, '--format', 'html', '--out', html], { cwd: ROOT, stdio: 'ignore' });
    return { html, out };
  };
  /** A screenshot's pixels, decoded by pngjs (into RGBA, whatever the PNG's own colour type). */
  const screenshot = (bytes: Buffer) => {
    const png = PNG.sync.read(bytes);
    const pixel = (x: number, y: number): [number, number, number] => {
      const at = (y * png.width + x) * 4;
      return [png.data[at]!, png.data[at + 1]!, png.data[at + 2]!];
    };
    return { width: png.width, height: png.height, pixel };
  };
  const browser = (flags: string[], html: string) =>
    execFileSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', ...flags, `file://${html}`], { stdio: 'ignore', timeout: 60_000 });

  it('draws the chart: a bar per year, in the colour of its source (DST, then carried forward)', () => {
    const { html, out } = render([], 'revenue.png');
    browser([`--screenshot=${out}`, '--window-size=794,1123'], html);
    const image = screenshot(readFileSync(out));
    expect([image.width, image.height]).toEqual([794, 1123]);
    const count = (rgb: [number, number, number]) => {
      let n = 0;
      for (let y = 0; y < image.height; y += 2) for (let x = 0; x < image.width; x += 2) if (image.pixel(x, y).every((v, i) => Math.abs(v - rgb[i]!) <= 3)) n++;
      return n;
    };
    const dst = count([0x2e, 0x86, 0xc1]);
    const carried = count([0xf5, 0xb0, 0x41]);
    expect(dst).toBeGreaterThan(500);
    // nine years carried forward, one on DST's figures: nine bars' worth of the one colour to one of the other
    expect(carried / dst).toBeGreaterThan(8);
    expect(carried / dst).toBeLessThan(10.5);
  });

  it('with a budget, draws the costs beside the income: a bar per year in the costs\' grey, about as much of it as of the income', () => {
    const { html, out } = render(['--forecast', FORECAST, '--budget', BUDGET], 'budget.png');
    browser([`--screenshot=${out}`, '--window-size=794,1123'], html);
    const image = screenshot(readFileSync(out));
    const count = (rgb: [number, number, number]) => {
      let n = 0;
      for (let y = 0; y < image.height; y += 2) for (let x = 0; x < image.width; x += 2) if (image.pixel(x, y).every((v, i) => Math.abs(v - rgb[i]!) <= 3)) n++;
      return n;
    };
    const income = count([0x2e, 0x86, 0xc1]) + count([0x58, 0xd6, 0x8d]);
    const costs = count([0x56, 0x65, 0x73]);
    expect(costs).toBeGreaterThan(2000);
    // 435.5 M of costs beside 447.9 M of income, in bars of the same width
    expect(costs / income).toBeGreaterThan(0.9);
    expect(costs / income).toBeLessThan(1.05);
  });

  it('prints on A4: the shipped data on one page, with a budget on A4 pages and nothing past the right margin', () => {
    const pagesOf = (args: string[]) => {
      const { html, out } = render(args, 'revenue.pdf');
      browser([`--print-to-pdf=${out}`, '--no-pdf-header-footer'], html);
      const pdf = readFileSync(out).toString('latin1');
      const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [m[1], m[2]].map((pt) => Math.round((Number(pt) / 72) * 25.4)).join('×'));
      return { count: Number(pdf.match(/\/Count (\d+)/)?.[1]), boxes: [...new Set(boxes)] };
    };
    expect(pagesOf([])).toEqual({ count: 1, boxes: ['210×297'] });
    const budgeted = pagesOf(['--forecast', FORECAST, '--budget', BUDGET]);
    expect(budgeted.boxes).toEqual(['210×297']);
    expect(budgeted.count).toBeLessThanOrEqual(2);

    // An A4 page's width on screen (794 px): the widest table stays inside the margin.
    const { html, out } = render(['--forecast', FORECAST, '--budget', BUDGET], 'wide.png');
    browser([`--screenshot=${out}`, '--window-size=794,1123'], html);
    const image = screenshot(readFileSync(out));
    let inked = 0;
    for (let y = 0; y < image.height; y++) for (let x = 760; x < image.width; x++) if (image.pixel(x, y).some((v) => v < 200)) inked++;
    expect(inked).toBe(0);
  });
});
