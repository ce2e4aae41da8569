// One e-invoice per issued document, in terms common to both formats (OIOUBL 2.1 and Peppol BIS 3.0): the
// document, its parties, its line in words a municipality's accounts clerk understands (a line per price where
// its period spans a change of the tariff, billing rules §11), its VAT per rate, and its totals.
// oioubl.ts and peppol.ts write this model as XML. Pure: values in, values out.
//
// Amounts on an e-invoice are positive: a credit note (UBL CreditNote) credits its amounts, so the negated
// amounts flis keeps for a credit note in the CSV are written here without their sign.

import { createHash } from 'node:crypto';
import { type CalendarDate, addDays, daysInclusive, formatDate, parseIsoDate } from '../engine/dates.js';
import { Decimal, formatAmount } from '../engine/money.js';
import { type InvoiceRow, type LineRecord, isCreditNote, isLegacyRow } from '../documents/invoice-document.js';
import type { Buyer, Seller } from '../documents/parties.js';
import { type Lang, type Texts, textsFor } from '../texts/texts.js';

export interface EInvoiceLine {
  /** Short: "FLIS H1 2025". */
  readonly name: string;
  /** What is billed, in words: period, citizens, price, knee, and why the period is shorter (pilot, exit). */
  readonly description: string;
  /** Positive amounts, two decimals. */
  readonly netAmount: string;
  readonly vatAmount: string;
  /** The line's VAT rate in per cent: "25". */
  readonly vatPercent: string;
}

/** The VAT of one rate: the lines' net at that rate and their VAT. */
export interface TaxSubtotal {
  readonly percent: string;
  readonly taxableAmount: string;
  readonly taxAmount: string;
}

export interface EInvoice {
  readonly kind: 'invoice' | 'credit-note';
  /** The document number: FLIS-2025-H1-0045, FLIS-2025-H1-K0003 (credit note); FLIS-2025-H1-461, …-K1, …-R1 in runs numbered by code. */
  readonly number: string;
  /** Derived from the seller, the number and the issue date: the same document always has the same UUID. */
  readonly uuid: string;
  readonly issueDate: string;
  /** Invoices only: the issue date plus the seller's payment terms. */
  readonly dueDate?: string;
  /** Invoices: the payment terms in words, as both formats write them in PaymentTerms/Note. */
  readonly paymentTerms?: string;
  readonly currency: 'DKK';
  readonly seller: Seller;
  readonly buyer: Buyer;
  /** The period billed, as the document states it. */
  readonly period: { readonly from: string; readonly to: string };
  /** Credit notes: the invoice credited (and its issue date, where the run folder recorded it). */
  readonly credits?: DocumentReference;
  /** Replacement invoices: the invoice replaced (credited in the same correction), as the document records it. */
  readonly replaces?: DocumentReference;
  /** Notes for the reader: why the period is not billed in full, what is credited or replaced. */
  readonly note?: string;
  /** One line, or one per set of the tariff's terms where the period spans a change (billing rules §11). */
  readonly lines: readonly EInvoiceLine[];
  /** The VAT per rate, in the order the lines first give each rate. */
  readonly taxSubtotals: readonly TaxSubtotal[];
  /** Positive amounts, two decimals. */
  readonly netAmount: string;
  readonly vatAmount: string;
  readonly grossAmount: string;
}

/** Another document referred to: its number, and its issue date where the run folder recorded it. */
export interface DocumentReference {
  readonly number: string;
  readonly issueDate?: string;
}

/** The tariff's knee, for the words of the line (knækmodel). */
export interface Knee {
  readonly threshold: number;
  readonly rate: Decimal;
}

export interface EInvoiceContext {
  readonly seller: Seller;
  readonly buyer: Buyer;
  /** ISO date: from --issue-date, or the day the run was issued (recorded in the manifest). */
  readonly issueDate: string;
  readonly knee: Knee;
  /** For a credit note: the invoice it credits. */
  readonly credits?: DocumentReference;
  /** For a replacement invoice: the invoice it replaces. */
  readonly replaces?: DocumentReference;
  /** The language of the words: the one the document was issued in. */
  readonly lang: Lang;
  /** The document's lines where its period spans a change of the tariff, as the manifest records them. */
  readonly lines?: readonly LineRecord[];
}

/** A fixed namespace for the name-based UUIDs of flis's documents (RFC 4122, version 5). */
const UUID_NAMESPACE = 'a3c5f0e2-6b1d-4c8e-9f27-5d0e8b4a1c63';

