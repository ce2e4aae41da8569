// flis exit --format html | pdf: the settlement as a dated letter from the seller to the municipality. The PDF
// is read back with pdftotext and pdfinfo (Debian's poppler-utils), the HTML printed to A4 by Chromium; where
// either tool is missing, its tests are skipped, and say so.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

/** A program on the PATH, if there. */
function onPath(...names: string[]): string | undefined {
  const folders = (process.env.PATH ?? '').split(delimiter).filter((folder) => folder !== '');
  for (const name of names) for (const folder of folders) if (existsSync(join(folder, name))) return join(folder, name);
  return undefined;
}

const pdftotext = onPath('pdftotext');
const pdfinfo = onPath('pdfinfo');
const pdffonts = onPath('pdffonts');
const poppler = pdftotext !== undefined && pdfinfo !== undefined && pdffonts !== undefined;
if (!poppler) console.warn('flis: the tests of the PDF letter\'s text are SKIPPED: pdftotext/pdfinfo/pdffonts are not installed (apt-get install poppler-utils)');
const chromium = onPath('chromium', 'chromium-browser', 'google-chrome');
if (!chromium) console.warn('flis: the browser test of flis exit --format html is SKIPPED: Chromium is not installed (apt-get install chromium)');

/** The day the tests make the letters on (FLIS_TODAY). */
const TODAY = { FLIS_TODAY: '2026-12-01' };
const ODENSE = ['exit', '--kommune', 'Odense', '--date', '2025-04-01'];

/** Writes the letter to a new file; the run's result and the file. */
async function letter(args: readonly string[], format: 'pdf' | 'html', env: Record<string, string> = TODAY) {
  const file = join(temporaryFolder(), `letter.${format}`);
  const result = await flis([...args, '--format', format, '--out', file], { env });
  return { result, file };
}

