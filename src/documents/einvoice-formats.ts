// The e-invoice formats flis writes, by name. Kept apart from the writers so that naming a format loads no XML code.

import { UsageError } from '../errors.js';

export type EInvoiceFormat = 'oioubl' | 'peppol';
export const EINVOICE_FORMATS: readonly EInvoiceFormat[] = ['oioubl', 'peppol'];

/** What each format is called for people. */
export const FORMAT_NAMES: Readonly<Record<EInvoiceFormat, string>> = {
  oioubl: 'OIOUBL 2.1',
  peppol: 'Peppol BIS Billing 3.0',
};

/** --einvoice / "einvoice": a format, or `none` (no e-invoices, also where the config names one). */
export function parseEInvoiceFormat(text: string, where = '--einvoice'): EInvoiceFormat | 'none' {
  const format = text.trim().toLowerCase();
  if (format === 'none' || (EINVOICE_FORMATS as readonly string[]).includes(format)) return format as EInvoiceFormat | 'none';
  throw new UsageError(`unknown ${where} "${text}"`, `The e-invoice formats are ${EINVOICE_FORMATS.join(', ')} (or none).`);
}

/** The CustomizationID each format's documents carry: what tells one from the other when they are read back. */
export const CUSTOMIZATION_IDS: Readonly<Record<EInvoiceFormat, string>> = {
  oioubl: 'OIOUBL-2.1',
  peppol: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
};

/** The namespaces of UBL 2.1 documents, which both formats are written in. */
export const UBL_NAMESPACES = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** What an issued e-invoice says, as read back from its XML (flis verify compares it with its document's row). */
export interface EInvoiceFacts {
  /** Invoice or CreditNote in its UBL namespace; undefined for any other root element. */
  readonly kind: 'invoice' | 'credit-note' | undefined;
  /** The root element as it stands, for messages: "{namespace}name". */
  readonly root: string;
  readonly customization?: string;
  readonly id?: string;
  readonly issueDate?: string;
  readonly currency?: string;
  /** BillingReference/InvoiceDocumentReference/ID: the invoice a credit note credits, or a replacement replaces. */
  readonly billingReference?: string;
  /** InvoicePeriod. */
  readonly periodStart?: string;
  readonly periodEnd?: string;
  /** The due date: Peppol's DueDate, OIOUBL's PaymentMeans/PaymentDueDate. */
  readonly dueDate?: string;
  /** The buyer: its legal name (PartyLegalEntity/RegistrationName, else PartyName/Name), its company number, address and reference. */
  readonly buyerName?: string;
  readonly buyerCompanyId?: string;
  /** StreetName, with BuildingNumber after it where the address has one (OIOUBL). */
  readonly buyerStreet?: string;
  readonly buyerPostalCode?: string;
  readonly buyerCity?: string;
  /** Peppol's BuyerReference, OIOUBL's customer Contact/ID. */
  readonly buyerReference?: string;
  /** AccountingCost: the buyer's account string. */
  readonly accountingCost?: string;
  /** LegalMonetaryTotal's amounts, and the document's total VAT (TaxTotal/TaxAmount). */
  readonly lineExtension?: string;
  readonly taxExclusive?: string;
  readonly taxInclusive?: string;
  readonly payable?: string;
  readonly tax?: string;
}
