// A run folder (`flis invoice --out DIR`): issuing a run, repeating it, and correcting it, without ever
// changing what was issued.
//
// - First issue: invoices-YEAR-RUN.csv, summary-YEAR-RUN.txt, then manifest.json.
// - The same run again: compared with what is in force; nothing changed → nothing written.
// - Changed: refused with the changes per municipality; with supersede, a correction:
//   corrections-YEAR-RUN-K.csv (credit notes and new invoices for the municipalities that changed) and
//   corrections-YEAR-RUN-K.txt, then manifest.json.
// The manifest is written last: it is the commit. Issued files are checked against its SHA-256s first.

import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Decimal, formatAmount, sum } from '../engine/money.js';
import type { RunId } from '../engine/runs.js';
import type { Tariff } from '../engine/tariff.js';
import { EXIT_INPUT, FlisError } from '../errors.js';
import { type Change, type DocumentHistory, changesOf, correctionDocuments, describeChange, histories } from '../ledger/corrections.js';
import { EMPTY_MANIFEST, type InputRecord, MANIFEST_FILE, type Manifest, type ManifestEntry, entriesOf, manifestText, parseManifest, tariffRecord } from '../ledger/manifest.js';
import { readIssuedRows } from '../readers/issued-invoices.js';
import { inOneChunk } from '../readers/text.js';
import type { Dialect } from '../documents/dialect.js';
import { invoiceCsv } from './invoice-csv.js';
import type { InvoiceRow } from '../documents/invoice-document.js';
import { isRunning } from './lock.js';
import { type FileOps, type PlannedFile, writeFilesAtomically } from './output.js';

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export interface IssueRequest {
  readonly folder: string;
  /** How the folder is shown in messages. */
  readonly shown: string;
  readonly year: number;
  readonly run: RunId;
  /** The run as computed now, numbered with base numbers. */
  readonly rows: readonly InvoiceRow[];
  readonly inputs: readonly InputRecord[];
  readonly tariff: Tariff;
  readonly version: string;
  readonly dialect: Dialect;
  readonly supersede: boolean;
  readonly dryRun: boolean;
  /** The summary file's text, for the documents being issued. */
  readonly summary: (documents: readonly InvoiceRow[], correction: number, changes: readonly Change[]) => string;
}

export type IssueOutcome =
  | { readonly kind: 'issued'; readonly files: readonly string[]; readonly leftovers: readonly string[] }
  | { readonly kind: 'corrected'; readonly correction: number; readonly files: readonly string[]; readonly changes: readonly Change[] }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'dry-run'; readonly files: readonly string[]; readonly changes: readonly Change[] };

export function issueFileNames(year: number, run: RunId, correction: number): { csv: string; summary: string } {
  return correction === 0
    ? { csv: `invoices-${year}-${run}.csv`, summary: `summary-${year}-${run}.txt` }
    : { csv: `corrections-${year}-${run}-${correction}.csv`, summary: `corrections-${year}-${run}-${correction}.txt` };
}

