// `--json`: one JSON document on stdout and nothing else.

import type { InvoiceRun } from '../engine/billing.js';
import { formatAmount } from '../engine/money.js';
import { invoiceRecord, invoiceRow } from '../documents/invoice-document.js';
import type { Lang } from '../texts/texts.js';

/** The run as data; only the invoices' notes are words, in `lang`. */
export function invoiceRunJson(run: InvoiceRun, lang: Lang): string {
  const document = {
    year: run.year,
    run: run.run,
    invoices: run.invoices.map((invoice) => invoiceRecord(invoiceRow(invoice, lang))),
    totals: {
      count: run.totals.count,
      net_amount: formatAmount(run.totals.netAmount),
      vat_amount: formatAmount(run.totals.vatAmount),
      gross_amount: formatAmount(run.totals.grossAmount),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
