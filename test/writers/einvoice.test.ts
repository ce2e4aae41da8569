import { describe, expect, it } from 'vitest';
import type { Seller } from '../../src/documents/parties.js';
import { ledgerContext, runRows } from '../../src/commands/run-documents.js';
import { buyerOfRow } from '../../src/commands/einvoice-render.js';
import { invoiceRun } from '../../src/engine/billing.js';
import { Decimal } from '../../src/engine/money.js';
import { FLIS_2024_2033 } from '../../src/engine/tariff.js';
import { changesOf, correctionDocuments, histories, links } from '../../src/ledger/corrections.js';
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
const connections = (pilot?: string) => [connection({ code: '461', pilotStart: pilot, ean: '5798009811578' }), connection({ code: '175', ean: '5798009811578' })];
const invoices = (pilot?: string) => invoiceRun({ year: 2024, run: 'H1', tariff: FLIS_2024_2033, population, connections: connections(pilot) });
/** H1 2024 for Rødovre (0001) and Odense (0002), issued on 12 February, due 30 days later. */
const run = (pilot?: string, lang: 'da' | 'en' = 'en') => runRows(invoices(pilot), connections(pilot), lang, { issueDate: '2024-02-12', dueDate: '2024-03-13' });

/** The correction that makes Odense a pilot: a credit note for 0002, and 0003 replacing it. */
function correction(lang: 'da' | 'en') {
  const issued = run(undefined, lang).map((row, i) => ({ row, source: { file: 'invoices-2024-H1.csv', line: i + 2 } }));
  const history = histories(issued);
  const now = runRows(invoices('2024-01-01'), connections('2024-01-01'), lang, { issueDate: '2024-06-03', dueDate: '2024-07-03' });
  const settings = { year: 2024, run: 'H1', numbering: 'series/1' as const, issueDate: '2024-06-03', lang, ...ledgerContext(invoices('2024-01-01'), connections('2024-01-01')) };
  const documents = correctionDocuments(changesOf(history, now), history, settings);
  return { issued, documents, credit: documents.find((d) => d.document_type === 'credit_note')!, replacement: documents.find((d) => d.document_type === 'invoice')! };
}

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
      number: 'FLIS-2024-H1-0002',
      issueDate: '2024-02-12',
      dueDate: '2024-03-13',
      period: { from: '2024-01-01', to: '2024-06-30' },
      netAmount: '714565.22',
      vatAmount: '178641.31',
      grossAmount: '893206.53',
      taxSubtotals: [{ percent: '25', taxableAmount: '714565.22', taxAmount: '178641.31' }],
      currency: 'DKK',
    });
    expect(e.credits).toBeUndefined();
    expect(e.note).toBeUndefined();
  });

  it('describes the service in words: the period, the citizens, the price, the knee', () => {
    expect(eInvoiceOf(odense!, context()).lines).toEqual([
      {
        name: 'FLIS H1 2024',
        description: 'FLIS 1 January – 30 June 2024, 209,078 citizens on 1 January 2024 at 7.96 DKK a year, knee above 150,000: 59,078 citizens at 3.98 DKK',
        netAmount: '714565.22',
        vatAmount: '178641.31',
        vatPercent: '25',
      },
    ]);
    const rødovre = run().find((r) => r.kommune_code === '175')!;
    expect(eInvoiceOf(rødovre, context()).lines[0]!.description).toBe('FLIS 1 January – 30 June 2024, 39,000 citizens on 1 January 2024 at 7.96 DKK a year');
  });

  it('with the invoice\'s notes (a pilot\'s free months), in the line and as the document\'s note', () => {
    const pilot = run('2024-01-01').find((r) => r.kommune_code === '461')!;
    const e = eInvoiceOf(pilot, context());
    expect(e.note).toBe('pilot municipality: no charge 2024-01-01 to 2024-02-29 (60 days)');
    expect(e.lines[0]!.description).toMatch(/; pilot municipality: no charge 2024-01-01 to 2024-02-29 \(60 days\)$/);
    expect(e.netAmount).toBe('476376.81');
  });
});

