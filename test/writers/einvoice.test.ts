import { describe, expect, it } from 'vitest';
import { invoiceRow } from '../../src/documents/invoice-document.js';
import type { Seller } from '../../src/documents/parties.js';
import { invoiceRun } from '../../src/engine/billing.js';
import { Decimal } from '../../src/engine/money.js';
import { FLIS_2024_2033 } from '../../src/engine/tariff.js';
import { changesOf, correctionDocuments, histories } from '../../src/ledger/corrections.js';
import { textsFor } from '../../src/texts/texts.js';
import { type EInvoiceContext, eInvoiceOf, nameBasedUuid } from '../../src/writers/einvoice.js';
import { oioublXml } from '../../src/writers/oioubl.js';
import { peppolXml } from '../../src/writers/peppol.js';
import { connection, day, populationTable } from '../support.js';

const seller: Seller = {
  name: 'KOMBIT A/S',
  cvr: '19435075',
  vatNumber: 'DK19435075',
  gln: '5790001969370',
  address: { street: 'Halfdansgade', buildingNumber: '8', postalCode: '2300', city: 'København S', country: 'DK' },
  bank: { regNo: '1234', accountNo: '1234567890' },
  paymentTermsDays: 30,
  email: 'kombit@kombit.dk',
  illustrative: [],
};

const population = populationTable({ '461': { 2024: 209078 }, '175': { 2024: 39000 } });
const run = (pilot?: string, lang: 'da' | 'en' = 'en') =>
  invoiceRun({ year: 2024, run: 'H1', tariff: FLIS_2024_2033, population, connections: [connection({ code: '461', pilotStart: pilot, ean: '5798009811578' }), connection({ code: '175', ean: '5798009811578' })] })
    .invoices.map((invoice) => invoiceRow(invoice, lang));

const context = (overrides: Partial<EInvoiceContext> = {}): EInvoiceContext => ({
  seller,
  buyer: { name: 'Odense', kommuneCode: '461', ean: '5798009811578', reference: 'Økonomi & Løn <FLIS>' },
  issueDate: '2024-02-12',
  knee: { threshold: 150000, rate: new Decimal('0.5') },
  lang: 'en',
  ...overrides,
});

describe('the e-invoice of an invoice', () => {
  const [odense] = run().filter((r) => r.kommune_code === '461');

  it('carries the invoice\'s own amounts, the VAT rate in per cent, and a due date from the payment terms', () => {
    const e = eInvoiceOf(odense!, context());
    expect(e).toMatchObject({
      kind: 'invoice',
      number: 'FLIS-2024-H1-461',
      issueDate: '2024-02-12',
      dueDate: '2024-03-13',
      period: { from: '2024-01-01', to: '2024-06-30' },
      netAmount: '714565.22',
      vatAmount: '178641.31',
      grossAmount: '893206.53',
      vatPercent: '25',
      currency: 'DKK',
    });
    expect(e.credits).toBeUndefined();
    expect(e.note).toBeUndefined();
  });

  it('describes the service in words: the period, the citizens, the price, the knee', () => {
    expect(eInvoiceOf(odense!, context()).line).toEqual({
      name: 'FLIS H1 2024',
      description: 'FLIS 1 January – 30 June 2024, 209,078 citizens on 1 January 2024 at 7.96 DKK a year, knee above 150,000: 59,078 citizens at 3.98 DKK',
    });
    const rødovre = run().find((r) => r.kommune_code === '175')!;
    expect(eInvoiceOf(rødovre, context()).line.description).toBe('FLIS 1 January – 30 June 2024, 39,000 citizens on 1 January 2024 at 7.96 DKK a year');
  });

  it('with the invoice\'s notes (a pilot\'s free months), in the line and as the document\'s note', () => {
    const pilot = run('2024-01-01').find((r) => r.kommune_code === '461')!;
    const e = eInvoiceOf(pilot, context());
    expect(e.note).toBe('pilot municipality: no charge 2024-01-01 to 2024-02-29 (60 days)');
    expect(e.line.description).toMatch(/; pilot municipality: no charge 2024-01-01 to 2024-02-29 \(60 days\)$/);
    expect(e.netAmount).toBe('476376.81');
  });
});

describe('the e-invoice of a credit note', () => {
  const issued = run().map((row, i) => ({ row, source: { file: 'invoices-2024-H1.csv', line: i + 2 } }));
  const history = histories(issued);
  const documents = correctionDocuments(changesOf(history, run('2024-01-01')), history, 'en');
  const credit = documents.find((d) => d.invoice_number.endsWith('-K1'))!;

  it('credits positive amounts (the CSV keeps them negative), refers to the invoice it credits, and has no due date', () => {
    expect(credit.net_amount).toBe('-714565.22');
    const e = eInvoiceOf(credit, context({ credits: { number: 'FLIS-2024-H1-461', issueDate: '2024-02-12' } }));
    expect(e).toMatchObject({ kind: 'credit-note', netAmount: '714565.22', vatAmount: '178641.31', grossAmount: '893206.53', credits: { number: 'FLIS-2024-H1-461', issueDate: '2024-02-12' } });
    expect(e.dueDate).toBeUndefined();
    expect(e.note).toBe('Credit note (kreditnota) for invoice FLIS-2024-H1-461');
    expect(e.line.description).toMatch(/^Credit note for FLIS-2024-H1-461: FLIS 1 January – 30 June 2024, 209,078 citizens/);
  });

  it('the ledger knows which invoice each credit note credits', () => {
    const after = histories([...issued, ...documents.map((row, i) => ({ row, source: { file: 'corrections-2024-H1-1.csv', line: i + 2 } }))]);
    expect([...after.get('FLIS-2024-H1-461')!.credits]).toEqual([['FLIS-2024-H1-461-K1', 'FLIS-2024-H1-461']]);
  });

  it('is never written without the invoice it credits', () => {
    expect(() => eInvoiceOf(credit, context())).toThrow(/without the invoice it credits/);
  });
});

