// The chain of a run folder, checked as an auditor would before anything in it is trusted: each run's issues
// numbered 0, 1, 2, … without gaps, all numbered as its first issue was (in series, or by municipality code),
// each issue listing the files named for it, and its documents in order: every number belongs to its run and
// year and is issued once; in series, each of a run's series runs 1, 2, 3, … without a gap; a credit note
// credits the invoice in force, to the øre, and records it; a replacement follows the credit note of the
// invoice it replaces, and records it. Pure: manifest and rows in, problems out.

import { type IssuedRow, type Numbering, isCreditNote, isLegacyRow, parseDocumentNumber, parseSeriesNumber, seriesNumber } from '../documents/invoice-document.js';
import { historyKey } from './corrections.js';
import { Decimal } from '../engine/money.js';
import type { InputProblem } from '../errors.js';
import { type IssueEntry, type Manifest, type ManifestEntry, issueFileNames, issueName } from './manifest.js';

/** The folder that holds the e-invoices, one file per document. */
export const EINVOICE_FOLDER = 'einvoices';

export function eInvoiceFile(number: string): string {
  return `${EINVOICE_FOLDER}/${number}.xml`;
}

/** An issued document, with the issue (manifest entry) it was issued in. */
export interface IssuedDocument extends IssuedRow {
  readonly issue: IssueEntry;
}

const HINT = 'The manifest records what was issued in this folder: restore the folder (manifest and files) from a backup. flis trusts nothing here until it is sound.';

function entryLabel(entry: ManifestEntry, index: number): string {
  return `entry ${index + 1} (${issueName(entry)}${entry.kind === 'einvoices' ? ', e-invoices' : ''})`;
}

const runKey = (e: { readonly year: number; readonly run: string }) => `${e.year} ${e.run}`;
const issueKey = (e: { readonly year: number; readonly run: string; readonly correction: number }) => `${e.year} ${e.run} ${e.correction}`;

/**
 * What is wrong with the entries themselves: a run's issues not numbered 0, 1, 2, … in the order made; an issue
 * without its CSV and summary, or listing files that are not its; e-invoices recorded for an issue that is not
 * there, or twice.
 */
export function entryProblems(manifest: Manifest, file: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (message: string) => problems.push({ file, message, hint: HINT });
  const next = new Map<string, number>();
  const numbering = new Map<string, Numbering>();
  const issues = new Set<string>();
  const withEInvoices = new Set<string>();
  manifest.entries.forEach((entry, i) => {
    const label = entryLabel(entry, i);
    const xml = entry.outputs.filter((o) => o.file.startsWith(`${EINVOICE_FOLDER}/`) && o.file.endsWith('.xml'));
    if (entry.kind === 'einvoices') {
      if (!issues.has(issueKey(entry))) problem(`${label}: e-invoices for ${issueName(entry)}, which no entry before it issued`);
      else if (withEInvoices.has(issueKey(entry))) problem(`${label}: ${issueName(entry)} has its e-invoices already: a document is sent once`);
      withEInvoices.add(issueKey(entry));
      for (const other of entry.outputs.filter((o) => !xml.includes(o))) problem(`${label} lists ${other.file}, which is not an e-invoice`);
      return;
    }
    const expected = next.get(runKey(entry)) ?? 0;
    const firstIssue = numbering.get(runKey(entry));
    if (firstIssue !== undefined && firstIssue !== numberingOf(entry)) {
      problem(`${label}: its documents are numbered ${numberingOf(entry) === 'series/1' ? 'in series' : 'by municipality code'}, but ${entry.run} ${entry.year} was first issued numbered ${firstIssue === 'series/1' ? 'in series' : 'by municipality code'}: a run keeps the numbering of its first issue`);
    }
    if (firstIssue === undefined) numbering.set(runKey(entry), numberingOf(entry));
    if (entry.correction !== expected) {
      problem(
        `${label}: the issue after ${expected === 0 ? 'none' : `correction ${expected - 1}`} of ${entry.run} ${entry.year} is ` +
          `${expected === 0 ? 'the first issue (correction 0)' : `correction ${expected}`}, not correction ${entry.correction}: a run's issues are numbered 0, 1, 2, … without gaps, in the order they were made`,
      );
    }
    next.set(runKey(entry), Math.max(expected, entry.correction) + 1);
    issues.add(issueKey(entry));
    if (entry.einvoice) withEInvoices.add(issueKey(entry));
    const names = issueFileNames(entry.year, entry.run, entry.correction);
    for (const name of [names.csv, names.summary]) if (!entry.outputs.some((o) => o.file === name)) problem(`${label} does not list ${name}: every issue has its CSV and summary`);
    for (const other of entry.outputs.filter((o) => o.file !== names.csv && o.file !== names.summary && o.file !== names.workbook && !(entry.einvoice && xml.includes(o)))) {
      problem(`${label} lists ${other.file}, which is not a file of that issue`);
    }
  });
  return problems;
}

