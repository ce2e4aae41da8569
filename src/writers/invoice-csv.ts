// The invoice file finance imports: one row per invoice (or credit note), in the chosen CSV dialect.

import { type CsvColumns, toCsv } from './csv-dialect.js';
import type { Dialect } from './dialect.js';
import { INVOICE_FIELDS, type InvoiceRow } from './invoice-fields.js';

export const INVOICE_CSV_COLUMNS: CsvColumns = {
  decimals: new Set(['price_per_citizen', 'annual_fee', 'net_amount', 'vat_rate', 'vat_amount', 'gross_amount']),
  texts: new Set(['kommune_code', 'ean']),
};

export function invoiceCsv(rows: readonly InvoiceRow[], dialect: Dialect = 'default'): string {
  return toCsv(INVOICE_FIELDS, rows.map((row) => INVOICE_FIELDS.map((field) => row[field])), INVOICE_CSV_COLUMNS, dialect);
}