const text = (pdf: string): string => execFileSync(pdftotext!, ['-layout', pdf, '-'], { encoding: 'utf8' });
const info = (pdf: string): Record<string, string> =>
  Object.fromEntries(
    execFileSync(pdfinfo!, [pdf], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );

/** What no letter to a municipality may show: a file path of flis's inputs, or an option of flis. */
function expectNoPathNorOption(words: string): void {
  expect(words).not.toMatch(/fixtures\/|\.csv\b|\.json\b|[\w-]+\/[\w.-]+\.\w+/);
  expect(words).not.toMatch(/(^|\s)--[a-z]/m);
}

/** The words every Danish letter to Odense (exit 1 April 2025, on the shipped data) holds. */
function expectOdenseLetter(words: string): void {
  const flat = words.replace(/\s+/g, ' ');
  // the sender, from flis.config.json
  for (const part of ['KOMBIT A/S', 'Halfdansgade 8', '2300 København S', 'CVR 19435075', 'kombit@kombit.dk', 'tlf. 33349400']) expect(flat).toContain(part);
  // the municipality by its legal name and address
  for (const part of ['Odense Kommune', 'Flakhaven 2', '5000 Odense C']) expect(flat).toContain(part);
  // dated
  expect(flat).toContain('1. december 2026');
  expect(flat).toContain('Afregning ved udtræden af FLIS – Odense Kommune');
  // the settlement, each year and the total
  expect(flat).toContain('12.504.891,35 kr. ekskl. moms');
  expect(flat).toMatch(/2025 01\.04\.2025 – 31\.12\.2025 209\.078 DST 1\.1\.2024, videreført 1\.429\.130,44 9 1\.071\.847,83/);
  for (let year = 2026; year <= 2033; year++) expect(flat).toMatch(new RegExp(`${year} 01\\.01\\.${year} – 31\\.12\\.${year} 209\\.078 .* 1\\.429\\.130,44 12 1\\.429\\.130,44`));
  expect(flat).toMatch(/I alt 12\.504\.891,35/);
  // how it was computed, the clauses, ready to sign
  expect(flat).toContain('Sådan er afregningen beregnet');
  for (const clause of ['Generelle vilkår pkt. 5', 'Tilslutningsaftale FLIS 2023, Bilag 1 §2.1', 'Bilag 1 §2.2', 'Bilag 1 §3']) expect(flat).toContain(clause);
  for (const part of ['Med venlig hilsen', 'Underskrift', 'Navn og stilling']) expect(flat).toContain(part);
  // the Danish letters, as letters (not as boxes or question marks)
  expect(flat).toMatch(/æ/);
  expect(flat).toMatch(/ø/);
  expect(flat).toMatch(/å/);
  expectNoPathNorOption(words);
}

describe.skipIf(!poppler)(`the PDF letter (pdftotext${poppler ? '' : ': SKIPPED, not installed; apt-get install poppler-utils'})`, () => {
  it('is dated, from the seller to the municipality, with the settlement, each year, how it was computed and the clauses, ready to sign; no path, no option', async () => {
    const { result, file } = await letter(ODENSE, 'pdf');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expectOdenseLetter(text(file));
  });

  it('is A4, on at most two pages, with its fonts embedded, and dated in its metadata as the letter is', async () => {
    const { file } = await letter(ODENSE, 'pdf');
    const about = info(file);
    expect(about['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(Number(about.Pages)).toBeGreaterThanOrEqual(1);
    expect(Number(about.Pages)).toBeLessThanOrEqual(2);
    expect(about.Title).toBe('Afregning ved udtræden af FLIS – Odense Kommune');
    expect(about.Author).toBe('KOMBIT A/S');
    const created = execFileSync(pdfinfo!, ['-isodates', file], { encoding: 'utf8' }).match(/CreationDate:\s+(\S+)/)?.[1];
    expect(created).toBe('2026-12-01T00:00:00Z');
    // every font embedded (a subset of DejaVu Sans): none left to the reader's machine
    const fonts = execFileSync(pdffonts!, [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?\s.*\syes\s+yes\s+yes\s/);
  });

  it('is the same bytes when made again on the same day; another day is another date', async () => {
    const first = await letter(ODENSE, 'pdf');
    const again = await letter(ODENSE, 'pdf');
    expect(readFileSync(again.file).equals(readFileSync(first.file))).toBe(true);
    const later = await letter(ODENSE, 'pdf', { FLIS_TODAY: '2026-12-02' });
    expect(text(later.file)).toContain('2. december 2026');
  });

  it('in English', async () => {
    const { result, file } = await letter([...ODENSE, '--lang', 'en'], 'pdf');
    expect(result.code, result.stderr).toBe(0);
    const flat = text(file).replace(/\s+/g, ' ');
    for (const part of ['Settlement on leaving FLIS – Odense Kommune', '1 December 2026', 'KOMBIT A/S', 'Flakhaven 2', '5000 Odense C', '12,504,891.35 DKK excl. VAT', 'Total 12,504,891.35', 'Yours sincerely', 'Signature', 'Name and title']) {
      expect(flat).toContain(part);
    }
    expect(flat).toContain('2300 København S');
    expectNoPathNorOption(flat);
  });

  it('with a run folder: the runs compared, and still no path', async () => {
    const runs = temporaryFolder();
    for (const period of ['H1', 'H2']) expect((await flis(['invoice', '--period', period, '--year', '2024', '--out', runs, '--quiet'])).code).toBe(0);
    const { result, file } = await letter(['exit', '--kommune', 'Odense', '--date', '2024-10-01', '--invoices', runs], 'pdf');
    expect(result.code, result.stderr).toBe(0);
    const words = text(file);
    const flat = words.replace(/\s+/g, ' ');
    expect(flat).toContain('Udstedt og skyldigt ved udtræden 1. oktober 2024');
    expect(flat).toMatch(/2024 H2 01\.07\.2024 – 31\.12\.2024 FLIS-2024-H2-0052 714\.565,22 357\.282,61 357\.282,61 0,00/);
    expectNoPathNorOption(words);
  });

  it('goes to stdout where stdout is not a terminal (here a pipe)', async () => {
    const file = join(temporaryFolder(), 'piped.pdf');
    execFileSync('sh', ['-c', `"${process.execPath}" "${join(ROOT, 'bin/flis.cjs')}" "$@" > "${file}"`, 'sh', ...ODENSE, '--format', 'pdf', '--quiet'], { cwd: ROOT, env: { ...process.env, ...TODAY } });
    expectOdenseLetter(text(file));
    const { file: written } = await letter(ODENSE, 'pdf');
    expect(readFileSync(file).equals(readFileSync(written))).toBe(true);
  });
});

describe('the HTML letter', () => {
  it('says what the PDF says, in one self-contained page', async () => {
    const r = await flis([...ODENSE, '--format', 'html'], { env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>\n<html lang="da">')).toBe(true);
    expect(r.stdout).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|https?:/i);
    expectOdenseLetter(r.stdout.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&'));
  });

  it('leaving after the repayment period: 0,00 kr., no table, and no word of one', async () => {
    const r = await flis(['exit', '--kommune', 'Odense', '--date', '2034-01-01', '--format', 'html'], { env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('0,00 kr. ekskl. moms');
    expect(r.stdout).toContain('ligger efter tilbagebetalingsperiodens udløb');
    expect(r.stdout).not.toMatch(/<thead>|år for år/);
  });

  it('escapes every text it is given: the seller\'s from the config, the address from the roster', async () => {
    const folder = temporaryFolder();
    const config = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8'));
    config.seller.name = 'KOMBIT <b>"A/S"</b> & \'Co\'';
    config.seller.address.street = 'Halfdans<gade>';
    config.population = join(ROOT, config.population);
    config.roster = join(folder, 'roster.csv');
    writeFileSync(join(folder, 'flis.config.json'), JSON.stringify(config));
    writeFileSync(
      config.roster,
      'kommune;available_from;pilot_start;exit_date;ean;reference;street;building_number;postal_code;city\n' +
        '461;2024-01-01;;;2000000461007;Økonomi <FLIS>;"Rådhus<gade> & ""Co""";2;5000;Odense \'C\'\n',
    );
    const r = await flis(['exit', '--kommune', 'Odense', '--date', '2025-04-01', '--format', 'html', '--config', join(folder, 'flis.config.json')], { env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('KOMBIT &lt;b&gt;&quot;A/S&quot;&lt;/b&gt; &amp; &#39;Co&#39;');
    expect(r.stdout).toContain('Halfdans&lt;gade&gt; 8');
    // the roster's address, not the one flis has for Odense
    expect(r.stdout).toContain('Rådhus&lt;gade&gt; &amp; &quot;Co&quot; 2');
    expect(r.stdout).toContain('5000 Odense &#39;C&#39;');
    expect(r.stdout).not.toContain('Flakhaven');
    expect(r.stdout).not.toMatch(/<b>|<gade>|"Co"|'C'/);
  });
});

describe.skipIf(!chromium || !poppler)(`the HTML letter printed to A4 by Chromium${chromium && poppler ? '' : ': SKIPPED, Chromium or poppler-utils not installed'}`, () => {
  it('fits A4 pages, at most two, and holds the letter\'s text', async () => {
    const { result, file } = await letter(ODENSE, 'html');
    expect(result.code, result.stderr).toBe(0);
    const pdf = join(temporaryFolder(), 'printed.pdf');
    execFileSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${file}`], { stdio: 'ignore', timeout: 60_000 });
    const about = info(pdf);
    // A4 is 595.28 × 841.89 pt; Chromium rounds to its own units
    const [width, height] = about['Page size']!.split(' ').filter((p) => /^[\d.]+$/.test(p)).map(Number);
    expect(Math.abs(width! - 595.28)).toBeLessThan(1);
    expect(Math.abs(height! - 841.89)).toBeLessThan(1);
    expect(Number(about.Pages)).toBeLessThanOrEqual(2);
    expectOdenseLetter(text(pdf));
  });
});

describe('what the letter needs', () => {
  it('is one municipality\'s: --all is refused (exit 2)', async () => {
    const r = await flis(['exit', '--all', '--date', '2027-01-01', '--format', 'pdf', '--out', join(temporaryFolder(), 'all.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format pdf is a letter to one municipality: give --kommune, not --all/);
  });

  it('a sender: without a seller in the config it is refused (exit 2), naming the config', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'flis.config.json'), JSON.stringify({ population: join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv'), roster: join(ROOT, 'fixtures/roster/all-98-illustrative-ean-reference.csv') }));
    const r = await flis([...ODENSE, '--format', 'html'], { cwd: folder });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/flis\.config\.json.*no seller in the config: the letter is sent by the seller/s);
    expect(r.stdout).toBe('');
    // the text report goes without the sender's line
    const report = await flis(ODENSE, { cwd: folder });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).not.toMatch(/Afsender/);
  });

  it('a warning where the seller\'s values it shows are marked illustrative; none for those it does not show (the shipped bank account)', async () => {
    const shipped = await flis([...ODENSE, '--format', 'html'], { env: TODAY });
    expect(shipped.stderr).not.toMatch(/illustrative/);
    const folder = temporaryFolder();
    const config = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8'));
    config.seller.illustrative = ['bank', 'phone', 'address'];
    for (const key of ['population', 'roster']) config[key] = join(ROOT, config[key]);
    writeFileSync(join(folder, 'flis.config.json'), JSON.stringify(config));
    const r = await flis([...ODENSE, '--format', 'html', '--config', join(folder, 'flis.config.json')], { env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/flis: warning: .*flis\.config\.json: seller "phone", "address" are marked illustrative: the letter shows examples, not the seller's own/);
    expect(r.stderr).not.toMatch(/"bank"/);
  });

  it('the municipality\'s postal address: where flis has none confirmed and the roster gives none, refused at the roster line (exit 1)', async () => {
    const r = await flis(['exit', '--kommune', 'København', '--date', '2025-04-01', '--format', 'html']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/all-98-illustrative-ean-reference\.csv:2/);
    expect(r.stderr).toMatch(/København \(101\) has no confirmed postal address: the letter to Københavns Kommune cannot be addressed/);
    expect(r.stderr).toMatch(/street, building_number, postal_code and city/);
    expect(r.stdout).toBe('');
  });

  it('--out: the same letter again is a no-op; another is not written over it', async () => {
    const { result, file } = await letter(ODENSE, 'pdf');
    expect(result.code).toBe(0);
    const again = await flis([...ODENSE, '--format', 'pdf', '--out', file], { env: TODAY });
    expect([again.code, again.stderr]).toEqual([0, expect.stringMatching(/already this report, unchanged/)]);
    const other = await flis([...ODENSE, '--format', 'pdf', '--out', file], { env: { FLIS_TODAY: '2026-12-02' } });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/already exists with other content; flis does not overwrite it/);
  });
});

describe('the text report', () => {
  it('carries the letter\'s date and sender', async () => {
    const r = await flis(ODENSE, { env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Udarbejdet: +1\. december 2026\n/);
    expect(r.stdout).toMatch(/Afsender: +KOMBIT A\/S, Halfdansgade 8, 2300 København S, CVR 19435075\n/);
    const md = await flis([...ODENSE, '--format', 'md', '--lang', 'en'], { env: TODAY });
    expect(md.stdout).toMatch(/- \*\*From:\*\* KOMBIT A\/S, Halfdansgade 8, 2300 København S, CVR 19435075\n/);
  });
});
