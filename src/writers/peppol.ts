// Peppol BIS Billing 3.0 (EN 16931, UBL 2.1 syntax): the European e-invoice, which NemHandel accepts besides
// OIOUBL. Written from the same model as OIOUBL (einvoice.ts). Pure: model in, XML text out.
//
// Where it differs from OIOUBL:
// - the municipality's reference goes in BuyerReference (BT-10), which Peppol requires (or an order reference);
// - parties are identified by ICD scheme numbers: 0088 for a GLN, 0184 for a CVR number; VAT is category S,
//   scheme VAT; TaxExclusiveAmount is the amount without VAT; there is one document-level note at most, and
//   no tax total on the line (the line's VAT category is on its item);
// - the buyer's name and country are required (BT-44, BT-55): the municipality's legal name (DST's name in
//   documents issued before flis recorded it), DK, with its address and CVR number where its document has them;
// - a Danish account is paid with PaymentMeansCode 42 (account no. with reg. no. as branch, DK-R-006), an IBAN
//   alone with 58 (SEPA credit transfer) and the BIC as branch.

import { CUSTOMIZATION_IDS } from '../documents/einvoice-formats.js';
import type { Seller } from '../documents/parties.js';
import type { EInvoice } from './einvoice.js';
import { type Element, accountingCost, billingReference, documentLines, invoicePeriod, monetaryTotal, sellerContact, ublDocument } from './ubl.js';

const CUSTOMIZATION = CUSTOMIZATION_IDS.peppol;
const PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
const GLN = { schemeID: '0088' };
const CVR = { schemeID: '0184' };

function vatScheme(element: Element): void {
  element.group('cac:TaxScheme', (scheme) => scheme.text('cbc:ID', 'VAT'));
}

function supplierParty(element: Element, seller: Seller): void {
  element.group('cac:AccountingSupplierParty', (supplier) =>
    supplier.group('cac:Party', (party) => {
      if (seller.gln) party.text('cbc:EndpointID', seller.gln, GLN);
      else party.text('cbc:EndpointID', seller.cvr, CVR);
      party
        .group('cac:PartyIdentification', (id) => id.text('cbc:ID', seller.cvr, CVR))
        .group('cac:PartyName', (name) => name.text('cbc:Name', seller.name))
        .group('cac:PostalAddress', (address) =>
          address
            .text('cbc:StreetName', `${seller.address.street} ${seller.address.buildingNumber}`)
            .text('cbc:CityName', seller.address.city)
            .text('cbc:PostalZone', seller.address.postalCode)
            .group('cac:Country', (country) => country.text('cbc:IdentificationCode', seller.address.country)),
        )
        .group('cac:PartyTaxScheme', (tax) => {
          tax.text('cbc:CompanyID', seller.vatNumber);
          vatScheme(tax);
        })
        .group('cac:PartyLegalEntity', (legal) => legal.text('cbc:RegistrationName', seller.name).text('cbc:CompanyID', seller.cvr, CVR))
        .group('cac:Contact', (contact) => sellerContact(contact, seller));
    }),
  );
}

/**
 * The municipality: its EAN, its legal name, its postal address (BG-8; the street line holds the building
 * number, as the seller's does) and CVR number (BT-47) where its document records them.
 */
function customerParty(element: Element, e: EInvoice): void {
  const buyer = e.buyer;
  element.group('cac:AccountingCustomerParty', (customer) =>
    customer.group('cac:Party', (party) =>
      party
        .text('cbc:EndpointID', buyer.ean, GLN)
        .group('cac:PartyIdentification', (id) => id.text('cbc:ID', buyer.ean, GLN))
        .group('cac:PartyName', (name) => name.text('cbc:Name', buyer.name))
        .group('cac:PostalAddress', (address) => {
          if (buyer.address) {
            address
              .text('cbc:StreetName', `${buyer.address.street} ${buyer.address.buildingNumber}`)
              .text('cbc:CityName', buyer.address.city)
              .text('cbc:PostalZone', buyer.address.postalCode);
          }
          address.group('cac:Country', (country) => country.text('cbc:IdentificationCode', 'DK'));
        })
        .group('cac:PartyLegalEntity', (legal) => {
          legal.text('cbc:RegistrationName', buyer.name);
          if (buyer.cvr) legal.text('cbc:CompanyID', buyer.cvr, CVR);
        }),
    ),
  );
}

