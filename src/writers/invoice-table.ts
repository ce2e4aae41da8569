// The default output of `flis invoice`: the run as a table a person can read, with totals.

import type { InvoiceRun } from '../engine/billing.js';
import { formatExact } from '../engine/money.js';
import { noteInWords } from '../documents/invoice-document.js';
import { amountForPeople, countForPeople, periodForPeople, renderTable } from './table.js';

export function invoiceTable(run: InvoiceRun): string {
  const t = run.tariff;
  const heading =
    `FLIS invoices, run ${run.run} ${run.year}: ${run.totals.count} invoice${run.totals.count === 1 ? '' : 's'}, ` +
    `population on 1 January ${run.year}\n` +
    `Tariff ${t.name}: ${formatExact(t.pricePerCitizen)} DKK per citizen per year, ` +
    `${countForPeople(t.kneeThreshold)} citizens at full price, ` +
    `${t.kneeRate.times(100).toString()} % above; VAT ${t.vatRate.times(100).toString()} %\n\n`;
  if (run.invoices.length === 0) return `${heading}No municipality has billable days in this run.\n`;

  const rows = run.invoices.map((i) => [
    i.invoiceNumber,
    i.municipality.name,
    periodForPeople(i.period),
    countForPeople(i.population),
    amountForPeople(i.netAmount),
    amountForPeople(i.vatAmount),
    amountForPeople(i.grossAmount),
    i.notes.length > 0 ? '*' : '',
  ]);
  const footer = [
    [
      `Total, ${run.totals.count} invoice${run.totals.count === 1 ? '' : 's'}`,
      '',
      '',
      '',
      amountForPeople(run.totals.netAmount),
      amountForPeople(run.totals.vatAmount),
      amountForPeople(run.totals.grossAmount),
      '',
    ],
  ];
  const table = renderTable(
    [
      { heading: 'Invoice', align: 'left' },
      { heading: 'Municipality', align: 'left' },
      { heading: 'Period', align: 'left' },
      { heading: 'Population', align: 'right' },
      { heading: 'Net DKK', align: 'right' },
      { heading: 'VAT DKK', align: 'right' },
      { heading: 'Gross DKK', align: 'right' },
      { heading: '', align: 'left' },
    ],
    rows,
    footer,
  );
  const notes = run.invoices
    .filter((i) => i.notes.length > 0)
    .map((i) => `* ${i.invoiceNumber}: ${i.notes.map(noteInWords).join('; ')}`);
  return heading + table + (notes.length > 0 ? `\n${notes.join('\n')}\n` : '');
}
