// The one reader of a run folder, on planted faults: each is found, named with its file, and nothing in a
// folder that is not sound is trusted.

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_INPUT, FlisError, InputError, UsageError } from '../../src/errors.js';
import { readIssuedInvoiceFolder } from '../../src/issued.js';
import { writeFilesAtomically } from '../../src/writers/output.js';
import { issueRun } from '../../src/writers/run-folder.js';
import { request, rowsFor } from './issue-request.js';
import { inspectRunFolder, readRunFolder } from '../../src/writers/run-folder-read.js';

/** H1 2024 issued for two municipalities (0001 København, 0002 Odense), then corrected once (461 became a pilot): K0001 and 0003. */
async function ledger(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'flis-ledger-'));
  await issueRun(request(folder));
  await issueRun(request(folder, { rows: rowsFor('2024-01-01'), supersede: true, issueDate: '2024-03-01' }));
  return folder;
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
type Entry = { correction: number; tariff?: unknown; outputs: { file: string; sha256: string }[] };
const manifestOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { format: string; entries: Entry[] };
const writeManifest = (folder: string, manifest: unknown) => writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

/** Changes a listed file and records its new SHA-256, as someone covering their tracks would: only the chain can tell. */
function forge(folder: string, file: string, change: (text: string) => string): void {
  const text = change(readFileSync(join(folder, file), 'utf8'));
  writeFileSync(join(folder, file), text);
  const manifest = manifestOf(folder);
  for (const entry of manifest.entries) for (const output of entry.outputs) if (output.file === file) output.sha256 = sha(text);
  writeManifest(folder, manifest);
}

async function problemsOf(folder: string): Promise<string[]> {
  const { problems } = await inspectRunFolder(folder, folder, { requireManifest: true });
  return problems.map((p) => `${p.file.startsWith(folder) ? p.file.slice(folder.length + 1) : p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`);
}

/** The reader refuses, exit 1, with every problem; exit and revenue (readIssuedInvoiceFolder) refuse alike. */
async function refused(folder: string): Promise<InputError> {
  const error = await readRunFolder(folder, folder, { requireManifest: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).exitCode).toBe(EXIT_INPUT);
  await expect(readIssuedInvoiceFolder(folder)).rejects.toBeInstanceOf(InputError);
  return error as InputError;
}

describe('a sound run folder', () => {
  it('reads every document of every issue, and the invoices in force', async () => {
    const folder = await ledger();
    const read = await readRunFolder(folder, folder, { requireManifest: true });
    expect(read.documents.map((d) => d.row.invoice_number)).toEqual(['FLIS-2024-H1-0001', 'FLIS-2024-H1-0002', 'FLIS-2024-H1-K0001', 'FLIS-2024-H1-0003']);
    expect(read.files).toBe(4);
    expect(read.unlisted).toEqual([]);
    expect(await problemsOf(folder)).toEqual([]);
    expect((await readIssuedInvoiceFolder(folder)).map((i) => i.invoiceNumber).sort()).toEqual(['FLIS-2024-H1-0001', 'FLIS-2024-H1-0003']);
  });
});

