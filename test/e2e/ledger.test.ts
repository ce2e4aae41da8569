// A run folder is KOMBIT's ledger of what it has invoiced. Every command that reads one (invoice --out and
// einvoice before adding to it, exit and revenue --invoices, verify) goes through one reader that checks it,
// and refuses (exit 1, naming the file) before computing anything. Here, through the commands as run.

import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressedRoster, flis, temporaryFolder } from './flis.js';

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
type Manifest = { entries: { correction: number; tariff?: unknown; net_amount?: string; outputs: { file: string; sha256: string }[] }[] };
const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
const writeManifest = (out: string, manifest: Manifest) => writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

/** An issue on the shipped roster, given an address for every municipality (so that e-invoices can be written for all 98). */
const issue = (out: string, run: string, date: string, extra: readonly string[] = []) =>
  flis(['invoice', '--period', run, '--year', '2024', '--out', out, '--quiet', '--issue-date', date, ...(extra.includes('--roster') ? [] : ['--roster', addressedRoster()]), ...extra]);
const exitFor = (out: string) => flis(['exit', '--kommune', '461', '--date', '2024-05-01', '--invoices', out, '--json']);
const revenueOf = (out: string) => flis(['revenue', '--invoices', out, '--to', '2024', '--json']);
const verify = (out: string, extra: readonly string[] = []) => flis(['verify', out, ...extra]);

/** That roster with Odense a pilot municipality: its H1 2024 invoice changes. */
function pilotRoster(): string {
  const path = join(temporaryFolder(), 'roster.csv');
  const lines = readFileSync(addressedRoster(), 'utf8').split('\n');
  writeFileSync(path, lines.map((l) => l.replace(/^461;2024-01-01;;/, '461;2024-01-01;2024-01-01;')).join('\n'));
  return path;
}

/** H1 and H2 2024 issued, with OIOUBL e-invoices, as the issue's example in the brief (one folder, made once). */
const issued = (async () => {
  const out = temporaryFolder();
  expect((await issue(out, 'H1', '2024-02-01', ['--einvoice', 'oioubl'])).code).toBe(0);
  expect((await issue(out, 'H2', '2024-08-01', ['--einvoice', 'oioubl'])).code).toBe(0);
  return out;
})();
async function copy(): Promise<string> {
  const out = join(temporaryFolder(), 'runs');
  cpSync(await issued, out, { recursive: true });
  return out;
}