describe('the e-invoice of a credit note', () => {
  const { issued, documents, credit, replacement } = correction('en');

  it('credits positive amounts (the CSV keeps them negative), refers to the invoice it credits, says why, and has no due date', () => {
    expect(credit).toMatchObject({ invoice_number: 'FLIS-2024-H1-K0001', credited_invoice: 'FLIS-2024-H1-0002', net_amount: '-714565.22', issue_date: '2024-06-03', due_date: '' });
    const e = eInvoiceOf(credit, context({ issueDate: '2024-06-03', credits: { number: 'FLIS-2024-H1-0002', issueDate: '2024-02-12' } }));
    expect(e).toMatchObject({ kind: 'credit-note', netAmount: '714565.22', vatAmount: '178641.31', grossAmount: '893206.53', credits: { number: 'FLIS-2024-H1-0002', issueDate: '2024-02-12' } });
    expect(e.dueDate).toBeUndefined();
    expect(e.note).toBe('credit note (kreditnota) for FLIS-2024-H1-0002: the billable days of the period changed (roster: available from 2024-01-01, pilot from 2024-01-01)');
    expect(e.lines[0]!.description).toMatch(/^Credit note for FLIS-2024-H1-0002: FLIS 1 January – 30 June 2024, 209,078 citizens/);
  });

  it('the ledger knows which invoice each credit note credits and each replacement replaces', () => {
    const after = links(histories([...issued, ...documents.map((row, i) => ({ row, source: { file: 'corrections-2024-H1-1.csv', line: i + 2 } }))]));
    expect([...after.credits]).toEqual([['FLIS-2024-H1-K0001', 'FLIS-2024-H1-0002']]);
    expect([...after.replaces]).toEqual([['FLIS-2024-H1-0003', 'FLIS-2024-H1-0002']]);
  });

  it('a replacement refers to the invoice it replaces (BillingReference, Peppol BT-25) in both formats', () => {
    expect(replacement).toMatchObject({ invoice_number: 'FLIS-2024-H1-0003', replaced_invoice: 'FLIS-2024-H1-0002', due_date: '2024-07-03' });
    const e = eInvoiceOf(replacement, context({ issueDate: '2024-06-03', replaces: { number: 'FLIS-2024-H1-0002', issueDate: '2024-02-12' } }));
    expect(e).toMatchObject({ kind: 'invoice', replaces: { number: 'FLIS-2024-H1-0002' }, dueDate: '2024-07-03' });
    for (const write of [oioublXml, peppolXml]) {
      expect(write(e)).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H1-0002<\/cbc:ID>\s*<cbc:IssueDate>2024-02-12<\/cbc:IssueDate>/);
    }
  });

  it('is never written without the invoice it credits', () => {
    expect(() => eInvoiceOf(credit, context())).toThrow(/without the invoice it credits/);
  });
});

describe('the same document, the same bytes', () => {
  it('UUIDs are name-based (RFC 4122 version 5): fixed for a document, different between documents', () => {
    const uuid = nameBasedUuid('19435075/FLIS-2024-H1-0002/2024-02-12');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameBasedUuid('19435075/FLIS-2024-H1-0002/2024-02-12')).toBe(uuid);
    expect(nameBasedUuid('19435075/FLIS-2024-H1-0003/2024-02-12')).not.toBe(uuid);
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
    expect(e.lines).toMatchObject([
      {
        name: 'FLIS H1 2024',
        description: 'FLIS 1. januar – 30. juni 2024, 209.078 borgere pr. 1. januar 2024 à 7,96 kr. pr. år, knækmodel over 150.000 borgere: 59.078 borgere à 3,98 kr.',
      },
    ]);
    expect(e.paymentTerms).toBe('Netto 30 dage');
    expect(e).toMatchObject({ netAmount: '714565.22', issueDate: '2024-02-12', dueDate: '2024-03-13', period: { from: '2024-01-01', to: '2024-06-30' } });
  });

  it('a pilot\'s free months (pilotperiode) in the note, and a credit note (kreditnota) that says which invoice it credits', () => {
    const pilot = run('2024-01-01', 'da').find((r) => r.kommune_code === '461')!;
    expect(eInvoiceOf(pilot, da()).note).toBe('pilotkommune: gratis i pilotperioden 1. januar – 29. februar 2024 (60 dage)');
    const { credit, replacement } = correction('da');
    expect(credit.notes).toBe('kreditnota for FLIS-2024-H1-0002: de fakturerbare dage i perioden er ændret (kommunelisten: tilrådighedsstillelse 1. januar 2024, pilotstart 1. januar 2024)');
    expect(replacement.notes).toMatch(/; erstatter FLIS-2024-H1-0002$/);
    const e = eInvoiceOf(credit, da({ credits: { number: 'FLIS-2024-H1-0002', issueDate: '2024-02-12' } }));
    expect(e.note).toBe(credit.notes);
    expect(e.lines[0]!.description).toMatch(/^Kreditnota for FLIS-2024-H1-0002: FLIS 1. januar – 30. juni 2024, 209.078 borgere/);
  });
});

