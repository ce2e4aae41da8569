// flis verify DIR: the auditor's command. It reads the run folder as every other command does (the manifest,
// every file it lists, the chain of issues and documents: writers/run-folder-read.ts), and also checks that
// each issue's recorded totals are those of its documents and that each e-invoice says what its document's
// row says. Every problem is listed at once, on stdout, with what was checked. Exit 0 when the folder is
// sound, 1 when it is not, 2 when DIR is not a run folder. Writes nothing, takes no lock.

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, type InputProblem, UsageError, displayPath } from '../errors.js';
import { eInvoiceProblems, totalProblems } from '../ledger/audit.js';
import { histories, links } from '../ledger/corrections.js';
import { eInvoiceFile } from '../ledger/chain.js';
import { MANIFEST_FILE, type IssueEntry, eInvoicesOf, issueName } from '../ledger/manifest.js';
import { readEInvoiceXml } from '../readers/einvoice-xml.js';
import { type RunFolder, inspectRunFolder } from '../writers/run-folder-read.js';
import type { CommandContext } from './context.js';
import { countOf, listOf } from './problems.js';

export interface VerifyOptions {
  readonly json?: boolean;
}

interface Verdict {
  readonly folder: string;
  readonly issues: readonly IssueEntry[];
  readonly documents: number;
  readonly files: number;
  readonly eInvoices: number;
  readonly problems: readonly InputProblem[];
  readonly unlisted: readonly string[];
}

/** The e-invoices of every issue that has them, each compared with its document's row; returns how many were read. */
function checkEInvoices(read: RunFolder, folder: string, problems: InputProblem[]): number {
  const { credits, replaces } = links(histories(read.documents));
  let checked = 0;
  for (const document of read.documents) {
    const format = eInvoicesOf(read.manifest, document.issue)?.format;
    const name = eInvoiceFile(document.row.invoice_number);
    const bytes = read.eInvoices.get(name);
    if (!format || !bytes) continue; // none issued, or missing or changed: said already
    checked += 1;
    const file = join(folder, name);
    const facts = readEInvoiceXml(bytes);
    if ('unreadable' in facts) {
      problems.push({ file, message: facts.unreadable, hint: 'Restore it from a backup.' });
      continue;
    }
    const refers = credits.get(document.row.invoice_number) ?? replaces.get(document.row.invoice_number);
    problems.push(...eInvoiceProblems(read.manifest, { file, facts, document, format, ...(refers ? { refers } : {}) }));
  }
  return checked;
}

async function verdictOf(folder: string, shown: string): Promise<Verdict> {
  let inspected;
  try {
    inspected = await inspectRunFolder(folder, shown, { requireManifest: true, keepEInvoices: true });
  } catch (error) {
    // A folder with issued files and no manifest is not sound: said in the report like any other problem.
    if (!(error instanceof InputError)) throw error;
    return { folder: shown, issues: [], documents: 0, files: 0, eInvoices: 0, problems: error.problems, unlisted: [] };
  }
  const { folder: read } = inspected;
  // Totals and e-invoices are compared with the documents that could be read (an issue whose CSV is missing or
  // changed has none: that problem is listed already).
  const problems = [...inspected.problems, ...totalProblems(read.manifest, read.documents, join(shown, MANIFEST_FILE))];
  const eInvoices = checkEInvoices(read, shown, problems);
  return {
    folder: shown,
    issues: read.manifest.entries.filter((e): e is IssueEntry => e.kind === undefined),
    documents: read.documents.length,
    files: read.files,
    eInvoices,
    problems,
    unlisted: read.unlisted,
  };
}

const where = (p: InputProblem) => (p.line === undefined ? p.file : `${p.file}:${p.line}`);

function report(v: Verdict): string {
  const checked =
    `${v.folder}: ${countOf(v.issues.length, 'issue')}${v.issues.length > 0 ? ` (${listOf(v.issues.map(issueName), 6)})` : ''}, ` +
    `${countOf(v.documents, 'document')}, ${countOf(v.files, 'file')} listed in ${MANIFEST_FILE}, ${countOf(v.eInvoices, 'e-invoice')} each compared with its document`;
  const lines = [`flis verify ${checked}.`];
  if (v.problems.length === 0) {
    lines.push(
      'Sound: every file the manifest lists is there, byte for byte as issued; each run\'s issues and documents form an unbroken chain; ' +
        'the recorded totals and the e-invoices agree with the documents.',
    );
  } else {
    lines.push(`NOT SOUND: ${countOf(v.problems.length, 'problem')}:`);
    for (const p of v.problems) lines.push(`  - ${where(p)}: ${p.message}`);
  }
  if (v.unlisted.length > 0) lines.push(`Not issued (named as issued files, but not listed in ${MANIFEST_FILE}, so not checked): ${v.unlisted.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

function json(v: Verdict): string {
  return `${JSON.stringify(
    {
      folder: v.folder,
      sound: v.problems.length === 0,
      checked: { issues: v.issues.length, documents: v.documents, files: v.files, einvoices: v.eInvoices },
      problems: v.problems.map((p) => ({ file: p.file, ...(p.line === undefined ? {} : { line: p.line }), message: p.message })),
      not_issued: v.unlisted,
    },
    null,
    2,
  )}\n`;
}

export async function verifyCommand(dir: string, options: VerifyOptions, context: CommandContext): Promise<number> {
  const folder = resolve(context.cwd, dir);
  const shown = displayPath(folder, context.cwd);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new UsageError(`the run folder ${shown} does not exist`, 'Give the --out folder of flis invoice.');
  }
  if (!isFolder) throw new UsageError(`${shown} is a file, not a run folder`, 'Give the --out folder of flis invoice.');
  const verdict = await verdictOf(folder, shown);
  context.stdout.write(options.json ? json(verdict) : report(verdict));
  if (verdict.problems.length === 0) return 0;
  context.stderr.write(`flis: error: ${shown} is not sound: ${countOf(verdict.problems.length, 'problem')} (listed on stdout)\n`);
  return 1;
}
