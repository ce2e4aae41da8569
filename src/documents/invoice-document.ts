// The documents flis issues (invoices, credit notes, replacement invoices) as their fields, in the order
// finance imports them (CSV columns and JSON keys alike), and how they are numbered. This is the model that
// readers, the ledger and the writers share: it sits below all three and imports only the engine.

import { formatDate } from '../engine/dates.js';
import type { Invoice, InvoiceNote } from '../engine/billing.js';
import { Decimal, formatAmount, formatExact } from '../engine/money.js';
import type { SourceRef } from '../engine/types.js';
import { type Lang, textsFor } from '../texts/texts.js';
import { type BuyerParty, streetLine } from './parties.js';

/**
 * The fields of a document, in the order finance imports them. Files issued before flis wrote the document's
 * dates, its buyer and its links (LEGACY_FIELDS only) are read back with those fields empty.
 */
export const INVOICE_FIELDS = [
  'invoice_number',
  'document_type',
  'issue_date',
  'due_date',
  'credited_invoice',
  'replaced_invoice',
  'kommune_code',
  'kommune_name',
  'buyer_name',
  'buyer_cvr',
  'buyer_street',
  'buyer_postal_code',
  'buyer_city',
  'ean',
  'buyer_reference',
  'kontostreng',
  'run',
  'period_from',
  'period_to',
  'population_date',
  'population',
  'full_rate_citizens',
  'reduced_rate_citizens',
  'price_per_citizen',
  'annual_fee',
  'net_amount',
  'vat_rate',
  'vat_amount',
  'gross_amount',
  'notes',
] as const;

export type InvoiceField = (typeof INVOICE_FIELDS)[number];

/** The fields added since flis 0.1.0: the document's kind, dates and links, and the buyer as the invoice addresses it. */
export const DOCUMENT_FIELDS: readonly InvoiceField[] = [
  'document_type',
  'issue_date',
  'due_date',
  'credited_invoice',
  'replaced_invoice',
  'buyer_name',
  'buyer_cvr',
  'buyer_street',
  'buyer_postal_code',
  'buyer_city',
  'buyer_reference',
  'kontostreng',
];

/** The fields of the files flis wrote before it recorded those: the others, in the same order. */
export const LEGACY_FIELDS: readonly InvoiceField[] = INVOICE_FIELDS.filter((f) => !DOCUMENT_FIELDS.includes(f));

/**
 * The fields that make an invoice what it bills: the municipality, the run, the period, the population and the
 * amounts, and the EAN it is delivered to. A run computed again is compared with what is in force on these; the
 * document's number, dates, buyer details and words are not compared (a new issue date or a corrected address
 * alone issues nothing).
 */
export const BILLING_FIELDS: readonly InvoiceField[] = LEGACY_FIELDS.filter((f) => f !== 'invoice_number' && f !== 'notes');

/**
 * What an invoice states of its buyer: its legal name, CVR number and address (momsbekendtgørelsen §58), its
 * reference and its account string. Compared too, where the document in force records them, so that an address
 * (or reference) given or corrected later is issued by a credit note and a new invoice that carry it.
 */
export const BUYER_FIELDS: readonly InvoiceField[] = ['buyer_name', 'buyer_cvr', 'buyer_street', 'buyer_postal_code', 'buyer_city', 'buyer_reference', 'kontostreng'];

/** Fields holding decimal numbers: amounts, the price and the VAT rate ("714565.22", "0.25"). */
export const DECIMAL_FIELDS: readonly InvoiceField[] = ['price_per_citizen', 'annual_fee', 'net_amount', 'vat_rate', 'vat_amount', 'gross_amount'];

/** Fields holding counts of citizens: numbers in JSON. */
export const COUNT_FIELDS: readonly InvoiceField[] = ['population', 'full_rate_citizens', 'reduced_rate_citizens'];

/** An invoice (or credit note) as issued: every field as its plain text ("714565.22", "" for no EAN). */
export type InvoiceRow = Readonly<Record<InvoiceField, string>>;

/** An issued document read back from a run folder, with where it was read. */
export interface IssuedRow {
  readonly row: InvoiceRow;
  readonly source: SourceRef;
}

export type DocumentType = 'invoice' | 'credit_note';
export const DOCUMENT_TYPES: readonly DocumentType[] = ['invoice', 'credit_note'];

/** A row of a file issued before flis recorded the document's kind: it has none of DOCUMENT_FIELDS. */
export function isLegacyRow(row: InvoiceRow): boolean {
  return row.document_type === '';
}

