// A run folder issued by flis 0.1.0, before documents were numbered in series and named their buyer
// (fixtures/run-folders/issued-by-0.1.0: H1 2024 and two corrections with OIOUBL e-invoices, H2 2024 in
// excel-da without; see fixtures/README.md). Every command still reads it and verifies it; its runs keep their
// numbers and their documents as issued; a new run in the folder is numbered in series.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, snapshot, temporaryFolder } from './flis.js';

/** The folder as issued, with the rosters and config it was issued with, and the shipped population beside it. */
function copy(): string {
  const cwd = temporaryFolder();
  cpSync(join(ROOT, 'fixtures/run-folders/issued-by-0.1.0'), cwd, { recursive: true });
  cpSync(join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv'), join(cwd, 'population.csv'));
  return cwd;
}

const manifestOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { entries: { run: string; correction: number; kind?: string; numbering?: string }[] };
const rowsOf = (path: string) => {
  const text = readFileSync(path, 'utf8');
  const excel = text.startsWith('\uFEFF');
  return parse(excel ? text.slice(1) : text, { columns: true, delimiter: excel ? ';' : ',' }) as Record<string, string>[];
};

describe('a run folder issued by flis 0.1.0', () => {
  it('is read and verified as sound; exit and revenue read what is in force', async () => {
    const cwd = copy();
    const verify = await flis(['verify', 'issued'], { cwd });
    expect([verify.code, verify.stderr]).toEqual([0, '']);
    expect(verify.stdout).toMatch(/^flis verify issued: 4 issues \(H1 2024, H1 2024 correction 1, H1 2024 correction 2, H2 2024\), 16 documents, 21 files listed in manifest\.json, 13 e-invoices each compared with its document\.\nSound: /);

    const exit = await flis(['exit', '--kommune', '461', '--date', '2024-10-01', '--invoices', 'issued', '--roster', 'roster-h2.csv', '--json'], { cwd });
    expect(exit.code, exit.stderr).toBe(0);
    expect(JSON.parse(exit.stdout).already_invoiced.map((i: { invoice_number: string }) => i.invoice_number)).toEqual(['FLIS-2024-H1-461-R2', 'FLIS-2024-H2-461']);
    const revenue = await flis(['revenue', '--invoices', 'issued', '--roster', 'roster-h2.csv', '--to', '2024', '--json'], { cwd });
    expect(revenue.code, revenue.stderr).toBe(0);
    expect(JSON.parse(revenue.stdout).years[0].reconciled.h2.issued).toBe('2533920.73');
  });

  it('its runs again, on the inputs they were issued on: unchanged, nothing written (the H2 window as issued, though Frederiksberg left on 1 October)', async () => {
    const cwd = copy();
    const before = snapshot(join(cwd, 'issued'));
    for (const [run, roster] of [['H1', 'roster.csv'], ['H2', 'roster-h2.csv']]) {
      const r = await flis(['invoice', '--period', run!, '--year', '2024', '--out', 'issued', '--roster', roster!, '--json'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/already issued, unchanged/);
      if (run === 'H2') {
        // The invoices in force, as they were issued: their numbers, the window as the period, no buyer recorded.
        const frederiksberg = JSON.parse(r.stdout).invoices.find((i: { kommune_code: string }) => i.kommune_code === '147');
        expect(frederiksberg).toMatchObject({ invoice_number: 'FLIS-2024-H2-147', document_type: 'invoice', issue_date: '2024-09-10', period_to: '2024-12-31', buyer_name: null, buyer_street: null });
      }
    }
    expect(snapshot(join(cwd, 'issued'))).toEqual(before);
  });

  it('flis einvoice writes the e-invoices of H2 as its documents were issued; those issued before come out the same', async () => {
    const cwd = copy();
    const r = await flis(['einvoice', 'issued', '--einvoice', 'oioubl', '--roster', 'roster-h2.csv'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/flis: H2 2024: 3 documents, dated 2024-09-10\n/);
    const xml = readFileSync(join(cwd, 'issued/einvoices/FLIS-2024-H2-147.xml'), 'utf8');
    // DST's name and no address, as its row says; the period its row states.
    expect(xml).toMatch(/<cac:PartyName>\s*<cbc:Name>Frederiksberg<\/cbc:Name>\s*<\/cac:PartyName>\s*<cac:Contact>/);
    expect(xml).toMatch(/<cbc:StartDate>2024-07-01<\/cbc:StartDate>\s*<cbc:EndDate>2024-12-31<\/cbc:EndDate>/);
    const again = await flis(['einvoice', 'issued', '--einvoice', 'oioubl', '--roster', 'roster-h2.csv'], { cwd });
    expect([again.code, again.stderr]).toEqual([0, expect.stringMatching(/every document in issued has its e-invoice \(OIOUBL 2\.1\), unchanged/)]);
    expect((await flis(['verify', 'issued'], { cwd })).code).toBe(0);
  });

  it('a correction of one of its runs continues its numbers (K1, R1), with the new fields; a new run in the folder is numbered in series', async () => {
    const cwd = copy();
    // København leaves on 1 November, and the roster gives its invoice address (flis has none confirmed).
    const lines = readFileSync(join(cwd, 'roster-h2.csv'), 'utf8').trim().split('\n');
    writeFileSync(
      join(cwd, 'roster-h2b.csv'),
      `${[`${lines[0]};street;building_number;postal_code;city`, ...lines.slice(1).map((l) => (l.startsWith('101;') ? `${l.replace('101;2024-01-01;;;', '101;2024-01-01;;2024-11-01;')};Rådhuspladsen;1;1599;København V` : `${l};;;;`))].join('\n')}\n`,
    );
    const r = await flis(['invoice', '--period', 'H2', '--year', '2024', '--out', 'issued', '--roster', 'roster-h2b.csv', '--supersede', '--einvoice', 'oioubl', '--issue-date', '2024-11-05'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const corrections = rowsOf(join(cwd, 'issued/corrections-2024-H2-1.csv'));
    expect(corrections.map((c) => [c.invoice_number, c.document_type, c.credited_invoice, c.replaced_invoice, c.period_from, c.period_to, c.buyer_name, c.buyer_street])).toEqual([
      ['FLIS-2024-H2-101-K1', 'credit_note', 'FLIS-2024-H2-101', '', '2024-07-01', '2024-12-31', 'Københavns Kommune', 'Rådhuspladsen 1'],
      // The run states its window as the period, as its documents always have.
      ['FLIS-2024-H2-101-R1', 'invoice', '', 'FLIS-2024-H2-101', '2024-07-01', '2024-12-31', 'Københavns Kommune', 'Rådhuspladsen 1'],
    ]);
    expect(readFileSync(join(cwd, 'issued/einvoices/FLIS-2024-H2-101-R1.xml'), 'utf8')).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H2-101<\/cbc:ID>\s*<cbc:IssueDate>2024-09-10<\/cbc:IssueDate>/);

    // Aarhus joins on 1 October: DEC 2024, a new run in the old folder, numbered in series.
    writeFileSync(join(cwd, 'roster-dec.csv'), 'kommune;available_from;ean;reference\n751;2024-10-01;2000000751009;Økonomi FLIS 751\n');
    const dec = await flis(['invoice', '--period', 'DEC', '--year', '2024', '--out', 'issued', '--roster', 'roster-dec.csv', '--einvoice', 'oioubl', '--issue-date', '2024-12-10'], { cwd });
    expect(dec.code, dec.stderr).toBe(0);
    expect(rowsOf(join(cwd, 'issued/invoices-2024-DEC.csv')).map((c) => [c.invoice_number, c.period_from, c.buyer_name])).toEqual([['FLIS-2024-DEC-0001', '2024-10-01', 'Aarhus Kommune']]);
    expect(manifestOf(join(cwd, 'issued')).entries.filter((e) => e.kind === undefined).map((e) => [e.run, e.correction, e.numbering])).toEqual([
      ['H1', 0, undefined],
      ['H1', 1, undefined],
      ['H1', 2, undefined],
      ['H2', 0, undefined],
      ['H2', 1, undefined],
      ['DEC', 0, 'series/1'],
    ]);
    const verify = await flis(['verify', 'issued'], { cwd });
    expect([verify.code, verify.stdout]).toEqual([0, expect.stringContaining('Sound: ')]);
  });
});
