// The documents in Danish (the default) and in English (--lang en): every document rendered in both, no English
// word left in the Danish, and the machine fields the same in both.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, addressedRoster, flis, temporaryFolder } from './flis.js';

/**
 * English words that have no place in a Danish document. Words Danish shares with English ("for", "at", "to",
 * "pilot", "total") are left out, as are names: paths, --options, document numbers and codes are removed first.
 */
const ENGLISH_WORDS = [
  'the', 'and', 'of', 'from', 'with', 'in', 'on', 'is', 'are', 'was', 'not', 'no', 'none', 'by', 'per', 'above', 'after', 'before', 'then',
  'invoice', 'invoices', 'invoiced', 'run', 'runs', 'population', 'settlement', 'exit', 'period', 'periods', 'year', 'years', 'amount', 'amounts',
  'net', 'gross', 'vat', 'dkk', 'excl', 'carried', 'forward', 'forecast', 'projection', 'billed', 'available', 'municipality', 'municipalities',
  'citizens', 'citizen', 'price', 'knee', 'credit', 'credited', 'note', 'notes', 'replaces', 'issue', 'issued', 'date', 'days', 'day', 'months',
  'annual', 'fee', 'basis', 'published', 'figure', 'agreement', 'repayment', 'nominal', 'undiscounted', 'computed', 'listed', 'already', 'left',
  'charge', 'free', 'ends', 'built', 'written', 'roster', 'tariff', 'documents', 'correction', 'problems', 'warnings', 'warning', 'full', 'january',
  'february', 'june', 'terms', 'connected', 'leaving', 'costs', 'nothing', 'each', 'what', 'would', 'how', 'this', 'that', 'when',
];

/** The words of a text, without what is a name in any language: paths, options, document numbers, codes. */
function words(text: string): string[] {
  const stripped = text
    .replace(/\S*\/\S*/g, ' ') // paths
    .replace(/--[a-z-]+/g, ' ') // options
    .replace(/FLIS-\d{4}-[A-Z0-9]+-K?\d+(-[KR]\d+)?/g, ' '); // document numbers
  return (stripped.match(/\p{L}+/gu) ?? []).filter((w) => w !== w.toUpperCase()).map((w) => w.toLowerCase());
}

function englishIn(text: string): string[] {
  return [...new Set(words(text).filter((w) => ENGLISH_WORDS.includes(w)))];
}

/** The texts an e-invoice holds for people: its notes, its line's name and description. */
function eInvoiceTexts(xml: string): string {
  return [...xml.matchAll(/<cbc:(?:Note|Description|Name)>([^<]*)<\/cbc:/g)].map((m) => m[1]).join('\n');
}

const BUDGET = 'fixtures/budget/illustrative-costs-2024-2033.csv';

/** What a page says to its reader: its text and its attributes' words (title, aria-label), without the markup. */
function htmlText(page: string): string {
  const attributes = [...page.matchAll(/(?:aria-label|lang)="([^"]*)"/g)].map((m) => m[1]).join('\n');
  return `${page.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")}\n${attributes}`;
}

/** A text wrapped for the terminal, as one line: its sentences whole again. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ');

/** The shipped roster (with an address for every municipality, for the e-invoices) with one line replaced. */
function rosterWith(line: string): string {
  const folder = temporaryFolder();
  const lines = readFileSync(addressedRoster(), 'utf8').trim().split('\n');
  const path = join(folder, 'roster.csv');
  writeFileSync(path, `${lines.map((l) => (l.startsWith(line.slice(0, 4)) ? line : l)).join('\n')}\n`);
  return path;
}

const PILOT_461 = '461;2024-01-01;2024-01-01;;2000000461007;Økonomi FLIS 461;pilot;;;;';

