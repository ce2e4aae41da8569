// E-invoices from the command line, as finance runs them: flis invoice --out DIR --einvoice oioubl|peppol, and
// flis einvoice DIR for documents issued without them. What the documents contain is held to the official rules
// in test/einvoice/standards.test.ts; here: which files are written, when, and what is refused.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, addressedRoster, flis, snapshot, temporaryFolder } from './flis.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const CONFIG = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8')) as Record<string, unknown> & { seller: Record<string, unknown> };

const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { entries: Record<string, unknown>[] };

/** A roster file from lines under the shipped header. */
function roster(lines: readonly string[]): string {
  const path = join(temporaryFolder(), 'roster.csv');
  writeFileSync(path, ['kommune;available_from;pilot_start;exit_date;ean;reference', ...lines].join('\n') + '\n');
  return path;
}

/** A config in its own folder: the shipped one with changes, paths made absolute. */
function config(changes: Record<string, unknown>): string {
  const folder = temporaryFolder();
  const path = join(folder, 'flis.config.json');
  writeFileSync(path, `${JSON.stringify({ ...CONFIG, population: join(ROOT, CONFIG.population as string), roster: join(ROOT, CONFIG.roster as string), ...changes }, null, 2)}\n`);
  return path;
}

/** Odense (FLIS-2024-H1-0001) and Aalborg (0002), whose addresses flis has confirmed. */
const TWO = () => roster(['461;2024-01-01;;;2000000461007;Økonomi FLIS 461', '851;2024-01-01;;;2000000851006;Økonomi FLIS 851']);
/** The same with Odense a pilot: a correction credits 0001 (K0001) and replaces it (0003). */
const PILOT = () => roster(['461;2024-01-01;2024-01-01;;2000000461007;Økonomi FLIS 461', '851;2024-01-01;;;2000000851006;Økonomi FLIS 851']);
const h1 = (out: string, extra: readonly string[] = []) => flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, ...extra]);

