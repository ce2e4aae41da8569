// OIOUBL 2.1 (UBL 2.1, profile Procurement-BilSim-1.0): the Danish public sector's e-invoice, delivered over
// NemHandel to the buyer's EAN. One Invoice or CreditNote per e-invoice, one line (or one per price, billing rules §11). Pure: model in, XML text out.
//
// Where OIOUBL differs from plain UBL, as its schematron checks:
// - the buyer's Contact/ID is required: the municipality's reference (personreference) goes there;
// - LegalMonetaryTotal/TaxExclusiveAmount holds the total VAT, not the amount without VAT;
// - identifiers carry OIOUBL's scheme names: DK:CVR, DK:SE, GLN; VAT is TaxScheme 63 ("Moms"), StandardRated;
// - a Danish account is paid with PaymentMeansCode 42 over DK:BANK (reg. no. + account no.), an IBAN with
//   PaymentMeansCode 31 over IBAN with the BIC.

import { CUSTOMIZATION_IDS } from '../documents/einvoice-formats.js';
import type { Seller } from '../documents/parties.js';
import type { EInvoice, TaxSubtotal } from './einvoice.js';
import { type Element, accountingCost, billingReference, documentLines, invoicePeriod, monetaryTotal, sellerContact, ublDocument } from './ubl.js';

const PROFILE = 'Procurement-BilSim-1.0';
const AGENCY = { schemeAgencyID: '320' };
const TAX_SCHEME = { ...AGENCY, schemeID: 'urn:oioubl:id:taxschemeid-1.1' };
const TAX_CATEGORY = { ...AGENCY, schemeID: 'urn:oioubl:id:taxcategoryid-1.1' };
const CHANNEL = { listAgencyID: '320', listID: 'urn:oioubl:codelist:paymentchannelcode-1.1' };

const dkCvr = (seller: Seller) => `DK${seller.cvr}`;

function taxCategory(element: Element, percent: string): void {
  element.group('cac:TaxCategory', (category) =>
    category
      .text('cbc:ID', 'StandardRated', TAX_CATEGORY)
      .text('cbc:Percent', percent)
      .group('cac:TaxScheme', (scheme) => scheme.text('cbc:ID', '63', TAX_SCHEME).text('cbc:Name', 'Moms')),
  );
}

/** A tax total: the VAT, and a subtotal per rate (the document's, or a line's one). */
function taxTotal(element: Element, vat: string, subtotals: readonly TaxSubtotal[], currency: string): void {
  element.group('cac:TaxTotal', (total) => {
    total.amount('cbc:TaxAmount', vat, currency);
    for (const subtotal of subtotals) {
      total.group('cac:TaxSubtotal', (sub) => {
        sub.amount('cbc:TaxableAmount', subtotal.taxableAmount, currency).amount('cbc:TaxAmount', subtotal.taxAmount, currency);
        taxCategory(sub, subtotal.percent);
      });
    }
  });
}

/** A Danish address, structured (StructuredDK): street, building number, city, postal code, country. */
function postalAddress(element: Element, address: { street: string; buildingNumber: string; postalCode: string; city: string; country: string }): void {
  element.group('cac:PostalAddress', (postal) =>
    postal
      .text('cbc:AddressFormatCode', 'StructuredDK', { listAgencyID: '320', listID: 'urn:oioubl:codelist:addressformatcode-1.1' })
      .text('cbc:StreetName', address.street)
      .text('cbc:BuildingNumber', address.buildingNumber)
      .text('cbc:CityName', address.city)
      .text('cbc:PostalZone', address.postalCode)
      .group('cac:Country', (country) => country.text('cbc:IdentificationCode', address.country)),
  );
}

function supplierParty(element: Element, seller: Seller): void {
  element.group('cac:AccountingSupplierParty', (supplier) =>
    supplier.group('cac:Party', (party) => {
      if (seller.gln) party.text('cbc:EndpointID', seller.gln, { schemeAgencyID: '9', schemeID: 'GLN' });
      else party.text('cbc:EndpointID', dkCvr(seller), { schemeID: 'DK:CVR' });
      party
        .group('cac:PartyIdentification', (id) => id.text('cbc:ID', dkCvr(seller), { schemeID: 'DK:CVR' }))
        .group('cac:PartyName', (name) => name.text('cbc:Name', seller.name));
      postalAddress(party, seller.address);
      party
        .group('cac:PartyTaxScheme', (tax) =>
          tax
            .text('cbc:CompanyID', seller.vatNumber, { schemeID: 'DK:SE' })
            .group('cac:TaxScheme', (scheme) => scheme.text('cbc:ID', '63', TAX_SCHEME).text('cbc:Name', 'Moms')),
        )
        .group('cac:PartyLegalEntity', (legal) => legal.text('cbc:RegistrationName', seller.name).text('cbc:CompanyID', dkCvr(seller), { schemeID: 'DK:CVR' }))
        .group('cac:Contact', (contact) => sellerContact(contact, seller));
    }),
  );
}

