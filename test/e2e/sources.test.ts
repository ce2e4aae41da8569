// Where the figures come from, as the documents say it (issue 20 §3): every document flis writes for a reader who
// is not the operator names its sources as that reader knows them, never by a path or an option; the exit
// report carries the day it was made; "the latest published figure" is said only where the fetch provenance
// shows it; and a population older than Statistics Denmark has published by today is warned of.

import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { replayedStatbank } from '../fetch/statbank-server.js';
import { ROOT, flis, temporaryFolder } from './flis.js';

// the municipalities with a confirmed postal address: e-invoices are written for each (issue 20 §1)
const ROSTER = join(ROOT, 'fixtures/roster/75-confirmed-address-illustrative-ean-reference.csv');
const BUDGET = join(ROOT, 'fixtures/budget/illustrative-costs-2024-2033.csv');
const FIGURES = join(ROOT, 'fixtures/dst-figures');
const SHIPPED_CONFIG = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8')) as Record<string, unknown>;

/** A text wrapped for the terminal, as one line. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ');

/** What a page says to its reader: its text, without the markup. */
const htmlText = (page: string): string => page.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');

/** The texts an e-invoice holds for people: its notes, its line's name and description. */
const eInvoiceTexts = (xml: string): string => [...xml.matchAll(/<cbc:(?:Note|Description|Name)>([^<]*)<\/cbc:/g)].map((m) => m[1]).join('\n');