describe('flis invoice --out DIR --einvoice oioubl', () => {
  it('writes one e-invoice per invoice beside the CSV, lists each in the manifest with its SHA-256, and leaves the CSV as it was', async () => {
    const out = temporaryFolder();
    const r = await h1(out, ['--einvoice', 'oioubl', '--issue-date', '2024-02-12', '--roster', addressedRoster()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/flis: wrote 98 e-invoices \(OIOUBL 2\.1\) in .*einvoices\n/);
    const names = readdirSync(join(out, 'einvoices')).sort();
    expect(names).toHaveLength(98);
    expect(names[0]).toBe('FLIS-2024-H1-0001.xml');
    const [entry] = manifestOf(out).entries as { issue_date: string; einvoice: string; outputs: { file: string; sha256: string }[]; inputs: { role: string }[] }[];
    expect(entry).toMatchObject({ issue_date: '2024-02-12', einvoice: 'oioubl' });
    expect(entry!.inputs.map((i) => i.role)).toEqual(['population', 'roster', 'config']);
    const xml = entry!.outputs.filter((o) => o.file.endsWith('.xml'));
    expect(xml.map((o) => o.file)).toEqual(names.map((n) => `einvoices/${n}`));
    for (const o of xml) expect(sha(readFileSync(join(out, o.file))), o.file).toBe(o.sha256);
    expect(readFileSync(join(out, 'summary-2024-H1.txt'), 'utf8')).toMatch(/\nUdstedelsesdato: +12\. februar 2024\nE-fakturaer: +OIOUBL 2\.1, én pr\. dokument, i mappen einvoices\n/);

    // The CSV is the one a run without e-invoices writes.
    const plain = temporaryFolder();
    expect((await h1(plain, ['--issue-date', '2024-02-12', '--roster', addressedRoster()])).code).toBe(0);
    expect(readFileSync(join(out, 'invoices-2024-H1.csv')).equals(readFileSync(join(plain, 'invoices-2024-H1.csv')))).toBe(true);
  });

  it('the same run again writes nothing; the same run in another folder writes the same bytes', async () => {
    const [a, b] = [temporaryFolder(), temporaryFolder()];
    const args = ['--einvoice', 'peppol', '--issue-date', '2024-02-12', '--roster', TWO()];
    expect((await h1(a, args)).code).toBe(0);
    const before = snapshot(a);
    const again = await h1(a, args);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already issued, unchanged/);
    expect(snapshot(a)).toEqual(before);
    expect((await h1(b, args)).code).toBe(0);
    expect(snapshot(b)).toEqual(before);
  });

  it('--issue-date as a Dane writes it, DD.MM.YYYY or DD-MM-YYYY, is the same day: the manifest records it YYYY-MM-DD', async () => {
    for (const typed of ['12.02.2024', '12-02-2024']) {
      const out = temporaryFolder();
      const r = await h1(out, ['--einvoice', 'oioubl', '--issue-date', typed, '--roster', TWO(), '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      expect(manifestOf(out).entries[0]).toMatchObject({ issue_date: '2024-02-12' });
    }
  });

  it('without --issue-date, the documents are dated today, and the manifest records the day', async () => {
    const out = temporaryFolder();
    // the clock's day: FLIS_TODAY unset (the e2e helper sets it otherwise)
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, '--einvoice', 'oioubl', '--roster', TWO()], { env: { FLIS_TODAY: undefined } })).code).toBe(0);
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(manifestOf(out).entries[0]!.issue_date).toBe(iso);
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0001.xml'), 'utf8')).toContain(`<cbc:IssueDate>${iso}</cbc:IssueDate>`);
  });

  it('"einvoice" in the config applies to runs with --out; --einvoice none turns it off', async () => {
    const withFormat = config({ einvoice: 'peppol', roster: TWO() });
    const out = temporaryFolder();
    expect((await h1(out, ['--config', withFormat, '--issue-date', '2024-02-12'])).code).toBe(0);
    expect(readdirSync(join(out, 'einvoices'))).toEqual(['FLIS-2024-H1-0001.xml', 'FLIS-2024-H1-0002.xml']);
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0001.xml'), 'utf8')).toContain('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
    const off = temporaryFolder();
    expect((await h1(off, ['--config', withFormat, '--einvoice', 'none'])).code).toBe(0);
    expect(existsSync(join(off, 'einvoices'))).toBe(false);
    // Without --out, the config's format has nothing to do: the table, as ever.
    const table = await flis(['invoice', '--period', 'H1', '--year', '2024', '--config', withFormat]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/FLIS-2024-H1-0001 +Odense/);
  });

  it('a correction: credit notes and replacements get theirs; each refers to the invoice it credits or replaces, with its issue date', async () => {
    const out = temporaryFolder();
    expect((await h1(out, ['--einvoice', 'oioubl', '--issue-date', '2024-02-12', '--roster', TWO()])).code).toBe(0);
    const r = await h1(out, ['--einvoice', 'oioubl', '--issue-date', '2024-03-01', '--roster', PILOT(), '--supersede']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'einvoices')).sort()).toEqual(['FLIS-2024-H1-0001.xml', 'FLIS-2024-H1-0002.xml', 'FLIS-2024-H1-0003.xml', 'FLIS-2024-H1-K0001.xml']);
    const credit = readFileSync(join(out, 'einvoices/FLIS-2024-H1-K0001.xml'), 'utf8');
    expect(credit).toMatch(/^<\?xml[^>]*>\n<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/);
    expect(credit).toMatch(/<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H1-0001<\/cbc:ID>\s*<cbc:IssueDate>2024-02-12<\/cbc:IssueDate>/);
    expect(credit).toContain('<cbc:PayableAmount currencyID="DKK">893206.53</cbc:PayableAmount>');
    expect(credit).toContain('<cbc:Note>kreditnota for FLIS-2024-H1-0001: de fakturerbare dage i perioden er ændret (kommunelisten: tilrådighedsstillelse 1. januar 2024, pilotstart 1. januar 2024)</cbc:Note>');
    const replacement = readFileSync(join(out, 'einvoices/FLIS-2024-H1-0003.xml'), 'utf8');
    expect(replacement).toMatch(/^<\?xml[^>]*>\n<Invoice /);
    expect(replacement).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H1-0001<\/cbc:ID>\s*<cbc:IssueDate>2024-02-12<\/cbc:IssueDate>/);
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0001.xml'), 'utf8')).not.toContain('BillingReference');
    expect(manifestOf(out).entries[1]).toMatchObject({ correction: 1, issue_date: '2024-03-01', einvoice: 'oioubl', documents: 2 });
  });

  it('a correction with --einvoice of a run issued without: the first issue\'s e-invoices come in the same commit', async () => {
    const out = temporaryFolder();
    expect((await h1(out, ['--issue-date', '2024-02-12', '--roster', TWO()])).code).toBe(0);
    const r = await h1(out, ['--einvoice', 'peppol', '--issue-date', '2024-03-01', '--roster', PILOT(), '--supersede']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'einvoices')).sort()).toEqual(['FLIS-2024-H1-0001.xml', 'FLIS-2024-H1-0002.xml', 'FLIS-2024-H1-0003.xml', 'FLIS-2024-H1-K0001.xml']);
    expect(manifestOf(out).entries.map((e) => [e.kind ?? 'issue', e.correction, e.issue_date, e.einvoice])).toEqual([
      ['issue', 0, '2024-02-12', undefined],
      ['einvoices', 0, '2024-02-12', 'peppol'],
      ['issue', 1, '2024-03-01', 'peppol'],
    ]);
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0001.xml'), 'utf8')).toContain('<cbc:IssueDate>2024-02-12</cbc:IssueDate>');
  });

  it('a correction in the other format is refused: a document is sent once, in one format', async () => {
    const out = temporaryFolder();
    expect((await h1(out, ['--einvoice', 'oioubl', '--roster', TWO()])).code).toBe(0);
    const before = snapshot(out);
    const r = await h1(out, ['--einvoice', 'peppol', '--roster', PILOT(), '--supersede']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the e-invoices of H1 2024 were issued as OIOUBL 2\.1: they are not written again as Peppol BIS Billing 3\.0/);
    expect(snapshot(out)).toEqual(before);
  });

  it('a run issued without e-invoices gets them when run again with --einvoice; nothing issued changes', async () => {
    const out = temporaryFolder();
    expect((await h1(out, ['--roster', TWO(), '--issue-date', '2024-02-12'])).code).toBe(0);
    const before = snapshot(out);
    const r = await h1(out, ['--roster', TWO(), '--einvoice', 'oioubl']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/already issued, unchanged .*\nflis: wrote 2 e-invoices \(OIOUBL 2\.1\) in .*, for the documents issued without them/);
    for (const [name, bytes] of Object.entries(before).filter(([n]) => n !== 'manifest.json')) expect(snapshot(out)[name]).toBe(bytes);
    const entries = manifestOf(out).entries;
    expect(entries[1]).toMatchObject({ kind: 'einvoices', year: 2024, run: 'H1', correction: 0, einvoice: 'oioubl', issue_date: '2024-02-12', documents: 2 });
    // The e-invoices carry the day the documents were issued, recorded with them, not today.
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0001.xml'), 'utf8')).toContain('<cbc:IssueDate>2024-02-12</cbc:IssueDate>');
  });
});