/** Every document flis writes for people, in one language: name → text. */
async function documents(lang: 'da' | 'en'): Promise<Record<string, string>> {
  const l = ['--lang', lang];
  const out = temporaryFolder();
  const run = (extra: string[] = ['--roster', addressedRoster()]) => flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, '--einvoice', 'oioubl', '--issue-date', '2024-02-12', '--quiet', ...l, ...extra]);
  const table = await run();
  expect(table.code, table.stderr).toBe(0);
  const corrected = await run(['--roster', rosterWith(PILOT_461), '--supersede']);
  expect(corrected.code, corrected.stderr).toBe(0);
  const csvNotes = (file: string) => (parse(readFileSync(join(out, file), 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => r.notes).filter((n) => n !== '');
  const xml = (number: string) => eInvoiceTexts(readFileSync(join(out, 'einvoices', `${number}.xml`), 'utf8'));

  const pilots = temporaryFolder();
  writeFileSync(join(pilots, 'roster.csv'), 'kommune;available_from;pilot_start;exit_date\n461;2024-01-01;2024-01-01;\n101;2024-01-15;;2024-05-16\n147;2024-03-15;;\n');
  const withNotes = await flis(['invoice', '--period', 'H1', '--year', '2024', '--roster', join(pilots, 'roster.csv'), ...l]);
  const exitFor = (args: string[]) => flis(['exit', ...args, ...l]).then((r) => (expect(r.code, r.stderr).toBe(0), r.stdout));
  return {
    'invoice table': table.stdout,
    'invoice table with notes': withNotes.stdout,
    'run summary': readFileSync(join(out, 'summary-2024-H1.txt'), 'utf8'),
    'correction summary': readFileSync(join(out, 'corrections-2024-H1-1.txt'), 'utf8'),
    'CSV notes': [...csvNotes('corrections-2024-H1-1.csv')].join('\n'),
    'e-invoice': xml('FLIS-2024-H1-0052'),
    'e-invoice, credit note': xml('FLIS-2024-H1-K0001'),
    'e-invoice, replacement': xml('FLIS-2024-H1-0099'),
    'exit report': await exitFor(['--kommune', 'Odense', '--date', '2027-01-01']),
    'exit report, md, with credits': await exitFor(['--kommune', 'Odense', '--date', '2024-10-01', '--format', 'md', '--invoices', out]),
    'exit report after the agreement': await exitFor(['--kommune', 'Odense', '--date', '2034-01-01']),
    'exit overview': await exitFor(['--all', '--date', '2027-01-01']),
    'exit overview, md': await exitFor(['--all', '--date', '2027-01-01', '--format', 'md', '--roster', rosterWith('461;2024-01-01;;2025-01-01;2000000461007;Økonomi FLIS 461;left;;;;')]),
    'check': (await flis(['check', '--year', '2024', ...l], { env: { FLIS_TODAY: '2024-06-01' } })).stdout,
    'revenue with a budget': (await flis(['revenue', '--budget', BUDGET, ...l])).stdout,
    'revenue, md, per municipality, with a run folder': (await flis(['revenue', '--format', 'md', '--by', 'kommune', '--to', '2025', '--invoices', out, ...l])).stdout,
    'revenue, html': htmlText((await flis(['revenue', '--format', 'html', '--budget', BUDGET, ...l])).stdout),
    'revenue, html, with a run folder': htmlText((await flis(['revenue', '--format', 'html', '--to', '2024', '--invoices', out, ...l])).stdout),
    'exit overview with a run folder': await exitFor(['--all', '--date', '2024-10-01', '--invoices', out]),
  };
}

describe('the documents in Danish, by default', () => {
  it('no English word is left in any of them, and each reads in Danish', async () => {
    const da = await documents('da');
    for (const [name, text] of Object.entries(da)) {
      expect(text.length, name).toBeGreaterThan(0);
      expect(englishIn(text), `${name}:\n${text}`).toEqual([]);
    }
    expect(da['invoice table']).toMatch(/^FLIS-fakturaer, kørsel H1 2024: 98 fakturaer, befolkningstal pr\. 1\. januar 2024\n/);
    expect(da['invoice table']).toMatch(/I alt, 98 fakturaer +22\.016\.601,81 +5\.504\.150,70 +27\.520\.752,51/);
    expect(da['invoice table with notes']).toMatch(/\* FLIS-2024-H1-0001: stillet til rådighed fra 15\. januar 2024 \(tilrådighedsstillelse\): faktureret fra den dag; udtrådt af FLIS 16\. maj 2024/);
    expect(da['run summary']).toMatch(/\nNettobeløb: +22\.016\.601,81 kr\.\n/);
    expect(da['correction summary']).toMatch(/Kreditnotaer og nye fakturaer for 1 kommune:\n {2}- FLIS-2024-H1-0052 Odense \(461\): nettobeløb 714\.565,22 → 476\.376,81/);
    expect(da['CSV notes']).toBe(
      'kreditnota for FLIS-2024-H1-0052: de fakturerbare dage i perioden er ændret (kommunelisten: tilrådighedsstillelse 1. januar 2024, pilotstart 1. januar 2024)\n' +
        'pilotkommune: gratis i pilotperioden 1. januar – 29. februar 2024 (60 dage); erstatter FLIS-2024-H1-0052',
    );
    expect(da['e-invoice, credit note']).toMatch(/^kreditnota for FLIS-2024-H1-0052: de fakturerbare dage i perioden er ændret/m);
    expect(da['exit report']).toMatch(/^FLIS – afregning ved udtræden: Odense \(461\)\n\nUdtrædelsesdato: +1\. januar 2027 \(første dag uden tilslutning\)\n/);
    expect(da['exit report']).toMatch(/Afregning: +10\.003\.913,08 kr\. ekskl\. moms\n/);
    expect(da['exit report']).toMatch(/\nI alt +10\.003\.913,08\n/);
    expect(oneLine(da['exit report'])).toMatch(/tilbagebetalingsperioden slutter \(Generelle vilkår pkt\. 5; Tilslutningsaftale FLIS 2023, Bilag 1 §2\.1\)/);
    expect(da['exit report after the agreement']).toMatch(/udtræden koster da intet/);
    expect(da['exit report, md, with credits']).toMatch(/## Udstedt og skyldigt ved udtræden 1\. oktober 2024: kørslerne fra 2024\n/);
    expect(da['exit report, md, with credits']).toMatch(/\| 2024 H1 \| 01\.01\.2024 – 30\.06\.2024 \| FLIS-2024-H1-0099 \| 476\.376,81 \| 714\.565,22 \| 0,00 \| 238\.188,41 \|/);
    expect(da['exit overview with a run folder']).toMatch(/Krediteres kr\. +Faktureres kr\./);
    expect(da['exit overview']).toMatch(/98 kommuner, i alt 308\.232\.425,\d\d kr\. ekskl\. moms/);
    expect(da['exit overview, md']).toMatch(/Ikke medtaget, da de er udtrådt inden da: Odense \(461, udtrådt 1\. januar 2025\)\./);
    expect(da.check).toMatch(/^flis check: ingen problemer, 1 advarsel i /);
    expect(da['revenue with a budget']).toMatch(/^FLIS-indtægter 2024–2033: /);
    expect(da['revenue, md, per municipality, with a run folder']).toMatch(/^# FLIS-indtægter 2024–2025\n/);
    expect(da['revenue, md, per municipality, with a run folder']).toMatch(/\| 2024 \| 101 \| København \| 1\.610\.606,50 \| 1\.610\.606,50 \| 3\.221\.213,00 \| DST \|/);
    // the run folder's H1 of Odense was corrected for a pilot the roster no longer has: owed in full, the rest to bill
    expect(da['revenue, md, per municipality, with a run folder']).toMatch(/\| 2024 \| H1 \| 461 \| Odense \| FLIS-2024-H1-0099 \| 714\.565,22 \| 476\.376,81 \| 0,00 \| 238\.188,41 \|/);
    expect(da['revenue, html, with a run folder']).toMatch(/Udstedt og skyldigt: beløbene ovenfor er det skyldige/);
    expect(da['revenue, html']).toMatch(/Indtægter og omkostninger \(Generelle vilkår pkt\. 5\)/);
  });
});

describe('the same documents in English with --lang en', () => {
  it('read in English, and nothing in them cites a file of flis\'s own', async () => {
    const en = await documents('en');
    expect(en['invoice table']).toMatch(/^FLIS invoices, run H1 2024: 98 invoices/);
    expect(en['run summary']).toMatch(/\nNet amount: +22,016,601\.81 DKK\n/);
    expect(en['correction summary']).toMatch(/Credit notes and new invoices for 1 municipality:\n {2}- FLIS-2024-H1-0052 Odense \(461\): net_amount 714565\.22 → 476376\.81/);
    expect(en['CSV notes']).toMatch(
      /^credit note \(kreditnota\) for FLIS-2024-H1-0052: the billable days of the period changed \(roster: available from 2024-01-01, pilot from 2024-01-01\)\npilot municipality: no charge 2024-01-01 to 2024-02-29 \(60 days\); replaces FLIS-2024-H1-0052$/,
    );
    expect(en['e-invoice']).toMatch(/Net 30 days/);
    expect(en['exit report']).toMatch(/^FLIS exit settlement \(udtræden\): Odense \(461\)\n\nExit date: +2027-01-01/);
    expect(oneLine(en['exit report'])).toMatch(/the end of the repayment period \(Generelle vilkår pkt\. 5; Tilslutningsaftale FLIS 2023, Bilag 1 §2\.1\)/);
    expect(en['exit overview']).toMatch(/98 municipalities, total 308,232,425\.\d\d DKK excl\. VAT/);
    expect(en.check).toMatch(/^flis check: no problems, 1 warning in /);
    for (const [name, text] of Object.entries(en)) expect(text, name).not.toMatch(/billing rules|general terms §/);
  });
});

describe('machine fields are the same in every language', () => {
  it('CSV and JSON of an exit, the invoice JSON but for its notes, the issued CSV but for its notes', async () => {
    const both = async (args: string[]) => Promise.all(['da', 'en'].map((lang) => flis([...args, '--lang', lang]).then((r) => r.stdout)));
    const [csvDa, csvEn] = await both(['exit', '--kommune', 'Odense', '--date', '2027-10-16', '--format', 'csv']);
    expect(csvDa).toBe(csvEn);
    const [allDa, allEn] = await both(['exit', '--all', '--date', '2027-01-01', '--format', 'csv']);
    expect(allDa).toBe(allEn);
    const [jsonDa, jsonEn] = (await both(['exit', '--kommune', 'Odense', '--date', '2027-10-16', '--json'])).map((t) => JSON.parse(t));
    expect({ ...jsonDa, assumptions: [] }).toEqual({ ...jsonEn, assumptions: [] });
    expect(jsonDa.assumptions[0]).toMatch(/^Afregningen er det beløb/);
    const [revenueDa, revenueEn] = await both(['revenue', '--budget', BUDGET, '--format', 'csv', '--by', 'kommune']);
    expect(revenueDa).toBe(revenueEn);
    const [incomeDa, incomeEn] = (await both(['revenue', '--budget', BUDGET, '--json'])).map((t) => JSON.parse(t));
    // the sentences for people are in the language; every other field the same
    const sentences = { answer: '', consequence: '' };
    expect({ ...incomeDa, budget: { ...incomeDa.budget, ...sentences } }).toEqual({ ...incomeEn, budget: { ...incomeEn.budget, ...sentences } });
    expect(incomeDa.budget.answer).toMatch(/^Indtægterne 2024–2033/);
    expect(incomeDa.budget.consequence).toMatch(/^Det medfører efter Generelle vilkår pkt\. 5 /);

    const issued = await Promise.all(
      ['da', 'en'].map(async (lang) => {
        const out = temporaryFolder();
        expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, '--quiet', '--lang', lang, '--roster', rosterWith(PILOT_461)])).code).toBe(0);
        return readdirSync(out).includes('invoices-2024-H1.csv') ? (parse(readFileSync(join(out, 'invoices-2024-H1.csv'), 'utf8'), { columns: true }) as Record<string, string>[]) : [];
      }),
    );
    expect(issued[0]!.find((r) => r.kommune_code === '461')!.notes).toMatch(/^pilotkommune/);
    expect(issued[0]!.map((r) => ({ ...r, notes: '' }))).toEqual(issued[1]!.map((r) => ({ ...r, notes: '' })));
  });
});