interface State {
  /** The invoice in force, if one is. */
  inForce?: IssuedDocument;
  /** In the code numbering: the highest k used (0 while only the base number is). */
  last: number;
  /** The last credit note's issue and the invoice it credited. */
  credited?: { readonly issue: IssueEntry; readonly invoice: string };
}

const negated = (a: string, b: string) => new Decimal(a).negated().equals(new Decimal(b));
const where = (d: IssuedRow) => `${d.source.file}:${d.source.line}`;

/** The numbering an issue records: series/1, or (absent) by municipality code. */
export function numberingOf(issue: IssueEntry): Numbering {
  return issue.numbering ?? 'code';
}

/** Whether a document's number has the form of its run's numbering; what is wrong with it if not. */
function numberProblem(d: IssuedDocument): string | undefined {
  const { issue, row } = d;
  const number = row.invoice_number;
  const prefix = `FLIS-${issue.year}-${issue.run}-`;
  if (numberingOf(issue) === 'series/1') {
    const parsed = parseSeriesNumber(number);
    if (!parsed || parsed.year !== issue.year || parsed.run !== issue.run || row.run !== issue.run) {
      return `${number} (run ${row.run}) is not a document of ${issueName(issue)}: its numbers are ${prefix}0001, … for invoices and ${prefix}K0001, … for credit notes`;
    }
    if (isLegacyRow(row)) return `${number} records no document_type: a run numbered in series records each document's type and links`;
    if ((row.document_type === 'credit_note') !== (parsed.kind === 'credit-note')) {
      return `${number} is recorded as ${row.document_type === 'credit_note' ? 'a credit note' : 'an invoice'}, but its number is ${parsed.kind === 'credit-note' ? "a credit note's (K)" : "an invoice's"}`;
    }
    return undefined;
  }
  const parsed = parseDocumentNumber(number);
  if (!number.startsWith(prefix) || row.run !== issue.run || parsed.base.slice(prefix.length) !== row.kommune_code) {
    return `${number} (run ${row.run}, municipality ${row.kommune_code}) is not a document of ${issueName(issue)}: its numbers are ${prefix}CODE, for its run and municipality`;
  }
  if (!isLegacyRow(row) && (row.document_type === 'credit_note') !== (parsed.kind === 'credit-note')) {
    return `${number} is recorded as ${row.document_type === 'credit_note' ? 'a credit note' : 'an invoice'}, but its number is ${parsed.kind === 'credit-note' ? "a credit note's (Kk)" : "an invoice's"}`;
  }
  return undefined;
}

/**
 * What is wrong with the documents, issue by issue in the order they were made (`documents` in that order,
 * each issue's in its CSV's order). Only the runs whose issues were all read should be given.
 *
 * Every number is issued once and has the form of its run's numbering. In series, each series of a run (its
 * invoices, its credit notes) runs 1, 2, 3, … without a gap, in the order issued. Per municipality and run: a
 * first issue has invoices only; a credit note credits the invoice in force, to the øre, and records it; an
 * invoice is issued only when none is in force, and records the invoice it replaces when that was credited in
 * the same issue (none otherwise). Numbered by code, the numbers of a municipality go up by one with each
 * correction (Kk, then Rk), as before.
 */
