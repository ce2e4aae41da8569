// The default output of `flis invoice`: the run as a table a person can read, with totals, in their language.

import type { InvoiceRun } from '../engine/billing.js';
import { firstOfYear, lastOfYear } from '../engine/dates.js';
import { termsPeriods } from '../engine/tariff.js';
import { noteInWords } from '../documents/invoice-document.js';
import { type Lang, textsFor } from '../texts/texts.js';
import { left, renderTable, right } from './table.js';

/** `numbers`: each municipality's invoice number where it is not the run's own (the one in force in a run folder). */
export function invoiceTable(run: InvoiceRun, lang: Lang, numbers: ReadonlyMap<string, string> = new Map()): string {
  const numberOf = (i: InvoiceRun['invoices'][number]) => numbers.get(i.municipality.code) ?? i.invoiceNumber;
  const { format: f, invoiceTable: t } = textsFor(lang);
  const tariff = run.tariff;
  // The terms in force in the year: the tariff's, and each version's that takes effect in it (billing rules §11).
  const [first, ...changes] = termsPeriods(tariff, firstOfYear(run.year), lastOfYear(run.year));
  const terms = first!.terms;
  const heading =
    `${t.title(run.run, run.year, run.totals.count)}\n${t.tariff(tariff.name, terms.pricePerCitizen, terms.kneeThreshold, terms.kneeRate, terms.vatRate)}\n` +
    changes.map((c) => `${t.tariffFrom(c.from, c.terms.pricePerCitizen, c.terms.kneeThreshold, c.terms.kneeRate, c.terms.vatRate)}\n`).join('') +
    '\n';
  if (run.invoices.length === 0) return `${heading}${t.nothingToInvoice}\n`;

  const rows = run.invoices.map((i) => [
    numberOf(i),
    i.municipality.name,
    f.period(i.billed),
    f.count(i.population),
    f.amount(i.netAmount),
    f.amount(i.vatAmount),
    f.amount(i.grossAmount),
    i.notes.length > 0 ? '*' : '',
  ]);
  const footer = [[t.total(run.totals.count), '', '', '', f.amount(run.totals.netAmount), f.amount(run.totals.vatAmount), f.amount(run.totals.grossAmount), '']];
  const c = t.columns;
  const columns = [left(c.invoice), left(c.municipality), left(c.period), right(c.population), right(c.net), right(c.vat), right(c.gross), left('')];
  const table = renderTable(columns, rows, footer);
  const notes = run.invoices
    .filter((i) => i.notes.length > 0)
    .map((i) => `* ${numberOf(i)}: ${i.notes.map((note) => noteInWords(note, lang)).join('; ')}`);
  return heading + table + (notes.length > 0 ? `\n${notes.join('\n')}\n` : '');
}