describe('the same document, the same bytes', () => {
  it('UUIDs are name-based (RFC 4122 version 5): fixed for a document, different between documents', () => {
    const uuid = nameBasedUuid('19435075/FLIS-2024-H1-461/2024-02-12');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameBasedUuid('19435075/FLIS-2024-H1-461/2024-02-12')).toBe(uuid);
    expect(nameBasedUuid('19435075/FLIS-2024-H1-461-R1/2024-02-12')).not.toBe(uuid);
  });

  it.each([
    ['OIOUBL', oioublXml],
    ['Peppol', peppolXml],
  ])('%s: one XML for one document, whatever the clock; the reference escaped, not dropped', (_, write) => {
    const row = run()[1]!;
    const xml = write(eInvoiceOf(row, context()));
    expect(write(eInvoiceOf(row, context()))).toBe(xml);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/);
    expect(xml).toContain('Økonomi &amp; Løn &lt;FLIS&gt;');
    expect(xml.match(/xmlns:cbc=/g)).toHaveLength(1);
    expect(xml.endsWith('</Invoice>\n')).toBe(true);
  });
});

describe('words for people', () => {
  it('a period within a year, and one across two', () => {
    const line = (from: string, to: string) => textsFor('en').einvoice.line({ from: day(from), to: day(to) }, 1000, '7.96', 2025);
    expect(line('2025-01-01', '2025-06-30')).toMatch(/^FLIS 1 January – 30 June 2025, /);
    expect(line('2025-12-01', '2026-01-31')).toMatch(/^FLIS 1 December 2025 – 31 January 2026, /);
    const linje = (from: string, to: string) => textsFor('da').einvoice.line({ from: day(from), to: day(to) }, 1000, '7.96', 2025);
    expect(linje('2025-01-01', '2025-06-30')).toBe('FLIS 1. januar – 30. juni 2025, 1.000 borgere pr. 1. januar 2025 à 7,96 kr. pr. år');
    expect(linje('2025-12-01', '2026-01-31')).toMatch(/^FLIS 1. december 2025 – 31. januar 2026, /);
    expect(linje('2025-03-01', '2025-03-31')).toMatch(/^FLIS 1.–31. marts 2025, /);
  });
});

describe('in Danish (the documents\' default)', () => {
  const da = (overrides: Partial<EInvoiceContext> = {}) => context({ lang: 'da', ...overrides });

  it('the line, the knee and the payment terms read in Danish, with Danish numbers and dates', () => {
    const [odense] = run(undefined, 'da').filter((r) => r.kommune_code === '461');
    const e = eInvoiceOf(odense!, da());
    expect(e.line).toEqual({
      name: 'FLIS H1 2024',
      description: 'FLIS 1. januar – 30. juni 2024, 209.078 borgere pr. 1. januar 2024 à 7,96 kr. pr. år, knækmodel over 150.000 borgere: 59.078 borgere à 3,98 kr.',
    });
    expect(e.paymentTerms).toBe('Netto 30 dage');
    expect(e).toMatchObject({ netAmount: '714565.22', issueDate: '2024-02-12', dueDate: '2024-03-13', period: { from: '2024-01-01', to: '2024-06-30' } });
  });

  it('a pilot\'s free months (pilotperiode) in the note, and a credit note (kreditnota) that says which invoice it credits', () => {
    const pilot = run('2024-01-01', 'da').find((r) => r.kommune_code === '461')!;
    expect(eInvoiceOf(pilot, da()).note).toBe('pilotkommune: gratis i pilotperioden 1. januar – 29. februar 2024 (60 dage)');
    const issued = run(undefined, 'da').map((row, i) => ({ row, source: { file: 'invoices-2024-H1.csv', line: i + 2 } }));
    const history = histories(issued);
    const documents = correctionDocuments(changesOf(history, run('2024-01-01', 'da')), history, 'da');
    const credit = documents.find((d) => d.invoice_number.endsWith('-K1'))!;
    expect(credit.notes).toBe('kreditnota for FLIS-2024-H1-461');
    expect(documents.find((d) => d.invoice_number.endsWith('-R1'))!.notes).toMatch(/; erstatter FLIS-2024-H1-461$/);
    const e = eInvoiceOf(credit, da({ credits: { number: 'FLIS-2024-H1-461', issueDate: '2024-02-12' } }));
    expect(e.note).toBe('Kreditnota for faktura FLIS-2024-H1-461');
    expect(e.line.description).toMatch(/^Kreditnota for FLIS-2024-H1-461: FLIS 1. januar – 30. juni 2024, 209.078 borgere/);
  });
});
