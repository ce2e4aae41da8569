// --format xlsx of flis exit and flis revenue, and the run folder's workbook (flis invoice --out DIR --xlsx),
// read back as Excel would read them (test/xlsx-read.ts) and held against the CSV of the same command: every
// amount a number equal to the CSV's, every date a date equal to it, the header frozen, "Om data" present.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, TEST_TODAY, flis, temporaryFolder } from './flis.js';
import { type ReadCell, type ReadSheet, readWorkbook, records, sheetNamed, texts } from '../xlsx-read.js';

const csvRecords = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

/** flis with stdout as bytes (a pipe), not decoded; on the tests' day, as flis() runs it. */
function flisBytes(args: readonly string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((done) => {
    const env = { ...process.env, FLIS_TODAY: TEST_TODAY };
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr: stderr.toString('utf8') });
    });
  });
}

/** Runs flis writing a workbook with --out; the workbook read back. */
async function workbookOf(args: readonly string[]) {
  const out = join(temporaryFolder(), 'report.xlsx');
  const r = await flis([...args, '--format', 'xlsx', '--out', out]);
  expect(r.stderr).toBe(`flis: wrote ${out}\n`);
  expect(r.code).toBe(0);
  return { book: readWorkbook(readFileSync(out)), bytes: readFileSync(out) };
}

const num = (cell: ReadCell | undefined): number => {
  expect(cell?.kind, JSON.stringify(cell)).toBe('number');
  return (cell as { value: number }).value;
};
const date = (cell: ReadCell | undefined): string => {
  expect(cell?.kind, JSON.stringify(cell)).toBe('date');
  return (cell as { date: string }).date;
};
const text = (cell: ReadCell | undefined): string => {
  expect(cell?.kind, JSON.stringify(cell)).toBe('text');
  return (cell as { text: string }).text;
};
/** An amount of the CSV ("1429130.44") as the number Excel holds. */
const amount = (plain: string): number => Number(plain);

function expectHeaderFrozen(sheet: ReadSheet): void {
  expect(sheet.frozenRows, sheet.name).toBe(1);
  expect(sheet.widths.length, sheet.name).toBe((sheet.rows[1] ?? []).length);
}

/** The "Om data" sheet: its sources and clauses, and no file path or option. */
function expectAbout(book: ReturnType<typeof readWorkbook>): string[] {
  const lines = texts(sheetNamed(book, 'Om data'));
  expect(lines).toContain('Kilder');
  expect(lines).toContain('Aftalegrundlag');
  expect(lines.some((l) => /^Danmarks Statistik, FOLK1AM?, befolkningen 1\. januar /.test(l))).toBe(true);
  expect(lines.some((l) => l.startsWith('Generelle vilkår pkt. 5:'))).toBe(true);
  expect(lines.some((l) => l.startsWith('Tilslutningsaftale FLIS 2023, Bilag 1 §3:'))).toBe(true);
  for (const line of lines) {
    expect(line).not.toMatch(/fixtures\/|\/[\w.-]+\.csv\b|--[a-z]/);
  }
  return lines;
}