describe('docs/reference.md', () => {
  it('shows a sample that is byte for byte what flis writes', async () => {
    const reference = readFileSync(join(ROOT, 'docs/reference.md'), 'utf8');
    const sample = /<!-- sample:odense -->\n```xml\n([\s\S]*?)```\n<!-- \/sample -->/.exec(reference)?.[1];
    expect(sample).toBeDefined();
    const out = temporaryFolder();
    expect((await h1(out, ['--einvoice', 'oioubl', '--issue-date', '2024-02-12', '--roster', 'fixtures/roster/75-confirmed-address-illustrative-ean-reference.csv'])).code).toBe(0);
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0040.xml'), 'utf8')).toBe(sample);
  });
});

describe('what flis invoice --einvoice refuses, writing nothing', () => {
  it('municipalities without an EAN or a reference: exit 1, every one with its roster line', async () => {
    const out = temporaryFolder();
    const path = roster(['461;2024-01-01;;;2000000461007;Økonomi FLIS 461', '101;2024-01-01;;;;Økonomi FLIS 101', '147;2024-01-01;;;2000000147000;', '751;2024-01-01;;;;']);
    const r = await h1(out, ['--einvoice', 'oioubl', '--roster', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}:3: København (101) has no EAN and no confirmed postal address: its document FLIS-2024-H1-0001 cannot be sent as OIOUBL 2.1\n  3 | 101;2024-01-01;;;;Økonomi FLIS 101\n`);
    expect(r.stderr).toContain(`${path}:4: Frederiksberg (147) has no reference: its document FLIS-2024-H1-0002 cannot be sent as OIOUBL 2.1`);
    expect(r.stderr).toContain(`${path}:5: Aarhus (751) has no EAN and no reference`);
    expect(r.stderr).toMatch(/add it in the roster's ean column\.\n  Danish public buyers require their reference/);
    expect(r.stderr).toMatch(/flis: 3 problems; nothing was written\.\n$/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a municipality whose address flis has not confirmed, and the roster gives none: exit 1, naming the roster columns and what was found', async () => {
    const out = temporaryFolder();
    const kbh = '101;2024-01-01;;;2000000101002;Økonomi FLIS 101';
    const r = await h1(out, ['--einvoice', 'peppol', '--roster', roster([kbh, '461;2024-01-01;;;2000000461007;Økonomi FLIS 461'])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`:2: København (101) has no confirmed postal address: its document FLIS-2024-H1-0001 cannot be sent as Peppol BIS Billing 3.0\n  2 | ${kbh}\n`);
    expect(r.stderr).toContain("An invoice names the buyer's address (momsbekendtgørelsen §58), and flis has none confirmed for it (found, not confirmed: 1599 København V): give it in the roster's columns street, building_number, postal_code and city.");
    expect(r.stderr).not.toMatch(/Odense/);
    expect(readdirSync(out)).toEqual([]);

    // The roster gives it: the e-invoice and the CSV name København at it.
    const path = join(temporaryFolder(), 'roster.csv');
    writeFileSync(path, `kommune;available_from;pilot_start;exit_date;ean;reference;street;building_number;postal_code;city\n${kbh};Rådhuspladsen;1;1599;København V\n`);
    const given = await h1(out, ['--einvoice', 'peppol', '--roster', path, '--issue-date', '2024-02-12']);
    expect(given.code, given.stderr).toBe(0);
    expect(given.stderr).not.toMatch(/no confirmed invoice address/);
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0001.xml'), 'utf8')).toMatch(
      /<cbc:StreetName>Rådhuspladsen 1<\/cbc:StreetName>\s*<cbc:CityName>København V<\/cbc:CityName>\s*<cbc:PostalZone>1599<\/cbc:PostalZone>/,
    );
    expect(readFileSync(join(out, 'invoices-2024-H1.csv'), 'utf8')).toContain(',101,København,Københavns Kommune,64942212,Rådhuspladsen 1,1599,København V,2000000101002,Økonomi FLIS 101,,H1,');
  });

  it('documents issued without an address get no e-invoice (flis einvoice); --supersede issues them again with it', async () => {
    const out = temporaryFolder();
    const kbh = '101;2024-01-01;;;2000000101002;Økonomi FLIS 101';
    const without = roster([kbh]);
    const issued = await h1(out, ['--roster', without, '--issue-date', '2024-02-12']);
    expect(issued.code).toBe(0);
    // Issuing warns, naming the municipality, its roster line and what was found.
    expect(issued.stderr).toContain('1 municipality has no confirmed invoice address, so its documents carry none:\n  - København (101, line 2): found, not confirmed: 1599 København V\n');
    const refused = await flis(['einvoice', out, '--roster', without, '--einvoice', 'oioubl']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/København \(101\) has no confirmed postal address: its document FLIS-2024-H1-0001 cannot be sent as OIOUBL 2\.1/);
    expect(refused.stderr).toMatch(/These documents were issued without it, and an issued document is never changed: once the roster gives it, flis invoice --supersede credits them and issues them again with it\./);

    const path = join(temporaryFolder(), 'roster.csv');
    writeFileSync(path, `kommune;available_from;pilot_start;exit_date;ean;reference;street;building_number;postal_code;city\n${kbh};Rådhuspladsen;1;1599;København V\n`);
    expect((await h1(out, ['--roster', path, '--issue-date', '2024-02-20'])).code).toBe(1); // the buyer differs: a change
    const corrected = await h1(out, ['--roster', path, '--issue-date', '2024-02-20', '--supersede']);
    expect(corrected.code, corrected.stderr).toBe(0);
    const rows = readFileSync(join(out, 'corrections-2024-H1-1.csv'), 'utf8').split('\n');
    expect(rows[1]).toMatch(/^FLIS-2024-H1-K0001,credit_note,2024-02-20,,FLIS-2024-H1-0001,,101,København,Københavns Kommune,64942212,Rådhuspladsen 1,1599,København V,/);
    expect(rows[1]).toMatch(/,"kreditnota for FLIS-2024-H1-0001: køber er Københavns Kommune \(CVR 64942212\), Rådhuspladsen 1, 1599 København V, ikke Københavns Kommune \(CVR 64942212\)"$/);
    expect(rows[2]).toMatch(/^FLIS-2024-H1-0002,invoice,2024-02-20,2024-03-21,,FLIS-2024-H1-0001,101,/);
    // The credit note and the new invoice carry the address. flis einvoice still refuses: it writes an issue's
    // e-invoices whole, one per document, and the first issue's 0001 names no address.
    const r = await flis(['einvoice', out, '--roster', path, '--einvoice', 'oioubl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/its document FLIS-2024-H1-0001 cannot be sent/);
  });

  it('an unknown format, --einvoice without --out, a malformed or early --issue-date: exit 2', async () => {
    const out = temporaryFolder();
    expect((await h1(out, ['--einvoice', 'xml'])).stderr).toMatch(/unknown --einvoice "xml"\n {2}The e-invoice formats are oioubl, peppol \(or none\)/);
    expect((await h1(out, ['--einvoice', 'xml'])).code).toBe(2);
    const noOut = await flis(['invoice', '--period', 'H1', '--year', '2024', '--einvoice', 'oioubl']);
    expect([noOut.code, noOut.stderr]).toEqual([2, expect.stringMatching(/--einvoice writes e-invoices into a run folder: give --out DIR/)]);
    const bad = await h1(out, ['--einvoice', 'oioubl', '--issue-date', '12/02/2024']);
    expect([bad.code, bad.stderr]).toEqual([2, 'flis: error: --issue-date: "12/02/2024" is not a date: write YYYY-MM-DD (2025-03-15), DD-MM-YYYY (15-03-2025) or DD.MM.YYYY (15.03.2025)\n']);
    const early = await h1(out, ['--einvoice', 'oioubl', '--issue-date', '2023-12-31']);
    expect([early.code, early.stderr]).toEqual([2, expect.stringMatching(/--issue-date 2023-12-31 is before the billing year 2024/)]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a config without a seller, or with a malformed one: exit 2, naming the key and its line', async () => {
    const out = temporaryFolder();
    const { seller: _, ...noSeller } = CONFIG;
    const none = config({});
    writeFileSync(none, JSON.stringify({ ...noSeller, population: join(ROOT, CONFIG.population as string), roster: join(ROOT, CONFIG.roster as string) }));
    const r = await h1(out, ['--einvoice', 'oioubl', '--config', none]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/flis\.config\.json: no seller in the config: e-invoices need/)]);

    const badCvr = config({ seller: { ...CONFIG.seller, cvr: '19435076', bank: { iban: 'DK50 0040 0440 1162 43', bic: 'DABADKKK' } } });
    const bad = await h1(out, ['--einvoice', 'oioubl', '--config', badCvr]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/flis\.config\.json:6: seller\.cvr: CVR 19435076 fails the modulus-11 check/);
    expect(bad.stderr).toMatch(/flis\.config\.json:\d+: seller\.bank\.iban: "DK50 0040 0440 1162 43" is not an IBAN/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('the shipped config\'s example values are named on every e-invoice run', async () => {
    const r = await h1(temporaryFolder(), ['--einvoice', 'oioubl', '--roster', TWO()]);
    expect(r.stderr).toMatch(/flis: warning: flis\.config\.json: seller "bank", "payment_terms_days" are marked illustrative/);
  });
});

describe('flis einvoice DIR: e-invoices for documents issued without them', () => {
  async function issuedWithout(): Promise<string> {
    const out = temporaryFolder();
    expect((await h1(out, ['--roster', TWO(), '--issue-date', '2024-02-12'])).code).toBe(0);
    expect((await h1(out, ['--roster', PILOT(), '--supersede', '--issue-date', '2024-03-01'])).code).toBe(0);
    return out;
  }
  const einvoice = (out: string, extra: readonly string[] = []) => flis(['einvoice', out, '--roster', TWO(), ...extra]);

  it('writes them for every issue, each dated as issued; no issued file changes; run again, nothing more', async () => {
    const out = await issuedWithout();
    const before = snapshot(out);
    const dry = await einvoice(out, ['--einvoice', 'oioubl', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/--dry-run: would write 2 e-invoices \(OIOUBL 2\.1\) for H1 2024, dated 2024-02-12\n.*--dry-run: would write 2 e-invoices \(OIOUBL 2\.1\) for H1 2024 correction 1, dated 2024-03-01/);
    expect(snapshot(out)).toEqual(before);

    const r = await einvoice(out, ['--einvoice', 'oioubl']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'einvoices')).sort()).toEqual(['FLIS-2024-H1-0001.xml', 'FLIS-2024-H1-0002.xml', 'FLIS-2024-H1-0003.xml', 'FLIS-2024-H1-K0001.xml']);
    for (const [name, bytes] of Object.entries(before).filter(([n]) => n !== 'manifest.json')) expect(snapshot(out)[name]).toBe(bytes);
    const entries = manifestOf(out).entries;
    expect(entries.map((e) => [e.kind ?? 'issue', e.correction, e.issue_date])).toEqual([
      ['issue', 0, '2024-02-12'],
      ['issue', 1, '2024-03-01'],
      ['einvoices', 0, '2024-02-12'],
      ['einvoices', 1, '2024-03-01'],
    ]);
    expect((entries[2]!.inputs as { role: string }[]).map((i) => i.role)).toEqual(['roster', 'config']);
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-K0001.xml'), 'utf8')).toMatch(/<cbc:ID>FLIS-2024-H1-0001<\/cbc:ID>\s*<cbc:IssueDate>2024-02-12<\/cbc:IssueDate>/);
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0003.xml'), 'utf8')).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H1-0001<\/cbc:ID>/);

    const after = snapshot(out);
    const again = await einvoice(out, ['--einvoice', 'oioubl']);
    expect([again.code, again.stderr]).toEqual([0, expect.stringMatching(/every document in .* has its e-invoice \(OIOUBL 2\.1\), unchanged/)]);
    expect(snapshot(out)).toEqual(after);
  });

  it('one document is "1 document" and "1 e-invoice"', async () => {
    const out = temporaryFolder();
    const one = roster(['461;2024-01-01;;;2000000461007;Økonomi FLIS 461']);
    expect((await h1(out, ['--roster', one, '--issue-date', '2024-02-12'])).code).toBe(0);
    const dry = await flis(['einvoice', out, '--roster', one, '--einvoice', 'oioubl', '--dry-run']);
    expect(dry.stderr).toMatch(/--dry-run: would write 1 e-invoice \(OIOUBL 2\.1\) for H1 2024, dated 2024-02-12\n/);
    const r = await flis(['einvoice', out, '--roster', one, '--einvoice', 'oioubl']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/flis: H1 2024: 1 document, dated 2024-02-12\n/);
    expect(r.stderr).toMatch(/flis: wrote 1 e-invoice \(OIOUBL 2\.1\) in /);
  });

  it('in the other format, or with another --issue-date than the one recorded: refused, nothing written', async () => {
    const out = await issuedWithout();
    expect((await einvoice(out, ['--einvoice', 'oioubl'])).code).toBe(0);
    const before = snapshot(out);
    const other = await einvoice(out, ['--einvoice', 'peppol']);
    expect([other.code, other.stderr]).toEqual([1, expect.stringMatching(/were issued as OIOUBL 2\.1: they are not written again as Peppol BIS Billing 3\.0/)]);
    expect(snapshot(out)).toEqual(before);

    const fresh = await issuedWithout();
    const date = await einvoice(fresh, ['--einvoice', 'peppol', '--issue-date', '2024-02-20']);
    expect([date.code, date.stderr]).toEqual([2, expect.stringMatching(/H1 2024 was issued on 2024-02-12 \(manifest\.json\): its e-invoices carry that date, not --issue-date 2024-02-20/)]);
  });

  it('a folder issued before flis recorded issue dates: --issue-date (or today) dates them, and is recorded', async () => {
    const out = temporaryFolder();
    expect((await h1(out, ['--roster', TWO()])).code).toBe(0);
    const manifest = manifestOf(out);
    delete manifest.entries[0]!.issue_date; // as flis 0.1.0 wrote it
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const r = await einvoice(out, ['--einvoice', 'oioubl', '--issue-date', '2024-02-14']);
    expect(r.code, r.stderr).toBe(0);
    expect(manifestOf(out).entries[1]).toMatchObject({ kind: 'einvoices', issue_date: '2024-02-14' });
    expect(readFileSync(join(out, 'einvoices/FLIS-2024-H1-0001.xml'), 'utf8')).toContain('<cbc:IssueDate>2024-02-14</cbc:IssueDate>');
  });

  it('issued e-invoices are never rewritten: a seller changed since is refused; a changed file stops everything', async () => {
    const out = await issuedWithout();
    expect((await einvoice(out, ['--einvoice', 'oioubl'])).code).toBe(0);
    const before = snapshot(out);
    const moved = config({ seller: { ...CONFIG.seller, email: 'faktura@kombit.dk' } });
    const r = await einvoice(out, ['--einvoice', 'oioubl', '--config', moved]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/4 e-invoices issued in .* would come out differently now \(einvoices\/FLIS-2024-H1-0001\.xml, .*\): the seller in the config, a reference in the roster or flis has changed/);
    expect(snapshot(out)).toEqual(before);

    writeFileSync(join(out, 'einvoices/FLIS-2024-H1-0002.xml'), readFileSync(join(out, 'einvoices/FLIS-2024-H1-0002.xml'), 'utf8').replace('Økonomi FLIS 851', 'Økonomi FLIS 852'));
    const tampered = await einvoice(out, ['--einvoice', 'oioubl']);
    expect([tampered.code, tampered.stderr]).toEqual([1, expect.stringMatching(/einvoices\/FLIS-2024-H1-0002\.xml: changed since it was issued/)]);
  });

  it('not a run folder, no format: exit 2', async () => {
    const empty = temporaryFolder();
    expect(await einvoice(empty, ['--einvoice', 'oioubl'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/is not a run folder: it has no manifest\.json/) });
    expect(await einvoice(join(empty, 'nowhere'), ['--einvoice', 'oioubl'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/does not exist/) });
    expect(await einvoice(empty)).toMatchObject({ code: 2, stderr: expect.stringMatching(/no e-invoice format: give --einvoice oioubl or --einvoice peppol/) });
  });
});