/** An RFC 4122 version-5 UUID (SHA-1, name-based): the same name always gives the same UUID. */
export function nameBasedUuid(name: string): string {
  const namespace = Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const unsigned = (amount: string): string => formatAmount(new Decimal(amount).abs());

/** The line's words: "FLIS 1. januar – 30. juni 2025, 209.078 borgere pr. 1. januar 2025 à 7,96 kr. pr. år, knækmodel over 150.000 borgere: …". */
function lineDescription(row: InvoiceRow, line: { price: string; reduced: number }, from: CalendarDate, to: CalendarDate, knee: Knee, texts: Texts): string {
  const t = texts.einvoice;
  const kneeWords = line.reduced > 0 ? t.knee(knee.threshold, line.reduced, new Decimal(line.price).times(knee.rate)) : '';
  return `${t.line({ from, to }, Number(row.population), line.price, from.year)}${kneeWords}`;
}

/** The VAT per rate of lines, in the order they first give each rate. */
function taxSubtotals(lines: readonly EInvoiceLine[]): TaxSubtotal[] {
  const byRate = new Map<string, { net: Decimal; vat: Decimal }>();
  for (const line of lines) {
    const sums = byRate.get(line.vatPercent) ?? { net: new Decimal(0), vat: new Decimal(0) };
    byRate.set(line.vatPercent, { net: sums.net.plus(line.netAmount), vat: sums.vat.plus(line.vatAmount) });
  }
  return [...byRate].map(([percent, sums]) => ({ percent, taxableAmount: formatAmount(sums.net), taxAmount: formatAmount(sums.vat) }));
}

/**
 * The e-invoice of one issued document (invoice, credit note or replacement invoice), saying what its row says:
 * its period, its due date, its buyer. A credit note's note is its row's (which says why it credits); in a file
 * issued before flis recorded why, the note names the invoice credited.
 */
export function eInvoiceOf(row: InvoiceRow, context: EInvoiceContext): EInvoice {
  const kind = isCreditNote(row) ? 'credit-note' : 'invoice';
  if (kind === 'credit-note' && !context.credits) throw new RangeError(`credit note ${row.invoice_number} without the invoice it credits`);
  if (kind === 'invoice' && new Decimal(row.net_amount).isNegative()) throw new RangeError(`invoice ${row.invoice_number} has a negative amount`);
  const from = parseIsoDate(row.period_from)!;
  const to = parseIsoDate(row.period_to)!;
  const issueDate = parseIsoDate(context.issueDate);
  if (!issueDate) throw new RangeError(`not an issue date: ${context.issueDate}`);
  const texts = textsFor(context.lang);
  const t = texts.einvoice;
  const notes = kind === 'credit-note' ? '' : row.notes;
  const words = (billed: string) => (kind === 'credit-note' ? t.creditNoteLine(context.credits!.number, billed) : billed);
  const name = t.lineName(row.run, from.year);
  let lines: EInvoiceLine[];
  if (context.lines && context.lines.length > 1) {
    // A line per price: the document's note says why its period is shorter and what the prices are.
    lines = context.lines.map((l) => ({
      name,
      description: words(lineDescription(row, { price: l.price_per_citizen, reduced: l.reduced_rate_citizens }, parseIsoDate(l.period_from)!, parseIsoDate(l.period_to)!, { threshold: l.knee_threshold, rate: new Decimal(l.knee_rate) }, texts)),
      netAmount: unsigned(l.net_amount),
      vatAmount: unsigned(l.vat_amount),
      vatPercent: formatPercent(new Decimal(l.vat_rate)),
    }));
    const sum = (amounts: readonly string[]) => formatAmount(amounts.reduce((s, a) => s.plus(a), new Decimal(0)));
    if (sum(lines.map((l) => l.netAmount)) !== unsigned(row.net_amount) || sum(lines.map((l) => l.vatAmount)) !== unsigned(row.vat_amount)) {
      throw new RangeError(`the lines of ${row.invoice_number} do not add up to its amounts`);
    }
  } else {
    const billed = lineDescription(row, { price: row.price_per_citizen, reduced: Number(row.reduced_rate_citizens) }, from, to, context.knee, texts);
    const description = kind === 'credit-note' ? words(billed) : notes === '' ? billed : `${billed}; ${notes}`;
    lines = [{ name, description, netAmount: unsigned(row.net_amount), vatAmount: unsigned(row.vat_amount), vatPercent: formatPercent(new Decimal(row.vat_rate)) }];
  }
  const creditNote = kind === 'credit-note' ? (isLegacyRow(row) ? t.creditNoteNote(context.credits!.number) : row.notes) : undefined;
  // The due date the document records (and the terms it makes), or for a document issued before flis recorded
  // one, the seller's terms from the issue date.
  const due = parseIsoDate(row.due_date);
  const termsDays = due ? daysInclusive(issueDate, due) - 1 : context.seller.paymentTermsDays;
  const dueDate = due ? row.due_date : formatDate(addDays(issueDate, termsDays));
  return {
    kind,
    number: row.invoice_number,
    uuid: nameBasedUuid(`${context.seller.cvr}/${row.invoice_number}/${context.issueDate}`),
    issueDate: context.issueDate,
    ...(kind === 'invoice' ? { dueDate, paymentTerms: t.paymentTerms(termsDays) } : {}),
    currency: 'DKK',
    seller: context.seller,
    buyer: context.buyer,
    period: { from: row.period_from, to: row.period_to },
    ...(context.credits ? { credits: context.credits } : {}),
    // A replacement issued before flis recorded what it replaces was sent without a reference to it.
    ...(kind === 'invoice' && context.replaces && !isLegacyRow(row) ? { replaces: context.replaces } : {}),
    ...(creditNote !== undefined ? { note: creditNote } : notes === '' ? {} : { note: notes }),
    lines,
    taxSubtotals: taxSubtotals(lines),
    netAmount: unsigned(row.net_amount),
    vatAmount: unsigned(row.vat_amount),
    grossAmount: unsigned(row.gross_amount),
  };
}

/** 0.25 → "25"; 0.125 → "12.5". */
function formatPercent(rate: Decimal): string {
  return rate.times(100).toFixed();
}