describe('planted faults, each found and named with its file', () => {
  it('a changed byte', async () => {
    const folder = await ledger();
    writeFileSync(join(folder, 'invoices-2024-H1.csv'), readFileSync(join(folder, 'invoices-2024-H1.csv'), 'utf8').replace('714565.22', '714565.23'));
    expect(await problemsOf(folder)).toEqual(['invoices-2024-H1.csv: changed since it was issued (its SHA-256 is not the one in manifest.json)']);
    await refused(folder);
  });

  it('a missing file, and the latest corrections file deleted: the superseded invoice is never taken as in force', async () => {
    const folder = await ledger();
    rmSync(join(folder, 'corrections-2024-H1-1.csv'));
    rmSync(join(folder, 'summary-2024-H1.txt'));
    expect(await problemsOf(folder)).toEqual(['summary-2024-H1.txt: missing: manifest.json says it was issued', 'corrections-2024-H1-1.csv: missing: manifest.json says it was issued']);
    await refused(folder);
  });

  it('an extra file the manifest does not list: not issued, not read, named', async () => {
    const folder = await ledger();
    // a second correction that was never committed: a credit note for 0003
    const [header, credit] = readFileSync(join(folder, 'corrections-2024-H1-1.csv'), 'utf8').split('\n');
    writeFileSync(join(folder, 'corrections-2024-H1-2.csv'), `${header}\n${credit!.replace('K0001', 'K0002').replace('FLIS-2024-H1-0002', 'FLIS-2024-H1-0003')}\n`);
    const read = await readRunFolder(folder, folder, { requireManifest: true });
    expect(read.unlisted).toEqual(['corrections-2024-H1-2.csv']);
    expect(read.documents.map((d) => d.row.invoice_number)).not.toContain('FLIS-2024-H1-K0002');
    const warnings: string[] = [];
    expect((await readIssuedInvoiceFolder(folder, (w) => warnings.push(w))).map((i) => i.invoiceNumber)).toContain('FLIS-2024-H1-0003');
    expect(warnings).toEqual([`${join(folder, 'corrections-2024-H1-2.csv')} is not listed in manifest.json: it was not issued, and is not read`]);
  });

  it('the manifest as a folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'flis-ledger-'));
    mkdirSync(join(folder, 'manifest.json'));
    expect(await problemsOf(folder)).toEqual(['manifest.json: the manifest is a folder, not a file']);
    await refused(folder);
  });

  it('an entry without its tariff', async () => {
    const folder = await ledger();
    const manifest = manifestOf(folder);
    delete manifest.entries[1]!.tariff;
    writeManifest(folder, manifest);
    expect(await problemsOf(folder)).toEqual(['manifest.json: the manifest is damaged: entry 2 (H1 2024 correction 1): "tariff" is missing']);
    await refused(folder);
  });

  it('a key given twice in an entry, which JSON would read as the last silently', async () => {
    const folder = await ledger();
    const text = readFileSync(join(folder, 'manifest.json'), 'utf8');
    // The second entry's net amount given again, lower, after the first: JSON.parse keeps the last.
    const doubled = text.replace(/("net_amount": "[^"]+",\n)(?![\s\S]*"net_amount")/, '$1      "net_amount": "0.00",\n');
    expect(doubled).not.toBe(text);
    writeFileSync(join(folder, 'manifest.json'), doubled);
    const line = doubled.split('\n').findIndex((l) => l.includes('"net_amount": "0.00"')) + 1;
    expect(await problemsOf(folder)).toContain(`manifest.json:${line}: the manifest is damaged: "entries.1.net_amount" is given twice (first on line ${line - 1})`);
    await refused(folder);
  });

  it('"correction": -1, which once led --supersede to write over the issued CSV', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'flis-ledger-'));
    await issueRun(request(folder));
    const manifest = manifestOf(folder);
    manifest.entries[0]!.correction = -1;
    writeManifest(folder, manifest);
    const issued = readFileSync(join(folder, 'invoices-2024-H1.csv'));
    expect(await problemsOf(folder)).toEqual([
      'manifest.json: the manifest is damaged: entry 1 (H1 2024 correction -1): "correction" is not a correction number (0 for the first issue, 1, 2, … for its corrections): -1',
    ]);
    await expect(issueRun(request(folder, { rows: rowsFor('2024-01-01'), supersede: true }))).rejects.toBeInstanceOf(InputError);
    expect(readFileSync(join(folder, 'invoices-2024-H1.csv')).equals(issued)).toBe(true);
  });

  it('a gap in the corrections', async () => {
    const folder = await ledger();
    const manifest = manifestOf(folder);
    manifest.entries[1]!.correction = 2;
    for (const output of manifest.entries[1]!.outputs) {
      const renamed = output.file.replace('-1.', '-2.');
      writeFileSync(join(folder, renamed), readFileSync(join(folder, output.file)));
      rmSync(join(folder, output.file));
      output.file = renamed;
    }
    writeManifest(folder, manifest);
    expect(await problemsOf(folder)).toEqual([
      "manifest.json: entry 2 (H1 2024 correction 2): the issue after correction 0 of H1 2024 is correction 1, not correction 2: a run's issues are numbered 0, 1, 2, … without gaps, in the order they were made",
    ]);
    await refused(folder);
  });

  it('a document number issued twice', async () => {
    const folder = await ledger();
    const first = readFileSync(join(folder, 'invoices-2024-H1.csv'), 'utf8').split('\n')[1];
    forge(folder, 'corrections-2024-H1-1.csv', (text) => `${text}${first}\n`);
    expect(await problemsOf(folder)).toEqual([
      `corrections-2024-H1-1.csv:4: FLIS-2024-H1-0001 was issued before (${join(folder, 'invoices-2024-H1.csv')}:2, H1 2024): a document number is issued once`,
    ]);
    await refused(folder);
  });

  it('a credit note that does not credit the invoice in force, and a number of another run', async () => {
    const folder = await ledger();
    forge(folder, 'corrections-2024-H1-1.csv', (text) => text.replace('-714565.22', '-714565.21').replace('FLIS-2024-H1-0003', 'FLIS-2024-H2-0003'));
    expect(await problemsOf(folder)).toEqual([
      `corrections-2024-H1-1.csv:2: FLIS-2024-H1-K0001 does not credit FLIS-2024-H1-0002, the invoice in force (${join(folder, 'invoices-2024-H1.csv')}:3), to the øre: net_amount -714565.21, not -714565.22`,
      'corrections-2024-H1-1.csv:3: FLIS-2024-H2-0003 (run H1) is not a document of H1 2024 correction 1: its numbers are FLIS-2024-H1-0001, … for invoices and FLIS-2024-H1-K0001, … for credit notes',
    ]);
  });

  it('a replacement without the credit note before it', async () => {
    const folder = await ledger();
    forge(folder, 'corrections-2024-H1-1.csv', (text) => text.split('\n').filter((line) => !line.startsWith('FLIS-2024-H1-K0001')).join('\n'));
    expect(await problemsOf(folder)).toEqual([
      `corrections-2024-H1-1.csv:2: FLIS-2024-H1-0003 is issued while FLIS-2024-H1-0002 (${join(folder, 'invoices-2024-H1.csv')}:3) is in force for Odense (461) and not credited`,
    ]);
  });

  it('a gap in a series, a credit note and an invoice out of their series', async () => {
    const folder = await ledger();
    // 0003 renumbered 0004 (a gap in the invoices), and the credit note given an invoice's number.
    forge(folder, 'corrections-2024-H1-1.csv', (text) => text.replace('FLIS-2024-H1-0003', 'FLIS-2024-H1-0004').replace('FLIS-2024-H1-K0001', 'FLIS-2024-H1-0005'));
    expect(await problemsOf(folder)).toEqual([
      'corrections-2024-H1-1.csv:2: FLIS-2024-H1-0005 is recorded as a credit note, but its number is an invoice\'s',
      'corrections-2024-H1-1.csv:3: FLIS-2024-H1-0004 should be FLIS-2024-H1-0003: the invoices of H1 2024 are numbered without gaps, in the order issued',
      `corrections-2024-H1-1.csv:3: FLIS-2024-H1-0004 is issued while FLIS-2024-H1-0002 (${join(folder, 'invoices-2024-H1.csv')}:3) is in force for Odense (461) and not credited`,
    ]);
  });

  it('a credit note or a replacement that records another invoice than the one it credits or replaces', async () => {
    const folder = await ledger();
    forge(folder, 'corrections-2024-H1-1.csv', (text) => text.replace(',FLIS-2024-H1-0002,,461,', ',FLIS-2024-H1-0001,,461,').replace(',,FLIS-2024-H1-0002,461,', ',,,461,'));
    expect(await problemsOf(folder)).toEqual([
      `corrections-2024-H1-1.csv:2: FLIS-2024-H1-K0001 records that it credits FLIS-2024-H1-0001, but the invoice in force for Odense (461) is FLIS-2024-H1-0002 (${join(folder, 'invoices-2024-H1.csv')}:3)`,
      'corrections-2024-H1-1.csv:3: FLIS-2024-H1-0003 records that it replaces nothing, but it follows the credit note for FLIS-2024-H1-0002 in H1 2024 correction 1: it replaces FLIS-2024-H1-0002',
    ]);
    await refused(folder);
  });

  it('a first issue with a credit note in it, and a correction numbered otherwise than its run', async () => {
    const folder = await ledger();
    const [header, ...lines] = readFileSync(join(folder, 'invoices-2024-H1.csv'), 'utf8').split('\n');
    forge(folder, 'invoices-2024-H1.csv', () => [header, lines[0]!.replace('FLIS-2024-H1-0001,invoice', 'FLIS-2024-H1-K0001,credit_note'), ...lines.slice(1)].join('\n'));
    expect((await problemsOf(folder))[0]).toBe('invoices-2024-H1.csv:2: FLIS-2024-H1-K0001 is in the first issue of H1 2024: a first issue has invoices only');

    const other = await ledger();
    const manifest = manifestOf(other);
    delete (manifest.entries[1] as { numbering?: string }).numbering;
    writeManifest(other, manifest);
    expect(await problemsOf(other)).toContain(
      'manifest.json: entry 2 (H1 2024 correction 1): its documents are numbered by municipality code, but H1 2024 was first issued numbered in series: a run keeps the numbering of its first issue',
    );
  });

  it('paths escaping the folder, and a file listed twice', async () => {
    const folder = await ledger();
    const manifest = manifestOf(folder);
    manifest.entries[0]!.outputs.push({ file: '../outside.csv', sha256: 'a'.repeat(64) }, { file: '/etc/passwd', sha256: 'a'.repeat(64) });
    manifest.entries[1]!.outputs.push({ ...manifest.entries[0]!.outputs[0]! });
    writeManifest(folder, manifest);
    expect(await problemsOf(folder)).toEqual([
      'manifest.json: the manifest is damaged: entry 1 (H1 2024): "outputs": item 3: "file" is not a file inside the run folder (relative, no ..): "../outside.csv"; ' +
        'item 4: "file" is not a file inside the run folder (relative, no ..): "/etc/passwd"',
      'manifest.json: the manifest is damaged: entry 2 (H1 2024 correction 1) lists invoices-2024-H1.csv, which entry 1 lists too: a file is issued once',
    ]);
    await refused(folder);
  });

  it("an issue's workbook is one of its files; another issue's workbook is not", async () => {
    const folder = await ledger();
    const manifest = manifestOf(folder);
    for (const name of ['invoices-2024-H1.xlsx', 'corrections-2024-H1-2.xlsx']) writeFileSync(join(folder, name), name);
    manifest.entries[0]!.outputs.push({ file: 'invoices-2024-H1.xlsx', sha256: sha('invoices-2024-H1.xlsx') });
    writeManifest(folder, manifest);
    expect(await problemsOf(folder)).toEqual([]);
    manifest.entries[1]!.outputs.push({ file: 'corrections-2024-H1-2.xlsx', sha256: sha('corrections-2024-H1-2.xlsx') });
    writeManifest(folder, manifest);
    expect(await problemsOf(folder)).toEqual([
      'manifest.json: entry 2 (H1 2024 correction 1) lists corrections-2024-H1-2.xlsx, which is not a file of that issue',
    ]);
  });

  it('an e-invoice folder that is a symbolic link (to somewhere outside the run folder)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'flis-ledger-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'flis-elsewhere-'));
    symlinkSync(elsewhere, join(folder, 'einvoices'));
    const manifest = { format: 'flis-manifest/1', entries: [] as unknown[] };
    writeManifest(folder, manifest);
    writeFileSync(join(elsewhere, 'x.xml'), 'x');
    const entry = (await ledger().then((f) => manifestOf(f))).entries[0]!;
    manifest.entries.push({ ...entry, outputs: [...entry.outputs.map((o) => ({ ...o, file: `einvoices/${o.file}` }))] });
    writeManifest(folder, manifest);
    expect(await problemsOf(folder)).toContain('einvoices: a symbolic link, not the folder of e-invoices flis made');
  });

  it('every problem at once, not the first only', async () => {
    const folder = await ledger();
    rmSync(join(folder, 'summary-2024-H1.txt'));
    writeFileSync(join(folder, 'corrections-2024-H1-1.txt'), 'edited');
    expect(await problemsOf(folder)).toHaveLength(2);
    expect((await refused(folder)).problems).toHaveLength(2);
  });
});