describe('choosing the language', () => {
  it('the config\'s "lang" sets it, --lang wins over the config, and anything else is refused (exit 2)', async () => {
    const folder = temporaryFolder();
    const config = (lang: unknown) => {
      const shipped = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8'));
      for (const key of ['population', 'roster']) shipped[key] = join(ROOT, shipped[key]);
      writeFileSync(join(folder, 'flis.config.json'), JSON.stringify({ ...shipped, lang }));
    };
    const exit = (extra: string[] = []) => flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', ...extra], { cwd: folder });
    config('en');
    expect((await exit()).stdout).toMatch(/^FLIS exit settlement/);
    expect((await exit(['--lang', 'da'])).stdout).toMatch(/^FLIS – afregning ved udtræden/);
    config('da');
    expect((await exit()).stdout).toMatch(/^FLIS – afregning ved udtræden/);
    expect((await exit(['--lang', 'EN'])).stdout).toMatch(/^FLIS exit settlement/);

    const unknown = await exit(['--lang', 'de']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown --lang "de"\n {2}The languages are da \(Danish\) and en \(English\)\./);
    expect(unknown.stdout).toBe('');
    config('dansk');
    const badConfig = await exit();
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/flis\.config\.json:\d+: "lang" must be da or en, not "dansk"/);
  });
});
