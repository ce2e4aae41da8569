// flis revenue run as a user runs it: on the shipped data, with the shipped forecast, with exits, with an issued
// run folder and a budget, in every format; the HTML page rendered in a real browser (Chromium), where installed.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';
import { readPng } from './png.js';

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
    expect(danish.stdout).toMatch(/\nI alt +220\.166\.018,10 +220\.166\.018,10 +0,00 +0,00 +440\.332\.036,20 +DST \+ videreført\n/);
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
    expect(lines[0]).toBe('year,kommune_code,kommune_name,h1,h2,dec,exit_settlements,total,issued,dst,carried_forward,forecast,basis');
    expect(lines.filter((l) => l.startsWith('2024,'))).toHaveLength(2); // Aarhus is available from 2025
    expect(lines).toContain('2024,461,Odense,714565.22,714565.22,0.00,0.00,1429130.44,0.00,1429130.44,0.00,0.00,dst');
    const excel = await flis(['revenue', '--format', 'csv', '--dialect', 'excel-da']);
    expect(excel.stdout.startsWith('\uFEFFyear;h1;h2;dec;')).toBe(true);
    expect(excel.stdout).toContain('2024;22016601,81;22016601,81;0,00;0,00;44033203,62;');
  });

  it('counts what a run folder has issued as issued', async () => {
    const runs = temporaryFolder();
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', runs, '--quiet'])).code).toBe(0);
    const result = await flis(['revenue', '--invoices', runs, '--to', '2025', '--json']);
    expect(result.code).toBe(0);
    const [y2024] = JSON.parse(result.stdout).years;
    expect(y2024.by_source).toMatchObject({ issued: '22016601.81', dst: '22016601.81' });
    expect(y2024.basis).toEqual(['issued', 'dst']);
  });

  it('against a budget: the difference per year, accumulated, and the §5 answer in one line', async () => {
    const result = await flis(['revenue', '--budget', BUDGET, '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Generelle vilkår pkt. 5: the income 2024–2033 (440,332,036.20 DKK) EXCEEDS the costs (435,500,000.00) by 4,832,036.20 DKK');
    expect(lineOf(result.stdout, 2024)).toMatch(/45,000,000\.00 +-966,796\.38 +-966,796\.38$/);
    const danish = await flis(['revenue', '--budget', BUDGET]);
    expect(danish.stdout).toContain(
      'Generelle vilkår pkt. 5: indtægterne 2024–2033 (440.332.036,20 kr.) OVERSTIGER omkostningerne (435.500.000,00 kr.) med 4.832.036,20 kr.; ' +
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
  const browser = (flags: string[], html: string) =>
    execFileSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', ...flags, `file://${html}`], { stdio: 'ignore', timeout: 60_000 });

  it('draws the chart: a bar per year, in the colour of its source (DST, then carried forward)', () => {
    const { html, out } = render([], 'revenue.png');
    browser([`--screenshot=${out}`, '--window-size=794,1123'], html);
    const image = readPng(readFileSync(out));
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
    const image = readPng(readFileSync(out));
    let inked = 0;
    for (let y = 0; y < image.height; y++) for (let x = 760; x < image.width; x++) if (image.pixel(x, y).some((v) => v < 200)) inked++;
    expect(inked).toBe(0);
  });
});