describe('a folder without a manifest', () => {
  it('with files named as issued ones: refused, exit 1, naming them (nothing in it was shown to be issued)', async () => {
    const folder = await ledger();
    rmSync(join(folder, 'manifest.json'));
    const error = await refused(folder);
    expect(error.problems[0]!.message).toBe(
      'the folder holds corrections-2024-H1-1.csv, corrections-2024-H1-1.txt, invoices-2024-H1.csv and 1 more, but no manifest.json: without the manifest nothing in it can be shown to have been issued, and flis reads none of it',
    );
  });

  it('holding another run\'s files or corrections: a lost manifest, and no run is issued into it', async () => {
    const folder = await ledger();
    rmSync(join(folder, 'manifest.json'));
    const before = readdirSync(folder).sort();
    const error = await issueRun(request(folder, { run: 'H2', rows: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlisError);
    expect((error as FlisError).exitCode).toBe(EXIT_INPUT);
    expect((error as FlisError).message).toMatch(/holds corrections-2024-H1-1\.csv, corrections-2024-H1-1\.txt, invoices-2024-H1\.csv and 1 more but no manifest\.json: it looks like a run folder whose manifest was lost/);
    expect(readdirSync(folder).sort()).toEqual(before);
  });

  it('empty: not a run folder (exit 2); issuing into it is a first issue', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'flis-ledger-'));
    await expect(readRunFolder(folder, folder, { requireManifest: true })).rejects.toBeInstanceOf(UsageError);
    expect((await readRunFolder(folder, folder, { requireManifest: false })).documents).toEqual([]);
  });
});

