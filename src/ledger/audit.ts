// What flis verify checks beyond what every reader of a run folder checks: that each issue's recorded totals
// are those of its documents, and that each e-invoice says what its document's row says. Pure: the manifest,
// the documents and what the e-invoices were read to say, in; problems out.

import { CUSTOMIZATION_IDS, type EInvoiceFacts, type EInvoiceFormat } from '../documents/einvoice-formats.js';
import { parseDocumentNumber } from '../documents/invoice-document.js';
import { Decimal, formatAmount, sum } from '../engine/money.js';
import type { InputProblem } from '../errors.js';
import type { IssuedDocument } from './chain.js';
import { type IssueEntry, type Manifest, issueDateOf, issueName } from './manifest.js';

const HINT = 'The manifest and the documents were issued together and must agree: restore the folder from a backup.';

/** Each issue's "documents" and "net_amount" against its CSV; each e-invoice entry's count against its issue. */
export function totalProblems(manifest: Manifest, documents: readonly IssuedDocument[], file: string): InputProblem[] {
  const problems: InputProblem[] = [];
  manifest.entries.forEach((entry, i) => {
    const issue = entry.kind === undefined ? entry : manifest.entries.find((e): e is IssueEntry => e.kind === undefined && e.year === entry.year && e.run === entry.run && e.correction === entry.correction);
    const rows = documents.filter((d) => d.issue === issue).map((d) => d.row);
    if (!issue || rows.length === 0) return; // an issue whose CSV was not read (said already), or none (said already)
    const label = `entry ${i + 1} (${issueName(entry)}${entry.kind === 'einvoices' ? ', e-invoices' : ''})`;
    if (entry.documents !== rows.length) problems.push({ file, message: `${label} records ${entry.documents} documents; its CSV has ${rows.length}`, hint: HINT });
    if (entry.kind === undefined) {
      const net = formatAmount(sum(rows.map((r) => new Decimal(r.net_amount))));
      if (net !== entry.net_amount) problems.push({ file, message: `${label} records net_amount ${entry.net_amount}; its documents add up to ${net}`, hint: HINT });
    }
  });
  return problems;
}

/** An e-invoice to check: its file, what it says, and its document with the credited invoice (for a credit note). */
export interface EInvoiceToCheck {
  readonly file: string;
  readonly facts: EInvoiceFacts;
  readonly document: IssuedDocument;
  readonly format: EInvoiceFormat;
  /** For a credit note: the invoice it credits. */
  readonly credits?: string;
}

const same = (a: string | undefined, b: string) => a !== undefined && /^-?\d+(\.\d+)?$/.test(a) && new Decimal(a).equals(new Decimal(b));

/** Where the e-invoice says something else than its document's row (amounts unsigned, as e-invoices carry them). */
export function eInvoiceProblems(manifest: Manifest, check: EInvoiceToCheck): InputProblem[] {
  const { facts, document, format } = check;
  const row = document.row;
  const at = `${document.source.file}:${document.source.line}`;
  const problems: string[] = [];
  const kind = parseDocumentNumber(row.invoice_number).kind === 'credit-note' ? 'credit-note' : 'invoice';
  const expectedRoot = kind === 'credit-note' ? 'CreditNote' : 'Invoice';
  if (facts.kind !== kind) problems.push(`it is ${facts.kind === undefined ? `a ${facts.root}` : `an ${facts.kind === 'invoice' ? 'Invoice' : 'CreditNote'}`}, but ${row.invoice_number} is ${kind === 'invoice' ? 'an invoice' : 'a credit note'} (UBL ${expectedRoot})`);
  if (facts.id !== row.invoice_number) problems.push(`its ID is ${facts.id ?? 'missing'}, not ${row.invoice_number}`);
  if (facts.customization !== CUSTOMIZATION_IDS[format]) problems.push(`its CustomizationID is ${facts.customization ?? 'missing'}, not ${CUSTOMIZATION_IDS[format]} (${format}, as the manifest records)`);
  const issueDate = issueDateOf(manifest, document.issue);
  if (issueDate !== undefined && facts.issueDate !== issueDate) problems.push(`its IssueDate is ${facts.issueDate ?? 'missing'}, not ${issueDate}, the day ${issueName(document.issue)} was issued`);
  if (facts.currency !== 'DKK') problems.push(`its currency is ${facts.currency ?? 'missing'}, not DKK`);
  const unsigned = (amount: string) => new Decimal(amount).abs().toFixed(2);
  const [net, vat, gross] = [unsigned(row.net_amount), unsigned(row.vat_amount), unsigned(row.gross_amount)];
  const amounts: [string, string | undefined, string][] = [
    ['net (LineExtensionAmount)', facts.lineExtension, net],
    [`TaxExclusiveAmount (${format === 'oioubl' ? 'the VAT, in OIOUBL' : 'the net, in Peppol'})`, facts.taxExclusive, format === 'oioubl' ? vat : net],
    ['VAT (TaxTotal/TaxAmount)', facts.tax, vat],
    ['gross (TaxInclusiveAmount)', facts.taxInclusive, gross],
    ['payable (PayableAmount)', facts.payable, gross],
  ];
  for (const [what, found, expected] of amounts) if (!same(found, expected)) problems.push(`its ${what} is ${found ?? 'missing'}, not ${expected}`);
  if (kind === 'credit-note' && check.credits !== undefined && facts.credits !== check.credits) problems.push(`it refers to ${facts.credits ?? 'no invoice'}, not ${check.credits}, the invoice it credits`);
  return problems.map((p) => ({ file: check.file, message: `${p} (its document: ${at})`, hint: 'An e-invoice says what its document says: restore the folder from a backup.' }));
}
