// `--json`: one JSON document on stdout and nothing else.

import type { InvoiceRun } from '../engine/billing.js';
import { formatAmount } from '../engine/money.js';
import { type InvoiceRow, invoiceRecord } from '../documents/invoice-document.js';

/** The run as data: its invoices as `rows` give them (computed, or as in force in a run folder), and its totals. */
export function invoiceRunJson(run: InvoiceRun, rows: readonly InvoiceRow[]): string {
  const document = {
    year: run.year,
    run: run.run,
    invoices: rows.map(invoiceRecord),
    totals: {
      count: run.totals.count,
      net_amount: formatAmount(run.totals.netAmount),
      vat_amount: formatAmount(run.totals.vatAmount),
      gross_amount: formatAmount(run.totals.grossAmount),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
