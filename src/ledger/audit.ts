// What flis verify checks beyond what every reader of a run folder checks: that each issue's recorded totals
// are those of its documents, and that each e-invoice says what its document's row says. Pure: the manifest,
// the documents and what the e-invoices were read to say, in; problems out.

import { CUSTOMIZATION_IDS, type EInvoiceFacts, type EInvoiceFormat } from '../documents/einvoice-formats.js';
import { type InvoiceRow, isCreditNote, isLegacyRow } from '../documents/invoice-document.js';
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
      // The lines of a document whose window spans a change of the tariff add up to its row's amounts (billing rules §11).
      for (const [number, lines] of Object.entries(entry.lines ?? {})) {
        const row = rows.find((r) => r.invoice_number === number);
        if (!row) {
          problems.push({ file, message: `${label} records lines for ${number}, which it did not issue`, hint: HINT });
          continue;
        }
        for (const field of ['net_amount', 'vat_amount'] as const) {
          const total = formatAmount(sum(lines.map((l) => new Decimal(l[field]))));
          if (total !== row[field]) problems.push({ file, message: `${label} records lines for ${number} whose ${field} add up to ${total}, not its ${row[field]}`, hint: HINT });
        }
      }
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
  /** The invoice it refers to: a credit note's credited invoice, a replacement's replaced invoice. */
  readonly refers?: string;
}

const same = (a: string | undefined, b: string) => a !== undefined && /^-?\d+(\.\d+)?$/.test(a) && new Decimal(a).equals(new Decimal(b));

/** Where the e-invoice says something else than its document's row (amounts unsigned, as e-invoices carry them). */
export function eInvoiceProblems(manifest: Manifest, check: EInvoiceToCheck): InputProblem[] {
  const { facts, document, format } = check;
  const row = document.row;
  const at = `${document.source.file}:${document.source.line}`;
  const problems: string[] = [];
  const kind = isCreditNote(row) ? 'credit-note' : 'invoice';
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
  // A replacement issued before flis recorded what it replaces carried no reference to it.
  const refers = kind === 'credit-note' || !isLegacyRow(row) ? check.refers : undefined;
  if (refers !== undefined && facts.billingReference !== refers) {
    problems.push(`it refers to ${facts.billingReference ?? 'no invoice'}, not ${refers}, the invoice it ${kind === 'credit-note' ? 'credits' : 'replaces'}`);
  }
  if (refers === undefined && facts.billingReference !== undefined && !isLegacyRow(row)) problems.push(`it refers to ${facts.billingReference}, but ${row.invoice_number} refers to no other document`);
  problems.push(...statedProblems(facts, row, format));
  return problems.map((p) => ({ file: check.file, message: `${p} (its document: ${at})`, hint: 'An e-invoice says what its document says: restore the folder from a backup.' }));
}

/**
 * Where the e-invoice says something else than its row of the period, the due date and the buyer (what a row
 * records: a row issued before flis recorded its buyer is held to its period only).
 */
function statedProblems(facts: EInvoiceFacts, row: InvoiceRow, format: EInvoiceFormat): string[] {
  const problems: string[] = [];
  const differs = (what: string, found: string | undefined, expected: string) => {
    if (found !== expected) problems.push(`its ${what} is ${found === undefined ? 'missing' : `"${found}"`}, not "${expected}"`);
  };
  differs('InvoicePeriod/StartDate', facts.periodStart, row.period_from);
  differs('InvoicePeriod/EndDate', facts.periodEnd, row.period_to);
  if (isLegacyRow(row)) return problems;
  if (row.due_date !== '') differs(`due date (${format === 'oioubl' ? 'PaymentMeans/PaymentDueDate' : 'DueDate'})`, facts.dueDate, row.due_date);
  differs("buyer's name (PartyLegalEntity/RegistrationName)", facts.buyerName, row.buyer_name);
  differs("buyer's CVR number (PartyLegalEntity/CompanyID)", facts.buyerCompanyId, format === 'oioubl' ? `DK${row.buyer_cvr}` : row.buyer_cvr);
  const address: [string, string | undefined, string][] = [
    ["buyer's street (StreetName and BuildingNumber)", facts.buyerStreet, row.buyer_street],
    ["buyer's postal code (PostalZone)", facts.buyerPostalCode, row.buyer_postal_code],
    ["buyer's city (CityName)", facts.buyerCity, row.buyer_city],
  ];
  for (const [what, found, expected] of address) {
    if (expected === '' ? found !== undefined : found !== expected) problems.push(`its ${what} is ${found === undefined ? 'missing' : `"${found}"`}, not ${expected === '' ? 'absent, as its document has none' : `"${expected}"`}`);
  }
  differs(`buyer's reference (${format === 'oioubl' ? 'Contact/ID' : 'BuyerReference'})`, facts.buyerReference, row.buyer_reference);
  if (row.kontostreng === '' ? facts.accountingCost !== undefined : facts.accountingCost !== row.kontostreng) {
    problems.push(`its AccountingCost is ${facts.accountingCost === undefined ? 'missing' : `"${facts.accountingCost}"`}, not ${row.kontostreng === '' ? 'absent, as its document has no kontostreng' : `"${row.kontostreng}"`}`);
  }
  return problems;
}