/**
 * The municipality: its EAN, its legal name, its postal address and CVR number (where its document records
 * them), and its reference as the contact's ID.
 */
function customerParty(element: Element, e: EInvoice): void {
  const buyer = e.buyer;
  element.group('cac:AccountingCustomerParty', (customer) =>
    customer.group('cac:Party', (party) => {
      party
        .text('cbc:EndpointID', buyer.ean, { schemeAgencyID: '9', schemeID: 'GLN' })
        .group('cac:PartyIdentification', (id) => id.text('cbc:ID', buyer.ean, { schemeAgencyID: '9', schemeID: 'GLN' }))
        .group('cac:PartyName', (name) => name.text('cbc:Name', buyer.name));
      if (buyer.address) postalAddress(party, { ...buyer.address, country: 'DK' });
      if (buyer.cvr) party.group('cac:PartyLegalEntity', (legal) => legal.text('cbc:RegistrationName', buyer.name).text('cbc:CompanyID', `DK${buyer.cvr}`, { schemeID: 'DK:CVR' }));
      party.group('cac:Contact', (contact) => contact.text('cbc:ID', buyer.reference));
    }),
  );
}

/** One PaymentMeans per way to pay: a Danish account (42, DK:BANK) and/or an IBAN (31, IBAN with BIC). */
function paymentMeans(element: Element, e: EInvoice): void {
  const bank = e.seller.bank;
  const ways: { code: string; channel: string; account: string; branch: (branch: Element) => void }[] = [];
  if (bank.regNo && bank.accountNo) ways.push({ code: '42', channel: 'DK:BANK', account: bank.accountNo, branch: (b) => b.text('cbc:ID', bank.regNo!) });
  if (bank.iban && bank.bic) {
    ways.push({ code: '31', channel: 'IBAN', account: bank.iban, branch: (b) => b.group('cac:FinancialInstitution', (institution) => institution.text('cbc:ID', bank.bic!)) });
  }
  ways.forEach((way, i) =>
    element.group('cac:PaymentMeans', (means) =>
      means
        .text('cbc:ID', String(i + 1))
        .text('cbc:PaymentMeansCode', way.code)
        .text('cbc:PaymentDueDate', e.dueDate!)
        .text('cbc:PaymentChannelCode', way.channel, CHANNEL)
        .group('cac:PayeeFinancialAccount', (account) => account.text('cbc:ID', way.account).group('cac:FinancialInstitutionBranch', way.branch)),
    ),
  );
}

/** The e-invoice as OIOUBL 2.1 XML: an Invoice, or a CreditNote referring to the invoice it credits. */
export function oioublXml(e: EInvoice): string {
  const invoice = e.kind === 'invoice';
  return ublDocument(invoice ? 'Invoice' : 'CreditNote', (doc) => {
    doc
      .text('cbc:UBLVersionID', '2.1')
      .text('cbc:CustomizationID', CUSTOMIZATION_IDS.oioubl)
      .text('cbc:ProfileID', PROFILE, { schemeAgencyID: '320', schemeID: 'urn:oioubl:id:profileid-1.6' })
      .text('cbc:ID', e.number)
      .text('cbc:CopyIndicator', 'false')
      .text('cbc:UUID', e.uuid)
      .text('cbc:IssueDate', e.issueDate);
    if (invoice) doc.text('cbc:InvoiceTypeCode', '380', { listAgencyID: '320', listID: 'urn:oioubl:codelist:invoicetypecode-1.1' });
    if (e.note) doc.text('cbc:Note', e.note);
    doc.text('cbc:DocumentCurrencyCode', e.currency);
    accountingCost(doc, e);
    invoicePeriod(doc, e);
    billingReference(doc, e);
    supplierParty(doc, e.seller);
    customerParty(doc, e);
    if (invoice) {
      paymentMeans(doc, e);
      doc.group('cac:PaymentTerms', (terms) => terms.text('cbc:Note', e.paymentTerms!).amount('cbc:Amount', e.grossAmount, e.currency));
    }
    taxTotal(doc, e.vatAmount, e.taxSubtotals, e.currency);
    // OIOUBL's TaxExclusiveAmount is the total VAT (F-INV127), not the amount without it.
    monetaryTotal(doc, e, e.vatAmount);
    documentLines(
      doc,
      e,
      (line, l) => taxTotal(line, l.vatAmount, [{ percent: l.vatPercent, taxableAmount: l.netAmount, taxAmount: l.vatAmount }], e.currency),
      () => undefined,
    );
  });
}