describe('flis exit --format xlsx', () => {
  it('one municipality: the years of the CSV, amounts as numbers and periods as dates, the total, "Om data"', async () => {
    const args = ['exit', '--kommune', 'Odense', '--date', '2027-07-01'];
    const csv = csvRecords((await flis([...args, '--format', 'csv'])).stdout);
    const { book } = await workbookOf(args);
    expect(book.sheets.map((s) => s.name)).toEqual(['Afregning', 'Om data']);
    const sheet = sheetNamed(book, 'Afregning');
    expectHeaderFrozen(sheet);
    const rows = records(sheet);
    const years = rows.slice(0, -1);
    expect(years.length).toBe(csv.length);
    years.forEach((row, i) => {
      const c = csv[i]!;
      expect(num(row['År'])).toBe(Number(c.year));
      expect(date(row['Fra'])).toBe(c.period_from);
      expect(date(row['Til'])).toBe(c.period_to);
      expect(num(row['Befolkning'])).toBe(Number(c.population));
      expect(num(row['Årligt beløb kr.'])).toBe(amount(c.annual_fee!));
      expect(num(row['Måneder'])).toBe(Number(c.months));
      expect(num(row['Beløb kr.'])).toBe(amount(c.amount!));
    });
    expect(num(years[0]!['Beløb kr.'])).toBe(714565.22); // half of 2027: 1 July – 31 December
    const total = rows[rows.length - 1]!;
    expect(text(total['År'])).toBe('I alt');
    const cents = csv.reduce((t, c) => t + BigInt(c.amount!.replace('.', '')), 0n);
    expect(num(total['Beløb kr.'])).toBe(Number(cents) / 100);
    expect(sheet.rows[1]!.every((c) => c?.kind === 'text' && c.bold)).toBe(true);
    const about = expectAbout(book);
    expect(about[0]).toBe('FLIS – afregning ved udtræden: Odense (461)');
    expect(about).toContain('Afregning: 9.289.347,86 kr. ekskl. moms');
  });

  it('is the same bytes on a rerun, to --out or to a pipe, and --out finds it written already', async () => {
    const args = ['exit', '--kommune', 'Odense', '--date', '2027-01-01'];
    const folder = temporaryFolder();
    const out = join(folder, 'odense.xlsx');
    expect((await flis([...args, '--format', 'xlsx', '--out', out])).code).toBe(0);
    const again = await flis([...args, '--format', 'xlsx', '--out', out]);
    expect(again.stderr).toBe(`flis: ${out} is already this report, unchanged\n`);
    const piped = await flisBytes([...args, '--format', 'xlsx']);
    expect(piped.code).toBe(0);
    expect(piped.stdout.equals(readFileSync(out))).toBe(true);
  });

  it('--all: a line per municipality with its settlement as a number, the years of all, the total', async () => {
    const args = ['exit', '--all', '--date', '2030-07-01'];
    const csv = csvRecords((await flis([...args, '--format', 'csv'])).stdout);
    const { book } = await workbookOf(args);
    expect(book.sheets.map((s) => s.name)).toEqual(['Afregninger', 'År', 'Om data']);
    const sheet = sheetNamed(book, 'Afregninger');
    expectHeaderFrozen(sheet);
    expectHeaderFrozen(sheetNamed(book, 'År'));
    const rows = records(sheet);
    expect(rows.length).toBe(csv.length + 1);
    csv.forEach((c, i) => {
      expect(text(rows[i]!['Kode'])).toBe(c.kommune_code); // "101", a text: no leading zero lost
      expect(text(rows[i]!['Kommune'])).toBe(c.kommune_name);
      expect(date(rows[i]!['Fra'])).toBe(c.settlement_from);
      expect(num(rows[i]!['Afregning kr.'])).toBe(amount(c.total!));
    });
    const cents = csv.reduce((t, c) => t + BigInt(c.total!.replace('.', '')), 0n);
    expect(num(rows[rows.length - 1]!['Afregning kr.'])).toBe(Number(cents) / 100);
    // The years sheet: four years (2030–2033) for each municipality, summing to the same total.
    const years = records(sheetNamed(book, 'År'));
    expect(years.length).toBe(csv.length * 4 + 1);
    expect(num(years[years.length - 1]!['Beløb kr.'])).toBe(Number(cents) / 100);
    expect(expectAbout(book)).toContain('Udarbejdet: 1. juni 2024'); // the day it was made: FLIS_TODAY, as the overview says
  });

  it('refuses a terminal as stdout only: a pipe, a file and --out take the workbook', async () => {
    // (The terminal itself: test/e2e/terminal.test.ts.) Here: --format xlsx with --json is two formats.
    const r = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'xlsx', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--json and --format xlsx say different things/);
    const dialect = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'xlsx', '--dialect', 'excel-da']);
    expect(dialect.code).toBe(2);
    expect(dialect.stderr).toMatch(/--dialect applies to --format csv only/);
  });
});

