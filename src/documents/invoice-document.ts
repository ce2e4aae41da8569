// The documents flis issues (invoices, credit notes, replacement invoices) as their fields, in the order
// finance imports them (CSV columns and JSON keys alike), and how they are numbered. This is the model that
// readers, the ledger and the writers share: it sits below all three and imports only the engine.

import { formatDate } from '../engine/dates.js';
import type { Invoice, InvoiceNote } from '../engine/billing.js';
import { formatAmount, formatExact } from '../engine/money.js';
import type { SourceRef } from '../engine/types.js';
import { type Lang, textsFor } from '../texts/texts.js';

export const INVOICE_FIELDS = [
  'invoice_number',
  'kommune_code',
  'kommune_name',
  'ean',
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

/**
 * Every document number of a run starts from its base, FLIS-2025-H1-101: a credit note (kreditnota) is
 * base-Kk, the invoice replacing it base-Rk.
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
  }
}

/** An invoice as its fields; `lang` is the language of its notes, the one field written for people. */
export function invoiceRow(invoice: Invoice, lang: Lang): InvoiceRow {
  return {
    invoice_number: invoice.invoiceNumber,
    kommune_code: invoice.municipality.code,
    kommune_name: invoice.municipality.name,
    ean: invoice.ean ?? '',
    run: invoice.run,
    period_from: formatDate(invoice.period.from),
    period_to: formatDate(invoice.period.to),
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

export function invoiceRecord(row: InvoiceRow): InvoiceRecord {
  const record = { ...row } as InvoiceRecord;
  for (const field of COUNT_FIELDS) record[field] = Number(row[field]);
  record.ean = row.ean === '' ? null : row.ean;
  return record;
}