describe('an issued invoice changed by hand', () => {
  it('stops exit, revenue, another run into the folder, einvoice and verify (exit 1, naming the file)', async () => {
    const out = await copy();
    const csv = join(out, 'invoices-2024-H2.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('714565.22', '714565.99'));
    const named = new RegExp(`${csv}: changed since it was issued \\(its SHA-256 is not the one in manifest\\.json\\)`);
    for (const r of [await exitFor(out), await revenueOf(out), await issue(out, 'DEC', '2024-12-01'), await flis(['einvoice', out, '--einvoice', 'oioubl']), await verify(out)]) {
      expect(r.code, r.stderr).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toMatch(named);
    }
    expect((await exitFor(out)).stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['einvoices', 'invoices-2024-H1.csv', 'invoices-2024-H2.csv', 'manifest.json', 'summary-2024-H1.txt', 'summary-2024-H2.txt']);
  }, 60_000);
});

describe('an issued file deleted', () => {
  it('of another run stops a new run into the folder; the latest corrections file stops exit (the superseded invoice is not taken as in force)', async () => {
    const out = await copy();
    expect((await issue(out, 'H1', '2024-03-01', ['--einvoice', 'oioubl', '--roster', pilotRoster(), '--supersede'])).code).toBe(0);
    const before = JSON.parse((await exitFor(out)).stdout) as { already_invoiced: { invoice_number: string }[] };
    expect(before.already_invoiced.map((i) => i.invoice_number)).toEqual(['FLIS-2024-H1-0099', 'FLIS-2024-H2-0052']);

    rmSync(join(out, 'corrections-2024-H1-1.csv'));
    const r = await exitFor(out);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain(`${join(out, 'corrections-2024-H1-1.csv')}: missing: manifest.json says it was issued`);
    const another = await issue(out, 'DEC', '2024-12-01');
    expect([another.code, another.stderr]).toEqual([1, expect.stringContaining('corrections-2024-H1-1.csv: missing')]);
    expect(readdirSync(out)).not.toContain('invoices-2024-DEC.csv');
  }, 60_000);
});

describe('a damaged manifest is bad data (exit 1), never an internal error', () => {
  it('manifest.json as a folder: exit, invoice, einvoice, verify', async () => {
    const out = temporaryFolder();
    mkdirSync(join(out, 'manifest.json'));
    for (const r of [await exitFor(out), await issue(out, 'H1', '2024-02-01'), await flis(['einvoice', out, '--einvoice', 'oioubl']), await verify(out)]) {
      expect(r.code, r.stderr).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toContain(`${join(out, 'manifest.json')}: the manifest is a folder, not a file`);
    }
  }, 60_000);

  it('an entry without "tariff": einvoice (which used it) and verify', async () => {
    const out = temporaryFolder();
    expect((await issue(out, 'H1', '2024-02-01')).code).toBe(0);
    const manifest = manifestOf(out);
    delete manifest.entries[0]!.tariff;
    writeManifest(out, manifest);
    for (const r of [await flis(['einvoice', out, '--einvoice', 'oioubl']), await verify(out)]) {
      expect(r.code, r.stderr).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toContain('manifest.json: the manifest is damaged: entry 1 (H1 2024): "tariff" is missing');
    }
    expect(readdirSync(out)).not.toContain('einvoices');
  });

  it('"correction": -1 no longer leads --supersede to write over the issued CSV', async () => {
    const out = temporaryFolder();
    expect((await issue(out, 'H1', '2024-02-01')).code).toBe(0);
    const csv = readFileSync(join(out, 'invoices-2024-H1.csv'));
    const manifest = manifestOf(out);
    manifest.entries[0]!.correction = -1;
    writeManifest(out, manifest);
    const r = await issue(out, 'H1', '2024-03-01', ['--roster', pilotRoster(), '--supersede']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"correction" is not a correction number');
    expect(readFileSync(join(out, 'invoices-2024-H1.csv')).equals(csv)).toBe(true);
  });
});

describe('a folder without a manifest', () => {
  it('holding invoice files: exit and revenue refuse to read them (no manifest lists them, so they were not issued)', async () => {
    const out = await copy();
    rmSync(join(out, 'manifest.json'));
    for (const r of [await exitFor(out), await revenueOf(out), await verify(out)]) {
      expect(r.code, r.stderr).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toMatch(/holds einvoices\/FLIS-2024-H1-0001\.xml, .* but no manifest\.json: without the manifest nothing in it can be shown to have been issued/);
    }
  }, 30_000);

  it('empty, or not there: not a run folder (exit 2)', async () => {
    const empty = temporaryFolder();
    expect(await verify(empty)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a run folder: it has no manifest.json') });
    expect(await exitFor(empty)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a run folder: it has no manifest.json') });
    expect(await verify(join(empty, 'nowhere'))).toMatchObject({ code: 2, stderr: expect.stringContaining('does not exist') });
  });
});

describe('the issue date', () => {
  it('is not after the year following the billing year (invoice and einvoice)', async () => {
    const out = temporaryFolder();
    const far = await issue(out, 'H1', '9999-12-31');
    expect([far.code, far.stderr]).toEqual([2, expect.stringContaining('--issue-date 9999-12-31 is after 2025, the year after the billing year 2024')]);
    expect(readdirSync(out)).toEqual([]);
    expect((await issue(out, 'H1', '2025-12-31')).code).toBe(0);
    const manifest = manifestOf(out);
    delete (manifest.entries[0] as { issue_date?: string }).issue_date; // as flis 0.1.0 wrote it
    writeManifest(out, manifest);
    const late = await flis(['einvoice', out, '--einvoice', 'oioubl', '--issue-date', '2026-01-01']);
    expect([late.code, late.stderr]).toEqual([2, expect.stringContaining('--issue-date 2026-01-01 is after 2025')]);
  });

  it('of a correction is not before the issue it corrects', async () => {
    const out = temporaryFolder();
    expect((await issue(out, 'H1', '2024-02-15')).code).toBe(0);
    const r = await issue(out, 'H1', '2024-02-14', ['--roster', pilotRoster(), '--supersede']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--issue-date 2024-02-14 is before H1 2024 was issued (2024-02-15, manifest.json): a correction is not dated before the issue it corrects')]);
    expect(manifestOf(out).entries).toHaveLength(1);
  });
});

describe('flis verify DIR', () => {
  it('a sound folder: what was checked, exit 0; --json for scripts', async () => {
    const out = await copy();
    const r = await verify(out);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      `flis verify ${out}: 2 issues (H1 2024, H2 2024), 196 documents, 200 files listed in manifest.json, 196 e-invoices each compared with its document.\n` +
        "Sound: every file the manifest lists is there, byte for byte as issued; each run's issues and documents form an unbroken chain; the recorded totals and the e-invoices agree with the documents.\n",
    );
    const json = JSON.parse((await verify(out, ['--json'])).stdout);
    expect(json).toEqual({ folder: out, sound: true, checked: { issues: 2, documents: 196, files: 200, einvoices: 196 }, problems: [], not_issued: [] });
  });

  it('lists every problem at once: totals and e-invoices that disagree with their documents, though every SHA-256 was made to match', async () => {
    const out = await copy();
    const manifest = manifestOf(out);
    manifest.entries[1]!.net_amount = '1.00';
    const xmlFile = 'einvoices/FLIS-2024-H2-0052.xml';
    const xml = readFileSync(join(out, xmlFile), 'utf8').replace('<cbc:PayableAmount currencyID="DKK">893206.53</cbc:PayableAmount>', '<cbc:PayableAmount currencyID="DKK">893206.54</cbc:PayableAmount>');
    writeFileSync(join(out, xmlFile), xml);
    for (const entry of manifest.entries) for (const output of entry.outputs) if (output.file === xmlFile) output.sha256 = sha(xml);
    writeManifest(out, manifest);
    writeFileSync(join(out, 'corrections-2024-H2-1.csv'), 'left by a run that did not finish\n');
    writeFileSync(join(out, 'summary-2024-H1.txt'), 'edited\n');

    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(1)).toEqual([
      'NOT SOUND: 3 problems:',
      `  - ${join(out, 'summary-2024-H1.txt')}: changed since it was issued (its SHA-256 is not the one in manifest.json)`,
      `  - ${join(out, 'manifest.json')}: entry 2 (H2 2024) records net_amount 1.00; its documents add up to 22016601.81`,
      `  - ${join(out, xmlFile)}: its payable (PayableAmount) is 893206.54, not 893206.53 (its document: ${join(out, 'invoices-2024-H2.csv')}:53)`,
      'Not issued (named as issued files, but not listed in manifest.json, so not checked): corrections-2024-H2-1.csv.',
      '',
    ]);
    expect(r.stderr).toBe(`flis: error: ${out} is not sound: 3 problems (listed on stdout)\n`);
    const json = JSON.parse((await verify(out, ['--json'])).stdout);
    expect(json.sound).toBe(false);
    expect(json.problems.map((p: { file: string }) => p.file)).toEqual([join(out, 'summary-2024-H1.txt'), join(out, 'manifest.json'), join(out, xmlFile)]);
    expect(json.not_issued).toEqual(['corrections-2024-H2-1.csv']);
  });

  it("holds each e-invoice to its document's period, due date and buyer, and a replacement to the invoice it replaces", async () => {
    const out = await copy();
    expect((await issue(out, 'H1', '2024-03-01', ['--einvoice', 'oioubl', '--roster', pilotRoster(), '--supersede'])).code).toBe(0);
    const manifest = manifestOf(out);
    const forge = (file: string, edit: (xml: string) => string) => {
      const xml = edit(readFileSync(join(out, file), 'utf8'));
      writeFileSync(join(out, file), xml);
      for (const entry of manifest.entries) for (const output of entry.outputs) if (output.file === file) output.sha256 = sha(xml);
    };
    forge('einvoices/FLIS-2024-H1-0097.xml', (xml) =>
      xml
        .replace('<cbc:EndDate>2024-06-30</cbc:EndDate>', '<cbc:EndDate>2024-06-29</cbc:EndDate>')
        .replace('<cbc:PaymentDueDate>2024-03-02</cbc:PaymentDueDate>', '<cbc:PaymentDueDate>2024-04-02</cbc:PaymentDueDate>')
        .replace('<cbc:RegistrationName>Aalborg Kommune</cbc:RegistrationName>', '<cbc:RegistrationName>Aalborg</cbc:RegistrationName>')
        .replace('<cbc:StreetName>Boulevarden</cbc:StreetName>', '<cbc:StreetName>Boulevard</cbc:StreetName>')
        .replace('<cbc:ID>Økonomi FLIS 851</cbc:ID>', '<cbc:ID>Økonomi</cbc:ID>'),
    );
    forge('einvoices/FLIS-2024-H1-0099.xml', (xml) => xml.replace(/(<cac:InvoiceDocumentReference>\s*<cbc:ID>)FLIS-2024-H1-0052/, '$1FLIS-2024-H1-0051'));
    writeManifest(out, manifest);
    const r = await verify(out);
    expect(r.code).toBe(1);
    const at = (file: string, line: number) => `(its document: ${join(out, file)}:${line})`;
    expect(r.stdout.split('\n').slice(1, -1)).toEqual([
      'NOT SOUND: 6 problems:',
      `  - ${join(out, 'einvoices/FLIS-2024-H1-0097.xml')}: its InvoicePeriod/EndDate is "2024-06-29", not "2024-06-30" ${at('invoices-2024-H1.csv', 98)}`,
      `  - ${join(out, 'einvoices/FLIS-2024-H1-0097.xml')}: its due date (PaymentMeans/PaymentDueDate) is "2024-04-02", not "2024-03-02" ${at('invoices-2024-H1.csv', 98)}`,
      `  - ${join(out, 'einvoices/FLIS-2024-H1-0097.xml')}: its buyer's name (PartyLegalEntity/RegistrationName) is "Aalborg", not "Aalborg Kommune" ${at('invoices-2024-H1.csv', 98)}`,
      `  - ${join(out, 'einvoices/FLIS-2024-H1-0097.xml')}: its buyer's street (StreetName and BuildingNumber) is "Boulevard 13", not "Boulevarden 13" ${at('invoices-2024-H1.csv', 98)}`,
      `  - ${join(out, 'einvoices/FLIS-2024-H1-0097.xml')}: its buyer's reference (Contact/ID) is "Økonomi", not "Økonomi FLIS 851" ${at('invoices-2024-H1.csv', 98)}`,
      `  - ${join(out, 'einvoices/FLIS-2024-H1-0099.xml')}: it refers to FLIS-2024-H1-0051, not FLIS-2024-H1-0052, the invoice it replaces ${at('corrections-2024-H1-1.csv', 3)}`,
    ]);
  }, 60_000);
});