export function documentProblems(documents: readonly IssuedDocument[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (d: IssuedDocument, message: string) => problems.push({ file: d.source.file, line: d.source.line, message, hint: HINT });
  const seen = new Map<string, IssuedDocument>();
  const states = new Map<string, State>();
  /** Per run in series: the next number of its invoice and credit-note series. */
  const serials = new Map<string, { invoice: number; credit: number }>();
  for (const d of documents) {
    const { issue, row } = d;
    const number = row.invoice_number;
    const first = seen.get(number);
    if (first) {
      problem(d, `${number} was issued before (${where(first)}, ${issueName(first.issue)}): a document number is issued once`);
      continue;
    }
    seen.set(number, d);
    const wrong = numberProblem(d);
    if (wrong) {
      problem(d, wrong);
      continue;
    }
    const series = numberingOf(issue) === 'series/1';
    const credit = isCreditNote(row);
    const prefix = `FLIS-${issue.year}-${issue.run}-`;
    if (issue.correction === 0 && (credit || (!series && parseDocumentNumber(number).kind !== 'invoice') || row.replaced_invoice !== '')) {
      problem(d, `${number} is in the first issue of ${issue.run} ${issue.year}: a first issue has invoices only${series ? '' : `, numbered ${prefix}CODE`}`);
      continue;
    }
    if (series) {
      const next = serials.get(runKey(issue)) ?? { invoice: 1, credit: 1 };
      const parsed = parseSeriesNumber(number)!;
      const expected = credit ? next.credit : next.invoice;
      if (parsed.serial !== expected) {
        problem(d, `${number} should be ${seriesNumber(issue.year, issue.run, expected, parsed.kind)}: the ${credit ? 'credit notes' : 'invoices'} of ${issue.run} ${issue.year} are numbered without gaps, in the order issued`);
      }
      serials.set(runKey(issue), credit ? { ...next, credit: parsed.serial + 1 } : { ...next, invoice: parsed.serial + 1 });
    }
    const key = historyKey(row);
    const state = states.get(key);
    const legacy = isLegacyRow(row);
    if (credit) {
      if (!state?.inForce) {
        problem(d, state ? `${number} credits ${row.kommune_name} (${row.kommune_code})'s invoice of ${issue.run} ${issue.year}, but none is in force: the last one was credited already` : `${number} credits an invoice of ${row.kommune_name} (${row.kommune_code}) in ${issue.run} ${issue.year}, which was never issued`);
        continue;
      }
      const credited = state.inForce.row;
      if (!series) {
        const parsed = parseDocumentNumber(number);
        if (parsed.sequence !== state.last + 1) problem(d, `${number} should be numbered ${parsed.base}-K${state.last + 1}: the numbers of ${parsed.base} go up by one with each correction`);
      }
      if (!legacy && row.credited_invoice !== credited.invoice_number) {
        problem(d, `${number} records that it credits ${row.credited_invoice || 'no invoice'}, but the invoice in force for ${row.kommune_name} (${row.kommune_code}) is ${credited.invoice_number} (${where(state.inForce)})`);
      }
      const amounts = (['net_amount', 'vat_amount', 'gross_amount'] as const).filter((f) => !negated(credited[f], row[f]));
      if (amounts.length > 0) {
        problem(d, `${number} does not credit ${credited.invoice_number}, the invoice in force (${where(state.inForce)}), to the øre: ${amounts.map((f) => `${f} ${row[f]}, not ${new Decimal(credited[f]).negated().toFixed(2)}`).join('; ')}`);
      }
      states.set(key, { last: series ? 0 : parseDocumentNumber(number).sequence, credited: { issue, invoice: credited.invoice_number } });
      continue;
    }
    // An invoice: the first, a replacement, or one of a municipality invoiced again.
    if (state?.inForce) {
      problem(d, `${number} is issued while ${state.inForce.row.invoice_number} (${where(state.inForce)}) is in force for ${row.kommune_name} (${row.kommune_code}) and not credited`);
      continue;
    }
    if (!series) {
      const parsed = parseDocumentNumber(number);
      if (parsed.kind === 'replacement') {
        if (!state) {
          problem(d, `${number} replaces ${parsed.base}, which was never issued`);
          continue;
        }
        const same = parsed.sequence === state.last && state.credited?.issue === issue;
        if (!same && parsed.sequence !== state.last + 1) problem(d, `${number} should be numbered ${parsed.base}-R${state.credited?.issue === issue ? state.last : state.last + 1}: the numbers of ${parsed.base} go up by one with each correction`);
      }
    }
    if (!legacy) {
      const replaces = state?.credited?.issue === issue ? state.credited.invoice : '';
      if (row.replaced_invoice !== replaces) {
        problem(
          d,
          replaces === ''
            ? `${number} records that it replaces ${row.replaced_invoice}, but no invoice of ${row.kommune_name} (${row.kommune_code}) was credited in ${issueName(issue)}`
            : `${number} records that it replaces ${row.replaced_invoice || 'nothing'}, but it follows the credit note for ${replaces} in ${issueName(issue)}: it replaces ${replaces}`,
        );
      }
    }
    states.set(key, { inForce: d, last: series ? 0 : parseDocumentNumber(number).sequence });
  }
  return problems;
}