/** Anything in a text that is a path or an option: what no document may show. `also`: this test's own folders. */
function pathsAndOptions(text: string, also: readonly string[]): string[] {
  const found = [...text.matchAll(/fixtures\/|(?:^|[\s("'])--[a-z][a-z-]*|\b[\w.-]+\.(?:csv|json|txt|xml|html|md)\b|(?:^|[\s("'])\/[a-z]+\/|\bdata\/|\w+\/$/gm)].map((m) => m[0].trim());
  return [...found, ...also.filter((folder) => text.includes(folder))];
}

/** A folder with a config: the shipped one with `changes` (paths in it made absolute by the caller). */
function withConfig(changes: Record<string, unknown>): string {
  const cwd = temporaryFolder();
  writeFileSync(join(cwd, 'flis.config.json'), JSON.stringify({ ...SHIPPED_CONFIG, roster: ROSTER, ...changes }));
  return cwd;
}

/**
 * Every document flis writes for people, made in `cwd` with `env` (its config gives the population): the exit
 * report in text, Markdown and its JSON's sentences, the overview, the revenue report in text, Markdown and HTML,
 * the run summary and a correction's, the notes of the CSV and the e-invoices. `year`: the billing year of the
 * run folder (and the first year of the revenue report).
 */
async function documents(cwd: string, env: Record<string, string>, year: number, lang: 'da' | 'en' = 'da'): Promise<Record<string, string>> {
  const run = async (args: string[]) => {
    const r = await flis([...args, '--lang', lang], { cwd, env });
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const runs = join(cwd, 'runs');
  // Odense leaving on 1 April of the year: its H1 invoice is credited and replaced
  const leaving = join(cwd, 'leaving-roster.csv');
  writeFileSync(leaving, readFileSync(ROSTER, 'utf8').replace(/^461;2024-01-01;;;/m, `461;2024-01-01;;${year}-04-01;`));
  const issue = ['invoice', '--period', 'H1', '--year', String(year), '--out', runs, '--einvoice', 'oioubl', '--issue-date', `${year}-02-12`, '--quiet'];
  await run(issue);
  await run([...issue, '--roster', leaving, '--supersede']);
  const runFile = (prefix: string) => readFileSync(join(runs, readdirSync(runs).find((n) => n.startsWith(prefix))!), 'utf8');
  const einvoices = readdirSync(join(runs, 'einvoices')).map((n) => eInvoiceTexts(readFileSync(join(runs, 'einvoices', n), 'utf8')));
  const notes = (parse(runFile(`corrections-${year}-H1-1.csv`), { columns: true }) as Record<string, string>[]).map((r) => r.notes);
  const exitJson = JSON.parse(await run(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--json'])) as { assumptions: string[] };
  const from = ['--from', String(year)];
  return {
    'exit report': await run(['exit', '--kommune', 'Odense', '--date', '2027-01-01']),
    'exit report, md, with the run folder': await run(['exit', '--kommune', 'Odense', '--date', `${year}-10-01`, '--format', 'md', '--invoices', runs]),
    'exit report, JSON assumptions': exitJson.assumptions.join('\n'),
    'exit overview': await run(['exit', '--all', '--date', '2027-01-01']),
    'exit overview, md, with the run folder': await run(['exit', '--all', '--date', `${year}-10-01`, '--format', 'md', '--invoices', runs]),
    'revenue, with a budget': await run(['revenue', ...from, '--budget', BUDGET]),
    'revenue, md, with the run folder': await run(['revenue', ...from, '--to', String(year + 1), '--format', 'md', '--by', 'kommune', '--invoices', runs]),
    'revenue, html': htmlText(await run(['revenue', ...from, '--format', 'html', '--budget', BUDGET, '--invoices', runs])),
    'run summary': runFile(`summary-${year}-H1`),
    'correction summary': runFile(`corrections-${year}-H1-1.txt`),
    'CSV notes': notes.join('\n'),
    'e-invoices': einvoices.join('\n'),
  };
}

/** Every document free of paths and options; all of them, as one text (for what they say of their sources). */
function noPathIn(docs: Record<string, string>, also: readonly string[]): string {
  for (const [name, text] of Object.entries(docs)) {
    expect(text.length, name).toBeGreaterThan(0);
    expect(pathsAndOptions(text, also), `${name}:\n${text}`).toEqual([]);
  }
  return oneLine(Object.values(docs).join('\n'));
}

const dst = replayedStatbank();
const statbankEnv = () => ({ FLIS_STATBANK_URL: dst.url, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' });

describe('the documents name their sources, never a path or an option', () => {
  it('on the shipped data: the file KOMBIT gave, with the table its content shows; the latest figure at hand, never "published"', async () => {
    const cwd = withConfig({ population: join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv') });
    const all = noPathIn(await documents(cwd, { FLIS_TODAY: '2024-06-01' }, 2024), [cwd, ROOT]);
    expect(all).toContain('Kilde: Danmarks Statistik, FOLK1AM, befolkningen 1. januar 2022–2024 (efter en fil angivet af KOMBIT).');
    expect(all).toContain('Datagrundlag: befolkningstal: Danmarks Statistik, FOLK1AM, befolkningen 1. januar 2022–2024 (efter en fil angivet af KOMBIT); kommuneliste: 75 kommuner;');
    expect(all).toContain('Befolkning: befolkningstal pr. 1. januar 2024; kilde: Danmarks Statistik, FOLK1AM');
    expect(all).toContain('det seneste tal i datagrundlaget, 209.078 pr. 1. januar 2024, er videreført');
    expect(all).toContain('udstedte fakturaer: fakturaerne i kraft i kørselsmappen');
    expect(all).not.toMatch(/offentliggjort/);
    expect(all).toContain('Udarbejdet: 1. juni 2024');
  });

  it('in English: the same, in English', async () => {
    const docs = await documents(ROOT_COPY(), { FLIS_TODAY: '2024-06-01' }, 2024, 'en');
    const all = noPathIn(docs, [ROOT]);
    expect(all).toContain('Source: Statistics Denmark, FOLK1AM, population on 1 January 2022–2024 (from a file supplied by KOMBIT).');
    expect(all).toContain('the latest figure at hand, 209,078 on 1 January 2024, is carried forward');
    expect(all).toContain('Prepared: 2024-06-01');
    expect(all).not.toMatch(/published/);
  });

  describe('fetched from Statistics Denmark by flis fetch', () => {
    let cwd = '';
    beforeAll(async () => {
      cwd = withConfig({ population: 'statbank' });
      for (const args of [['population', '--year', '2024'], ['projection', '--table', 'FRKM126', '--out', 'projection/FRKM126.csv']]) {
        const r = await flis(['fetch', ...args], { cwd, env: statbankEnv() });
        expect(r.code, r.stderr).toBe(0);
      }
    }, 30_000);

    it('named as fetched, with the day and the table\'s update; DST\'s latest when the provenance shows it was, and still is', async () => {
      const all = noPathIn(await documents(cwd, { FLIS_TODAY: '2024-06-01' }, 2024), [cwd]);
      expect(all).toMatch(/Kilde: Danmarks Statistik, FOLK1A, befolkningen 1\. januar 2024 \(hentet fra Statistikbanken \d{1,2}\. [a-z]+ \d{4}, tabellen opdateret 10\. maj 2024\)\./);
      // the table's latest time when fetched was 2024K2 (fixtures/statbank/FOLK1A-tableinfo.json): 1 January 2024 was DST's latest
      expect(all).toMatch(/Befolkningen pr\. 1\. januar 2027–2033 var ikke offentliggjort, da Danmarks Statistiks tal blev hentet \d{1,2}\. [a-z]+ \d{4}: det seneste offentliggjorte tal, 209\.078 pr\. 1\. januar 2024, er videreført\./);
      expect(all).toContain('videreført = det seneste tal, Danmarks Statistik havde offentliggjort, da tallene blev hentet');
    });

    it('once DST has published a newer 1 January, the figure is the latest at hand, no longer "published"; and flis warns', async () => {
      const r = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01'], { cwd, env: { FLIS_TODAY: '2025-02-15' } });
      expect(r.code, r.stderr).toBe(0);
      expect(oneLine(r.stdout)).toContain('det seneste tal i datagrundlaget, 209.078 pr. 1. januar 2024, er videreført');
      expect(r.stdout).not.toMatch(/offentliggjort/);
      expect(r.stderr).toContain('flis: warning: data/FOLK1A-2024K1.csv: the population at hand goes up to 1 January 2024, but by today (2025-02-15) Statistics Denmark has published 1 January 2025');
      expect(r.stderr).toContain('Get it with flis fetch population --year 2025 (it saves data/FOLK1A-2025K1.csv, which is then used).');
    });

    it('the projection fetched, named with its table, where a settlement uses it', async () => {
      const r = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--forecast', 'projection/FRKM126.csv'], { cwd, env: { FLIS_TODAY: '2026-07-01' } });
      expect(r.code, r.stderr).toBe(0);
      expect(pathsAndOptions(r.stdout, [cwd])).toEqual([]);
      expect(oneLine(r.stdout)).toMatch(/; fremskrivning: Danmarks Statistik, FRKM126, befolkningsfremskrivning 2026–2050 \(hentet fra Statistikbanken [^)]*tabellen opdateret 12\. juni 2026\)\./);
    });
  });

  it('written in the shape flis fetch saves from figures found elsewhere: named as transcribed, never as fetched', async () => {
    const cwd = withConfig({ population: 'statbank', statbank: { folder: FIGURES } });
    const all = noPathIn(await documents(cwd, { FLIS_TODAY: '2026-12-01' }, 2026), [cwd, FIGURES]);
    expect(all).toContain('Kilde: Danmarks Statistik, FOLK1A, befolkningen 1. januar 2026 (tallene gengivet efter en anden kilde, ikke hentet fra Statistikbanken).');
    expect(all).toContain('det seneste tal i datagrundlaget, 213.168 pr. 1. januar 2026, er videreført');
    expect(all).not.toMatch(/hentet fra Statistikbanken \d|offentliggjort/);
  });

  it('a file named as flis fetch names its files, with a provenance beside it, is a saved file wherever it is given: checked, and named by it', async () => {
    const cwd = temporaryFolder();
    for (const ext of ['csv', 'json']) copyFileSync(join(FIGURES, `FOLK1A-2026K1.${ext}`), join(cwd, `FOLK1A-2026K1.${ext}`));
    copyFileSync(join(FIGURES, 'FOLK1A-2026K1.csv'), join(cwd, 'population.csv'));
    const exit = (population: string) =>
      flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--population', population, '--roster', ROSTER], { cwd, env: { FLIS_TODAY: '2026-12-01' } });
    expect(oneLine((await exit('FOLK1A-2026K1.csv')).stdout)).toContain('(tallene gengivet efter en anden kilde, ikke hentet fra Statistikbanken)');
    // under another name, it is a file KOMBIT gave: its quarters tell FOLK1A
    expect(oneLine((await exit('population.csv')).stdout)).toContain('Kilde: Danmarks Statistik, FOLK1A, befolkningen 1. januar 2026 (efter en fil angivet af KOMBIT).');
    writeFileSync(join(cwd, 'FOLK1A-2026K1.csv'), readFileSync(join(cwd, 'FOLK1A-2026K1.csv'), 'utf8').replace(/^Odense;2026K1;213168/m, 'Odense;2026K1;213169'));
    const edited = await exit('FOLK1A-2026K1.csv');
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('FOLK1A-2026K1.csv is not the file its provenance records');
  });
});

/** The repository's shipped config and fixtures, from a copy of the config in a folder of its own. */
function ROOT_COPY(): string {
  return withConfig({ population: join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv') });
}

describe('a population older than Statistics Denmark has published by today (FLIS_TODAY) is warned of', () => {
  const STALE = 'Statistics Denmark has published 1 January 2025';
  const on = (day: string, args: string[], cwd = ROOT) => flis(args, { cwd, env: { FLIS_TODAY: day } });

  it('exit and revenue: from 15 February of the year after the file\'s newest 1 January, naming the year and the fetch line', async () => {
    for (const args of [['exit', '--kommune', 'Odense', '--date', '2027-01-01'], ['revenue']]) {
      const before = await on('2025-02-14', args);
      expect([before.code, before.stderr], args[0]).toEqual([0, '']);
      const after = await on('2025-02-15', args);
      expect(after.code, args[0]).toBe(0);
      expect(after.stderr, args[0]).toBe(
        'flis: warning: fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv: the population at hand goes up to 1 January 2024, but by today (2025-02-15) ' +
          'Statistics Denmark has published 1 January 2025 (it publishes 1 January by 15 February)\n' +
          '  Get it with flis fetch population --year 2025 (it saves data/FOLK1A-2025K1.csv: give it with --population, or set "population": "statbank" in the config to use the newest saved).\n',
      );
      expect((await on('2026-12-01', args)).stderr, args[0]).toContain('Statistics Denmark has published 1 January 2026');
      expect((await on('2025-02-15', [...args, '--quiet'])).stderr, args[0]).toBe('');
    }
  });

  it('check reports it among its warnings', async () => {
    const before = await on('2025-02-14', ['check', '--year', '2024', '--lang', 'en']);
    expect(before.stdout).toMatch(/^flis check: no problems, 1 warning in /);
    const after = await on('2025-02-15', ['check', '--year', '2024', '--lang', 'en']);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/^flis check: no problems, 2 warnings in /);
    expect(after.stderr).toContain(`flis: warning: fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv: the population at hand goes up to 1 January 2024, but by today (2025-02-15) ${STALE}`);
  });

  it('invoice: only where the year billed has no figure and DST has published it; a year the file has needs no newer figure', async () => {
    const billed = await on('2026-12-01', ['invoice', '--period', 'H1', '--year', '2024', '--quiet']);
    expect([billed.code, billed.stderr]).toEqual([0, '']);
    const missing = await on('2026-12-01', ['invoice', '--period', 'H1', '--year', '2025']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`but by today (2026-12-01) ${STALE}`);
    expect(missing.stderr).toContain('Get it with flis fetch population --year 2025');
    const notYet = await on('2025-02-14', ['invoice', '--period', 'H1', '--year', '2025']);
    expect(notYet.code).toBe(1);
    expect(notYet.stderr).not.toContain('Statistics Denmark has published');
  });

  it('not for the newest saved, when it is as new as DST has published; for the next year from its 15 February', async () => {
    const cwd = withConfig({ population: 'statbank', statbank: { folder: FIGURES } });
    const args = ['exit', '--kommune', 'Odense', '--date', '2027-01-01'];
    const current = await on('2027-02-14', args, cwd);
    expect(current.code, current.stderr).toBe(0);
    expect(current.stderr).toBe(`flis: population: ${join(FIGURES, 'FOLK1A-2026K1.csv')}, saved in the shape flis fetch saves (transcribed figures)\n`);
    const stale = await on('2027-02-15', args, cwd);
    expect(stale.stderr).toContain('Statistics Denmark has published 1 January 2027');
    expect(stale.stderr).toContain(`Get it with flis fetch population --year 2027 (it saves ${join(FIGURES, 'FOLK1A-2027K1.csv')}, which is then used).`);
  });

  it('FLIS_TODAY must be a real day from 2000 to 2099, YYYY-MM-DD (exit 2); empty, it is not set', async () => {
    for (const day of ['2026-13-01', '2026-02-30', '1.12.2026', '2026-12-1', '1999-12-31', 'today']) {
      const r = await on(day, ['exit', '--kommune', 'Odense', '--date', '2027-01-01']);
      expect(r.code, day).toBe(2);
      expect(r.stderr, day).toBe(`flis: error: FLIS_TODAY must be a day from 2000 to 2099 written YYYY-MM-DD, not "${day}"\n  For example FLIS_TODAY=2026-12-01; unset it to take today from the clock.\n`);
    }
    expect((await on('', ['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--quiet'])).code).toBe(0);
    // the day decides the defaults too: the year billed without --year
    const billed = await on('2024-03-01', ['invoice', '--period', 'H1', '--json']);
    expect(JSON.parse(billed.stdout).year).toBe(2024);
  });
});

describe('a fetched file\'s provenance from before flis recorded the table\'s latest time', () => {
  it('is read as before, and the figure is the latest at hand', async () => {
    const cwd = withConfig({ population: 'statbank' });
    const fetched = await flis(['fetch', 'population', '--year', '2024'], { cwd, env: statbankEnv() });
    expect(fetched.code, fetched.stderr).toBe(0);
    const sidecar = join(cwd, 'data/FOLK1A-2024K1.json');
    const provenance = JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, unknown>;
    expect(provenance.latest_time).toBe('2024K2');
    delete provenance.latest_time;
    writeFileSync(sidecar, JSON.stringify(provenance, null, 2));
    const r = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01'], { cwd, env: { FLIS_TODAY: '2024-06-01' } });
    expect(r.code, r.stderr).toBe(0);
    expect(oneLine(r.stdout)).toContain('det seneste tal i datagrundlaget, 209.078 pr. 1. januar 2024, er videreført');
    mkdirSync(join(cwd, 'elsewhere'));
    cpSync(join(cwd, 'data'), join(cwd, 'elsewhere'), { recursive: true });
    writeFileSync(join(cwd, 'elsewhere/FOLK1A-2024K1.json'), JSON.stringify({ ...provenance, kind: 'fetched by hand' }, null, 2));
    const damaged = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--population', 'elsewhere/FOLK1A-2024K1.csv'], { cwd });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain('the provenance of elsewhere/FOLK1A-2024K1.csv is damaged: "kind" must be "fetched" or "transcribed", not "fetched by hand"');
  });
});
