// The chain of a run folder, checked as an auditor would before anything in it is trusted: each run's issues
// numbered 0, 1, 2, … without gaps, each issue listing the files named for it, and its documents in order:
// every number belongs to its run and year and is issued once; a credit note credits the invoice in force, to
// the øre; a replacement follows the credit note of the invoice it replaces. Pure: manifest and rows in,
// problems out.

import { type IssuedRow, parseDocumentNumber } from '../documents/invoice-document.js';
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
    for (const other of entry.outputs.filter((o) => o.file !== names.csv && o.file !== names.summary && !(entry.einvoice && xml.includes(o)))) {
      problem(`${label} lists ${other.file}, which is not a file of that issue`);
    }
  });
  return problems;
}

interface BaseState {
  /** The invoice in force, if one is. */
  inForce?: IssuedDocument;
  /** The highest k used (0 while only the base number is). */
  last: number;
  /** The credit note issued with the k last used, in the issue it was issued in. */
  creditedIn?: IssueEntry;
}

const negated = (a: string, b: string) => new Decimal(a).negated().equals(new Decimal(b));
const where = (d: IssuedRow) => `${d.source.file}:${d.source.line}`;

/**
 * What is wrong with the documents, issue by issue in the order they were made (`documents` in that order,
 * each issue's in its CSV's order). Only the runs whose issues were all read should be given.
 */
export function documentProblems(documents: readonly IssuedDocument[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (d: IssuedDocument, message: string) => problems.push({ file: d.source.file, line: d.source.line, message, hint: HINT });
  const seen = new Map<string, IssuedDocument>();
  const bases = new Map<string, BaseState>();
  for (const d of documents) {
    const { issue, row } = d;
    const number = row.invoice_number;
    const first = seen.get(number);
    if (first) {
      problem(d, `${number} was issued before (${where(first)}, ${issueName(first.issue)}): a document number is issued once`);
      continue;
    }
    seen.set(number, d);
    const prefix = `FLIS-${issue.year}-${issue.run}-`;
    const parsed = parseDocumentNumber(number);
    if (!number.startsWith(prefix) || row.run !== issue.run || parsed.base.slice(prefix.length) !== row.kommune_code) {
      problem(d, `${number} (run ${row.run}, municipality ${row.kommune_code}) is not a document of ${issueName(issue)}: its numbers are ${prefix}CODE, for its run and municipality`);
      continue;
    }
    if (issue.correction === 0 && parsed.kind !== 'invoice') {
      problem(d, `${number} is in the first issue of ${issue.run} ${issue.year}: a first issue has invoices only, numbered ${prefix}CODE`);
      continue;
    }
    const state = bases.get(parsed.base);
    switch (parsed.kind) {
      case 'invoice':
        bases.set(parsed.base, { inForce: d, last: 0 });
        break;
      case 'credit-note': {
        if (!state?.inForce) {
          problem(d, state ? `${number} credits ${parsed.base}…, but no invoice of it is in force: the last one was credited already` : `${number} credits ${parsed.base}, which was never issued`);
          break;
        }
        const credited = state.inForce.row;
        if (parsed.sequence !== state.last + 1) problem(d, `${number} should be numbered ${parsed.base}-K${state.last + 1}: the numbers of ${parsed.base} go up by one with each correction`);
        const amounts = (['net_amount', 'vat_amount', 'gross_amount'] as const).filter((f) => !negated(credited[f], row[f]));
        if (amounts.length > 0) {
          problem(d, `${number} does not credit ${credited.invoice_number}, the invoice in force (${where(state.inForce)}), to the øre: ${amounts.map((f) => `${f} ${row[f]}, not ${new Decimal(credited[f]).negated().toFixed(2)}`).join('; ')}`);
        }
        bases.set(parsed.base, { last: parsed.sequence, creditedIn: issue });
        break;
      }
      case 'replacement': {
        if (!state) {
          problem(d, `${number} replaces ${parsed.base}, which was never issued`);
          break;
        }
        if (state.inForce) {
          problem(d, `${number} is issued while ${state.inForce.row.invoice_number} (${where(state.inForce)}) is in force and not credited`);
          break;
        }
        const same = parsed.sequence === state.last && state.creditedIn === issue;
        if (!same && parsed.sequence !== state.last + 1) problem(d, `${number} should be numbered ${parsed.base}-R${state.creditedIn === issue ? state.last : state.last + 1}: the numbers of ${parsed.base} go up by one with each correction`);
        bases.set(parsed.base, { inForce: d, last: parsed.sequence });
        break;
      }
    }
  }
  return problems;
}
