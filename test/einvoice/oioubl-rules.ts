// OIOUBL 2.1's business rules that flis's documents depend on, checked by the project's own code. NemHandel
// publishes these rules only as XSLT stylesheets; the project does not carry those. Each rule below is named
// by the id NemHandel gives it (F-INV… for an Invoice, F-CRN… for a CreditNote, F-LIB… for both; W-… are
// warnings) and written here in our words and XPath. Where OIOUBL allows a rounding slack on amounts flis
// states to the øre, the rule here asks them to be equal. Code lists are cut to the codes a Danish sender
// such as flis may use; where that is so, the rule says it.
//
// Each rule carries a fault that breaks it (oioubl-rules.test.ts plants it in a document flis wrote).

import { type Binding } from './schematron.js';
import { type OwnRule, all, amount, append, attribute, drop, inside, offByØre, prepend, repeat, rule, sumOf, swap, text } from './own-rules.js';

const list = (codes: readonly string[]) => `(${codes.map((c) => `'${c}'`).join(', ')})`;

/** ISO 4217 currency codes and ISO 3166 country codes, as Node's ICU knows them. */
const CURRENCIES = Intl.supportedValuesOf('currency');
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const COUNTRIES = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))).filter((code) => REGIONS.of(code) !== undefined);

export const OIOUBL_LETS: readonly Binding[] = [
  { name: 'currencies', value: list(CURRENCIES) },
  { name: 'countries', value: list(COUNTRIES) },
];

const DOCUMENT = '/*';
const LINE = '/*/cac:InvoiceLine | /*/cac:CreditNoteLine';
const PARTIES = '/*/cac:AccountingSupplierParty/cac:Party | /*/cac:AccountingCustomerParty/cac:Party';
const SUPPLIER = '/*/cac:AccountingSupplierParty/cac:Party';
/** The parties' addresses and legal entities: the supplier's, and the municipality's (which flis names since it records them). */
const ADDRESSES = '/*/(cac:AccountingSupplierParty | cac:AccountingCustomerParty)/cac:Party/cac:PostalAddress';
const LEGAL_ENTITIES = '/*/(cac:AccountingSupplierParty | cac:AccountingCustomerParty)/cac:Party/cac:PartyLegalEntity';
const CUSTOMER = '/*/cac:AccountingCustomerParty/cac:Party';
const TOTAL = '/*/cac:LegalMonetaryTotal';
const TAX_TOTALS = '/*/cac:TaxTotal | /*/cac:InvoiceLine/cac:TaxTotal | /*/cac:CreditNoteLine/cac:TaxTotal';
const SUBTOTALS = '/*/cac:TaxTotal/cac:TaxSubtotal | /*/cac:InvoiceLine/cac:TaxTotal/cac:TaxSubtotal | /*/cac:CreditNoteLine/cac:TaxTotal/cac:TaxSubtotal';
const CATEGORIES = '//cac:TaxSubtotal/cac:TaxCategory';
const SCHEMES = '//cac:TaxCategory/cac:TaxScheme | //cac:PartyTaxScheme/cac:TaxScheme';
const MEANS = '/*/cac:PaymentMeans';

/** An amount written with two decimals. */
const twoDecimals = (path: string) => `not(${path}) or matches(${path}, '^-?[0-9]+\\.[0-9]{2}$')`;
const filled = (path: string) => `string-length(normalize-space(${path})) > 0`;

const PROFILES = [
  'Procurement-BilSim-1.0',
  'Procurement-BilSimR-1.0',
  'Procurement-PayBas-1.0',
  'Procurement-PayBasR-1.0',
  'Procurement-OrdSim-BilSim-1.0',
  'Procurement-OrdSimR-BilSim-1.0',
  'Procurement-OrdSim-BilSimR-1.0',
  'Procurement-OrdSimR-BilSimR-1.0',
  'Procurement-OrdAdv-BilSim-1.0',
  'Procurement-OrdAdv-BilSimR-1.0',
  'Procurement-OrdAdvR-BilSim-1.0',
  'Procurement-OrdAdvR-BilSimR-1.0',
  'Procurement-OrdSel-BilSim-1.0',
  'Procurement-OrdSel-BilSimR-1.0',
];
/** The profiles whose invoices answer an order, and so must name it. */
const ORDERED_PROFILES = ['Procurement-OrdSimR-BilSim-1.0', 'Procurement-OrdAdv-BilSim-1.0'];
const ENDPOINT_SCHEMES = ['GLN', 'DUNS', 'DK:P', 'DK:CVR', 'DK:CPR', 'DK:SE', 'DK:VANS', 'IBAN'];
const PARTY_SCHEMES = ['GLN', 'DUNS', 'DK:P', 'DK:CVR', 'DK:CPR', 'DK:SE', 'DK:TELEFON', 'ZZZ', 'IBAN', 'SEPA'];
const TAX_CATEGORIES = ['StandardRated', 'ZeroRated', 'ReverseCharge', 'Excise'];
const ADDRESS_FORMATS = ['StructuredDK', 'StructuredLax', 'StructuredID', 'StructuredRegion', 'Unstructured'];
const PAYMENT_MEANS = ['1', '10', '20', '31', '42', '48', '49', '50', '58', '59', '93', '97'];
const CHANNEL_LIST = 'urn:oioubl:codelist:paymentchannelcode-1.1';

const invoiceOnly = (id: string) => [id, null] as const;
const creditNoteOnly = (id: string) => [null, id] as const;

