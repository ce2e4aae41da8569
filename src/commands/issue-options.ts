// The options of an issue into a run folder that are read before any input: the issue date and the e-invoice
// format with the seller it needs. Kept apart from einvoice-render.ts so that a run without e-invoices loads no XML code.

import { type EInvoiceFormat, parseEInvoiceFormat } from '../documents/einvoice-formats.js';
import type { Seller } from '../documents/parties.js';
import { addDays, type CalendarDate, firstOfYear, formatDate, isAfter, isBefore, lastOfYear, parseIsoDate, parseTypedDate } from '../engine/dates.js';
import { ConfigError, UsageError } from '../errors.js';
import { CONFIG_FILE, type Config } from '../inputs.js';
import { missingSeller } from '../readers/seller.js';
import type { Ui } from '../ui.js';
import { listOf } from './problems.js';

/** The format: --einvoice if given, else the config's "einvoice"; undefined for none. */
export function eInvoiceFormat(flag: string | undefined, config: Config): EInvoiceFormat | undefined {
  const format = flag !== undefined ? parseEInvoiceFormat(flag) : config.einvoice;
  return format === 'none' ? undefined : format;
}

/** The seller the config names; e-invoices cannot be written without one (exit 2, naming the config). */
export function requireSeller(config: Config, ui: Ui): Seller {
  if (!config.seller) {
    if (!config.file) throw new UsageError(`e-invoices need the seller's details, and there is no ${CONFIG_FILE}`, `Give --config FILE with a "seller" object; see docs/reference.md, section E-invoices.`);
    throw new ConfigError(missingSeller(config.file));
  }
  if (config.seller.illustrative.length > 0) {
    ui.warn(
      `${config.file}: seller ${listOf(config.seller.illustrative.map((k) => `"${k}"`))} ${config.seller.illustrative.length === 1 ? 'is' : 'are'} marked illustrative: ` +
        'these e-invoices carry example values, not the seller\'s own. Replace them in the config before sending the e-invoices.',
    );
  }
  return config.seller;
}

/**
 * The due date of the invoices issued on `issueDate`: the issue date plus the seller's payment terms; "" where
 * the config has no seller. With it, what to warn of when the documents are issued: no seller, or payment terms
 * marked illustrative (unless the seller's illustrative keys were warned of already, `warned`, with e-invoices).
 */
export function dueDateOf(issueDate: string, config: Config, warned: boolean): { dueDate: string; warning?: string } {
  const seller = config.seller;
  if (!seller) {
    return { dueDate: '', warning: `${config.file ?? 'no config file'}: no seller, so the invoices carry no due_date (the issue date plus the seller's payment_terms_days)` };
  }
  const dueDate = formatDate(addDays(parseIsoDate(issueDate)!, seller.paymentTermsDays));
  if (warned || !seller.illustrative.includes('payment_terms_days')) return { dueDate };
  return { dueDate, warning: `${config.file}: seller "payment_terms_days" is marked illustrative: the invoices' due dates are computed from an example. Replace it in the config.` };
}

/**
 * --issue-date: a real day (YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY), in the billing year or the year after (for
 * documents of several billing years, in the latest of them or in the year after the earliest); without it,
 * today (FLIS_TODAY, or the local date of the clock: see CommandContext.today).
 */
export function parseIssueDate(text: string | undefined, years: number | readonly number[], today: () => CalendarDate): string {
  if (text === undefined) return formatDate(today());
  const parsed = parseTypedDate(text);
  if (!parsed.ok) throw new UsageError(`--issue-date: ${parsed.message}`);
  const date = parsed.date;
  const all = typeof years === 'number' ? [years] : years;
  const [first, last] = [Math.min(...all), Math.max(...all)];
  if (isBefore(date, firstOfYear(last))) throw new UsageError(`--issue-date ${formatDate(date)} is before the billing year ${last}`, 'An invoice for a year is not dated before the year begins.');
  if (isAfter(date, lastOfYear(first + 1))) {
    throw new UsageError(
      `--issue-date ${formatDate(date)} is after ${first + 1}, the year after the billing year ${first}`,
      `The documents of a billing year are issued in that year or the next: give a day in ${first}–${first + 1}.`,
    );
  }
  return formatDate(date);
}
