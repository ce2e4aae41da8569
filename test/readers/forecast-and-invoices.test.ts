import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/engine/dates.js';
import { readPopulation } from '../../src/readers/dst-population.js';
import { issuedInvoice, readIssuedRows } from '../../src/readers/issued-invoices.js';
import { problemsOf } from './read.js';
import { invoiceCsv } from '../../src/writers/invoice-csv.js';
import { INVOICE_FIELDS, type InvoiceRow } from '../../src/documents/invoice-document.js';

const FORECAST = 'fixtures/forecast/FRKM-synthetic-2025-2035.csv';
const forecast = (path: string) => readPopulation(path, createReadStream(path), { sumSexes: true });

async function* text(content: string) {
  yield Buffer.from(content);
}

describe('a forecast in the layout of DST municipal projections (FRKM)', () => {
  it('sums both sexes at the age total, for every municipality and year', async () => {
    const read = await forecast(FORECAST);
    expect(read.figures.size).toBe(98);
    const odense = read.figures.get('461')!;
    expect([...odense.keys()]).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
    // the synthetic projection: the 2024 figure grown 0.4 % a year, rounded down, split by sex
    expect(odense.get(2027)!.count).toBe(Math.floor(209078 * 1.004 ** 3));
    expect(odense.get(2027)!.source).toMatchObject({ file: FORECAST, column: 5 });
  });

  it('without sumSexes, KØN without a total is refused as for any population file', async () => {
    const problems = await problemsOf(readPopulation(FORECAST, createReadStream(FORECAST)));
    expect(problems[0]!.message).toMatch(/^KØN has no total/);
  });

  it('uses a total row where the file has one, and never counts it twice', async () => {
    const read = await readPopulation(
      'f.csv',
      text('KOMMUNEDK;KØN;TID;INDHOLD\nOdense;I alt;2030;215000\nOdense;Mænd;2030;107000\nOdense;Kvinder;2030;108000\n'),
      { sumSexes: true },
    );
    expect(read.figures.get('461')!.get(2030)!.count).toBe(215000);
  });

  it('refuses a municipality and year with one sex missing, or one sex twice', async () => {
    const missing = await problemsOf(forecast('fixtures/errors/forecast-one-sex-missing.csv'));
    expect(missing).toEqual([expect.objectContaining({ line: 4, message: 'Odense (461) on 1 January 2026 has no figure for Kvinder: the sexes cannot be summed' })]);
    const twice = await problemsOf(readPopulation('f.csv', text('KOMMUNEDK;KØN;TID;INDHOLD\nOdense;Mænd;2030;1\nOdense;Mænd;2030;2\nOdense;Kvinder;2030;3\n'), { sumSexes: true }));
    expect(twice[0]).toMatchObject({ line: 3, message: expect.stringMatching(/a second figure for Odense \(461\), Mænd, on 1 January 2030/) });
  });
});