describe('flis revenue --format xlsx', () => {
  it('a line per year: each amount the CSV has, as a number; the total; "Om data" with the sources', async () => {
    const csv = csvRecords((await flis(['revenue', '--format', 'csv'])).stdout);
    const { book } = await workbookOf(['revenue']);
    expect(book.sheets.map((s) => s.name)).toEqual(['Indtægter', 'Om data']);
    const sheet = sheetNamed(book, 'Indtægter');
    expectHeaderFrozen(sheet);
    const rows = records(sheet);
    expect(rows.length).toBe(csv.length + 1);
    csv.forEach((c, i) => {
      const row = rows[i]!;
      expect(num(row['År'])).toBe(Number(c.year));
      expect([row.H1, row.H2, row.DEC, row['Udtræden'], row['I alt']].map(num)).toEqual([c.h1, c.h2, c.dec, c.exit_settlements, c.total].map((a) => amount(a!)));
    });
    const cents = csv.reduce((t, c) => t + BigInt(c.total!.replace('.', '')), 0n);
    expect(num(rows[rows.length - 1]!['I alt'])).toBe(Number(cents) / 100);
    const about = expectAbout(book);
    expect(about).toContain('Danmarks Statistik, FOLK1AM, befolkningen 1. januar 2022–2024 (efter en fil angivet af KOMBIT)');
  });

  it('--by kommune, with a budget: a line per municipality and year, codes as texts', async () => {
    const args = ['revenue', '--by', 'kommune', '--from', '2024', '--to', '2025'];
    const csv = csvRecords((await flis([...args, '--format', 'csv'])).stdout);
    const { book } = await workbookOf(args);
    const rows = records(sheetNamed(book, 'Indtægter'));
    expect(rows.length).toBe(csv.length + 1);
    csv.forEach((c, i) => {
      expect(text(rows[i]!['Kode'])).toBe(c.kommune_code);
      expect(num(rows[i]!['I alt'])).toBe(amount(c.total!));
    });
    const budget = await workbookOf(['revenue', '--budget', 'fixtures/budget/illustrative-costs-2024-2033.csv']);
    const lines = records(sheetNamed(budget.book, 'Indtægter'));
    const budgetCsv = csvRecords((await flis(['revenue', '--budget', 'fixtures/budget/illustrative-costs-2024-2033.csv', '--format', 'csv'])).stdout);
    budgetCsv.forEach((c, i) => {
      expect(num(lines[i]!['Omkostninger'])).toBe(amount(c.costs!));
      expect(num(lines[i]!['Akkumuleret'])).toBe(amount(c.accumulated!));
    });
    const about = texts(sheetNamed(budget.book, 'Om data'));
    expect(about).toContain('Omkostningerne pr. år, som de er opgivet til sammenligningen.');
    // The verdict on pkt. 5 as the report gives it, and the day it was made.
    const json = JSON.parse((await flis(['revenue', '--budget', 'fixtures/budget/illustrative-costs-2024-2033.csv', '--json'])).stdout) as { budget: { answer: string } };
    expect(about).toContain(json.budget.answer);
    expect(about).toContain('Udarbejdet 1. juni 2024.');
  });
});

describe('flis exit and flis revenue --invoices DIR --format xlsx', () => {
  it('add the issued-and-owed sheets, each amount the CSV\'s', async () => {
    const out = temporaryFolder();
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--issue-date', '2024-02-01', '--out', out])).code).toBe(0);
    const args = ['revenue', '--from', '2024', '--to', '2024', '--invoices', out];
    const csv = csvRecords((await flis([...args, '--format', 'csv'])).stdout);
    const { book } = await workbookOf(args);
    expect(book.sheets.map((s) => s.name)).toEqual(['Indtægter', 'Udstedt og skyldigt', 'Krediteres og faktureres', 'Om data']);
    const compared = records(sheetNamed(book, 'Udstedt og skyldigt'));
    expect(num(compared[0]!['Udstedt'])).toBe(amount(csv[0]!.issued!));
    expect(num(compared[0]!['Faktureres'])).toBe(amount(csv[0]!.to_bill!));
    expect(texts(sheetNamed(book, 'Om data'))).toContain('De udstedte fakturaer og kreditnotaer i kørselsmappen, kontrolleret mod dens manifest.');

    const exit = await workbookOf(['exit', '--kommune', 'Odense', '--date', '2024-04-01', '--invoices', out]);
    expect(exit.book.sheets.map((s) => s.name)).toEqual(['Afregning', 'Udstedt og skyldigt', 'Om data']);
    const runs = records(sheetNamed(exit.book, 'Udstedt og skyldigt'));
    expect(text(runs[0]!['Kørsel'])).toBe('2024 H1');
    expect(text(runs[0]!['Faktura'])).toMatch(/^FLIS-2024-H1-\d{4}$/);
    expect(date(runs[0]!['Fra'])).toBe('2024-01-01');
    expect(num(runs[0]!['Udstedt kr.'])).toBeGreaterThan(num(runs[0]!['Skyldigt kr.']));
  });
});

