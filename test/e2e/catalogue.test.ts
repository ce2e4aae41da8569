// The catalogue of bad input (fixtures/errors/): every file, run through `flis invoice` and `flis check`, with
// the exit code, the file and line, and the message each must give. Nothing may be written, nothing may crash.

import { closeSync, openSync, readFileSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mutate, mutation } from '../mutations.js';
import { ROOT, flis, temporaryFolder } from './flis.js';

interface Case {
  readonly file: string;
  readonly flag: '--population' | '--roster' | '--tariff' | '--forecast' | '--config' | '--budget';
  readonly line?: number;
  readonly message: RegExp;
  /** What the hint must say (one that fits the file: a roster is not exported from Statistics Denmark). */
  readonly hint?: RegExp;
  readonly code?: number;
  readonly extra?: readonly string[];
  /** The warning flis invoice gives before the error (the year billed is missing, though DST has published it). */
  readonly warned?: RegExp;
}

const CATALOGUE: readonly Case[] = [
  // encodings, text and layout
  { file: 'population-empty.csv', flag: '--population', message: /the file is empty/, hint: /\n  Export the table again; an empty file has nothing to read\.\n/ },
  { file: 'population-one-byte.csv', flag: '--population', message: /no header row found/ },
  { file: 'population-binary.csv', flag: '--population', line: 1, message: /binary data \(a NUL byte\)/ },
  { file: 'population-xlsx-renamed.csv', flag: '--population', line: 1, message: /binary data/ },
  { file: 'population-utf16.csv', flag: '--population', message: /UTF-16/ },
  { file: 'population-mixed-encoding.csv', flag: '--population', line: 2504, message: /mixes encodings/ },
  { file: 'population-mojibake-replacement-char.csv', flag: '--population', line: 3, message: /U\+FFFD replacement characters \(mojibake\)/ },
  { file: 'population-mojibake-double-encoded.csv', flag: '--population', line: 3, message: /mojibake \("Ã¸"\)/ },
  { file: 'population-tab-separated.csv', flag: '--population', line: 1, message: /separated by tabs/ },
  { file: 'population-html-error-page.csv', flag: '--population', line: 1, message: /a web page \(HTML or XML\), not CSV/ },
  { file: 'population-unclosed-quote.csv', flag: '--population', line: 3, message: /never closed/ },
  { file: 'population-stray-quote.csv', flag: '--population', line: 3, message: /a " in it without being quoted/ },
  { file: 'population-missing-field.csv', flag: '--population', line: 3, message: /2 fields, the header has 3/ },
  // headers and tables
  { file: 'population-not-a-dst-table.csv', flag: '--population', line: 1, message: /not a DST population table/ },
  { file: 'population-renamed-header.csv', flag: '--population', line: 1, message: /not a DST population table/ },
  { file: 'population-no-area-column.csv', flag: '--population', line: 1, message: /no area column \(OMRÅDE\)/ },
  { file: 'population-dimension-without-total.csv', flag: '--population', line: 2, message: /KØN has no total/ },
  { file: 'population-part-total-label.csv', flag: '--population', line: 2, message: /KØN has no total, only "Kvinder i alt", which is not KØN's own total/, hint: /flis takes only the total of all of KØN: I alt, Total, TOT, IALT, "Køn i alt" or "Sex, total"/ },
  { file: 'population-part-total-code.csv', flag: '--population', line: 2, message: /ALDER has no total, only "TOT 0-17", which is not ALDER's own total/ },
  { file: 'population-only-aggregates.csv', flag: '--population', message: /no population figure for any municipality/ },
  // values
  { file: 'population-unknown-area.csv', flag: '--population', line: 3, message: /"Odens" is not a Danish municipality/ },
  { file: 'population-bad-time.csv', flag: '--population', line: 3, message: /not a DST time period: "2024K5"/ },
  { file: 'population-non-numeric-count.csv', flag: '--population', line: 3, message: /not a population count: "209O78"/ },
  { file: 'population-negative-count.csv', flag: '--population', line: 3, message: /a negative population count/, hint: /\n  A population cannot be below 0: check the figure, or export the table from Statistics Denmark again\.\n/ },
  { file: 'population-does-not-add-up.csv', flag: '--population', line: 2, message: /the 98 municipalities and Christiansø add up to 5962249 on 1 January 2024, but all Denmark is 5961249 here \(\+1000\)/ },
  { file: 'population-two-figures.csv', flag: '--population', line: 5, message: /a second, different population figure for Odense/ },
  {
    file: 'population-missing-year.csv',
    flag: '--population',
    message: /no population figure on 1 January 2024 for 98 connected municipalities/,
    warned: /^flis: warning: fixtures\/errors\/population-missing-year\.csv: the population at hand goes up to 1 January 2023, but by today \(2024-06-01\) Statistics Denmark has published 1 January 2024[^\n]*\n  Get it with flis fetch population --year 2024 /,
  },
  {
    file: 'population-not-available-for-billed.csv',
    flag: '--population',
    line: 4,
    message: /DST has no figure \(\.\.\) for Odense \(461\) on 1 January 2024/,
    extra: ['--roster', 'fixtures/roster/odense-and-kobenhavn.csv'],
  },
  {
    file: 'population-zero-for-billed.csv',
    flag: '--population',
    line: 4,
    message: /a population of 0 for Odense \(461\) on 1 January 2024, and it is billed in (this run|2024): no municipality has no citizens/,
    hint: /\n  DST writes 0 where it keeps a figure back/,
    extra: ['--roster', 'fixtures/roster/odense-and-kobenhavn.csv'],
  },
  // roster
  { file: 'roster-empty.csv', flag: '--roster', message: /the file is empty/, hint: /\n  Check that the right file was given; an empty file has nothing to read\.\n/ },
  { file: 'roster-header-only.csv', flag: '--roster', message: /the roster lists no municipality/ },
  { file: 'roster-missing-column.csv', flag: '--roster', line: 1, message: /the header has no "available_from" column/ },
  { file: 'roster-unknown-column.csv', flag: '--roster', line: 1, message: /unknown column "exit_dato"/ },
  { file: 'roster-unknown-municipality.csv', flag: '--roster', line: 3, message: /"Odens" is not a Danish municipality/ },
  { file: 'roster-aggregate.csv', flag: '--roster', line: 2, message: /"Hele landet" is not a municipality/ },
  { file: 'roster-duplicate-municipality.csv', flag: '--roster', line: 4, message: /Odense \(461\) is on the roster twice/ },
  { file: 'roster-impossible-date.csv', flag: '--roster', line: 2, message: /"2025-02-30" is not a real calendar day/ },
  { file: 'roster-bad-date-format.csv', flag: '--roster', line: 2, message: /"2025\/01\/01" is not a date/ },
  { file: 'roster-out-of-range-date.csv', flag: '--roster', line: 2, message: /available_from: "1899-01-01" is out of range: flis takes dates from 2000 to 2099/ },
  { file: 'roster-empty-available-from.csv', flag: '--roster', line: 2, message: /available_from is empty/ },
  { file: 'roster-exit-before-available.csv', flag: '--roster', line: 2, message: /exit_date 2025-02-01 is not after available_from 2025-03-01/ },
  { file: 'roster-bad-ean-check-digit.csv', flag: '--roster', line: 2, message: /wrong check digit/ },
  { file: 'roster-ean-not-13-digits.csv', flag: '--roster', line: 2, message: /it must be 13 digits/ },
  { file: 'roster-ean-twice.csv', flag: '--roster', line: 3, message: /EAN 5798009811578 is also Odense \(461\)'s \(line 2\)/ },
  { file: 'roster-reference-line-break.csv', flag: '--roster', line: 2, message: /reference: "Økonomi FLIS" contains a line break/ },
  // tariff, forecast, config
  { file: 'tariff-price-above-maximum.json', flag: '--tariff', line: 2, message: /above the agreement's maximum of 7.96/ },
  { file: 'tariff-unknown-key.json', flag: '--tariff', line: 3, message: /unknown tariff key "vat"/ },
  { file: 'tariff-not-json.json', flag: '--tariff', line: 4, message: /the tariff is not valid JSON: [a-z]/ },
  { file: 'tariff-bad-value.json', flag: '--tariff', line: 2, message: /knee_rate must be a decimal number such as "0\.5", not "half"/ },
  { file: 'tariff-negative-vat-rate.json', flag: '--tariff', line: 3, message: /vat_rate is negative \("-0\.25"\): negative rates are refused\n(.*\n)*  Give 0 or more, such as "0\.25"\./ },
  { file: 'tariff-duplicate-key.json', flag: '--tariff', line: 3, message: /"price_per_citizen" is given twice in the tariff \(first on line 2\): JSON would keep the last silently/ },
  { file: 'tariff-maximum-raised.json', flag: '--tariff', line: 3, message: /max_price_per_citizen 9.92 is above the agreement's maximum of 7.96 DKK \(Bilag 1 §2.2\): a tariff may lower the maximum, never raise it/ },
  { file: 'forecast-one-sex-missing.csv', flag: '--forecast', line: 4, message: /has no figure for Kvinder: the sexes cannot be summed/ },
  { file: 'budget-negative-cost.csv', flag: '--budget', line: 3, message: /a negative cost: "-450000000"/, hint: /Costs are what the income must cover: 0 or more DKK/ },
  { file: 'config-unknown-key.json', flag: '--config', line: 3, message: /unknown key "rooster"/, code: 2 },
  { file: 'config-duplicate-key.json', flag: '--config', line: 4, message: /"roster" is given twice in the config file \(first on line 2\)/, code: 2 },
  { file: 'config-seller-bad-cvr.json', flag: '--config', line: 6, message: /seller\.cvr: CVR 19435076 fails the modulus-11 check/, code: 2 },
  { file: 'config-seller-missing-key.json', flag: '--config', line: 4, message: /seller\.bank is missing: the e-invoices must say where to pay/, code: 2 },
];

const location = (c: Case) => `fixtures/errors/${c.file}${c.line === undefined ? '' : `:${c.line}`}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the catalogue of bad input', () => {
  it('has every file of fixtures/errors/, at least 25', () => {
    const files = readdirSync(join(ROOT, 'fixtures/errors')).filter((f) => !f.endsWith('.md'));
    expect([...CATALOGUE.map((c) => c.file)].sort()).toEqual(files.sort());
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CATALOGUE.filter((c) => c.flag !== '--forecast' && c.flag !== '--budget'))('flis invoice $flag $file', async (c) => {
    const out = join(temporaryFolder(), 'out');
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', c.flag, `fixtures/errors/${c.file}`, ...(c.extra ?? []), '--out', out]);
    expect(r.code, r.stderr).toBe(c.code ?? 1);
    if (c.warned) expect(r.stderr).toMatch(c.warned);
    const afterWarning = c.warned ? r.stderr.replace(/^flis: warning: [^\n]*\n(?: {2}[^\n]*\n)*/, '') : r.stderr;
    expect(afterWarning).toMatch(new RegExp(`^flis: error: ${escape(location(c))}: `));
    expect(r.stderr).toMatch(c.message);
    if (c.hint) expect(r.stderr).toMatch(c.hint);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(/);
    expect(r.stdout).toBe('');
    expect(() => readdirSync(out)).toThrow();
  });

  it.each(CATALOGUE.filter((c) => c.flag === '--budget'))('flis revenue $flag $file', async (c) => {
    const r = await flis(['revenue', '--to', '2025', c.flag, `fixtures/errors/${c.file}`]);
    expect(r.code, r.stderr).toBe(c.code ?? 1);
    expect(r.stderr).toMatch(new RegExp(`^flis: error: ${escape(location(c))}: `));
    expect(r.stderr).toMatch(c.message);
    if (c.hint) expect(r.stderr).toMatch(c.hint);
    expect(r.stdout).toBe('');
  });

  it.each(CATALOGUE.filter((c) => c.flag !== '--budget'))('flis check finds $file', async (c) => {
    const r = await flis(['check', '--lang', 'en', '--year', '2024', c.flag, `fixtures/errors/${c.file}`, ...(c.extra ?? [])]);
    expect(r.code, r.stderr).toBe(c.code ?? 1);
    expect(r.stderr).toMatch(new RegExp(`flis: error: ${escape(location(c))}: `));
    expect(r.stderr).toMatch(c.message);
    if (c.hint) expect(r.stderr).toMatch(c.hint);
    if ((c.code ?? 1) === 1) expect(r.stdout).toMatch(/^flis check: \d+ problems?, \d+ warnings?/);
  });

  it('a 200 MB file of one line is refused at once, without reading it all', async () => {
    const path = join(temporaryFolder(), 'one-line.csv');
    const fd = openSync(path, 'w');
    writeSync(fd, 'OMRÅDE;TID;INDHOLD\nOdense;2024K1;');
    const block = Buffer.alloc(4 * 1024 * 1024, 0x37);
    for (let i = 0; i < 50; i++) writeSync(fd, block);
    closeSync(fd);
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--population', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/one-line.csv:2: a line is longer than 1 MiB/);
  }, 60_000);
});

describe('mutated files through the binary', () => {
  it('exit 0 or 1, never a crash or exit 3', async () => {
    const original = readFileSync(join(ROOT, 'fixtures/shapes/api-codes-FOLK1A-2023K1-2024K1.csv'));
    const folder = temporaryFolder();
    const samples = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 4 }), { numRuns: 12, seed: 2024 });
    for (const [i, mutations] of samples.entries()) {
      const path = join(folder, `mutated-${i}.csv`);
      writeFileSync(path, mutate(original, mutations));
      const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--json', '--population', path]);
      expect([0, 1], r.stderr).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  }, 60_000);
});

describe('flis check', () => {
  it('the shipped inputs: no problems, and the warnings the real data deserves', async () => {
    const r = await flis(['check', '--lang', 'en', '--year', '2024']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('flis check: no problems, 1 warning in fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv, fixtures/roster/all-98-illustrative-ean-reference.csv for 2024\n');
    // No real move trips the warning of a population that moved: Brøndby's +5.2 % (37,128 to 39,067 from 1
    // January 2023 to 2024, in DST's own figures) is the largest in the file.
    expect(r.stderr).not.toMatch(/% from/);
    // The shipped config's bank account and payment terms are examples: KOMBIT's are not public.
    expect(r.stderr).toMatch(/flis: warning: flis.config.json:\d+: the seller's "bank", "payment_terms_days" are marked illustrative/);
  });

  it('a roster without EANs: every connected municipality without one, in one warning', async () => {
    const r = await flis(['check', '--lang', 'en', '--year', '2024', '--roster', 'fixtures/roster/all-98-from-2024-01-01.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/flis: warning: fixtures\/roster\/all-98-from-2024-01-01.csv: 98 connected municipalities have no EAN/);
    expect(r.stdout).toMatch(/^flis check: no problems, 2 warnings/);
  });

  it('with e-invoices configured, municipalities without a reference or a postal address are a warning', async () => {
    const folder = temporaryFolder();
    const config = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8'));
    writeFileSync(join(folder, 'flis.config.json'), JSON.stringify({ ...config, einvoice: 'oioubl', population: join(ROOT, config.population), roster: join(folder, 'roster.csv') }));
    writeFileSync(join(folder, 'roster.csv'), 'kommune;available_from;ean;reference\n461;2024-01-01;5901234123457;4711\n101;2024-01-01;5798009811578;\n');
    const r = await flis(['check', '--lang', 'en', '--year', '2024'], { cwd: folder });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/roster.csv:3: København \(101\) has no reference for its e-invoices/);
    // and København's address, which flis has not confirmed and the roster does not give: its e-invoices would be refused
    expect(r.stderr).toMatch(/roster.csv:3: København \(101\) has no confirmed postal address for its e-invoices\n[\s\S]*give it in the roster's columns street, building_number, postal_code and city/);
    expect(r.stderr).not.toMatch(/Odense \(461\) has no confirmed/);
  });

  it('reports every problem of every input at once, then the count', async () => {
    const r = await flis([
      'check', '--lang', 'en', '--year', '2024',
      '--roster', 'fixtures/errors/roster-unknown-municipality.csv',
      '--population', 'fixtures/errors/population-negative-count.csv',
      '--tariff', 'fixtures/errors/tariff-unknown-key.json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/^flis: error: /gm)).toHaveLength(3);
    expect(r.stdout).toBe('flis check: 3 problems, 1 warning\n'); // the warning: the shipped config's illustrative seller
  });

  it('a roster date after the agreement and a single missing EAN are warnings, exit 0', async () => {
    const folder = temporaryFolder();
    const path = join(folder, 'roster.csv');
    writeFileSync(path, 'kommune;available_from;exit_date;ean\n461;2024-01-01;2035-01-01;5901234123457\n101;2024-01-01;;\n');
    const r = await flis(['check', '--lang', 'en', '--year', '2024', '--roster', path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/roster.csv:2: Odense \(461\): exit_date 2035-01-01 is after the agreement ends \(2033-12-31\)/);
    expect(r.stderr).toMatch(/roster.csv:3: København \(101\) is connected but has no EAN/);
    expect(r.stdout).toMatch(/^flis check: no problems, 3 warnings/); // and the shipped config's illustrative seller
    // The invoice run warns of the date too: nothing is billed after the agreement ends.
    const invoiced = await flis(['invoice', '--period', 'H1', '--year', '2024', '--roster', path]);
    expect(invoiced.code).toBe(0);
    expect(invoiced.stderr).toMatch(/^flis: warning: .*roster.csv:2: Odense \(461\): exit_date 2035-01-01 is after the agreement ends \(2033-12-31\)\n  Nothing is billed after the agreement ends; check the date\.\n$/);
  });

  it('--quiet leaves out the warnings', async () => {
    const r = await flis(['check', '--lang', 'en', '--year', '2024', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^flis check: no problems, 1 warning/);
  });

  it('a population that moved more than 10 % from the year before: a warning naming both figures and lines, in check and in the invoice run', async () => {
    const folder = temporaryFolder();
    const population = join(folder, 'population.csv');
    // Odense's women (105,000) where its population (209,078) should be, a year after its real 207,000.
    writeFileSync(population, 'OMRÅDE;TID;INDHOLD\nKøbenhavn;2023K1;653664\nOdense;2023K1;207000\nKøbenhavn;2024K1;659350\nOdense;2024K1;105000\n');
    const roster = 'fixtures/roster/odense-and-kobenhavn.csv';
    const warning = /flis: warning: .*population.csv:5: Odense \(461\): 105,000 on 1 January 2024, -49.3 % from 207,000 on 1 January 2023 \(line 3\)\n  A change of more than 10 % in a year is unusual/;
    const checked = await flis(['check', '--lang', 'en', '--year', '2024', '--population', population, '--roster', roster]);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toMatch(warning);
    expect(checked.stderr).not.toMatch(/København \(101\): 659,350/);
    const invoiced = await flis(['invoice', '--period', 'H1', '--year', '2024', '--population', population, '--roster', roster]);
    expect(invoiced.code).toBe(0);
    expect(invoiced.stderr).toMatch(warning);
    const quiet = await flis(['invoice', '--period', 'H1', '--year', '2024', '--population', population, '--roster', roster, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(invoiced.stdout);
  });

  it('a move of 10 % is no warning; the invoice run warns only of the figures it bills on', async () => {
    const folder = temporaryFolder();
    const population = join(folder, 'population.csv');
    writeFileSync(population, 'OMRÅDE;TID;INDHOLD\nKøbenhavn;2022K1;580000\nKøbenhavn;2023K1;653664\nOdense;2023K1;190000\nKøbenhavn;2024K1;659350\nOdense;2024K1;209000\n');
    const roster = 'fixtures/roster/odense-and-kobenhavn.csv';
    const checked = await flis(['check', '--lang', 'en', '--year', '2024', '--population', population, '--roster', roster]);
    expect(checked.stderr).toMatch(/population.csv:3: København \(101\): 653,664 on 1 January 2023, \+12\.7 % from 580,000 on 1 January 2022 \(line 2\)/);
    expect(checked.stderr).not.toMatch(/Odense \(461\): 209,000/); // +10.0 %: not more than 10 %
    const invoiced = await flis(['invoice', '--period', 'H1', '--year', '2024', '--population', population, '--roster', roster]);
    expect(invoiced.code).toBe(0);
    expect(invoiced.stderr).not.toMatch(/warning/);
  });
});

describe('a population of 0 (DST\'s mark of a figure it keeps back) in every command that bills on it', () => {
  const zero = 'fixtures/errors/population-zero-for-billed.csv';
  const roster = ['--roster', 'fixtures/roster/odense-and-kobenhavn.csv'];
  const once = /^flis: error: fixtures\/errors\/population-zero-for-billed.csv:4: a population of 0 for Odense \(461\) on 1 January 2024, and it is [^\n]*: no municipality has no citizens\n/;

  it.each([
    ['exit', ['exit', '--kommune', '461', '--date', '2026-01-01', '--population', zero, ...roster]],
    ['revenue', ['revenue', '--population', zero, ...roster]],
  ])('flis %s: exit 1, once at the figure\'s line however many years it is carried forward to', async (_, args) => {
    const r = await flis(args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(once);
    expect(r.stderr.match(/a population of 0/g)).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('a forecast of 0 is refused at its line too (as flis fetch projection saves it: sexes summed by DST)', async () => {
    const folder = temporaryFolder();
    const forecast = join(folder, 'forecast.csv');
    const years = [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033];
    writeFileSync(forecast, ['KOMMUNEDK;TID;INDHOLD', ...years.map((y) => `Odense;${y};${y === 2027 ? 0 : 210000}`)].join('\n') + '\n');
    const r = await flis(['exit', '--kommune', '461', '--date', '2026-01-01', '--forecast', forecast, ...roster]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^flis: error: .*forecast.csv:4: a population of 0 for Odense \(461\) on 1 January 2027, and it is needed for the settlement/);
  });

  it('a forecast with one sex at 0 is refused at its line: the sum would count only the other', async () => {
    const folder = temporaryFolder();
    const forecast = join(folder, 'forecast.csv');
    const text = readFileSync(join(ROOT, 'fixtures/forecast/FRKM-synthetic-2025-2035.csv'), 'utf8').replace(/^Odense;Alder i alt;Kvinder;2027;\d+/m, 'Odense;Alder i alt;Kvinder;2027;0');
    writeFileSync(forecast, text);
    const line = text.split(/\r?\n/).findIndex((l) => l.startsWith('Odense;Alder i alt;Kvinder;2027;')) + 1;
    const r = await flis(['exit', '--kommune', '461', '--date', '2026-01-01', '--forecast', forecast, ...roster]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`forecast.csv:${line}: 0 for Kvinder in Odense \\(461\\) on 1 January 2027: no municipality has none`));
  });
});
