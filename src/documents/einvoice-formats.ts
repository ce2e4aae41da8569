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
