// Writing UBL 2.1 XML with xmlbuilder2: the namespaces, and elements by their prefixed names. Shared by the
// OIOUBL and Peppol writers, which decide what goes where.

import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { UBL_NAMESPACES } from '../documents/einvoice-formats.js';
import type { Seller } from '../documents/parties.js';
import type { EInvoice, EInvoiceLine } from './einvoice.js';

export const NAMESPACES = UBL_NAMESPACES;

type Attributes = Readonly<Record<string, string>>;

/** An element under construction: add children by prefixed name ("cbc:ID", "cac:Party"). */
export class Element {
  constructor(readonly node: XMLBuilder) {}

  /** A child element with text: <cbc:ID schemeID="…">text</cbc:ID>. */
  text(name: string, text: string, attributes: Attributes = {}): this {
    this.node.ele(namespaceOf(name), name, attributes).txt(text);
    return this;
  }

  /** A child element with children, built by `build`. */
  group(name: string, build: (element: Element) => void, attributes: Attributes = {}): this {
    build(new Element(this.node.ele(namespaceOf(name), name, attributes)));
    return this;
  }

  /** An amount in DKK: <cbc:TaxAmount currencyID="DKK">1262.50</cbc:TaxAmount>. */
  amount(name: string, amount: string, currency: string): this {
    return this.text(name, amount, { currencyID: currency });
  }
}

function namespaceOf(name: string): string {
  const prefix = name.slice(0, name.indexOf(':'));
  if (prefix !== 'cac' && prefix !== 'cbc') throw new RangeError(`not a UBL element name: ${name}`);
  return NAMESPACES[prefix];
}

/** A UBL document (Invoice or CreditNote) built by `build`, as UTF-8 XML text with a final newline. */
export function ublDocument(root: 'Invoice' | 'CreditNote', build: (document: Element) => void): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' }).ele(NAMESPACES[root], root, {
    'xmlns:cac': NAMESPACES.cac,
    'xmlns:cbc': NAMESPACES.cbc,
  });
  build(new Element(document));
  return `${document.end({ prettyPrint: true, indent: '  ' })}\n`;
}

// The parts both formats write alike.

/** The seller's contact: telephone (if any) and e-mail. */
export function sellerContact(contact: Element, seller: Seller): void {
  if (seller.phone) contact.text('cbc:Telephone', seller.phone);
  contact.text('cbc:ElectronicMail', seller.email);
}

/** The period billed: cac:InvoicePeriod. */
export function invoicePeriod(document: Element, e: EInvoice): void {
  document.group('cac:InvoicePeriod', (period) => period.text('cbc:StartDate', e.period.from).text('cbc:EndDate', e.period.to));
}

/**
 * The invoice a document refers to: a credit note's credited invoice, a replacement's replaced invoice
 * (cac:BillingReference, Peppol BT-25/BT-26), with its issue date where it is known.
 */
export function billingReference(document: Element, e: EInvoice): void {
  const referred = e.credits ?? e.replaces;
  if (!referred) return;
  document.group('cac:BillingReference', (reference) =>
    reference.group('cac:InvoiceDocumentReference', (invoice) => {
      invoice.text('cbc:ID', referred.number);
      if (referred.issueDate) invoice.text('cbc:IssueDate', referred.issueDate);
    }),
  );
}

/** The buyer's account string (kontostreng), where it has one: cbc:AccountingCost (Peppol BT-19). */
export function accountingCost(document: Element, e: EInvoice): void {
  if (e.buyer.kontostreng) document.text('cbc:AccountingCost', e.buyer.kontostreng);
}

/** The totals: the line, `taxExclusive` (the formats disagree on what it holds), with VAT, and to pay. */
export function monetaryTotal(document: Element, e: EInvoice, taxExclusive: string): void {
  document.group('cac:LegalMonetaryTotal', (total) =>
    total
      .amount('cbc:LineExtensionAmount', e.netAmount, e.currency)
      .amount('cbc:TaxExclusiveAmount', taxExclusive, e.currency)
      .amount('cbc:TaxInclusiveAmount', e.grossAmount, e.currency)
      .amount('cbc:PayableAmount', e.grossAmount, e.currency),
  );
}

/**
 * The lines (one, or one per price: billing rules §11), numbered from 1, each with its item built by `item` after
 * its name, and `more` (a tax total) before the item.
 */
export function documentLines(document: Element, e: EInvoice, more: (line: Element, l: EInvoiceLine) => void, item: (item: Element, l: EInvoiceLine) => void): void {
  const invoice = e.kind === 'invoice';
  e.lines.forEach((l, i) =>
    document.group(invoice ? 'cac:InvoiceLine' : 'cac:CreditNoteLine', (line) => {
      line
        .text('cbc:ID', String(i + 1))
        .text(invoice ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity', '1', { unitCode: 'EA' })
        .amount('cbc:LineExtensionAmount', l.netAmount, e.currency);
      more(line, l);
      line
        .group('cac:Item', (element) => {
          element
            .text('cbc:Description', l.description)
            .text('cbc:Name', l.name)
            .group('cac:SellersItemIdentification', (id) => id.text('cbc:ID', 'FLIS'));
          item(element, l);
        })
        .group('cac:Price', (price) => price.amount('cbc:PriceAmount', l.netAmount, e.currency).text('cbc:BaseQuantity', '1', { unitCode: 'EA' }));
    }),
  );
}