describe('an issued file is published once, never written over', () => {
  it('a file published once is not replaced by a later write, which is refused', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'flis-once-'));
    const path = join(folder, 'invoices-2024-H1.csv');
    await writeFilesAtomically([{ path, content: 'issued\n', once: true }]);
    const error = await writeFilesAtomically([{ path, content: 'other\n', once: true }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`cannot write ${path}: it is there already, and an issued file is never written over`);
    expect(readFileSync(path, 'utf8')).toBe('issued\n');
    expect(readdirSync(folder)).toEqual(['invoices-2024-H1.csv']);
  });

  it('a file the manifest does not list is removed first and named; one it lists stops the commit', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'flis-once-'));
    writeFileSync(join(folder, 'invoices-2024-H1.csv'), 'half-written\n');
    const outcome = await issueRun(request(folder));
    expect(outcome).toMatchObject({ kind: 'issued', leftovers: [join(folder, 'invoices-2024-H1.csv')] });
    expect(readFileSync(join(folder, 'invoices-2024-H1.csv'), 'utf8')).toMatch(/^invoice_number,/);
  });

  it('a correction dated before the issue it corrects is refused, naming the issue and its date', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'flis-once-'));
    await issueRun(request(folder));
    const early = await issueRun(request(folder, { rows: rowsFor('2024-01-01'), supersede: true, issueDate: '2024-02-14', issueDateGiven: true })).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(UsageError);
    expect((early as UsageError).message).toBe('--issue-date 2024-02-14 is before H1 2024 was issued (2024-02-15, manifest.json): a correction is not dated before the issue it corrects');
    expect(manifestOf(folder).entries).toHaveLength(1);
    expect((await issueRun(request(folder, { rows: rowsFor('2024-01-01'), supersede: true, issueDate: '2024-02-15' }))).kind).toBe('corrected');
  });
});
