// The invoice file finance imports: one row per invoice (or credit note), in the chosen CSV dialect.

import { type CsvColumns, toCsv } from './csv-dialect.js';
import type { Dialect } from '../documents/dialect.js';
import { DECIMAL_FIELDS, INVOICE_FIELDS, type InvoiceRow } from '../documents/invoice-document.js';

export const INVOICE_CSV_COLUMNS: CsvColumns = {
  decimals: new Set(DECIMAL_FIELDS),
  texts: new Set(['kommune_code', 'ean']),
};

export function invoiceCsv(rows: readonly InvoiceRow[], dialect: Dialect = 'default'): string {
  return toCsv(INVOICE_FIELDS, rows.map((row) => INVOICE_FIELDS.map((field) => row[field])), INVOICE_CSV_COLUMNS, dialect);
}
