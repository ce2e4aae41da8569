// The invoice file finance imports: one row per invoice (or credit note), in the chosen CSV dialect. The column
// names are the fields' machine names in both dialects: the file is imported by the finance system and read back
// by flis, and a name that changed with the dialect would be one more mapping to keep.

import { type CsvColumns, toCsv } from './csv-dialect.js';
import type { Dialect } from '../documents/dialect.js';
import { formulaProblem } from '../documents/identifiers.js';
import { DECIMAL_FIELDS, INVOICE_FIELDS, type InvoiceField, type InvoiceRow } from '../documents/invoice-document.js';

export const INVOICE_CSV_COLUMNS: CsvColumns = {
  decimals: new Set(DECIMAL_FIELDS),
  // Digits that are not numbers, written as text for Excel so that none is lost.
  texts: new Set(['kommune_code', 'ean', 'buyer_cvr', 'buyer_postal_code', 'kontostreng']),
};

/** Fields of words, some from the roster: never the start of a formula (the readers refuse such input; this is the last guard). */
const WORDS: readonly InvoiceField[] = ['kommune_name', 'buyer_name', 'buyer_street', 'buyer_city', 'buyer_reference', 'kontostreng', 'notes'];

export function invoiceCsv(rows: readonly InvoiceRow[], dialect: Dialect = 'default'): string {
  for (const row of rows) {
    for (const field of WORDS) {
      const wrong = formulaProblem(row[field]);
      if (wrong) throw new RangeError(`${row.invoice_number} ${field}: ${wrong}`);
    }
  }
  return toCsv(INVOICE_FIELDS, rows.map((row) => INVOICE_FIELDS.map((field) => row[field])), INVOICE_CSV_COLUMNS, dialect);
}
