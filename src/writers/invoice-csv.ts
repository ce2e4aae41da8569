// The invoice file finance imports: UTF-8 without BOM, `,`, LF, a header row, one row per invoice.

import { stringify } from 'csv-stringify/sync';
import type { InvoiceRun } from '../engine/billing.js';
import { INVOICE_FIELDS, invoiceRecord } from './invoice-fields.js';

export function invoiceCsv(run: InvoiceRun): string {
  const rows = run.invoices.map((invoice) => {
    const record = invoiceRecord(invoice);
    return INVOICE_FIELDS.map((field) => record[field] ?? '');
  });
  return stringify([[...INVOICE_FIELDS], ...rows], { record_delimiter: '\n' });
}