/**
 * The ways to pay. UBL-SR-47 wants one payment means code per document: a Danish account is 42 (account no.,
 * reg. no. as branch, DK-R-006); an IBAN alone is 58 (SEPA credit transfer, BIC as branch); an IBAN beside a
 * Danish account goes under 42 as well, as the same kind of payment to a bank account.
 */
function paymentMeans(element: Element, e: EInvoice): void {
  const bank = e.seller.bank;
  const accounts: { id: string; branch: string }[] = [];
  if (bank.regNo && bank.accountNo) accounts.push({ id: bank.accountNo, branch: bank.regNo });
  if (bank.iban && bank.bic) accounts.push({ id: bank.iban, branch: bank.bic });
  const code = bank.regNo && bank.accountNo ? '42' : '58';
  for (const account of accounts) {
    element.group('cac:PaymentMeans', (means) =>
      means
        .text('cbc:PaymentMeansCode', code)
        .text('cbc:PaymentID', e.number)
        .group('cac:PayeeFinancialAccount', (payee) => payee.text('cbc:ID', account.id).group('cac:FinancialInstitutionBranch', (branch) => branch.text('cbc:ID', account.branch))),
    );
  }
}

function classifiedTaxCategory(element: Element, percent: string): void {
  element.group('cac:ClassifiedTaxCategory', (category) => {
    category.text('cbc:ID', 'S').text('cbc:Percent', percent);
    vatScheme(category);
  });
}

/** The e-invoice as Peppol BIS Billing 3.0 XML: an Invoice, or a CreditNote referring to the invoice it credits. */
export function peppolXml(e: EInvoice): string {
  const invoice = e.kind === 'invoice';
  return ublDocument(invoice ? 'Invoice' : 'CreditNote', (doc) => {
    doc.text('cbc:CustomizationID', CUSTOMIZATION).text('cbc:ProfileID', PROFILE).text('cbc:ID', e.number).text('cbc:IssueDate', e.issueDate);
    if (invoice) doc.text('cbc:DueDate', e.dueDate!).text('cbc:InvoiceTypeCode', '380');
    else doc.text('cbc:CreditNoteTypeCode', '381');
    if (e.note) doc.text('cbc:Note', e.note);
    doc
      .text('cbc:DocumentCurrencyCode', e.currency);
    accountingCost(doc, e);
    doc.text('cbc:BuyerReference', e.buyer.reference);
    invoicePeriod(doc, e);
    billingReference(doc, e);
    supplierParty(doc, e.seller);
    customerParty(doc, e);
    if (invoice) {
      paymentMeans(doc, e);
      doc.group('cac:PaymentTerms', (terms) => terms.text('cbc:Note', e.paymentTerms!));
    }
    doc.group('cac:TaxTotal', (total) => {
      total.amount('cbc:TaxAmount', e.vatAmount, e.currency);
      // A subtotal per VAT rate (BR-S-08): the lines' net at that rate and its VAT.
      for (const subtotal of e.taxSubtotals) {
        total.group('cac:TaxSubtotal', (sub) =>
          sub
            .amount('cbc:TaxableAmount', subtotal.taxableAmount, e.currency)
            .amount('cbc:TaxAmount', subtotal.taxAmount, e.currency)
            .group('cac:TaxCategory', (category) => {
              category.text('cbc:ID', 'S').text('cbc:Percent', subtotal.percent);
              vatScheme(category);
            }),
        );
      }
    });
    monetaryTotal(doc, e, e.netAmount);
    documentLines(
      doc,
      e,
      () => undefined, // no tax total on a Peppol line: its VAT category is on its item
      (item, l) => classifiedTaxCategory(item, l.vatPercent),
    );
  });
}
