// An issued e-invoice (OIOUBL 2.1 or Peppol BIS 3.0, both UBL 2.1) read back with an XML parser (xmlbuilder2's),
// for flis verify: the root element, and the fields that must agree with the document's row. Elements are
// found by namespace and name, never by text matching. Loaded only by flis verify.

import { create } from 'xmlbuilder2';
import { type EInvoiceFacts, UBL_NAMESPACES } from '../documents/einvoice-formats.js';

/** The DOM element as xmlbuilder2 builds it: what is read of it here. */
interface XmlElement {
  readonly nodeType: number;
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  readonly childNodes: Iterable<XmlElement>;
}

const ELEMENT = 1;

function child(element: XmlElement | undefined, prefix: 'cac' | 'cbc', name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const node of element.childNodes) if (node.nodeType === ELEMENT && node.namespaceURI === UBL_NAMESPACES[prefix] && node.localName === name) return node;
  return undefined;
}

/** The text of the element at a path of prefixed names below `element` ("cac:LegalMonetaryTotal", "cbc:PayableAmount"). */
function textAt(element: XmlElement, ...path: string[]): string | undefined {
  let at: XmlElement | undefined = element;
  for (const step of path) {
    const [prefix, name] = step.split(':') as ['cac' | 'cbc', string];
    at = child(at, prefix, name);
  }
  return at?.textContent?.trim() ?? undefined;
}

/** The e-invoice's facts, or why it cannot be read as XML. */
export function readEInvoiceXml(bytes: Uint8Array): EInvoiceFacts | { readonly unreadable: string } {
  let root: XmlElement;
  try {
    const text = Buffer.from(bytes).toString('utf8');
    if (!text.trimStart().startsWith('<')) return { unreadable: 'it is not XML' };
    root = create(text).root().node as unknown as XmlElement;
  } catch (error) {
    return { unreadable: `it is not well-formed XML (${(error as Error).message.split('\n')[0]})` };
  }
  const kind = root.localName === 'Invoice' && root.namespaceURI === UBL_NAMESPACES.Invoice ? 'invoice' : root.localName === 'CreditNote' && root.namespaceURI === UBL_NAMESPACES.CreditNote ? 'credit-note' : undefined;
  const total = ['cac:LegalMonetaryTotal'];
  const buyer = ['cac:AccountingCustomerParty', 'cac:Party'];
  const street = textAt(root, ...buyer, 'cac:PostalAddress', 'cbc:StreetName');
  const building = textAt(root, ...buyer, 'cac:PostalAddress', 'cbc:BuildingNumber');
  const facts: Record<string, string | undefined> = {
    customization: textAt(root, 'cbc:CustomizationID'),
    id: textAt(root, 'cbc:ID'),
    issueDate: textAt(root, 'cbc:IssueDate'),
    currency: textAt(root, 'cbc:DocumentCurrencyCode'),
    billingReference: textAt(root, 'cac:BillingReference', 'cac:InvoiceDocumentReference', 'cbc:ID'),
    periodStart: textAt(root, 'cac:InvoicePeriod', 'cbc:StartDate'),
    periodEnd: textAt(root, 'cac:InvoicePeriod', 'cbc:EndDate'),
    dueDate: textAt(root, 'cbc:DueDate') ?? textAt(root, 'cac:PaymentMeans', 'cbc:PaymentDueDate'),
    buyerName: textAt(root, ...buyer, 'cac:PartyLegalEntity', 'cbc:RegistrationName') ?? textAt(root, ...buyer, 'cac:PartyName', 'cbc:Name'),
    buyerCompanyId: textAt(root, ...buyer, 'cac:PartyLegalEntity', 'cbc:CompanyID'),
    buyerStreet: street === undefined ? undefined : building === undefined ? street : `${street} ${building}`,
    buyerPostalCode: textAt(root, ...buyer, 'cac:PostalAddress', 'cbc:PostalZone'),
    buyerCity: textAt(root, ...buyer, 'cac:PostalAddress', 'cbc:CityName'),
    buyerReference: textAt(root, 'cbc:BuyerReference') ?? textAt(root, ...buyer, 'cac:Contact', 'cbc:ID'),
    accountingCost: textAt(root, 'cbc:AccountingCost'),
    lineExtension: textAt(root, ...total, 'cbc:LineExtensionAmount'),
    taxExclusive: textAt(root, ...total, 'cbc:TaxExclusiveAmount'),
    taxInclusive: textAt(root, ...total, 'cbc:TaxInclusiveAmount'),
    payable: textAt(root, ...total, 'cbc:PayableAmount'),
    tax: textAt(root, 'cac:TaxTotal', 'cbc:TaxAmount'),
  };
  const present = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as Omit<EInvoiceFacts, 'kind' | 'root'>;
  return { kind, root: `{${root.namespaceURI ?? ''}}${root.localName}`, ...present };
}
