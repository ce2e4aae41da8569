// Invoice files flis has issued (invoices-YEAR-RUN.csv, corrections-YEAR-RUN-K.csv), read back row by row, in
// either dialect flis writes, and in either layout: with every field (INVOICE_FIELDS), or as flis wrote them
// before it recorded the document's type, dates, buyer and links (LEGACY_FIELDS; those fields are then read as
// empty). Every field must be there and well-formed: these rows are compared with new runs and credited.

import { InputError, ProblemList } from '../errors.js';
import { parseIsoDate } from '../engine/dates.js';
import { Decimal } from '../engine/money.js';
import type { IssuedInvoice } from '../engine/settlement.js';
import type { IssuedRow } from '../documents/invoice-document.js';
import { plainCell } from '../documents/dialect.js';
import { COUNT_FIELDS, DECIMAL_FIELDS, DOCUMENT_FIELDS, DOCUMENT_TYPES, INVOICE_FIELDS, type InvoiceField, type InvoiceRow, LEGACY_FIELDS, isDocumentNumber } from '../documents/invoice-document.js';
import { cvrProblem } from '../documents/identifiers.js';
import { type CsvRecord, fieldProblem, isBlankRecord, parseCsv, sniffDelimiter } from './csv.js';
import { decodeText } from './text.js';

const DATES: readonly InvoiceField[] = ['period_from', 'period_to', 'population_date'];

export async function readIssuedRows(file: string, bytes: AsyncIterable<Uint8Array>): Promise<IssuedRow[]> {
  const text = await decodeText(file, bytes, 'other');
  const delimiter = sniffDelimiter(text.head);
  const problems = new ProblemList();
  const rows: IssuedRow[] = [];
  let columns: Map<string, number> | undefined;

  await parseCsv(file, text.chunks, delimiter, (record) => {
    if (isBlankRecord(record.fields)) return;
    if (!columns) {
      columns = new Map(record.fields.map((name, i) => [name.trim().toLowerCase(), i]));
      // A file with none of the fields added since is one flis wrote before: those fields are empty.
      const expected = DOCUMENT_FIELDS.some((n) => columns!.has(n)) ? INVOICE_FIELDS : LEGACY_FIELDS;
      const missing = expected.filter((n) => !columns!.has(n));
      if (missing.length > 0) {
        throw new InputError(fieldProblem(file, record, `not an invoice file written by flis: no ${missing.join(', ')} column`, 'Give --invoices the --out folder of flis invoice runs.'));
      }
      return;
    }
    const row = readRow(file, record, columns, delimiter === ';', problems);
    if (row) rows.push({ row, source: { file, line: record.line } });
  });
  problems.throwIfAny();
  return rows;
}

function readRow(file: string, record: CsvRecord, columns: Map<string, number>, decimalComma: boolean, problems: ProblemList): InvoiceRow | undefined {
  const cell = (f: InvoiceField) => (columns.has(f) ? plainCell(record.fields[columns.get(f)!] ?? '', decimalComma) : '');
  const row = Object.fromEntries(INVOICE_FIELDS.map((f) => [f, cell(f)])) as Record<InvoiceField, string>;
  const bad = (field: InvoiceField, what: string): void =>
    problems.add(fieldProblem(file, record, `${field}: "${row[field]}" ${what}`, 'The invoice file has been changed since flis wrote it.', columns.get(field)! + 1, row[field]));
  const before = problems.size;
  for (const f of DECIMAL_FIELDS) if (!/^-?\d+(\.\d+)?$/.test(row[f])) bad(f, 'is not an amount');
  for (const f of DATES) if (!parseIsoDate(row[f])) bad(f, 'is not a date');
  for (const f of COUNT_FIELDS) if (!/^\d+$/.test(row[f])) bad(f, 'is not a whole number');
  if (!/^\d{3}$/.test(row.kommune_code)) bad('kommune_code', 'is not a municipality code');
  if (!isDocumentNumber(row.invoice_number)) bad('invoice_number', 'is not a flis invoice number');
  if (columns.has('document_type')) {
    if (!(DOCUMENT_TYPES as readonly string[]).includes(row.document_type)) bad('document_type', `is not a document type (${DOCUMENT_TYPES.join(', ')})`);
    if (!parseIsoDate(row.issue_date)) bad('issue_date', 'is not a date');
    if (row.due_date !== '' && !parseIsoDate(row.due_date)) bad('due_date', 'is not a date');
    for (const f of ['credited_invoice', 'replaced_invoice'] as const) if (row[f] !== '' && !isDocumentNumber(row[f])) bad(f, 'is not a flis invoice number');
    if (row.buyer_name === '') bad('buyer_name', 'is empty');
    if (cvrProblem(row.buyer_cvr)) bad('buyer_cvr', 'is not a CVR number');
    if (row.buyer_postal_code !== '' && !/^\d{4}$/.test(row.buyer_postal_code)) bad('buyer_postal_code', 'is not a postal code');
  }
  return problems.size === before ? row : undefined;
}

/** An issued invoice as the settlement's credit calculation needs it. */
export function issuedInvoice({ row, source }: IssuedRow): IssuedInvoice {
  const from = parseIsoDate(row.period_from)!;
  return {
    invoiceNumber: row.invoice_number,
    code: row.kommune_code,
    year: from.year,
    run: row.run,
    period: { from, to: parseIsoDate(row.period_to)! },
    annualFee: new Decimal(row.annual_fee),
    netAmount: new Decimal(row.net_amount),
    source,
  };
}