describe('invoice files read back', () => {
  // The layout flis wrote before it recorded the document's type, dates, buyer and links.
  const header = 'invoice_number,kommune_code,kommune_name,ean,run,period_from,period_to,population_date,population,full_rate_citizens,reduced_rate_citizens,price_per_citizen,annual_fee,net_amount,vat_rate,vat_amount,gross_amount,notes';
  const odense: InvoiceRow = {
    ...(Object.fromEntries(INVOICE_FIELDS.map((f) => [f, ''])) as InvoiceRow),
    invoice_number: 'FLIS-2024-H2-0052',
    document_type: 'invoice',
    issue_date: '2024-09-10',
    due_date: '2024-10-10',
    kommune_code: '461',
    kommune_name: 'Odense',
    buyer_name: 'Odense Kommune',
    buyer_cvr: '35209115',
    buyer_street: 'Flakhaven 2',
    buyer_postal_code: '5000',
    buyer_city: 'Odense C',
    ean: '5901234123457',
    buyer_reference: 'Lone Hansen',
    kontostreng: '0012345678',
    run: 'H2',
    period_from: '2024-07-01',
    period_to: '2024-12-31',
    population_date: '2024-01-01',
    population: '209078',
    full_rate_citizens: '150000',
    reduced_rate_citizens: '59078',
    price_per_citizen: '7.96',
    annual_fee: '1429130.44',
    net_amount: '714565.22',
    vat_rate: '0.25',
    vat_amount: '178641.31',
    gross_amount: '893206.53',
  };

  it('reads a file flis wrote before it recorded the document type, dates, buyer and links: those fields empty', async () => {
    const csv = `${header}\nFLIS-2024-H2-461,461,Odense,,H2,2024-07-01,2024-12-31,2024-01-01,209078,150000,59078,7.96,1429130.44,714565.22,0.25,178641.31,893206.53,\n`;
    const [row] = await readIssuedRows('invoices-2024-H2.csv', text(csv));
    expect(row!.row.population).toBe('209078');
    const invoice = issuedInvoice(row!);
    expect(invoice).toMatchObject({ invoiceNumber: 'FLIS-2024-H2-461', code: '461', year: 2024, run: 'H2', source: { line: 2 } });
    expect(formatDate(invoice!.period.to)).toBe('2024-12-31');
    expect(invoice!.netAmount.toFixed(2)).toBe('714565.22');
    expect(row!.row).toMatchObject({ document_type: '', issue_date: '', buyer_name: '', credited_invoice: '' });
  });

  it('reads what flis writes in both dialects, every field as written', async () => {
    for (const dialect of ['default', 'excel-da'] as const) {
      const [{ row: back }] = (await readIssuedRows('i.csv', text(invoiceCsv([odense], dialect)))) as [{ row: InvoiceRow }];
      expect(back, dialect).toEqual(odense);
    }
  });

  it('the Danish Excel dialect: ;, decimal comma, codes, CVR, postal code and account string as ="text", BOM, CRLF', () => {
    const written = invoiceCsv([odense], 'excel-da');
    expect(written).toMatch(/^\uFEFFinvoice_number;document_type;issue_date;due_date;credited_invoice;replaced_invoice;kommune_code;/);
    expect(written).toMatch(/;"=""461""";Odense;Odense Kommune;"=""35209115""";Flakhaven 2;"=""5000""";Odense C;"=""5901234123457""";Lone Hansen;"=""0012345678""";H2;.*;7,96;1429130,44;714565,22;0,25;178641,31;893206,53;\r\n$/);
  });

  it('refuses a file with some of the newer columns but not all, and a newer row changed by hand', async () => {
    const partial = `${header},document_type\nFLIS-2024-H2-461,461,Odense,,H2,2024-07-01,2024-12-31,2024-01-01,209078,150000,59078,7.96,1429130.44,714565.22,0.25,178641.31,893206.53,,invoice\n`;
    expect((await problemsOf(readIssuedRows('x.csv', text(partial))))[0]!.message).toMatch(/^not an invoice file written by flis: no issue_date, due_date, credited_invoice, replaced_invoice, buyer_name, /);
    const changed = invoiceCsv([{ ...odense, document_type: 'debit_note', buyer_cvr: '35209116', credited_invoice: 'INV-1' }]);
    expect((await problemsOf(readIssuedRows('i.csv', text(changed)))).map((p) => p.message)).toEqual([
      'document_type: "debit_note" is not a document type (invoice, credit_note)',
      'credited_invoice: "INV-1" is not a flis invoice number',
      'buyer_cvr: "35209116" is not a CVR number',
    ]);
  });

  it('never writes text that a spreadsheet would run as a formula (the roster refuses it; this is the last guard)', () => {
    expect(() => invoiceCsv([{ ...odense, buyer_reference: '=HYPERLINK("x")' }])).toThrow(/buyer_reference: .* starts with "="/);
    expect(() => invoiceCsv([{ ...odense, kontostreng: '@SUM(1)' }])).toThrow(/kontostreng/);
  });

  it('refuses a file that is not an invoice file, or an invoice changed by hand', async () => {
    expect((await problemsOf(readIssuedRows('x.csv', text('a,b\n1,2\n'))))[0]!.message).toMatch(/not an invoice file written by flis: no invoice_number/);
    const changed = `${header}\nFLIS-2024-H2-461,461,Odense,,H2,2024-07-01,2024-12-31,2024-01-01,209078,150000,59078,7.96,1429130.44,lots,0.25,0,0,\n`;
    expect((await problemsOf(readIssuedRows('i.csv', text(changed))))[0]).toMatchObject({ line: 2, message: 'net_amount: "lots" is not an amount' });
  });

});