describe('flis invoice --out DIR --xlsx', () => {
  const invoice = (out: string, extra: string[] = []) => flis(['invoice', '--period', 'H1', '--year', '2024', '--issue-date', '2024-02-01', '--out', out, ...extra]);
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  type Entry = { outputs: { file: string; sha256: string }[] };
  const manifest = (folder: string) => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { entries: Entry[] };

  it('writes the workbook beside the CSV, lists it in the manifest with its SHA-256, and holds the CSV\'s documents', async () => {
    const out = temporaryFolder();
    const r = await invoice(out, ['--xlsx']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`flis: wrote ${join(out, 'invoices-2024-H1.xlsx')}\n`);
    const listed = manifest(out).entries[0]!.outputs;
    expect(listed.map((o) => o.file)).toEqual(['invoices-2024-H1.csv', 'summary-2024-H1.txt', 'invoices-2024-H1.xlsx']);
    expect(listed[2]!.sha256).toBe(sha(join(out, 'invoices-2024-H1.xlsx')));

    const csv = csvRecords(readFileSync(join(out, 'invoices-2024-H1.csv'), 'utf8'));
    const book = readWorkbook(readFileSync(join(out, 'invoices-2024-H1.xlsx')));
    expect(book.sheets.map((s) => s.name)).toEqual(['Fakturaer', 'Om data']);
    const sheet = sheetNamed(book, 'Fakturaer');
    expectHeaderFrozen(sheet);
    const rows = records(sheet);
    expect(rows.length).toBe(csv.length + 1);
    csv.forEach((c, i) => {
      const row = rows[i]!;
      expect(text(row['Fakturanummer'])).toBe(c.invoice_number);
      expect(text(row['Dokumenttype'])).toBe('faktura');
      expect(date(row['Udstedelsesdato'])).toBe(c.issue_date);
      expect(date(row['Forfaldsdato'])).toBe(c.due_date);
      expect(text(row['Kommunekode'])).toBe(c.kommune_code);
      expect(date(row['Periode fra'])).toBe(c.period_from);
      expect(date(row['Periode til'])).toBe(c.period_to);
      expect(num(row['Befolkningstal'])).toBe(Number(c.population));
      expect(num(row['Pris pr. borger kr.'])).toBe(amount(c.price_per_citizen!));
      expect(num(row['Momssats'])).toBe(amount(c.vat_rate!));
      for (const [header, field] of [['Nettobeløb kr.', 'net_amount'], ['Moms kr.', 'vat_amount'], ['Bruttobeløb kr.', 'gross_amount']] as const) {
        expect(num(row[header]), `${c.invoice_number} ${field}`).toBe(amount(c[field]!));
      }
      if (c.kontostreng === '') expect(row['Kontostreng']).toBeUndefined();
      else expect(text(row['Kontostreng'])).toBe(c.kontostreng);
      expect(text(row['Bemærkninger'] ?? { kind: 'text', text: '', bold: false })).toBe(c.notes);
    });
    const cents = csv.reduce((t, c) => t + BigInt(c.net_amount!.replace('.', '')), 0n);
    expect(num(rows[rows.length - 1]!['Nettobeløb kr.'])).toBe(Number(cents) / 100);
    const about = expectAbout(book);
    expect(about[0]).toBe('FLIS fakturakørsel H1 2024');
    expect(about).toContain('Dokumenterne i invoices-2024-H1.csv, som økonomisystemet indlæser; regnearket viser de samme dokumenter og beløb.');

    const verify = await flis(['verify', out]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('3 files listed in manifest.json');
  });

  it('is the same bytes in another folder on another day: the workbook depends on the documents only', async () => {
    const [a, b] = [temporaryFolder(), temporaryFolder()];
    expect((await invoice(a, ['--xlsx'])).code).toBe(0);
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--issue-date', '2024-02-01', '--out', b, '--xlsx'], { env: { TZ: 'America/Los_Angeles' } })).code).toBe(0);
    expect(readFileSync(join(b, 'invoices-2024-H1.xlsx')).equals(readFileSync(join(a, 'invoices-2024-H1.xlsx')))).toBe(true);
  });

  it('flis verify finds a workbook changed after it was issued, and names one no manifest lists as not issued', async () => {
    const out = temporaryFolder();
    expect((await invoice(out, ['--xlsx'])).code).toBe(0);
    const file = join(out, 'invoices-2024-H1.xlsx');
    const bytes = readFileSync(file);
    bytes[bytes.length - 30] ^= 1;
    writeFileSync(file, bytes);
    const changed = await flis(['verify', out]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`${join(out, 'invoices-2024-H1.xlsx')}: changed since it was issued`);
    // Every command that reads the folder refuses it, as for any issued file.
    expect((await flis(['exit', '--kommune', 'Odense', '--date', '2024-04-01', '--invoices', out])).code).toBe(1);

    const plain = temporaryFolder();
    expect((await invoice(plain)).code).toBe(0);
    writeFileSync(join(plain, 'invoices-2024-H1.xlsx'), 'not issued');
    const unlisted = await flis(['verify', plain]);
    expect(unlisted.code).toBe(0);
    expect(unlisted.stdout).toContain('Not issued (named as issued files, but not listed in manifest.json, so not checked): invoices-2024-H1.xlsx.');
  });

  it('is written with the documents it shows: --dry-run names it and writes nothing, a correction gets its own, an unchanged run none', async () => {
    const out = join(temporaryFolder(), 'run');
    const dry = await invoice(out, ['--xlsx', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain(`flis: --dry-run: would write ${join(out, 'invoices-2024-H1.xlsx')}\n`);
    expect(existsSync(out)).toBe(false);

    expect((await invoice(out)).code).toBe(0); // issued without a workbook
    const unchanged = await invoice(out, ['--xlsx']);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).toContain('flis: warning: --xlsx: no document is issued now, so no workbook is written');
    expect(readdirSync(out).filter((n) => n.endsWith('.xlsx'))).toEqual([]);

    // Odense leaves on 1 April 2024: a credit note and a new invoice, and their workbook.
    const lines = readFileSync(join(ROOT, 'fixtures/roster/all-98-illustrative-ean-reference.csv'), 'utf8').trim().split('\n');
    const header = lines[0]!.split(';');
    const exitColumn = header.indexOf('exit_date');
    const roster = join(temporaryFolder(), 'roster.csv');
    writeFileSync(roster, `${lines.map((l) => (l.startsWith('461;') ? l.split(';').map((v, i) => (i === exitColumn ? '2024-04-01' : v)).join(';') : l)).join('\n')}\n`);
    const corrected = await invoice(out, ['--roster', roster, '--supersede', '--xlsx']);
    expect(corrected.code).toBe(0);
    expect(corrected.stderr).toContain(`flis: wrote ${join(out, 'corrections-2024-H1-1.xlsx')} (correction 1)\n`);
    const entry = manifest(out).entries[1]!;
    expect(entry.outputs.map((o) => o.file)).toEqual(['corrections-2024-H1-1.csv', 'corrections-2024-H1-1.txt', 'corrections-2024-H1-1.xlsx']);
    const book = readWorkbook(readFileSync(join(out, 'corrections-2024-H1-1.xlsx')));
    const rows = records(sheetNamed(book, 'Dokumenter'));
    const csv = csvRecords(readFileSync(join(out, 'corrections-2024-H1-1.csv'), 'utf8'));
    expect(rows.slice(0, -1).map((r) => [text(r['Dokumenttype']), num(r['Nettobeløb kr.'])])).toEqual(
      csv.map((c) => [c.document_type === 'credit_note' ? 'kreditnota' : 'faktura', amount(c.net_amount!)]),
    );
    expect(csv.map((c) => c.document_type)).toEqual(['credit_note', 'invoice']);
    expect(texts(sheetNamed(book, 'Om data'))[0]).toBe('FLIS fakturakørsel H1 2024, rettelse 1');
    expect((await flis(['verify', out])).code).toBe(0);
  });

  it('--xlsx needs a run folder', async () => {
    const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--xlsx writes a workbook into a run folder: give --out DIR/);
  });
});
