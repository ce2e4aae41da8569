// What has been issued, what a run would issue now, and the documents that correct one into the other.
//
// An issued invoice is never changed: it is credited by a credit note (kreditnota) with the same amounts
// negated, which says why, and, where the run invoices the municipality now, followed by a new invoice that
// refers to the one it replaces. A run has at most one invoice in force per municipality: the latest of its
// documents that no credit note has cancelled.
//
// How the documents are numbered depends on the run's numbering (documents/invoice-document.ts): in series
// (FLIS-2025-H1-0001…, credit notes FLIS-2025-H1-K0001…, each series without gaps), or, in runs first issued
// before that, by municipality code (FLIS-2025-H1-461, -K1, -R1, -K2, -R2, …). A document's links (the invoice a
// credit note credits, the invoice a replacement replaces) are recorded in its row; in a file issued before flis
// recorded them, they are read from the numbers.
// Pure: rows in, rows out.

import { Decimal, formatAmount } from '../engine/money.js';
import { parseIsoDate } from '../engine/dates.js';
import {
  BILLING_FIELDS,
  BUYER_FIELDS,
  type InvoiceField,
  type InvoiceRow,
  type IssuedRow,
  type Numbering,
  codeNumber,
  isCreditNote,
  isLegacyRow,
  parseDocumentNumber,
  parseSeriesNumber,
  runOfNumber,
  seriesNumber,
} from '../documents/invoice-document.js';
import { type Lang, type RosterFacts, textsFor } from '../texts/texts.js';

/** A municipality's documents in one run: "FLIS-2025-H1/461". */
export function historyKey(row: InvoiceRow): string {
  const run = runOfNumber(row.invoice_number);
  return `FLIS-${run?.year}-${run?.run}/${row.kommune_code}`;
}

/** The documents of one municipality in one run, in the order they were issued. */
export interface DocumentHistory {
  readonly key: string;
  readonly code: string;
  readonly documents: readonly IssuedRow[];
  /** The invoice in force: the latest not cancelled by a credit note; undefined if none is. */
  readonly inForce: IssuedRow | undefined;
  /** In the code numbering: the highest k used in the municipality's numbers (0 while only the first invoice was issued). */
  readonly lastSequence: number;
  /** Each credit note's number → the number of the invoice it credits (the one in force when it was issued). */
  readonly credits: ReadonlyMap<string, string>;
  /** Each replacement's number → the number of the invoice it replaces (recorded; or, issued before, Rk replaces what Kk credited). */
  readonly replaces: ReadonlyMap<string, string>;
}

/** The histories of the documents (given in the order they were issued), by municipality and run. */
export function histories(rows: readonly IssuedRow[]): Map<string, DocumentHistory> {
  const groups = new Map<string, IssuedRow[]>();
  for (const issued of rows) groups.set(historyKey(issued.row), [...(groups.get(historyKey(issued.row)) ?? []), issued]);
  const result = new Map<string, DocumentHistory>();
  for (const [key, documents] of groups) {
    let inForce: IssuedRow | undefined;
    let lastSequence = 0;
    const credits = new Map<string, string>();
    const replaces = new Map<string, string>();
    for (const d of documents) {
      const row = d.row;
      const number = parseDocumentNumber(row.invoice_number);
      if (isCreditNote(row)) {
        if (inForce) credits.set(row.invoice_number, inForce.row.invoice_number);
        inForce = undefined;
      } else {
        const replaced = isLegacyRow(row) ? (number.kind === 'replacement' ? credits.get(`${number.base}-K${number.sequence}`) : undefined) : row.replaced_invoice;
        if (replaced) replaces.set(row.invoice_number, replaced);
        inForce = d;
      }
      if (!parseSeriesNumber(row.invoice_number)) lastSequence = Math.max(lastSequence, number.sequence);
    }
    result.set(key, { key, code: documents[0]!.row.kommune_code, documents, inForce, lastSequence, credits, replaces });
  }
  return result;
}

/** Each credit note's credited invoice and each replacement's replaced invoice, over all the histories. */
export function links(all: ReadonlyMap<string, DocumentHistory>): { credits: Map<string, string>; replaces: Map<string, string> } {
  const credits = new Map<string, string>();
  const replaces = new Map<string, string>();
  for (const history of all.values()) {
    for (const [credit, invoice] of history.credits) credits.set(credit, invoice);
    for (const [invoice, replaced] of history.replaces) replaces.set(invoice, replaced);
  }
  return { credits, replaces };
}

/** The fields on which an issued row `a` and a computed row are compared: the buyer too, where `a` records it. */
function comparedFields(a: InvoiceRow): readonly InvoiceField[] {
  return isLegacyRow(a) ? BILLING_FIELDS : [...BILLING_FIELDS, ...BUYER_FIELDS];
}

