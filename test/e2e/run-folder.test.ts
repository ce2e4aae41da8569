import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

const ROSTER = 'fixtures/roster/all-98-illustrative-ean-reference.csv'; // the shipped config's
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file in a folder with its bytes, to show that nothing changed. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name)).toString('base64')]));
}

function roster(lines: string[]): string {
  const path = join(temporaryFolder(), 'roster.csv');
  writeFileSync(path, ['kommune;available_from;pilot_start;exit_date;ean;reference;comment', ...lines].join('\n') + '\n');
  return path;
}

/** The shipped roster with one municipality's line replaced or removed. */
function rosterWith(code: string, line: string | undefined): string {
  const lines = readFileSync(join(ROOT, ROSTER), 'utf8').trim().split('\n').slice(1);
  return roster(lines.flatMap((l) => (l.startsWith(`${code};`) ? (line === undefined ? [] : [line]) : [l])));
}

const invoice = (out: string, extra: string[] = []) => flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, ...extra]);
const rows = (path: string) => {
  const text = readFileSync(path, 'utf8');
  const excel = text.startsWith('\uFEFF');
  return parse(excel ? text.slice(1) : text, { columns: true, delimiter: excel ? ';' : ',' }) as Record<string, string>[];
};
const netOf = (rs: Record<string, string>[]) => rs.reduce((t, r) => t + BigInt(r.net_amount!.replace(',', '.').replace('.', '')), 0n);

