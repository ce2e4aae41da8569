// Invoice files flis has issued (`invoices-YEAR-RUN.csv` from `flis invoice --out`), read back: what was
// invoiced to whom, for which window, at which annual fee. Either dialect flis writes is read.

import { InputError, ProblemList } from '../errors.js';
import { type CalendarDate, parseIsoDate } from '../engine/dates.js';
import { Decimal } from '../engine/money.js';
import type { IssuedInvoice } from '../engine/settlement.js';
import { type CsvRecord, fieldProblem, isBlankRecord, readCsv, sniffDelimiter } from './csv.js';
import { decodeText } from './text.js';

const NEEDED = ['invoice_number', 'kommune_code', 'run', 'period_from', 'period_to', 'annual_fee', 'net_amount'] as const;

/** "1234.56", or "1234,56" / "1.234,56" as Danish Excel writes it. */
function parseAmount(text: string, decimalComma: boolean): Decimal | undefined {
  const t = decimalComma ? text.trim().replace(/\./g, '').replace(',', '.') : text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? new Decimal(t) : undefined;
}

export async function readIssuedInvoices(file: string, bytes: AsyncIterable<Uint8Array>): Promise<IssuedInvoice[]> {
  const text = await decodeText(file, bytes);
  const delimiter = sniffDelimiter(text.head);
  const problems = new ProblemList();
  const invoices: IssuedInvoice[] = [];
  let columns: Map<string, number> | undefined;

  for await (const record of readCsv(file, text.chunks, delimiter)) {
    if (isBlankRecord(record.fields)) continue;
    if (!columns) {
      columns = new Map(record.fields.map((name, i) => [name.trim().toLowerCase(), i]));
      const missing = NEEDED.filter((n) => !columns!.has(n));
      if (missing.length > 0) {
        throw new InputError(fieldProblem(file, record, `not an invoice file written by flis: no ${missing.join(', ')} column`, 'Give --invoices the --out folder of flis invoice runs.'));
      }
      continue;
    }
    const invoice = readInvoice(file, record, columns, delimiter === ';', problems);
    if (invoice) invoices.push(invoice);
  }
  problems.throwIfAny();
  return invoices;
}

function readInvoice(file: string, record: CsvRecord, columns: Map<string, number>, decimalComma: boolean, problems: ProblemList): IssuedInvoice | undefined {
  const cell = (name: (typeof NEEDED)[number]) => (record.fields[columns.get(name)!] ?? '').trim();
  const bad = (name: (typeof NEEDED)[number], what: string) => {
    problems.add(fieldProblem(file, record, `${name}: ${what}`, 'The invoice file has been changed since flis wrote it.', columns.get(name)! + 1, cell(name)));
    return undefined;
  };
  const date = (name: 'period_from' | 'period_to'): CalendarDate | undefined => parseIsoDate(cell(name)) ?? bad(name, `"${cell(name)}" is not a date`);
  const amount = (name: 'annual_fee' | 'net_amount'): Decimal | undefined => parseAmount(cell(name), decimalComma) ?? bad(name, `"${cell(name)}" is not an amount`);
  const from = date('period_from');
  const to = date('period_to');
  const annualFee = amount('annual_fee');
  const netAmount = amount('net_amount');
  if (!/^\d{3}$/.test(cell('kommune_code'))) return bad('kommune_code', `"${cell('kommune_code')}" is not a municipality code`);
  if (!from || !to || !annualFee || !netAmount) return undefined;
  return {
    invoiceNumber: cell('invoice_number'),
    code: cell('kommune_code'),
    year: from.year,
    run: cell('run'),
    period: { from, to },
    annualFee,
    netAmount,
    source: { file, line: record.line },
  };
}