export const OIOUBL_RULES: readonly OwnRule[] = [
  // ---- The document: what it is, its identifiers, its currency and period --------------------------------
  rule({
    id: ['F-INV336', 'F-CRN204'],
    context: '/',
    test: "namespace-uri(*) = ('urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2')",
    says: 'The root is a UBL 2.1 Invoice or CreditNote in its own namespace.',
    fault: swap(/xsd:(Invoice|CreditNote)-2"/, (_, kind) => `xsd:${kind}-3"`),
  }),
  rule({ id: 'F-LIB001', context: DOCUMENT, test: "cbc:UBLVersionID = ('2.0', '2.1')", says: 'UBLVersionID is 2.0 or 2.1.', fault: text('cbc:UBLVersionID', '2.2') }),
  rule({
    id: 'F-LIB002',
    context: DOCUMENT,
    test: "cbc:CustomizationID = ('OIOUBL-2.01', 'OIOUBL-2.02', 'OIOUBL-2.1')",
    says: 'CustomizationID names OIOUBL 2.01, 2.02 or 2.1.',
    fault: text('cbc:CustomizationID', 'OIOUBL-2.0'),
  }),
  rule({
    id: 'W-LIB003',
    context: DOCUMENT,
    test: "matches(cbc:ProfileID/@schemeID, '^urn:oioubl:id:profileid-1\\.[1-6]$')",
    says: "ProfileID's scheme is one of OIOUBL's profile lists, urn:oioubl:id:profileid-1.1 to 1.6.",
    fault: attribute('cbc:ProfileID', 'schemeID', 'urn:oioubl:id:profileid-1.7'),
  }),
  rule({ id: 'W-LIB203', context: DOCUMENT, test: "cbc:ProfileID/@schemeAgencyID = '320'", says: "ProfileID's scheme agency is 320 (Denmark).", fault: attribute('cbc:ProfileID', 'schemeAgencyID', '9') }),
  rule({
    id: 'F-LIB351',
    context: DOCUMENT,
    test: `not(cbc:ProfileID/@schemeID = 'urn:oioubl:id:profileid-1.6') or cbc:ProfileID = ${list(PROFILES)}`,
    says: 'A ProfileID of list 1.6 is one of its billing profiles (the list cut to those).',
    fault: text('cbc:ProfileID', 'Procurement-BilSim-2.0'),
  }),
  rule({
    id: ['F-INV002', 'F-CRN002'],
    context: DOCUMENT,
    test: `not(cbc:ProfileID = ${list(ORDERED_PROFILES)}) or cac:OrderReference`,
    says: 'A document in a profile that answers an order refers to the order.',
    fault: text('cbc:ProfileID', 'Procurement-OrdAdv-BilSim-1.0'),
  }),
  rule({ id: ['F-INV009', 'F-CRN006'], context: DOCUMENT, test: filled('cbc:ID'), says: 'The document has a number (ID).', fault: swap(/<cbc:ID>FLIS-[^<]*<\/cbc:ID>/, '<cbc:ID> </cbc:ID>') }),
  rule({
    id: 'F-LIB006',
    context: '/*/cbc:UUID',
    test: 'string-length(.) = 36',
    says: 'The UUID has 36 characters (8-4-4-4-12 hexadecimal digits with hyphens).',
    fault: swap(/(<cbc:UUID>)[0-9a-f]/, '$1'),
  }),
  rule({
    id: invoiceOnly('W-INV010'),
    context: '/*/cbc:InvoiceTypeCode',
    test: "@listID = ('urn:oioubl:codelist:invoicetypecode-1.1', 'urn:oioubl:codelist:invoicetypecode-1.2')",
    says: "InvoiceTypeCode's list is OIOUBL's invoice type code list 1.1 or 1.2.",
    fault: attribute('cbc:InvoiceTypeCode', 'listID', 'urn:oioubl:codelist:invoicetypecode-1.3'),
  }),
  rule({ id: invoiceOnly('W-INV005'), context: '/*/cbc:InvoiceTypeCode', test: "@listAgencyID = '320'", says: "InvoiceTypeCode's list agency is 320.", fault: attribute('cbc:InvoiceTypeCode', 'listAgencyID', '6') }),
  rule({
    id: invoiceOnly('F-INV011'),
    context: '/*/cbc:InvoiceTypeCode',
    test: "not(@listID = 'urn:oioubl:codelist:invoicetypecode-1.1') or . = ('325', '380', '393')",
    says: 'An invoice type from list 1.1 is 325 (pro forma), 380 (invoice) or 393 (factored invoice).',
    fault: text('cbc:InvoiceTypeCode', '381'),
  }),
  rule({
    id: 'F-LIB021',
    context: DOCUMENT,
    test: 'not(cbc:AccountingCost and cbc:AccountingCostCode)',
    says: "The buyer's account string is given once: as AccountingCost or as AccountingCostCode, not both.",
    fault: swap(/(<cbc:AccountingCost>)/, '<cbc:AccountingCostCode>X</cbc:AccountingCostCode>$1'),
  }),
  rule({ id: ['F-INV007', 'F-CRN004'], context: DOCUMENT, test: filled('cbc:DocumentCurrencyCode'), says: 'The document states its currency.', fault: text('cbc:DocumentCurrencyCode', '') }),
  rule({
    id: 'F-LIB298',
    context: '/*/cbc:DocumentCurrencyCode',
    test: '. = $currencies',
    says: 'The document currency is an ISO 4217 code.',
    fault: text('cbc:DocumentCurrencyCode', 'DKR'),
  }),
  rule({
    id: 'F-LIB403',
    context: '//*[@currencyID]',
    test: "not(ends-with(local-name(), 'Amount')) or @currencyID = $currencies",
    says: "Every amount's currency is an ISO 4217 code.",
    fault: inside('cac:TaxTotal', attribute('cbc:TaxAmount', 'currencyID', 'KR')),
  }),
  rule({
    id: ['F-INV012', 'F-CRN007'],
    context: '/*/cbc:DocumentCurrencyCode',
    test: 'every $amount in ../(cac:InvoiceLine | cac:CreditNoteLine)/cbc:LineExtensionAmount satisfies $amount/@currencyID = .',
    says: "Every line's amount is in the document currency.",
    fault: swap(/(<cac:(?:Invoice|CreditNote)Line>[\s\S]*?<cbc:LineExtensionAmount currencyID=")DKK/, '$1EUR'),
  }),
  rule({
    id: ['F-INV013', 'F-CRN008'],
    context: '/*/cbc:DocumentCurrencyCode',
    test: 'every $amount in ../cac:LegalMonetaryTotal/cbc:LineExtensionAmount satisfies $amount/@currencyID = .',
    says: 'The total of the lines is in the document currency.',
    fault: inside('cac:LegalMonetaryTotal', attribute('cbc:LineExtensionAmount', 'currencyID', 'EUR')),
  }),
  rule({
    id: ['F-INV014', 'F-CRN009'],
    context: '/*/cbc:DocumentCurrencyCode',
    test: 'every $amount in ../cac:LegalMonetaryTotal/cbc:PayableAmount satisfies $amount/@currencyID = .',
    says: 'The amount to pay is in the document currency.',
    fault: attribute('cbc:PayableAmount', 'currencyID', 'EUR'),
  }),
  rule({ id: ['F-INV008', 'F-CRN005'], context: DOCUMENT, test: 'exists(cac:TaxTotal)', says: 'The document has a TaxTotal.', fault: drop('cac:TaxTotal') }),
  rule({ id: ['F-INV004', 'F-CRN159'], context: DOCUMENT, test: 'count(cac:InvoicePeriod) le 1', says: 'The document has at most one InvoicePeriod.', fault: repeat('cac:InvoicePeriod') }),
  rule({
    id: 'F-LIB080',
    context: '/*/cac:InvoicePeriod',
    test: 'if (cbc:StartDate castable as xs:date and cbc:EndDate castable as xs:date) then xs:date(cbc:EndDate) ge xs:date(cbc:StartDate) else not(cbc:StartDate and cbc:EndDate)',
    says: 'An invoice period does not end before it starts.',
    fault: inside('cac:InvoicePeriod', text('cbc:EndDate', '2023-12-31')),
  }),

  // ---- The parties: endpoints, identifiers, legal entity, VAT registration, address, contact --------------
  rule({ id: ['F-INV030', 'F-CRN027'], context: '/*/cac:AccountingSupplierParty', test: 'count(cac:Party) = 1', says: 'The supplier is one Party.', fault: inside('cac:AccountingSupplierParty', repeat('cac:Party')) }),
  rule({ id: ['F-INV043', 'F-CRN039'], context: '/*/cac:AccountingCustomerParty', test: 'count(cac:Party) = 1', says: 'The customer is one Party.', fault: inside('cac:AccountingCustomerParty', repeat('cac:Party')) }),
  rule({
    id: ['F-INV031', 'F-CRN028'],
    context: SUPPLIER,
    test: filled('cbc:EndpointID'),
    says: "The supplier has an endpoint (the address NemHandel delivers the supplier's answers to).",
    fault: inside('cac:AccountingSupplierParty', text('cbc:EndpointID', '')),
  }),
  rule({
    id: ['F-INV044', 'F-CRN040'],
    context: CUSTOMER,
    test: filled('cbc:EndpointID'),
    says: "The customer has an endpoint: the EAN NemHandel delivers the document to.",
    fault: inside('cac:AccountingCustomerParty', drop('cbc:EndpointID')),
  }),
  rule({
    id: 'F-LIB179',
    context: PARTIES,
    test: `not(cbc:EndpointID) or cbc:EndpointID/@schemeID = ${list(ENDPOINT_SCHEMES)}`,
    says: "An endpoint's scheme is one of OIOUBL's endpoint schemes (cut to the Danish and international ones).",
    fault: inside('cac:AccountingCustomerParty', attribute('cbc:EndpointID', 'schemeID', 'EAN13')),
  }),
  rule({
    id: 'F-LIB181',
    context: PARTIES,
    test: "not(cbc:EndpointID/@schemeID = 'GLN') or matches(cbc:EndpointID, '^[0-9]{13}$')",
    says: 'A GLN endpoint has 13 digits.',
    fault: inside('cac:AccountingCustomerParty', swap(/(<cbc:EndpointID[^>]*>)[0-9]/, '$1')),
  }),
  rule({
    id: 'F-LIB180',
    context: PARTIES,
    test: "not(cbc:EndpointID/@schemeID = 'DK:CVR') or matches(cbc:EndpointID, '^DK[0-9]{8}$')",
    says: 'A CVR endpoint is DK and 8 digits.',
    fault: inside('cac:AccountingSupplierParty', swap(/<cbc:EndpointID[^>]*>[^<]*</, '<cbc:EndpointID schemeID="DK:CVR">19435075<')),
  }),
  rule({
    id: 'F-LIB022',
    context: PARTIES,
    test: `${filled('cac:PartyIdentification/cbc:ID')} or ${filled('cac:PartyName/cbc:Name')}`,
    says: 'A party is identified or named.',
    fault: inside('cac:AccountingCustomerParty', all(drop('cac:PartyIdentification'), drop('cac:PartyName'))),
  }),
  rule({
    id: 'F-LIB183',
    context: '/*/(cac:AccountingSupplierParty | cac:AccountingCustomerParty)/cac:Party/cac:PartyIdentification',
    test: `cbc:ID/@schemeID = ${list(PARTY_SCHEMES)}`,
    says: "A party identifier's scheme is one of OIOUBL's (cut to the Danish and international ones).",
    fault: inside('cac:AccountingCustomerParty', attribute('cbc:ID', 'schemeID', 'EAN')),
  }),
  rule({
    id: 'F-LIB184',
    context: '/*/(cac:AccountingSupplierParty | cac:AccountingCustomerParty)/cac:Party/cac:PartyIdentification',
    test: "not(cbc:ID/@schemeID = 'DK:CVR') or matches(cbc:ID, '^DK[0-9]{8}$')",
    says: 'A CVR party identifier is DK and 8 digits.',
    fault: inside('cac:AccountingSupplierParty', inside('cac:PartyIdentification', text('cbc:ID', '19435075'))),
  }),
  rule({
    id: 'F-LIB185',
    context: '/*/(cac:AccountingSupplierParty | cac:AccountingCustomerParty)/cac:Party/cac:PartyIdentification',
    test: "not(cbc:ID/@schemeID = 'GLN') or matches(cbc:ID, '^[0-9]{13}$')",
    says: 'A GLN party identifier has 13 digits.',
    fault: inside('cac:AccountingCustomerParty', inside('cac:PartyIdentification', swap(/(<cbc:ID[^>]*>)[0-9]/, '$1'))),
  }),
  rule({
    id: ['F-INV034', 'F-CRN031'],
    context: SUPPLIER,
    test: 'count(cac:PartyLegalEntity) = 1',
    says: 'The supplier has one legal entity.',
    fault: inside('cac:AccountingSupplierParty', drop('cac:PartyLegalEntity')),
  }),
  rule({
    id: ['F-INV045', 'F-CRN164'],
    context: CUSTOMER,
    test: 'count(cac:PartyLegalEntity) le 1',
    says: 'The customer has at most one legal entity.',
    fault: inside('cac:AccountingCustomerParty', append('cac:Party', '<cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName></cac:PartyLegalEntity><cac:PartyLegalEntity><cbc:RegistrationName>B</cbc:RegistrationName></cac:PartyLegalEntity>')),
  }),
  rule({
    id: 'F-LIB187',
    context: LEGAL_ENTITIES,
    test: filled('cbc:CompanyID'),
    says: "A party's legal entity (the supplier's, and the municipality's) has its company number.",
    fault: inside('cac:AccountingCustomerParty', inside('cac:PartyLegalEntity', text('cbc:CompanyID', ''))),
  }),
  rule({
    id: 'F-LIB189',
    context: LEGAL_ENTITIES,
    test: "cbc:CompanyID/@schemeID = ('DK:CVR', 'DK:CPR', 'ZZZ')",
    says: "The legal entity's company number is a CVR or CPR number (or ZZZ).",
    fault: inside('cac:PartyLegalEntity', attribute('cbc:CompanyID', 'schemeID', 'DK:SE')),
  }),
  rule({
    id: 'F-LIB190',
    context: LEGAL_ENTITIES,
    test: "not(cbc:CompanyID/@schemeID = 'DK:CVR') or matches(normalize-space(cbc:CompanyID), '^DK[0-9]{8}$')",
    says: "A CVR company number is DK and 8 digits.",
    fault: inside('cac:AccountingCustomerParty', inside('cac:PartyLegalEntity', text('cbc:CompanyID', '35209115'))),
  }),
  rule({
    id: 'F-LIB193',
    context: '/*/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme',
    test: filled('cbc:CompanyID'),
    says: "The supplier's VAT registration has its number.",
    fault: inside('cac:PartyTaxScheme', text('cbc:CompanyID', '')),
  }),
  rule({
    id: 'F-LIB195',
    context: '/*/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme',
    test: "cbc:CompanyID/@schemeID = ('DK:SE', 'ZZZ')",
    says: 'The VAT registration number is an SE number (or ZZZ).',
    fault: inside('cac:PartyTaxScheme', attribute('cbc:CompanyID', 'schemeID', 'DK:CVR')),
  }),
  rule({
    id: 'F-LIB196',
    context: '/*/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme',
    test: "not(cbc:CompanyID/@schemeID = 'DK:SE') or matches(normalize-space(cbc:CompanyID), '^DK[0-9]{8}$')",
    says: 'An SE number is DK and 8 digits.',
    fault: inside('cac:PartyTaxScheme', text('cbc:CompanyID', '19435075')),
  }),
  rule({
    id: 'F-LIB025',
    context: ADDRESSES,
    test: filled('cbc:AddressFormatCode'),
    says: "A party's address says its format.",
    fault: text('cbc:AddressFormatCode', ''),
  }),
  rule({
    id: 'F-LIB026',
    context: ADDRESSES,
    test: "cbc:AddressFormatCode/@listID = ('urn:oioubl:codelist:addressformatcode-1.1', 'UN/ECE 3477')",
    says: "The address format is from OIOUBL's list or UN/ECE 3477.",
    fault: attribute('cbc:AddressFormatCode', 'listID', 'urn:oioubl:codelist:addressformatcode-1.2'),
  }),
  rule({
    id: 'F-LIB207',
    context: ADDRESSES,
    test: "not(cbc:AddressFormatCode/@listID = 'urn:oioubl:codelist:addressformatcode-1.1') or cbc:AddressFormatCode/@listAgencyID = '320'",
    says: "OIOUBL's address format list has agency 320.",
    fault: attribute('cbc:AddressFormatCode', 'listAgencyID', '6'),
  }),
  rule({
    id: 'F-LIB027',
    context: ADDRESSES,
    test: `not(cbc:AddressFormatCode/@listID = 'urn:oioubl:codelist:addressformatcode-1.1') or normalize-space(cbc:AddressFormatCode) = ${list(ADDRESS_FORMATS)}`,
    says: "The address format is one of OIOUBL's: StructuredDK, StructuredLax, StructuredID, StructuredRegion, Unstructured.",
    fault: text('cbc:AddressFormatCode', 'Structured'),
  }),
  rule({
    id: 'F-LIB033',
    context: ADDRESSES,
    test: `not(cbc:AddressFormatCode = 'StructuredDK') or ${filled('cbc:PostalZone')}`,
    says: 'A Danish structured address has a postal code.',
    fault: inside('cac:AccountingCustomerParty', inside('cac:PostalAddress', drop('cbc:PostalZone'))),
  }),
  rule({
    id: 'F-LIB034',
    context: ADDRESSES,
    test: `not(cbc:AddressFormatCode = 'StructuredDK') or ${filled('cbc:StreetName')} or ${filled('cbc:Postbox')}`,
    says: 'A Danish structured address has a street (or a post box).',
    fault: inside('cac:AccountingCustomerParty', inside('cac:PostalAddress', drop('cbc:StreetName'))),
  }),
  rule({
    id: 'F-LIB035',
    context: ADDRESSES,
    test: `not(cbc:AddressFormatCode = 'StructuredDK') or ${filled('cbc:BuildingNumber')} or ${filled('cbc:Postbox')}`,
    says: 'A Danish structured address has a building number (or a post box).',
    fault: inside('cac:AccountingCustomerParty', inside('cac:PostalAddress', drop('cbc:BuildingNumber'))),
  }),
  rule({
    id: 'F-LIB032',
    context: ADDRESSES,
    test: "not(cbc:AddressFormatCode = 'StructuredDK' and cac:AddressLine)",
    says: 'A Danish structured address has no free address lines.',
    fault: append('cac:PostalAddress', '<cac:AddressLine><cbc:Line>c/o Økonomi</cbc:Line></cac:AddressLine>'),
  }),
  rule({
    id: 'F-LIB301',
    context: ADDRESSES,
    test: 'not(cac:Country/cbc:IdentificationCode) or cac:Country/cbc:IdentificationCode = $countries',
    says: 'The country is an ISO 3166 code.',
    fault: inside('cac:PostalAddress', text('cbc:IdentificationCode', 'DNK')),
  }),
  rule({
    id: ['F-INV046', 'F-CRN042'],
    context: CUSTOMER,
    test: 'count(cac:Contact) = 1',
    says: 'The customer has one Contact.',
    fault: inside('cac:AccountingCustomerParty', drop('cac:Contact')),
  }),
  rule({
    id: ['F-INV051', 'F-CRN047'],
    context: '/*/cac:AccountingCustomerParty/cac:Party/cac:Contact',
    test: filled('cbc:ID'),
    says: "The customer's contact has an ID: the buyer's reference (personreference), which Danish public buyers route invoices by.",
    fault: inside('cac:AccountingCustomerParty', inside('cac:Contact', text('cbc:ID', ' '))),
  }),
  rule({
    id: 'F-LIB235',
    context: '/*/(cac:AccountingSupplierParty | cac:AccountingCustomerParty)/cac:Party/cac:Contact',
    test: `some $field in (cbc:ID, cbc:Name, cbc:Telephone, cbc:Telefax, cbc:ElectronicMail, cbc:Note) satisfies ${filled('$field')} or cac:OtherCommunication`,
    says: 'A contact says something: an ID, a name, a telephone or fax number, an e-mail or a note.',
    fault: inside('cac:AccountingSupplierParty', inside('cac:Contact', all(text('cbc:Telephone', ''), text('cbc:ElectronicMail', '')))),
  }),

  // ---- Tax: totals, subtotals, categories, schemes -------------------------------------------------------
  rule({
    id: 'F-LIB306',
    context: TAX_TOTALS,
    test: "count(../cac:TaxTotal[cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:ID = ('63', 'VAT')]) = 1",
    says: 'Exactly one TaxTotal (of the document, and of each line) is for VAT (Moms, tax scheme 63).',
    fault: repeat('cac:TaxTotal'),
  }),
  rule({ id: 'F-LIB250', context: TAX_TOTALS, test: twoDecimals('cbc:TaxAmount'), says: 'A tax total is written with two decimals.', fault: inside('cac:TaxTotal', swap(/(<cbc:TaxAmount[^>]*>[0-9]+\.[0-9])[0-9]/, '$1')) }),
  rule({
    id: 'F-LIB385',
    context: TAX_TOTALS,
    test: `not(cac:TaxSubtotal) or ${amount('cbc:TaxAmount')} = ${sumOf('cac:TaxSubtotal/cbc:TaxAmount')}`,
    says: 'A tax total is the sum of its subtotals.',
    fault: inside('cac:TaxTotal', offByØre('cbc:TaxAmount')),
  }),
  rule({ id: 'F-LIB259', context: SUBTOTALS, test: filled('cbc:TaxableAmount'), says: 'A tax subtotal states the amount it taxes.', fault: inside('cac:TaxSubtotal', text('cbc:TaxableAmount', '')) }),
  rule({ id: 'F-LIB261', context: SUBTOTALS, test: twoDecimals('cbc:TaxableAmount'), says: 'The taxed amount is written with two decimals.', fault: inside('cac:TaxSubtotal', swap(/(<cbc:TaxableAmount[^>]*>[0-9]+\.[0-9]{2})/, (_, amount) => `${amount}0`)) }),
  rule({ id: 'F-LIB263', context: SUBTOTALS, test: twoDecimals('cbc:TaxAmount'), says: 'The tax of a subtotal is written with two decimals.', fault: inside('cac:TaxSubtotal', swap(/(<cbc:TaxAmount[^>]*>[0-9]+)\.[0-9]{2}/, '$1')) }),
  rule({ id: 'F-LIB254', context: SUBTOTALS, test: 'not(cbc:Percent)', says: 'The rate is stated in the tax category, not in the subtotal.', fault: append('cac:TaxSubtotal', '<cbc:Percent>25</cbc:Percent>') }),
  rule({
    id: 'F-LIB402',
    context: '/*/cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/cbc:ID = (\'StandardRated\', \'ZeroRated\', \'ReverseCharge\')]',
    test: `let $category := cac:TaxCategory/cbc:ID, $scheme := cac:TaxCategory/cac:TaxScheme/cbc:ID, $currency := cbc:TaxableAmount/@currencyID,
      $same := function($c) { $c/cac:TaxCategory/cbc:ID = $category and $c/cac:TaxCategory/cac:TaxScheme/cbc:ID = $scheme },
      $lines := ../../(cac:InvoiceLine | cac:CreditNoteLine)/cac:TaxTotal/cac:TaxSubtotal[$same(.) and cbc:TaxableAmount/@currencyID = $currency],
      $charges := ../../cac:AllowanceCharge[$same(.) and cbc:Amount/@currencyID = $currency]
      return empty($lines) or abs(${amount('cbc:TaxableAmount')} - (${sumOf('$lines/cbc:TaxableAmount')}
        + ${sumOf("$charges[cbc:ChargeIndicator = 'true']/cbc:Amount")} - ${sumOf("$charges[cbc:ChargeIndicator = 'false']/cbc:Amount")})) le 1`,
    says: "The amount taxed in each VAT category is the lines' amounts in it, with its charges and less its allowances (OIOUBL allows 1 either way).",
    fault: inside('cac:TaxTotal', swap(/(<cbc:TaxableAmount[^>]*>)([0-9]+)/, (_, tag, krone) => `${tag}1${krone}`)),
  }),
  rule({ id: 'F-LIB074', context: CATEGORIES, test: filled('cbc:ID'), says: 'A tax category has an ID.', fault: inside('cac:TaxCategory', swap(/(<cbc:ID[^>]*>)[^<]*/, '$1')) }),
  rule({
    id: 'F-LIB075',
    context: CATEGORIES,
    test: "matches(cbc:ID/@schemeID, '^urn:oioubl:id:taxcategoryid-1\\.[1-4]$')",
    says: "A tax category is from one of OIOUBL's lists, urn:oioubl:id:taxcategoryid-1.1 to 1.4.",
    fault: inside('cac:TaxCategory', attribute('cbc:ID', 'schemeID', 'urn:oioubl:id:taxcategoryid-2.1')),
  }),
  rule({ id: 'W-LIB229', context: CATEGORIES, test: "cbc:ID/@schemeAgencyID = '320'", says: "The tax category list's agency is 320.", fault: inside('cac:TaxCategory', attribute('cbc:ID', 'schemeAgencyID', '6')) }),
  rule({
    id: 'F-LIB309',
    context: CATEGORIES,
    test: `not(cbc:ID/@schemeID = 'urn:oioubl:id:taxcategoryid-1.1') or cbc:ID = ${list(TAX_CATEGORIES)}`,
    says: 'A tax category of list 1.1 is StandardRated, ZeroRated, ReverseCharge or Excise (the list cut to the VAT categories and excise).',
    fault: inside('cac:TaxCategory', swap(/(<cbc:ID[^>]*>)StandardRated/, '$1Standard')),
  }),
  rule({
    id: 'F-LIB382',
    context: CATEGORIES,
    test: `not(cbc:ID = 'StandardRated') or ${amount('cbc:Percent')} gt 0`,
    says: 'The standard rate is a rate above 0.',
    fault: inside('cac:TaxCategory', text('cbc:Percent', '0')),
  }),
  rule({ id: 'F-LIB065', context: SCHEMES, test: filled('cbc:ID'), says: 'A tax scheme has an ID.', fault: inside('cac:TaxScheme', swap(/(<cbc:ID[^>]*>)[^<]*/, '$1')) }),
  rule({ id: 'F-LIB066', context: SCHEMES, test: filled('cbc:Name'), says: 'A tax scheme has a name.', fault: inside('cac:TaxScheme', drop('cbc:Name')) }),
  rule({
    id: 'F-LIB070',
    context: SCHEMES,
    test: "matches(cbc:ID/@schemeID, '^urn:oioubl:id:taxschemeid-1\\.[1245]$')",
    says: "A tax scheme is from one of OIOUBL's lists, urn:oioubl:id:taxschemeid-1.1, 1.2, 1.4 or 1.5.",
    fault: inside('cac:TaxScheme', attribute('cbc:ID', 'schemeID', 'urn:oioubl:id:taxschemeid-1.3')),
  }),
  rule({ id: 'F-LIB198', context: SCHEMES, test: "not(cbc:ID = '63') or cbc:Name = 'Moms'", says: 'Tax scheme 63 is named Moms.', fault: inside('cac:TaxScheme', text('cbc:Name', 'VAT')) }),
  rule({ id: 'F-LIB199', context: SCHEMES, test: "not(cbc:Name = 'Moms') or cbc:ID = '63'", says: 'A tax scheme named Moms is 63.', fault: inside('cac:TaxScheme', swap(/(<cbc:ID[^>]*>)63/, (_, tag) => `${tag}64`)) }),
  rule({ id: 'F-LIB067', context: SCHEMES, test: "not(cbc:ID = '63' and cbc:TaxTypeCode)", says: 'VAT (63) has no tax type code.', fault: inside('cac:TaxScheme', append('cac:TaxScheme', '<cbc:TaxTypeCode>StandardRated</cbc:TaxTypeCode>')) }),

  // ---- Totals ------------------------------------------------------------------------------------------
  rule({ id: ['F-INV120', 'F-CRN066'], context: TOTAL, test: filled('cbc:LineExtensionAmount'), says: "The total states the lines' amount.", fault: inside('cac:LegalMonetaryTotal', text('cbc:LineExtensionAmount', '')) }),
  rule({
    id: ['F-INV126', 'F-CRN072'],
    context: TOTAL,
    test: `${amount('cbc:LineExtensionAmount')} = ${sumOf("../(cac:InvoiceLine | cac:CreditNoteLine)[not(cbc:FreeOfChargeIndicator = 'true')]/cbc:LineExtensionAmount")}`,
    says: "The total of the lines is the sum of the lines' amounts (charged lines only).",
    fault: inside('cac:LegalMonetaryTotal', offByØre('cbc:LineExtensionAmount')),
  }),
  rule({
    id: ['F-INV127', 'F-CRN073'],
    context: TOTAL,
    test: `not(cbc:TaxExclusiveAmount) or ${amount('cbc:TaxExclusiveAmount')} = ${sumOf('../cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount')}`,
    says: "TaxExclusiveAmount is, in OIOUBL, the total tax: the sum of the tax subtotals.",
    fault: offByØre('cbc:TaxExclusiveAmount'),
  }),
  rule({
    id: ['F-INV128', 'F-CRN074'],
    context: TOTAL,
    test: `not(cbc:TaxInclusiveAmount) or ${amount('cbc:TaxInclusiveAmount')} = ${sumOf('cbc:LineExtensionAmount')} + ${sumOf('../cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount')}
      + ${sumOf('cbc:ChargeTotalAmount')} - ${sumOf('cbc:AllowanceTotalAmount')} + ${sumOf('cbc:PayableRoundingAmount')}`,
    says: 'The total with tax is the lines plus tax plus charges less allowances, rounded as stated.',
    fault: offByØre('cbc:TaxInclusiveAmount'),
  }),
  rule({
    id: ['F-INV133', 'F-CRN079'],
    context: TOTAL,
    test: `${amount('cbc:PayableAmount')} = ${sumOf('cbc:LineExtensionAmount')} + ${sumOf('../cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount')}
      + ${sumOf('cbc:ChargeTotalAmount')} - ${sumOf('cbc:AllowanceTotalAmount')} - ${sumOf('cbc:PrepaidAmount')} + ${sumOf('cbc:PayableRoundingAmount')}`,
    says: 'The amount to pay is the lines plus tax plus charges less allowances, less what was paid in advance, rounded as stated.',
    fault: offByØre('cbc:PayableAmount'),
  }),
  rule({
    id: invoiceOnly('F-INV134'),
    context: TOTAL,
    test: `not(../cac:PaymentTerms/cbc:Amount) or ${amount('cbc:PayableAmount')} = (${sumOf('../cac:PaymentTerms/cbc:Amount')}, ${amount('../cac:PaymentTerms[1]/cbc:Amount')})`,
    says: 'The payment terms ask for the amount to pay (in all, or in their first term).',
    fault: inside('cac:PaymentTerms', offByØre('cbc:Amount')),
  }),

  // ---- Lines -------------------------------------------------------------------------------------------
  rule({ id: ['F-INV140', 'F-CRN084'], context: LINE, test: filled('cbc:ID'), says: 'A line has an ID.', fault: swap(/(<cac:(?:Invoice|CreditNote)Line>\s*<cbc:ID>)[^<]*/, '$1') }),
  rule({ id: invoiceOnly('W-INV237'), context: LINE, test: 'not(cbc:ID = following-sibling::cac:InvoiceLine/cbc:ID)', says: "A line's ID is not used by a later line.", fault: repeat('cac:InvoiceLine') }),
  rule({
    id: ['F-INV137', 'F-CRN196'],
    context: LINE,
    test: filled('cbc:InvoicedQuantity | cbc:CreditedQuantity'),
    says: 'A line states its quantity.',
    fault: swap(/(<cbc:(?:Invoiced|Credited)Quantity[^>]*>)[^<]*/, '$1'),
  }),
  rule({ id: ['F-INV138', 'F-CRN081'], context: LINE, test: 'exists(cac:TaxTotal)', says: 'A line has its own TaxTotal.', fault: swap(/(<cac:(?:Invoice|CreditNote)Line>[\s\S]*?)<cac:TaxTotal>[\s\S]*?<\/cac:TaxTotal>/, '$1') }),
  rule({ id: invoiceOnly('F-INV139'), context: LINE, test: 'count(cac:Price) = 1', says: 'An invoice line has one price.', fault: drop('cac:Price') }),
  rule({ id: creditNoteOnly('F-CRN083'), context: LINE, test: 'cac:Price or cac:BillingReference', says: 'A credit note line has a price (or refers to what it credits).', fault: drop('cac:Price') }),
  rule({ id: ['F-INV163', 'F-CRN110'], context: '/*/cac:InvoiceLine/cac:Item | /*/cac:CreditNoteLine/cac:Item', test: filled('cbc:Name'), says: 'An item has a name.', fault: inside('cac:Item', text('cbc:Name', '')) }),
  rule({ id: creditNoteOnly('F-CRN207'), context: LINE, test: filled('cbc:LineExtensionAmount'), says: 'A credit note line states its amount.', fault: inside('cac:CreditNoteLine', text('cbc:LineExtensionAmount', '')) }),
  rule({
    id: ['F-INV340', 'F-CRN210'],
    context: LINE,
    test: `let $quantity := ${amount('cbc:InvoicedQuantity | cbc:CreditedQuantity')}, $base := (${amount('cac:Price/cbc:BaseQuantity')}, 1)[1]
      return if (not((cbc:InvoicedQuantity | cbc:CreditedQuantity)/@unitCode = cac:Price/cbc:BaseQuantity/@unitCode) or cbc:FreeOfChargeIndicator = 'true' or ../cac:PricingExchangeRate) then true()
        else if ($base = 0) then false()
        else abs(${amount('cbc:LineExtensionAmount')} - ${amount('cac:Price/cbc:PriceAmount')} div $base * $quantity) le 1`,
    says: "A line's amount is its price per base quantity times its quantity (OIOUBL allows 1 either way).",
    fault: swap(/(<cac:(?:Invoice|CreditNote)Line>[\s\S]*?<cbc:LineExtensionAmount[^>]*>)([0-9]+)/, (_, before, krone) => `${before}1${krone}`),
  }),

  // ---- Payment means (invoices): a Danish account (42) or an IBAN (31) ---------------------------------------
  rule({ id: invoiceOnly('F-LIB100'), context: MEANS, test: `cbc:PaymentMeansCode = ${list(PAYMENT_MEANS)}`, says: "The payment means code is one OIOUBL allows.", fault: text('cbc:PaymentMeansCode', '30') }),
  rule({
    id: invoiceOnly('W-LIB241'),
    context: MEANS,
    test: `count(../cac:PaymentMeans) = 1 or ${filled('cbc:ID')}`,
    says: 'Where there are several payment means, each has an ID.',
    fault: inside('cac:PaymentMeans', drop('cbc:ID')),
    samples: ['invoice paid to two accounts'],
  }),
  rule({
    id: invoiceOnly('F-LIB123'),
    context: `${MEANS}[cbc:PaymentMeansCode = '42']`,
    test: `cbc:PaymentChannelCode/@listID = '${CHANNEL_LIST}'`,
    says: "Payment to a Danish account names the channel from OIOUBL's list.",
    fault: attribute('cbc:PaymentChannelCode', 'listID', 'urn:oioubl:codelist:paymentchannelcode-1.2'),
  }),
  rule({ id: invoiceOnly('F-LIB128'), context: `${MEANS}[cbc:PaymentMeansCode = '42']`, test: "cbc:PaymentChannelCode = 'DK:BANK'", says: 'Payment to a Danish account goes through DK:BANK.', fault: text('cbc:PaymentChannelCode', 'DK:GIRO') }),
  rule({ id: invoiceOnly('F-LIB125'), context: `${MEANS}[cbc:PaymentMeansCode = '42']`, test: 'exists(cac:PayeeFinancialAccount)', says: 'Payment to a Danish account names the account.', fault: drop('cac:PayeeFinancialAccount') }),
  rule({
    id: invoiceOnly('F-LIB126'),
    context: `${MEANS}[cbc:PaymentMeansCode = '42']`,
    test: filled('cac:PayeeFinancialAccount/cbc:ID'),
    says: 'The Danish account has its account number.',
    fault: inside('cac:PayeeFinancialAccount', swap(/<cbc:ID>[0-9]+<\/cbc:ID>\s*<cac:FinancialInstitutionBranch>/, '<cac:FinancialInstitutionBranch>')),
  }),
  rule({
    id: invoiceOnly('F-LIB127'),
    context: `${MEANS}[cbc:PaymentMeansCode = '42']`,
    test: filled('cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID'),
    says: 'The Danish account has its registration number.',
    fault: inside('cac:FinancialInstitutionBranch', text('cbc:ID', '')),
  }),
  rule({
    id: invoiceOnly('F-LIB131'),
    context: `${MEANS}[cbc:PaymentMeansCode = '42']`,
    test: 'string-length(cac:PayeeFinancialAccount/cbc:ID) le 10',
    says: 'A Danish account number has at most 10 digits.',
    fault: inside('cac:PayeeFinancialAccount', swap(/<cbc:ID>([0-9]+)<\/cbc:ID>/, (_, digits) => `<cbc:ID>${digits}0</cbc:ID>`)),
  }),
  rule({
    id: invoiceOnly('F-LIB132'),
    context: `${MEANS}[cbc:PaymentMeansCode = '42']`,
    test: 'string-length(cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID) le 4',
    says: 'A registration number has at most 4 digits.',
    fault: inside('cac:FinancialInstitutionBranch', swap(/<cbc:ID>([0-9]+)<\/cbc:ID>/, (_, digits) => `<cbc:ID>${digits}0</cbc:ID>`)),
  }),
  rule({
    id: invoiceOnly('F-LIB311'),
    context: `${MEANS}[cbc:PaymentMeansCode = '42']`,
    test: "matches(cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID, '^[0-9]+$')",
    says: 'A registration number is a number.',
    fault: inside('cac:FinancialInstitutionBranch', text('cbc:ID', 'DABA')),
  }),
  rule({
    id: invoiceOnly('F-LIB106'),
    context: `${MEANS}[cbc:PaymentMeansCode = '31']`,
    test: `cbc:PaymentChannelCode/@listID = '${CHANNEL_LIST}'`,
    says: "Payment to an IBAN names the channel from OIOUBL's list.",
    fault: inside('cac:PaymentMeans', attribute('cbc:PaymentChannelCode', 'listID', 'urn:oioubl:codelist:paymentchannelcode-1.2'), '>31<'),
    samples: ['invoice paid to two accounts'],
  }),
  rule({
    id: invoiceOnly('F-LIB107'),
    context: `${MEANS}[cbc:PaymentMeansCode = '31']`,
    test: filled('cac:PayeeFinancialAccount/cbc:ID'),
    says: 'Payment to an IBAN names the IBAN.',
    fault: inside('cac:PaymentMeans', swap(/(<cac:PayeeFinancialAccount>\s*<cbc:ID>)[^<]*/, '$1'), '>31<'),
    samples: ['invoice paid to two accounts'],
  }),
  rule({
    id: invoiceOnly('F-LIB109'),
    context: `${MEANS}[cbc:PaymentMeansCode = '31']`,
    test: "cbc:PaymentChannelCode = ('IBAN', 'ZZZ')",
    says: 'Payment to a foreign account goes through IBAN (or ZZZ).',
    fault: inside('cac:PaymentMeans', text('cbc:PaymentChannelCode', 'DK:BANK'), '>31<'),
    samples: ['invoice paid to two accounts'],
  }),
  rule({
    id: invoiceOnly('F-LIB108'),
    context: `${MEANS}[cbc:PaymentMeansCode = '31' and cbc:PaymentChannelCode = 'IBAN']`,
    test: 'not(cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID)',
    says: 'Payment to an IBAN has no Danish registration number.',
    fault: inside('cac:PaymentMeans', prepend('cac:FinancialInstitutionBranch', '<cbc:ID>1234</cbc:ID>'), '>31<'),
    samples: ['invoice paid to two accounts'],
  }),
  rule({
    id: invoiceOnly('F-LIB113'),
    context: `${MEANS}[cbc:PaymentMeansCode = '31' and cbc:PaymentChannelCode = 'IBAN']`,
    test: filled('cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cbc:ID'),
    says: "Payment to an IBAN names the bank's BIC.",
    fault: inside('cac:PaymentMeans', inside('cac:FinancialInstitution', text('cbc:ID', '')), '>31<'),
    samples: ['invoice paid to two accounts'],
  }),
  rule({
    id: invoiceOnly('F-LIB114'),
    context: `${MEANS}[cbc:PaymentMeansCode = '31' and cbc:PaymentChannelCode = 'IBAN']`,
    test: 'string-length(cac:PayeeFinancialAccount/cbc:ID) le 34',
    says: 'An IBAN has at most 34 characters.',
    fault: inside('cac:PaymentMeans', swap(/(<cac:PayeeFinancialAccount>\s*<cbc:ID>)([^<]*)/, '$1$2$2'), '>31<'),
    samples: ['invoice paid to two accounts'],
  }),

  // ---- A credit note's reference to the invoice it credits, a replacement's to the invoice it replaces ------------
  rule({
    id: ['F-INV025', 'F-CRN023'],
    context: '/*/cac:BillingReference',
    test: 'not(cac:DebitNoteDocumentReference)',
    says: 'A billing reference names no debit note.',
    fault: append('cac:BillingReference', '<cac:DebitNoteDocumentReference><cbc:ID>D1</cbc:ID></cac:DebitNoteDocumentReference>'),
    samples: ['replacement', 'credit note'],
  }),
  rule({
    id: ['F-INV026', 'F-CRN024'],
    context: '/*/cac:BillingReference',
    test: 'not(cac:AdditionalDocumentReference)',
    says: 'A billing reference names no additional document.',
    fault: append('cac:BillingReference', '<cac:AdditionalDocumentReference><cbc:ID>A1</cbc:ID></cac:AdditionalDocumentReference>'),
    samples: ['replacement', 'credit note'],
  }),
  rule({
    id: ['F-INV295', 'F-CRN162'],
    context: '/*/cac:BillingReference',
    test: 'not(cac:BillingReferenceLine)',
    says: 'A billing reference refers to the whole invoice, not to its lines.',
    fault: append('cac:BillingReference', '<cac:BillingReferenceLine><cbc:ID>1</cbc:ID></cac:BillingReferenceLine>'),
    samples: ['replacement', 'credit note'],
  }),
  rule({
    id: 'F-LIB172',
    context: '/*/cac:BillingReference/cac:InvoiceDocumentReference',
    test: 'not(cbc:DocumentTypeCode)',
    says: 'The reference to the credited or replaced invoice has no document type code.',
    fault: append('cac:InvoiceDocumentReference', '<cbc:DocumentTypeCode>380</cbc:DocumentTypeCode>'),
    samples: ['replacement', 'credit note'],
  }),
  rule({
    id: 'F-LIB170',
    context: '/*/cac:BillingReference/cac:InvoiceDocumentReference',
    test: 'not(cbc:DocumentType)',
    says: 'The reference to the credited or replaced invoice has no document type.',
    fault: append('cac:InvoiceDocumentReference', '<cbc:DocumentType>Invoice</cbc:DocumentType>'),
    samples: ['replacement', 'credit note'],
  }),
  rule({
    id: 'F-LIB173',
    context: '/*/cac:BillingReference/cac:InvoiceDocumentReference',
    test: 'not(cbc:UUID) or string-length(cbc:UUID) = 36',
    says: "The credited or replaced invoice's UUID, if given, has 36 characters.",
    fault: append('cac:InvoiceDocumentReference', '<cbc:UUID>not-a-uuid</cbc:UUID>'),
    samples: ['replacement', 'credit note'],
  }),
];