/** Whether an issued invoice `a` still says what the run computes now (`b`). */
export function sameInvoice(a: InvoiceRow, b: InvoiceRow): boolean {
  return comparedFields(a).every((field) => a[field] === b[field]);
}

export interface Change {
  /** The municipality and run (historyKey). */
  readonly key: string;
  readonly code: string;
  readonly name: string;
  /** The invoice in force now, if any. */
  readonly before?: IssuedRow;
  /** What the run would invoice now, if anything. */
  readonly after?: InvoiceRow;
}

/** Per municipality, where the invoice in force differs from what the run computes now. */
export function changesOf(issued: ReadonlyMap<string, DocumentHistory>, computed: readonly InvoiceRow[]): Change[] {
  const now = new Map(computed.map((row) => [historyKey(row), row]));
  const keys = [...new Set([...issued.keys(), ...now.keys()])].sort();
  const changes: Change[] = [];
  for (const key of keys) {
    const before = issued.get(key)?.inForce;
    const after = now.get(key);
    if (!before && !after) continue;
    if (before && after && sameInvoice(before.row, after)) continue;
    const row = (after ?? before!.row) as InvoiceRow;
    changes.push({ key, code: row.kommune_code, name: row.kommune_name, ...(before ? { before } : {}), ...(after ? { after } : {}) });
  }
  return changes;
}

const negate = (amount: string): string => formatAmount(new Decimal(amount).negated());

/** The buyer's fields of a document, as the documents address the municipality now. */
export type BuyerRow = Pick<InvoiceRow, 'buyer_name' | 'buyer_cvr' | 'buyer_street' | 'buyer_postal_code' | 'buyer_city' | 'buyer_reference' | 'kontostreng'>;

/** What a correction needs besides the changes: how to number, when, to whom, and what the roster says. */
export interface CorrectionSettings {
  readonly year: number;
  readonly run: string;
  readonly numbering: Numbering;
  /** The day the correction is issued (ISO). */
  readonly issueDate: string;
  readonly lang: Lang;
  /** Every municipality as the documents address it now, by code. */
  readonly buyers: ReadonlyMap<string, BuyerRow>;
  /** What the roster says of each municipality on it, by code (for the words of a credit note). */
  readonly roster: ReadonlyMap<string, RosterFacts>;
}

/** Why a credit note credits its invoice, in words: the input that changed, as the fields show it. */
export function creditReasons(change: Change, settings: Pick<CorrectionSettings, 'run' | 'year' | 'lang' | 'roster'>): string[] {
  const t = textsFor(settings.lang).creditReasons;
  const roster = settings.roster.get(change.code);
  if (!change.after) return [t.notBilled(settings.run, settings.year, roster)];
  const a = change.before!.row;
  const b = change.after;
  const differs = (field: InvoiceField) => a[field] !== b[field];
  const why: string[] = [];
  if (differs('population')) why.push(t.population(settings.year, Number(a.population), Number(b.population)));
  if (differs('period_from')) why.push(t.periodFrom(parseIsoDate(a.period_from)!, parseIsoDate(b.period_from)!));
  if (differs('period_to')) why.push(t.periodTo(parseIsoDate(a.period_to)!, parseIsoDate(b.period_to)!));
  if (differs('price_per_citizen')) why.push(t.price(a.price_per_citizen, b.price_per_citizen));
  else if (!differs('population') && differs('full_rate_citizens')) why.push(t.knee());
  if (differs('vat_rate')) why.push(t.vatRate(a.vat_rate, b.vat_rate));
  const basis = why.length > 0;
  if (differs('ean')) why.push(t.ean(a.ean, b.ean));
  if (!isLegacyRow(a)) {
    if ((['buyer_name', 'buyer_cvr', 'buyer_street', 'buyer_postal_code', 'buyer_city'] as const).some(differs)) why.push(t.buyer(buyerInWords(a), buyerInWords(b)));
    if (differs('buyer_reference')) why.push(t.reference(a.buyer_reference, b.buyer_reference));
    if (differs('kontostreng')) why.push(t.kontostreng(a.kontostreng, b.kontostreng));
  }
  if (!basis && (differs('net_amount') || why.length === 0)) why.push(t.billableDays(roster));
  return why;
}

/** The buyer as a document names it: "Odense Kommune (CVR 35209115), Flakhaven 2, 5000 Odense C". */
function buyerInWords(row: InvoiceRow): string {
  const town = [row.buyer_postal_code, row.buyer_city].filter((p) => p !== '').join(' ');
  return [`${row.buyer_name} (CVR ${row.buyer_cvr})`, row.buyer_street, town].filter((p) => p !== '').join(', ');
}