describe('the manifest', () => {
  it('records the flis version, the tariff, and the SHA-256 of every input and output', async () => {
    const out = temporaryFolder();
    expect((await invoice(out)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('flis-manifest/1');
    expect(manifest.entries).toHaveLength(1);
    const [entry] = manifest.entries;
    expect(entry).toMatchObject({ year: 2024, run: 'H1', correction: 0, dialect: 'default', documents: 98, net_amount: '22016601.81' });
    expect(entry.flis_version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(entry.tariff).toMatchObject({ price_per_citizen: '7.96', knee_threshold: 150000, knee_rate: '0.5', vat_rate: '0.25', agreement_end: '2033-12-31' });
    expect(entry.inputs).toEqual([
      { role: 'population', file: 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv', sha256: sha(join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv')) },
      { role: 'roster', file: ROSTER, sha256: sha(join(ROOT, ROSTER)) },
    ]);
    expect(entry.outputs).toEqual([
      { file: 'invoices-2024-H1.csv', sha256: sha(join(out, 'invoices-2024-H1.csv')) },
      { file: 'summary-2024-H1.txt', sha256: sha(join(out, 'summary-2024-H1.txt')) },
    ]);
  });

  it('two runs in one folder are two entries', async () => {
    const out = temporaryFolder();
    await invoice(out);
    expect((await flis(['invoice', '--period', 'H2', '--year', '2024', '--out', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries.map((e: { run: string }) => e.run)).toEqual(['H1', 'H2']);
  });
});

describe('repeating a run', () => {
  it('with the same inputs writes nothing: every byte in the folder stays', async () => {
    const out = temporaryFolder();
    await invoice(out);
    const before = snapshot(out);
    const again = await invoice(out);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/H1 2024 already issued, unchanged/);
    expect(snapshot(out)).toEqual(before);
  });

  it('in another dialect is still the same run', async () => {
    const out = temporaryFolder();
    expect((await invoice(out, ['--dialect', 'excel-da'])).code).toBe(0);
    const before = snapshot(out);
    expect((await invoice(out)).stderr).toMatch(/already issued, unchanged/);
    expect(snapshot(out)).toEqual(before);
  });

  it('with changed inputs is refused, naming each change, and writes nothing', async () => {
    const out = temporaryFolder();
    await invoice(out);
    const before = snapshot(out);
    const r = await invoice(out, ['--roster', rosterWith('461', '461;2024-01-01;2024-01-01;;2000000461007;Økonomi FLIS 461')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^flis: error: H1 2024 was already issued in .*, and the run now differs for 1 municipality:\n/m);
    expect(r.stderr).toMatch(/ {2}- FLIS-2024-H1-0052 Odense \(461\): net_amount 714565.22 → 476376.81; vat_amount 178641.31 → 119094.20; gross_amount 893206.53 → 595471.01\n/);
    expect(r.stderr).toMatch(/Nothing was written\.\n {2}If the inputs are right, give --supersede/);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('--supersede', () => {
  it('credits the changed invoice, issues a new one, and leaves every issued file as it was', async () => {
    const out = temporaryFolder();
    await invoice(out);
    const issued = snapshot(out);
    const pilot = rosterWith('461', '461;2024-01-01;2024-01-01;;2000000461007;Økonomi FLIS 461');
    const r = await invoice(out, ['--roster', pilot, '--supersede']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/corrected FLIS-2024-H1-0052 Odense \(461\): net_amount 714565.22 → 476376.81/);
    for (const [name, bytes] of Object.entries(issued).filter(([n]) => n !== 'manifest.json')) expect(snapshot(out)[name]).toBe(bytes);

    const corrections = rows(join(out, 'corrections-2024-H1-1.csv'));
    // The credit note is the first of the run's credit-note series; the new invoice takes the next number of
    // its invoice series (98 were issued). Each records the invoice it credits or replaces.
    expect(corrections.map((c) => [c.invoice_number, c.document_type, c.credited_invoice, c.replaced_invoice, c.net_amount, c.vat_amount, c.gross_amount])).toEqual([
      ['FLIS-2024-H1-K0001', 'credit_note', 'FLIS-2024-H1-0052', '', '-714565.22', '-178641.31', '-893206.53'],
      ['FLIS-2024-H1-0099', 'invoice', '', 'FLIS-2024-H1-0052', '476376.81', '119094.20', '595471.01'],
    ]);
    expect(corrections[0]!.notes).toBe('kreditnota for FLIS-2024-H1-0052: de fakturerbare dage i perioden er ændret (kommunelisten: tilrådighedsstillelse 1. januar 2024, pilotstart 1. januar 2024)');
    expect(corrections[1]!.notes).toMatch(/^pilotkommune: .*; erstatter FLIS-2024-H1-0052$/);
    expect(readFileSync(join(out, 'corrections-2024-H1-1.txt'), 'utf8')).toMatch(
      /rettelse 1\n\nKreditnotaer og nye fakturaer for 1 kommune:\n {2}- FLIS-2024-H1-0052 Odense \(461\): nettobeløb 714.565,22 → 476.376,81; /,
    );

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.entries.map((e: { correction: number }) => e.correction)).toEqual([0, 1]);
    expect(manifest.entries[1]).toMatchObject({ documents: 2, net_amount: '-238188.41', changes: [{ kommune_code: '461' }] });

    // What is in force now is what the run computes now, to the øre.
    const now = JSON.parse((await flis(['invoice', '--period', 'H1', '--year', '2024', '--json', '--roster', pilot])).stdout);
    const inForce = netOf(rows(join(out, 'invoices-2024-H1.csv'))) + netOf(corrections);
    expect(inForce).toBe(BigInt(now.totals.net_amount.replace('.', '')));

    // With --out, the table and the JSON show the invoices in force in the folder; without, the numbers a first
    // issue would give.
    const shown = await invoice(out, ['--roster', pilot, '--json']);
    const odense = JSON.parse(shown.stdout).invoices.find((i: { kommune_code: string }) => i.kommune_code === '461');
    expect(odense).toMatchObject({ invoice_number: 'FLIS-2024-H1-0099', replaced_invoice: 'FLIS-2024-H1-0052', net_amount: '476376.81' });
    expect((await invoice(out, ['--roster', pilot])).stdout).toMatch(/\nFLIS-2024-H1-0099 +Odense +01\.01\.2024 – 30\.06\.2024/);
    expect(JSON.parse((await flis(['invoice', '--period', 'H1', '--year', '2024', '--json', '--roster', pilot])).stdout).invoices[51].invoice_number).toBe('FLIS-2024-H1-0052');

    // The corrected run again: unchanged. Back to the original inputs: a second correction, K0002 crediting 0099.
    expect((await invoice(out, ['--roster', pilot])).stderr).toMatch(/already issued, unchanged/);
    expect((await invoice(out)).code).toBe(1);
    expect((await invoice(out, ['--supersede'])).code).toBe(0);
    expect(rows(join(out, 'corrections-2024-H1-2.csv')).map((c) => [c.invoice_number, c.credited_invoice, c.replaced_invoice, c.net_amount])).toEqual([
      ['FLIS-2024-H1-K0002', 'FLIS-2024-H1-0099', '', '-476376.81'],
      ['FLIS-2024-H1-0100', '', 'FLIS-2024-H1-0099', '714565.22'],
    ]);
  });

  it('a municipality that is no longer invoiced gets a credit note only; one newly invoiced, the next number of the series (not one in code order)', async () => {
    const out = temporaryFolder();
    expect((await invoice(out, ['--roster', rosterWith('101', undefined)])).code).toBe(0);
    expect(rows(join(out, 'invoices-2024-H1.csv')).map((c) => c.invoice_number).slice(0, 2)).toEqual(['FLIS-2024-H1-0001', 'FLIS-2024-H1-0002']);
    const r = await invoice(out, ['--roster', rosterWith('461', undefined), '--supersede']);
    expect(r.code, r.stderr).toBe(0);
    expect(rows(join(out, 'corrections-2024-H1-1.csv')).map((c) => [c.invoice_number, c.kommune_code, c.net_amount, c.notes])).toEqual([
      ['FLIS-2024-H1-0098', '101', '1610606.50', ''],
      ['FLIS-2024-H1-K0001', '461', '-714565.22', 'kreditnota for FLIS-2024-H1-0051: kommunen er ikke længere på kommunelisten: intet at fakturere i kørsel H1 2024'],
    ]);
  });

  it('credits are read back by flis exit --invoices', async () => {
    const out = temporaryFolder();
    await invoice(out);
    await flis(['invoice', '--period', 'H2', '--year', '2024', '--out', out]);
    await flis(['invoice', '--period', 'H2', '--year', '2024', '--out', out, '--supersede', '--roster', rosterWith('461', '461;2024-01-01;;2024-11-01;2000000461007;Økonomi FLIS 461')]);
    const doc = JSON.parse((await flis(['exit', '--kommune', 'Odense', '--date', '2024-10-01', '--invoices', out, '--json'])).stdout);
    expect(doc.already_invoiced.map((i: { invoice_number: string }) => i.invoice_number)).toEqual(['FLIS-2024-H1-0052', 'FLIS-2024-H2-0099']);
  });
});

describe('--dry-run on an issued folder', () => {
  it('refuses a change as the real run would, and with --supersede says what it would write', async () => {
    const out = temporaryFolder();
    await invoice(out);
    const before = snapshot(out);
    const pilot = rosterWith('461', '461;2024-01-01;2024-01-01;;2000000461007;Økonomi FLIS 461');
    expect((await invoice(out, ['--roster', pilot, '--dry-run'])).code).toBe(1);
    const dry = await invoice(out, ['--roster', pilot, '--dry-run', '--supersede']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/--dry-run: would correct FLIS-2024-H1-0052 Odense/);
    expect(dry.stderr).toMatch(/--dry-run: would write .*corrections-2024-H1-1.csv/);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('what was issued is protected', () => {
  it('an issued file changed by hand stops the next run', async () => {
    const out = temporaryFolder();
    await invoice(out);
    writeFileSync(join(out, 'invoices-2024-H1.csv'), readFileSync(join(out, 'invoices-2024-H1.csv'), 'utf8').replace('714565.22', '714565.23'));
    const r = await invoice(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invoices-2024-H1.csv: changed since it was issued \(its SHA-256 is not the one in manifest.json\)/);
  });

  it('a missing issued file, or a damaged manifest, stops it too', async () => {
    const out = temporaryFolder();
    await invoice(out);
    writeFileSync(join(out, 'manifest.json'), '{ "format": "flis-manifest/1", "entries": [ {} ] }');
    expect((await invoice(out)).stderr).toMatch(/manifest.json: the manifest is damaged: entry 1: "year" is missing\n/);
    const other = temporaryFolder();
    await invoice(other);
    writeFileSync(join(other, 'summary-2024-H1.txt'), '');
    expect((await invoice(other)).stderr).toMatch(/summary-2024-H1.txt: changed since it was issued/);
  });

  it('a file left by a run that did not finish (not in the manifest) is replaced, with a warning', async () => {
    const out = temporaryFolder();
    writeFileSync(join(out, 'invoices-2024-H1.csv'), 'half-written\n');
    const r = await invoice(out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: replaced .*invoices-2024-H1.csv, left by a run that did not finish/);
    expect(rows(join(out, 'invoices-2024-H1.csv'))).toHaveLength(98);
  });
});

describe('one flis at a time', () => {
  it('two runs started together on one folder: one issues, the other waits and finds it issued', async () => {
    const out = temporaryFolder();
    const [a, b] = await Promise.all([invoice(out), invoice(out)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const messages = [a.stderr, b.stderr].join('\n');
    expect(messages.match(/wrote .*invoices-2024-H1.csv/g)).toHaveLength(1);
    expect(messages).toMatch(/already issued, unchanged/);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries).toHaveLength(1);
    expect(existsSync(join(out, '.flis.lock'))).toBe(false);
  });

  it('a folder locked by a running flis is refused, naming it', async () => {
    const out = temporaryFolder();
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(join(out, '.flis.lock'), JSON.stringify({ pid: sleeper.pid, host: hostname(), since: '2025-02-03T06:00:00.000Z' }));
      const started = Date.now();
      const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out], { env: { FLIS_LOCK_WAIT: '1' } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`is being written by flis \\(pid ${sleeper.pid} on ${hostname()}, since 2025-02-03T06:00:00.000Z\\)`));
      expect(readdirSync(out)).toEqual(['.flis.lock']);
    } finally {
      sleeper.kill();
    }
  }, 30_000);

  it('a lock left by a flis that is no longer running is taken over', async () => {
    const out = temporaryFolder();
    const gone = spawn('true');
    await new Promise((done) => gone.on('exit', done));
    writeFileSync(join(out, '.flis.lock'), JSON.stringify({ pid: gone.pid, host: hostname(), since: '2025-02-03T06:00:00.000Z' }));
    const r = await invoice(out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`took over the lock of flis pid ${gone.pid}, which is no longer running`));
    expect(existsSync(join(out, '.flis.lock'))).toBe(false);
  });
});

describe('--dialect excel-da', () => {
  it('writes ;, decimal comma, BOM, CRLF and codes, EANs, CVR numbers and postal codes as text; the column names as in the default dialect', async () => {
    const out = temporaryFolder();
    const withEan = roster(['461;2024-01-01;;;5901234123457']);
    expect((await invoice(out, ['--dialect', 'excel-da', '--roster', withEan, '--issue-date', '2024-02-12'])).code).toBe(0);
    const text = readFileSync(join(out, 'invoices-2024-H1.csv'), 'utf8');
    expect(text.startsWith('\uFEFFinvoice_number;document_type;issue_date;due_date;credited_invoice;replaced_invoice;kommune_code;kommune_name;buyer_name;buyer_cvr;buyer_street;buyer_postal_code;buyer_city;ean;buyer_reference;kontostreng;run;')).toBe(true);
    expect(text).toMatch(
      /\r\nFLIS-2024-H1-0001;invoice;2024-02-12;2024-03-13;;;"=""461""";Odense;Odense Kommune;"=""35209115""";Flakhaven 2;"=""5000""";Odense C;"=""5901234123457""";;;H1;2024-01-01;2024-06-30;2024-01-01;209078;150000;59078;7,96;1429130,44;714565,22;0,25;178641,31;893206,53;\r\n$/,
    );
  });

  it('and for flis exit --format csv', async () => {
    const r = await flis(['exit', '--kommune', 'Odense', '--date', '2027-10-16', '--format', 'csv', '--dialect', 'excel-da']);
    expect(r.stdout).toMatch(/^\uFEFFkommune_code;kommune_name;exit_date;year;/);
    expect(r.stdout).toMatch(/\r\n"=""461""";Odense;2027-10-16;2027;2027-10-16;2027-12-31;209078;carried_forward;2024;1429130,44;2,5161;299656,38\r\n/);
    expect((await flis(['exit', '--kommune', 'Odense', '--date', '2027-10-16', '--dialect', 'excel-da'])).code).toBe(2);
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', temporaryFolder(), '--dialect', 'latin'])).stderr).toMatch(/unknown --dialect "latin"/);
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--dialect', 'excel-da'])).stderr).toMatch(/--dialect applies to the files written with --out/);
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--supersede'])).stderr).toMatch(/--supersede applies to a run folder given with --out/);
  });
});