async function readManifest(folder: string, shown: string): Promise<Manifest> {
  try {
    return parseManifest(join(shown, MANIFEST_FILE), await readFile(join(folder, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_MANIFEST;
    throw error;
  }
}

/** Every file the entries list must be there, byte for byte as issued; returns the issued rows. */
async function verifiedIssue(folder: string, shown: string, entries: readonly ManifestEntry[]) {
  const rows = [];
  for (const output of entries.flatMap((e) => e.outputs)) {
    let content: Buffer;
    try {
      content = await readFile(join(folder, output.file));
    } catch {
      throw new FlisError(`${join(shown, output.file)} is missing: the manifest says it was issued`, EXIT_INPUT, 'Restore it from a backup; flis writes nothing here until it is back.');
    }
    if (sha256(content) !== output.sha256) {
      throw new FlisError(
        `${join(shown, output.file)} has been changed since it was issued (its SHA-256 is not the one in ${MANIFEST_FILE})`,
        EXIT_INPUT,
        'An issued file is never edited. Restore it from a backup; corrections are made with --supersede.',
      );
    }
    if (output.file.endsWith('.csv')) rows.push(...(await readIssuedRows(join(shown, output.file), inOneChunk(content))));
  }
  return histories(rows);
}

function totalNet(rows: readonly InvoiceRow[]): string {
  return formatAmount(sum(rows.map((row) => new Decimal(row.net_amount))));
}

function refusal(request: IssueRequest, changes: readonly Change[]): FlisError {
  const list = changes.map((c) => `  - ${describeChange(c)}`).join('\n');
  return new FlisError(
    `${request.run} ${request.year} was already issued in ${request.shown}, and the run now differs for ` +
      `${changes.length} municipalit${changes.length === 1 ? 'y' : 'ies'}:\n${list}\nNothing was written.`,
    EXIT_INPUT,
    'If the inputs are right, give --supersede to issue credit notes and new invoices for these municipalities; issued invoices are never changed.',
  );
}

/** Temporaries (.name.PID.tmp) left by a flis that was killed while writing: never part of what was issued. */
async function removeStaleTemporaries(folder: string, ops?: FileOps): Promise<void> {
  for (const name of await readdir(folder)) {
    const m = /^\..+\.(\d+)\.tmp$/.exec(name);
    if (m && !isRunning(Number(m[1]))) await (ops?.rm ?? rm)(join(folder, name), { force: true });
  }
}

export async function issueRun(request: IssueRequest, ops?: FileOps): Promise<IssueOutcome> {
  const { folder, year, run } = request;
  // Under the lock, no other flis writes here: temporaries of a dead one are garbage, whatever this run does.
  if (!request.dryRun) await removeStaleTemporaries(folder, ops);
  const manifest = await readManifest(folder, request.shown);
  const entries = entriesOf(manifest, year, run);
  const issued: Map<string, DocumentHistory> = entries.length === 0 ? new Map() : await verifiedIssue(folder, request.shown, entries);

  let correction = 0;
  let documents: readonly InvoiceRow[] = request.rows;
  let changes: Change[] = [];
  if (entries.length > 0) {
    changes = changesOf(issued, request.rows);
    if (changes.length === 0) return { kind: 'unchanged' };
    if (!request.supersede) throw refusal(request, changes);
    correction = Math.max(...entries.map((e) => e.correction)) + 1;
    documents = correctionDocuments(changes, issued);
  }

  const names = issueFileNames(year, run, correction);
  const outputs: PlannedFile[] = [
    { path: join(folder, names.csv), content: invoiceCsv(documents, request.dialect) },
    { path: join(folder, names.summary), content: request.summary(documents, correction, changes) },
  ];
  if (request.dryRun) return { kind: 'dry-run', files: outputs.map((o) => o.path), changes };

  const entry: ManifestEntry = {
    year,
    run,
    correction,
    flis_version: request.version,
    dialect: request.dialect,
    tariff: tariffRecord(request.tariff),
    inputs: request.inputs,
    outputs: outputs.map((o) => ({ file: names[o === outputs[0] ? 'csv' : 'summary'], sha256: sha256(o.content) })),
    documents: documents.length,
    net_amount: totalNet(documents),
    ...(correction > 0 ? { changes: changes.map((c) => ({ kommune_code: c.code, change: describeChange(c) })) } : {}),
  };
  const next: Manifest = { ...manifest, entries: [...manifest.entries, entry] };
  const present = new Set(await readdir(folder));
  const leftovers = [names.csv, names.summary].filter((n) => present.has(n));
  await writeFilesAtomically([...outputs, { path: join(folder, MANIFEST_FILE), content: manifestText(next) }], ops);
  const files = outputs.map((o) => o.path);
  return correction === 0 ? { kind: 'issued', files, leftovers } : { kind: 'corrected', correction, files, changes };
}