describe('the buyer, as the document states it', () => {
  const [odense] = run().filter((r) => r.kommune_code === '461');

  it('Odense Kommune, its CVR number and town hall (confirmed), its EAN and reference, in both formats', () => {
    expect(odense).toMatchObject({ buyer_name: 'Odense Kommune', buyer_cvr: '35209115', buyer_street: 'Flakhaven 2', buyer_postal_code: '5000', buyer_city: 'Odense C' });
    const e = eInvoiceOf(odense!, context({ buyer: buyerOfRow(odense!, undefined) }));
    expect(e.buyer).toMatchObject({ name: 'Odense Kommune', cvr: '35209115', address: { street: 'Flakhaven', buildingNumber: '2', postalCode: '5000', city: 'Odense C' } });
    const oioubl = oioublXml(e);
    expect(oioubl).toMatch(/<cac:AccountingCustomerParty>[\s\S]*<cbc:Name>Odense Kommune<\/cbc:Name>[\s\S]*<cbc:StreetName>Flakhaven<\/cbc:StreetName>\s*<cbc:BuildingNumber>2<\/cbc:BuildingNumber>\s*<cbc:CityName>Odense C<\/cbc:CityName>\s*<cbc:PostalZone>5000<\/cbc:PostalZone>[\s\S]*<cbc:CompanyID schemeID="DK:CVR">DK35209115<\/cbc:CompanyID>/);
    const peppol = peppolXml(e);
    expect(peppol).toMatch(/<cac:AccountingCustomerParty>[\s\S]*<cbc:StreetName>Flakhaven 2<\/cbc:StreetName>\s*<cbc:CityName>Odense C<\/cbc:CityName>\s*<cbc:PostalZone>5000<\/cbc:PostalZone>[\s\S]*<cbc:RegistrationName>Odense Kommune<\/cbc:RegistrationName>\s*<cbc:CompanyID schemeID="0184">35209115<\/cbc:CompanyID>/);
    for (const xml of [oioubl, peppol]) expect(xml).not.toContain('<cbc:AccountingCost>');
  });

  it("the roster's account string (kontostreng) as AccountingCost, in both formats", () => {
    const e = eInvoiceOf(odense!, context({ buyer: buyerOfRow({ ...odense!, kontostreng: '0012-3456' }, undefined) }));
    expect(oioublXml(e)).toMatch(/<cbc:DocumentCurrencyCode>DKK<\/cbc:DocumentCurrencyCode>\s*<cbc:AccountingCost>0012-3456<\/cbc:AccountingCost>\s*<cac:InvoicePeriod>/);
    expect(peppolXml(e)).toMatch(/<cbc:DocumentCurrencyCode>DKK<\/cbc:DocumentCurrencyCode>\s*<cbc:AccountingCost>0012-3456<\/cbc:AccountingCost>\s*<cbc:BuyerReference/);
  });

  it("a document issued before flis recorded its buyer: DST's name, the roster's reference, no address, no CVR (as it was sent)", () => {
    const legacy = { ...odense!, document_type: '', buyer_name: '', buyer_cvr: '', buyer_street: '', buyer_postal_code: '', buyer_city: '', buyer_reference: '' };
    expect(buyerOfRow(legacy, connection({ code: '461' }))).toEqual({ name: 'Odense', kommuneCode: '461', ean: '5798009811578', reference: '' });
    const xml = oioublXml(eInvoiceOf(legacy, context({ buyer: buyerOfRow(legacy, { ...connection({ code: '461' }), reference: 'R' }) })));
    expect(xml).toMatch(/<cac:PartyName>\s*<cbc:Name>Odense<\/cbc:Name>\s*<\/cac:PartyName>\s*<cac:Contact>\s*<cbc:ID>R<\/cbc:ID>/);
  });
});
