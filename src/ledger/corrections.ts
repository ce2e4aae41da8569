// What has been issued, what a run would issue now, and the documents that correct one into the other.
//
// Every invoice number of a run starts from its base, FLIS-2025-H1-101. An issued invoice is never changed: it
// is credited by a credit note (kreditnota) FLIS-2025-H1-101-K1 with the same amounts negated, and replaced by a
// new invoice FLIS-2025-H1-101-R1; the next correction makes K2 and R2, and so on. The invoice in force for a
// municipality is the latest of its base that no credit note has cancelled.
// Pure: rows in, rows out.

import { Decimal, formatAmount } from '../engine/money.js';
import { INVOICE_FIELDS, type InvoiceField, type InvoiceRow, type IssuedRow, parseDocumentNumber } from '../documents/invoice-document.js';
import { type Lang, textsFor } from '../texts/texts.js';

/** The documents issued under one base number, in the order they were issued. */
export interface DocumentHistory {
  readonly base: string;
  readonly documents: readonly IssuedRow[];
  /** The invoice in force: the latest not cancelled by a credit note; undefined if none is. */
  readonly inForce: IssuedRow | undefined;
  /** The highest k used in the base's numbers (0 when only the first invoice was issued). */
  readonly lastSequence: number;
  /** Each credit note's number → the number of the invoice it credits (the one in force when it was issued). */
  readonly credits: ReadonlyMap<string, string>;
}

export function histories(rows: readonly IssuedRow[]): Map<string, DocumentHistory> {
  const groups = new Map<string, IssuedRow[]>();
  for (const issued of rows) {
    const { base } = parseDocumentNumber(issued.row.invoice_number);
    groups.set(base, [...(groups.get(base) ?? []), issued]);
  }
  const result = new Map<string, DocumentHistory>();
  for (const [base, documents] of groups) {
    const order = (d: IssuedRow) => {
      const n = parseDocumentNumber(d.row.invoice_number);
      return n.sequence * 2 + (n.kind === 'replacement' ? 1 : 0);
    };
    const sorted = [...documents].sort((a, b) => order(a) - order(b));
    let inForce: IssuedRow | undefined;
    let lastSequence = 0;
    const credits = new Map<string, string>();
    for (const d of sorted) {
      const number = parseDocumentNumber(d.row.invoice_number);
      if (number.kind === 'credit-note' && inForce) credits.set(d.row.invoice_number, inForce.row.invoice_number);
      inForce = number.kind === 'credit-note' ? undefined : d;
      lastSequence = Math.max(lastSequence, number.sequence);
    }
    result.set(base, { base, documents: sorted, inForce, lastSequence, credits });
  }
  return result;
}

/** Fields that make an invoice what it is: all but its number and the wording of its notes. */
const COMPARED: readonly InvoiceField[] = INVOICE_FIELDS.filter((f) => f !== 'invoice_number' && f !== 'notes');

export function sameInvoice(a: InvoiceRow, b: InvoiceRow): boolean {
  return COMPARED.every((field) => a[field] === b[field]);
}

export interface Change {
  readonly base: string;
  readonly code: string;
  readonly name: string;
  /** The invoice in force now, if any. */
  readonly before?: IssuedRow;
  /** What the run would invoice now (numbered with the base), if anything. */
  readonly after?: InvoiceRow;
}

/** Per municipality, where the invoice in force differs from what the run computes now. */
export function changesOf(issued: ReadonlyMap<string, DocumentHistory>, computed: readonly InvoiceRow[]): Change[] {
  const now = new Map(computed.map((row) => [parseDocumentNumber(row.invoice_number).base, row]));
  const bases = [...new Set([...issued.keys(), ...now.keys()])].sort();
  const changes: Change[] = [];
  for (const base of bases) {
    const before = issued.get(base)?.inForce;
    const after = now.get(base);
    if (!before && !after) continue;
    if (before && after && sameInvoice(before.row, after)) continue;
    const row = (after ?? before!.row) as InvoiceRow;
    changes.push({ base, code: row.kommune_code, name: row.kommune_name, ...(before ? { before } : {}), ...(after ? { after } : {}) });
  }
  return changes;
}

const negate = (amount: string): string => formatAmount(new Decimal(amount).negated());

/** A credit note for an invoice: the same fields, amounts negated, numbered base-Kk; its note in `lang`. */
export function creditNote(invoice: InvoiceRow, sequence: number, base: string, lang: Lang): InvoiceRow {
  return {
    ...invoice,
    invoice_number: `${base}-K${sequence}`,
    net_amount: negate(invoice.net_amount),
    vat_amount: negate(invoice.vat_amount),
    gross_amount: negate(invoice.gross_amount),
    notes: textsFor(lang).notes.creditNoteFor(invoice.invoice_number),
  };
}

/**
 * The documents that bring what is issued in line with what the run computes now: for each change, a credit
 * note for the invoice in force (if any) and a new invoice (if the run invoices the municipality now). Both take
 * the next k of the base (Kk, Rk); a new invoice under a base never used takes the base number itself.
 */
export function correctionDocuments(changes: readonly Change[], issued: ReadonlyMap<string, DocumentHistory>, lang: Lang): InvoiceRow[] {
  const documents: InvoiceRow[] = [];
  for (const change of changes) {
    const history = issued.get(change.base);
    const sequence = (history?.lastSequence ?? 0) + 1;
    if (change.before) documents.push(creditNote(change.before.row, sequence, change.base, lang));
    if (change.after) {
      const fresh = !history;
      const replaces = change.before ? textsFor(lang).notes.replaces(change.before.row.invoice_number) : '';
      documents.push({
        ...change.after,
        invoice_number: fresh ? change.base : `${change.base}-R${sequence}`,
        notes: [change.after.notes, replaces].filter((n) => n !== '').join('; '),
      });
    }
  }
  return documents;
}

/**
 * A change in words: "FLIS-2025-H1-461 Odense (461): net_amount 714565.22 → 714600.00; population 209078 → 209100".
 * English (the default) for the operator and the manifest; a run's summary says it in the documents' language.
 */
export function describeChange(change: Change, lang: Lang = 'en'): string {
  const t = textsFor(lang).changes;
  const head = `${change.base} ${change.name} (${change.code})`;
  if (!change.before) return `${head}: ${t.notInvoiced(change.after!.net_amount)}`;
  if (!change.after) return `${head}: ${t.nothingNow(change.before.row.net_amount, change.before.row.invoice_number)}`;
  const value = (field: InvoiceField, plain: string): string => (plain === '' ? t.none : t.value(field, plain));
  const differences = COMPARED.filter((f) => change.before!.row[f] !== change.after![f]).map(
    (f) => `${t.field(f)} ${value(f, change.before!.row[f])} → ${value(f, change.after![f])}`,
  );
  return `${head}: ${differences.join('; ')}`;
}