/**
 * How the documents of a run are numbered, recorded in the manifest for each issue (`"numbering"`):
 * - `series/1`: the run's invoices FLIS-2025-H1-0001, -0002, … without gaps (in municipality-code order at the
 *   first issue, then in the order issued), its credit notes FLIS-2025-H1-K0001, … in a series of their own;
 * - absent (`code`): runs first issued before: FLIS-2025-H1-461 for the municipality, -K1 and -R1 for its credit
 *   note and replacement, and so on. A run keeps the numbering of its first issue.
 */
export type Numbering = 'series/1' | 'code';
export const SERIES = 'series/1' as const;

/** The first invoice number of the series of a run: FLIS-2025-H1-0001 (`serial` counts from 1). */
export function seriesNumber(year: number, run: string, serial: number, kind: 'invoice' | 'credit-note' = 'invoice'): string {
  return `FLIS-${year}-${run}-${kind === 'credit-note' ? 'K' : ''}${String(serial).padStart(4, '0')}`;
}

/** A number of the series: its run, whether it is a credit note, and its place in its series. */
export function parseSeriesNumber(number: string): { readonly year: number; readonly run: string; readonly kind: 'invoice' | 'credit-note'; readonly serial: number } | undefined {
  const m = /^FLIS-(\d{4})-(H1|H2|DEC)-(K?)(\d{4,})$/.exec(number);
  if (!m) return undefined;
  return { year: Number(m[1]), run: m[2]!, kind: m[3] === 'K' ? 'credit-note' : 'invoice', serial: Number(m[4]) };
}

/**
 * In the `code` numbering every document number of a run starts from its base, FLIS-2025-H1-101: a credit note
 * (kreditnota) is base-Kk, the invoice replacing it base-Rk.
 */
export interface DocumentNumber {
  readonly base: string;
  readonly kind: 'invoice' | 'credit-note' | 'replacement';
  /** 0 for the first invoice; k for Kk and Rk. */
  readonly sequence: number;
}

export function parseDocumentNumber(number: string): DocumentNumber {
  const m = /^(.*)-([KR])(\d+)$/.exec(number);
  if (!m) return { base: number, kind: 'invoice', sequence: 0 };
  return { base: m[1]!, kind: m[2] === 'K' ? 'credit-note' : 'replacement', sequence: Number(m[3]) };
}

/** The base number of a municipality's documents in a run numbered by code: FLIS-2025-H1-461. */
export function codeNumber(year: number, run: string, code: string): string {
  return `FLIS-${year}-${run}-${code}`;
}

/** Whether a number is one flis writes, in either numbering. */
export function isDocumentNumber(number: string): boolean {
  return /^FLIS-\d{4}-(H1|H2|DEC)-\d{3}(-[KR]\d+)?$/.test(number) || parseSeriesNumber(number) !== undefined;
}

/** The year and run a document number belongs to ("FLIS-2025-H1-…" → 2025, H1). */
export function runOfNumber(number: string): { readonly year: number; readonly run: string } | undefined {
  const m = /^FLIS-(\d{4})-(H1|H2|DEC)-/.exec(number);
  return m ? { year: Number(m[1]), run: m[2]! } : undefined;
}

/** Whether a document is a credit note: by its recorded type, or in a file issued before flis recorded it, by its number. */
export function isCreditNote(row: InvoiceRow): boolean {
  return isLegacyRow(row) ? parseDocumentNumber(row.invoice_number).kind === 'credit-note' : row.document_type === 'credit_note';
}

/** The same for JSON: counts as numbers, no EAN as null. */
export type InvoiceRecord = Record<InvoiceField, string | number | null>;

/** A note in words, for the invoice and for the people who read it, in their language. */
export function noteInWords(note: InvoiceNote, lang: Lang): string {
  const t = textsFor(lang).notes;
  switch (note.kind) {
    case 'available-from':
      return t.availableFrom(note.date);
    case 'pilot-free':
      return t.pilotFree(note.from, note.to, note.days);
    case 'exit':
      return t.exit(note.exitDate);
    case 'agreement-end':
      return t.agreementEnd(note.date);
    case 'prices': {
      const rates = new Set(note.lines.map((l) => l.vatRate.toString()));
      return t.prices(note.lines.map((l) => ({ period: l.period, price: l.pricePerCitizen, net: l.netAmount, ...(rates.size > 1 ? { vatRate: l.vatRate } : {}) })));
    }
  }
}

/** What a document states besides what the run computed: its dates and its buyer. */
export interface DocumentContext {
  /** ISO date; "" where nothing is issued (a run shown without --out). */
  readonly issueDate: string;
  /** ISO date; "" for none (a credit note, or a run shown without --out, or no payment terms). */
  readonly dueDate: string;
  readonly buyer: BuyerParty;
}