/** The buyer of a credit note: the municipality as addressed now, where that leaves something out as the credited invoice had it. */
function creditNoteBuyer(now: BuyerRow | undefined, credited: InvoiceRow): BuyerRow {
  const address = now && now.buyer_street !== '' ? now : credited;
  return {
    buyer_name: now?.buyer_name ?? credited.buyer_name,
    buyer_cvr: now?.buyer_cvr ?? credited.buyer_cvr,
    buyer_street: address.buyer_street,
    buyer_postal_code: address.buyer_postal_code,
    buyer_city: address.buyer_city,
    buyer_reference: now && now.buyer_reference !== '' ? now.buyer_reference : credited.buyer_reference,
    kontostreng: now && now.kontostreng !== '' ? now.kontostreng : credited.kontostreng,
  };
}

/** A credit note for an invoice: its billing fields, amounts negated, addressed as the municipality is now, saying why. */
export function creditNote(invoice: InvoiceRow, number: string, why: readonly string[], settings: Pick<CorrectionSettings, 'issueDate' | 'lang'>, buyer: BuyerRow | undefined): InvoiceRow {
  return {
    ...invoice,
    ...creditNoteBuyer(buyer, invoice),
    invoice_number: number,
    document_type: 'credit_note',
    issue_date: settings.issueDate,
    due_date: '',
    credited_invoice: invoice.invoice_number,
    replaced_invoice: '',
    net_amount: negate(invoice.net_amount),
    vat_amount: negate(invoice.vat_amount),
    gross_amount: negate(invoice.gross_amount),
    notes: textsFor(settings.lang).creditReasons.creditNote(invoice.invoice_number, why),
  };
}

/** The next number of each series of a run: one above the highest issued (series without gaps: count + 1). */
function nextSerials(issued: ReadonlyMap<string, DocumentHistory>): { invoice: number; credit: number } {
  let invoice = 0;
  let credit = 0;
  for (const history of issued.values()) {
    for (const d of history.documents) {
      const n = parseSeriesNumber(d.row.invoice_number);
      if (n?.kind === 'invoice') invoice = Math.max(invoice, n.serial);
      if (n?.kind === 'credit-note') credit = Math.max(credit, n.serial);
    }
  }
  return { invoice: invoice + 1, credit: credit + 1 };
}

/**
 * The documents that bring what is issued in line with what the run computes now: for each change (in
 * municipality-code order), a credit note for the invoice in force (if any) and a new invoice (if the run
 * invoices the municipality now), replacing the credited one where there is one. In series, the credit notes
 * take the next numbers of the run's credit-note series and the new invoices the next of its invoice series (a
 * municipality invoiced for the first time gets the next number, not one in code order); numbered by code, both
 * take the next k of the municipality (Kk, Rk), and a municipality never invoiced the base number itself.
 */
export function correctionDocuments(changes: readonly Change[], issued: ReadonlyMap<string, DocumentHistory>, settings: CorrectionSettings): InvoiceRow[] {
  const documents: InvoiceRow[] = [];
  const next = nextSerials(issued);
  for (const change of changes) {
    const history = issued.get(change.key);
    const base = codeNumber(settings.year, settings.run, change.code);
    const sequence = (history?.lastSequence ?? 0) + 1;
    const series = settings.numbering === 'series/1';
    if (change.before) {
      const number = series ? seriesNumber(settings.year, settings.run, next.credit++, 'credit-note') : `${base}-K${sequence}`;
      documents.push(creditNote(change.before.row, number, creditReasons(change, settings), settings, settings.buyers.get(change.code)));
    }
    if (change.after) {
      const number = series ? seriesNumber(settings.year, settings.run, next.invoice++) : history ? `${base}-R${sequence}` : base;
      const replaced = change.before?.row.invoice_number;
      documents.push({
        ...change.after,
        invoice_number: number,
        replaced_invoice: replaced ?? '',
        notes: [change.after.notes, replaced ? textsFor(settings.lang).notes.replaces(replaced) : ''].filter((n) => n !== '').join('; '),
      });
    }
  }
  return documents;
}

/**
 * A change in words: "FLIS-2025-H1-0045 Odense (461): net_amount 714565.22 → 714600.00; population 209078 → 209100".
 * English (the default) for the operator and the manifest; a run's summary says it in the documents' language.
 */
export function describeChange(change: Change, lang: Lang = 'en'): string {
  const t = textsFor(lang).changes;
  const head = `${change.before ? `${change.before.row.invoice_number} ` : ''}${change.name} (${change.code})`;
  if (!change.before) return `${head}: ${t.notInvoiced(change.after!.net_amount)}`;
  if (!change.after) return `${head}: ${t.nothingNow(change.before.row.net_amount, change.before.row.invoice_number)}`;
  const value = (field: InvoiceField, plain: string): string => (plain === '' ? t.none : t.value(field, plain));
  const differences = comparedFields(change.before.row).filter((f) => change.before!.row[f] !== change.after![f]).map(
    (f) => `${t.field(f)} ${value(f, change.before!.row[f])} → ${value(f, change.after![f])}`,
  );
  return `${head}: ${differences.join('; ')}`;
}