/** The buyer's fields of a document. */
export function buyerFields(buyer: BuyerParty): Pick<Record<InvoiceField, string>, 'buyer_name' | 'buyer_cvr' | 'buyer_street' | 'buyer_postal_code' | 'buyer_city' | 'buyer_reference' | 'kontostreng'> {
  return {
    buyer_name: buyer.legalName,
    buyer_cvr: buyer.cvr,
    buyer_street: buyer.address ? streetLine(buyer.address) : '',
    buyer_postal_code: buyer.address?.postalCode ?? '',
    buyer_city: buyer.address?.city ?? '',
    buyer_reference: buyer.reference ?? '',
    kontostreng: buyer.kontostreng ?? '',
  };
}

/**
 * An invoice as its fields; `lang` is the language of its notes, the one field written for people. Its period is
 * the period billed: the run's window from the day FLIS was made available and to the day before an exit.
 */
export function invoiceRow(invoice: Invoice, lang: Lang, context: DocumentContext): InvoiceRow {
  return {
    invoice_number: invoice.invoiceNumber,
    document_type: 'invoice',
    issue_date: context.issueDate,
    due_date: context.dueDate,
    credited_invoice: '',
    replaced_invoice: '',
    kommune_code: invoice.municipality.code,
    kommune_name: invoice.municipality.name,
    ...buyerFields(context.buyer),
    ean: invoice.ean ?? '',
    run: invoice.run,
    period_from: formatDate(invoice.billed.from),
    period_to: formatDate(invoice.billed.to),
    population_date: formatDate(invoice.populationDate),
    population: String(invoice.population),
    full_rate_citizens: String(invoice.fullRateCitizens),
    reduced_rate_citizens: String(invoice.reducedRateCitizens),
    price_per_citizen: formatExact(invoice.pricePerCitizen),
    annual_fee: formatExact(invoice.annualFee),
    net_amount: formatAmount(invoice.netAmount),
    vat_rate: formatExact(invoice.vatRate),
    vat_amount: formatAmount(invoice.vatAmount),
    gross_amount: formatAmount(invoice.grossAmount),
    notes: invoice.notes.map((note) => noteInWords(note, lang)).join('; '),
  };
}

/**
 * A row as JSON: counts as numbers, an empty field as null (but `notes`, empty text: no notes). A document issued
 * before flis recorded its buyer and links has null in those fields.
 */
export function invoiceRecord(row: InvoiceRow): InvoiceRecord {
  const record = Object.fromEntries(INVOICE_FIELDS.map((f) => [f, row[f] === '' && f !== 'notes' ? null : row[f]])) as InvoiceRecord;
  for (const field of COUNT_FIELDS) record[field] = Number(row[field]);
  return record;
}

/**
 * A line of an invoice whose window spans a change of the tariff (billing rules §11), as the manifest records it
 * with the issue: the CSV row keeps the invoice's total, the e-invoice carries its lines. Amounts as in a row.
 */
export interface LineRecord {
  readonly period_from: string;
  readonly period_to: string;
  readonly billable_days: number;
  readonly price_per_citizen: string;
  readonly knee_threshold: number;
  readonly knee_rate: string;
  readonly full_rate_citizens: number;
  readonly reduced_rate_citizens: number;
  readonly annual_fee: string;
  readonly net_amount: string;
  readonly vat_rate: string;
  readonly vat_amount: string;
}

/** An invoice's lines as recorded, where it has more than one; undefined where it has one (its row says it all). */
export function lineRecords(invoice: Invoice): LineRecord[] | undefined {
  if (invoice.lines.length < 2) return undefined;
  return invoice.lines.map((l) => ({
    period_from: formatDate(l.period.from),
    period_to: formatDate(l.period.to),
    billable_days: l.billableDays,
    price_per_citizen: formatExact(l.pricePerCitizen),
    knee_threshold: l.kneeThreshold,
    knee_rate: formatExact(l.kneeRate, 0),
    full_rate_citizens: l.fullRateCitizens,
    reduced_rate_citizens: l.reducedRateCitizens,
    annual_fee: formatExact(l.annualFee),
    net_amount: formatAmount(l.netAmount),
    vat_rate: formatExact(l.vatRate),
    vat_amount: formatAmount(l.vatAmount),
  }));
}

/** The lines of a credit note: those of the invoice it credits, amounts negated, as its row negates the invoice's. */
export function negatedLines(lines: readonly LineRecord[]): LineRecord[] {
  const negate = (amount: string) => formatAmount(new Decimal(amount).negated());
  return lines.map((l) => ({ ...l, net_amount: negate(l.net_amount), vat_amount: negate(l.vat_amount) }));
}
