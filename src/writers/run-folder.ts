// A run folder (`flis invoice --out DIR`): issuing a run, repeating it, and correcting it, without ever
// changing what was issued.
//
// - First issue: invoices-YEAR-RUN.csv, summary-YEAR-RUN.txt, then manifest.json.
// - The same run again: compared with what is in force; nothing changed → nothing written.
// - Changed: refused with the changes per municipality; with supersede, a correction:
//   corrections-YEAR-RUN-K.csv (credit notes and new invoices for the municipalities that changed) and
//   corrections-YEAR-RUN-K.txt, then manifest.json.
// - Numbering: a run first issued now is numbered in series (its manifest entries record "numbering":
//   "series/1"); one first issued before keeps numbering by code, and states the run's window as the period,
//   as its documents do (ledger/corrections.ts).
// - With e-invoices: einvoices/NUMBER.xml for every document issued, in the same commit; for an issue made
//   without them, written later (and recorded in an entry of their own).
// The manifest is written last: it is the commit. The whole folder is read through the verified reader
// (run-folder-read.ts) first, and an issued file is published so that nothing can write over it.

import { lstat, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Decimal, formatAmount, sum } from '../engine/money.js';
import type { RunId } from '../engine/runs.js';
import type { Tariff } from '../engine/tariff.js';
import type { EInvoiceFormat } from '../documents/einvoice-formats.js';
import { FORMAT_NAMES } from '../documents/einvoice-formats.js';
import { type InvoiceRow, type LineRecord, type Numbering, SERIES, isCreditNote, isLegacyRow, negatedLines } from '../documents/invoice-document.js';
import { EXIT_INPUT, FlisError, UsageError, displayPath } from '../errors.js';
import { type BuyerRow, type Change, type DocumentHistory, changesOf, correctionDocuments, describeChange, histories, historyKey, links } from '../ledger/corrections.js';
import type { RosterFacts } from '../texts/texts.js';
import { EINVOICE_FOLDER, type IssuedDocument, eInvoiceFile, numberingOf } from '../ledger/chain.js';
import {
  type EInvoiceEntry,
  type FileRecord,
  type InputRecord,
  type IssueEntry,
  MANIFEST_FILE,
  type Manifest,
  type ManifestEntry,
  eInvoicesOf,
  issueDateOf,
  languageOf,
  issueName,
  issueFileNames,
  issuesOf,
  listedFiles,
  manifestText,
  recordedLines,
  tariffRecord,
} from '../ledger/manifest.js';
import type { Dialect } from '../documents/dialect.js';
import { invoiceCsv } from './invoice-csv.js';
import { isRunning } from './lock.js';
import { type FileOps, type PlannedFile, ensureFolder, sha256, writeFilesAtomically } from './output.js';
import { readRunFolder } from './run-folder-read.js';
import type { Lang } from '../texts/texts.js';

export { EINVOICE_FOLDER, eInvoiceFile } from '../ledger/chain.js';

/** A document to send as an e-invoice, with what the e-invoice needs beyond its row. */
export interface DocumentToSend {
  readonly row: InvoiceRow;
  /** ISO date the document was issued. */
  readonly issueDate: string;
  /** A credit note's invoice: its number, and its issue date where the manifest recorded it. */
  readonly credits?: { readonly number: string; readonly issueDate?: string };
  /** A replacement invoice's replaced invoice: its number, and its issue date where the manifest recorded it. */
  readonly replaces?: { readonly number: string; readonly issueDate?: string };
  /** The tariff of the issue, as the manifest records it (for the knee in the line's words). */
  readonly tariff: IssueEntry['tariff'];
  /** The document's lines where its window spans a change of the tariff (billing rules §11), as the manifest records them. */
  readonly lines?: readonly LineRecord[];
  /** The language the issue's documents are written in: their e-invoices' words are in it too. */
  readonly lang: Lang;
  /** Whether the document was issued before (its e-invoice written later), rather than being issued now. */
  readonly issued: boolean;
}

/** Writing e-invoices: the format, and the XML of each document (throws an InputError for any that cannot be sent). */
export interface EInvoiceRequest {
  readonly format: EInvoiceFormat;
  readonly render: (documents: readonly DocumentToSend[]) => readonly string[];
  /** The inputs that the e-invoices took beyond the issue's (roster references, config seller), for their entry. */
  readonly inputs: readonly InputRecord[];
}

export interface IssueRequest {
  readonly folder: string;
  /** How the folder is shown in messages. */
  readonly shown: string;
  readonly year: number;
  readonly run: RunId;
  /** The run as computed now, numbered as its first issue would number it (FLIS-2025-H1-0001, …). */
  readonly rows: readonly InvoiceRow[];
  /** The lines of the run's invoices that have more than one (billing rules §11), by municipality code. */
  readonly lines?: ReadonlyMap<string, readonly LineRecord[]>;
  /**
   * Each municipality's window in the run (ISO dates, by code): a run first issued before flis stated the period
   * billed stated the window as the period, and is compared and corrected on it.
   */
  readonly windows: ReadonlyMap<string, { readonly from: string; readonly to: string }>;
  /** Every municipality as the documents address it now, by code (for the credit notes). */
  readonly buyers: ReadonlyMap<string, BuyerRow>;
  /** What the roster says of the dates of each municipality on it, by code (for the words of the credit notes). */
  readonly roster: ReadonlyMap<string, RosterFacts>;
  readonly inputs: readonly InputRecord[];
  readonly tariff: Tariff;
  readonly version: string;
  readonly dialect: Dialect;
  readonly supersede: boolean;
  readonly dryRun: boolean;
  /** The language of the documents' notes (credit notes and replacements say whom they credit and replace in it). */
  readonly lang: Lang;
  /** The summary file's text, for the documents being issued. */
  readonly summary: (documents: readonly InvoiceRow[], correction: number, changes: readonly Change[]) => string;
  /**
   * With --xlsx: the workbook of the documents being issued (written beside their CSV, named as it is, .xlsx),
   * given the CSV's name. An issue made without one gets none later: the issue is what it was.
   */
  readonly workbook?: (documents: readonly InvoiceRow[], correction: number, changes: readonly Change[], csv: string) => Promise<Uint8Array>;
  /** The day a new issue is dated (ISO): --issue-date, or today. Recorded in the manifest. */
  readonly issueDate: string;
  /** Whether the issue date was given (--issue-date): then it must agree with the date an earlier issue recorded. */
  readonly issueDateGiven?: boolean;
  /** E-invoices for the documents issued (and for earlier issues of the run made without them). */
  readonly einvoices?: EInvoiceRequest;
}

/** Files written, and the files not issued that were removed to make way for them (left by a run that did not finish). */
export interface Written {
  readonly files: readonly string[];
  readonly leftovers: readonly string[];
}

/** What a run's invoices are in the folder once the issue is made (or would be, under --dry-run): the rows in force, in the order of the run's rows. */
interface InForce {
  readonly inForce: readonly InvoiceRow[];
}

/** The documents an issue makes (or would make). */
interface Documents {
  readonly documents: readonly InvoiceRow[];
}

export type IssueOutcome =
  | ({ readonly kind: 'issued' } & Written & InForce & Documents)
  | ({ readonly kind: 'corrected'; readonly correction: number; readonly changes: readonly Change[] } & Written & InForce & Documents)
  | ({ readonly kind: 'unchanged' } & Written & InForce)
  | ({ readonly kind: 'dry-run'; readonly files: readonly string[]; readonly changes: readonly Change[] } & InForce & Documents);

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
  for (const where of [folder, join(folder, EINVOICE_FOLDER)]) {
    let names: string[];
    try {
      names = await readdir(where);
    } catch {
      continue; // no e-invoice folder
    }
    for (const name of names) {
      const m = /^\..+\.(\d+)\.tmp$/.exec(name);
      if (m && !isRunning(Number(m[1]))) await (ops?.rm ?? rm)(join(where, name), { force: true });
    }
  }
}

/** The documents of an issue with what their e-invoices need: issue dates, credited and replaced invoices, the tariff. */
function documentsToSend(
  rows: readonly InvoiceRow[],
  issue: { readonly issueDate: string; readonly tariff: IssueEntry['tariff']; readonly lang: Lang },
  all: readonly IssuedDocument[],
  manifest: Manifest,
  added: Readonly<Record<string, readonly LineRecord[]>> = {},
): DocumentToSend[] {
  const lines = recordedLines(manifest);
  for (const [number, records] of Object.entries(added)) lines.set(number, records);
  const everything = [...all.map((d) => ({ row: d.row, source: d.source })), ...rows.filter((r) => !all.some((d) => d.row.invoice_number === r.invoice_number)).map((row) => ({ row, source: { file: '', line: 0 } }))];
  const { credits, replaces } = links(histories(everything));
  const issuedOn = new Map(all.map((d) => [d.row.invoice_number, issueDateOf(manifest, d.issue)]));
  const issued = new Set(all.map((d) => d.row.invoice_number));
  const reference = (number: string | undefined) => {
    if (number === undefined) return undefined;
    const date = issuedOn.get(number);
    return { number, ...(date ? { issueDate: date } : {}) };
  };
  return rows.map((row) => {
    const credited = reference(credits.get(row.invoice_number));
    const replaced = reference(replaces.get(row.invoice_number));
    const own = lines.get(row.invoice_number);
    return { row, ...issue, issued: issued.has(row.invoice_number), ...(credited ? { credits: credited } : {}), ...(replaced ? { replaces: replaced } : {}), ...(own ? { lines: own } : {}) };
  });
}

/**
 * The lines of the documents an issue makes, by number (billing rules §11): an invoice's are those of the run as
 * computed now for its municipality; a credit note's are those of the invoice it credits, negated.
 */
function linesOfDocuments(rows: readonly InvoiceRow[], computed: IssueRequest['lines'], manifest: Manifest): Record<string, readonly LineRecord[]> {
  const recorded = recordedLines(manifest);
  const lines: Record<string, readonly LineRecord[]> = {};
  for (const row of rows) {
    const own = isCreditNote(row) ? recorded.get(row.credited_invoice) : computed?.get(row.kommune_code);
    if (own) lines[row.invoice_number] = isCreditNote(row) ? negatedLines(own) : own;
  }
  return lines;
}

/** The e-invoice files of documents, ready to write (paths absolute) and to record (paths relative). */
function eInvoiceFiles(folder: string, request: EInvoiceRequest, documents: readonly DocumentToSend[]): { planned: PlannedFile[]; names: string[] } {
  const xml = request.render(documents);
  const names = documents.map((d) => eInvoiceFile(d.row.invoice_number));
  return { planned: names.map((name, i) => ({ path: join(folder, name), content: xml[i]! })), names };
}

/** An issue whose e-invoices are in another format: a document is sent once, in one format. */
function otherFormat(issue: IssueEntry, format: EInvoiceFormat, wanted: EInvoiceFormat): FlisError {
  return new FlisError(
    `the e-invoices of ${issueName(issue)} were issued as ${FORMAT_NAMES[format]}: they are not written again as ${FORMAT_NAMES[wanted]}`,
    EXIT_INPUT,
    'A document is sent once, in one format. Use the format the run folder was issued with.',
  );
}

/** --issue-date for documents issued on another day: their e-invoices carry the day they were issued. */
function issuedOn(issue: IssueEntry, recorded: string, given: string): UsageError {
  return new UsageError(
    `${issueName(issue)} was issued on ${recorded} (${MANIFEST_FILE}): its e-invoices carry that date, not --issue-date ${given}`,
    'Leave out --issue-date: documents already issued keep the date they were issued on.',
  );
}

export interface MissingEInvoices {
  readonly files: PlannedFile[];
  readonly entries: EInvoiceEntry[];
}

/**
 * The e-invoices of issues made without them (each issue's documents, dated with the issue date recorded for
 * it, or else `issueDate`), each issue recorded in an entry of its own. Issues that have e-invoices in the
 * format asked for are left as they are; in another format, refused.
 */
export function missingEInvoices(
  folder: string,
  manifest: Manifest,
  issues: readonly IssueEntry[],
  documents: readonly IssuedDocument[],
  einvoices: EInvoiceRequest,
  issueDate: { readonly date: string; readonly given: boolean },
  version: string,
): MissingEInvoices {
  const files: PlannedFile[] = [];
  const entries: EInvoiceEntry[] = [];
  for (const issue of issues) {
    const existing = eInvoicesOf(manifest, issue);
    if (existing) {
      if (existing.format !== einvoices.format) throw otherFormat(issue, existing.format, einvoices.format);
      continue;
    }
    const recorded = issueDateOf(manifest, issue);
    if (recorded && issueDate.given && recorded !== issueDate.date) throw issuedOn(issue, recorded, issueDate.date);
    const dated = recorded ?? issueDate.date;
    if (!recorded) {
      const earlier = issues.filter((i) => i.year === issue.year && i.run === issue.run && i.correction < issue.correction);
      const early = datedBefore(earlier.map((i) => ({ issue: i, date: issueDateOf(manifest, i) ?? dated })), issueDate);
      if (early) throw early;
    }
    const rows = documents.filter((d) => d.issue === issue).map((d) => d.row);
    const planned = eInvoiceFiles(folder, einvoices, documentsToSend(rows, { issueDate: dated, tariff: issue.tariff, lang: languageOf(issue) }, documents, manifest));
    files.push(...planned.planned);
    entries.push({
      kind: 'einvoices',
      year: issue.year,
      run: issue.run,
      correction: issue.correction,
      flis_version: version,
      einvoice: einvoices.format,
      issue_date: dated,
      inputs: einvoices.inputs,
      outputs: planned.planned.map((file, i) => ({ file: planned.names[i]!, sha256: sha256(file.content) })),
      documents: rows.length,
    });
  }
  return { files, entries };
}

/**
 * The e-invoices issued in `format` that would come out differently now (another seller, reference or flis):
 * their files, relative to the folder. An issued e-invoice is never rewritten; this says whether it stands.
 */
export function changedEInvoices(folder: string, manifest: Manifest, documents: readonly IssuedDocument[], einvoices: EInvoiceRequest): string[] {
  const changed: string[] = [];
  for (const issue of manifest.entries.filter((e): e is IssueEntry => e.kind === undefined)) {
    const existing = eInvoicesOf(manifest, issue);
    if (!existing || existing.format !== einvoices.format) continue;
    const rows = documents.filter((d) => d.issue === issue).map((d) => d.row);
    const now = eInvoiceFiles(folder, einvoices, documentsToSend(rows, { issueDate: issueDateOf(manifest, issue)!, tariff: issue.tariff, lang: languageOf(issue) }, documents, manifest));
    const issued = new Map(existing.files.map((f) => [f.file, f.sha256]));
    now.names.forEach((name, i) => {
      if (issued.get(name) !== sha256(now.planned[i]!.content)) changed.push(name);
    });
  }
  return changed;
}

/**
 * Writes files and then the manifest with the entries added, whole or not at all. An issued file is published
 * so that it can never be written over (output.ts: once); only the manifest is replaced. A file the manifest
 * lists is never among them; one it does not list (left by a run that did not finish: never issued) is removed
 * first, and named among the leftovers.
 */
export async function commit(folder: string, manifest: Manifest, added: readonly ManifestEntry[], files: readonly PlannedFile[], ops?: FileOps): Promise<Written> {
  const listed = listedFiles(manifest);
  const leftovers: string[] = [];
  for (const file of files) {
    const name = relative(folder, file.path).split(sep).join('/');
    if (listed.has(name)) {
      throw new FlisError(`${displayPath(file.path)} was issued already (${MANIFEST_FILE} lists it): an issued file is never written over. Nothing was written.`, EXIT_INPUT, 'Check the manifest: it should not lead flis to issue a file twice.');
    }
    if (await isThere(file.path)) {
      await (ops?.rm ?? rm)(file.path, { force: true });
      leftovers.push(file.path);
    }
  }
  if (files.some((f) => dirname(f.path) === join(folder, EINVOICE_FOLDER))) await ensureFolder(join(folder, EINVOICE_FOLDER));
  const next: Manifest = { ...manifest, entries: [...manifest.entries, ...added] };
  await writeFilesAtomically([...files.map((f) => ({ ...f, once: true })), { path: join(folder, MANIFEST_FILE), content: manifestText(next) }], ops);
  return { files: files.map((f) => f.path), leftovers };
}

async function isThere(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * A folder without a manifest holds, at most, what a first issue of this run that did not finish left (its CSV,
 * summary and e-invoices). Anything else there (another run's files, corrections) means the manifest was lost:
 * issuing into it would start a new ledger beside the old one, so it is refused.
 */
function refuseLostManifest(request: IssueRequest, unlisted: readonly string[]): void {
  const own = new RegExp(`^((invoices|summary)-${request.year}-${request.run}\\.(csv|txt|xlsx)|${EINVOICE_FOLDER}/FLIS-${request.year}-${request.run}-(\\d{3}|\\d{4,})\\.xml)$`);
  const others = unlisted.filter((name) => !own.test(name));
  if (others.length === 0) return;
  throw new FlisError(
    `${request.shown} holds ${others.slice(0, 3).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''} but no ${MANIFEST_FILE}: ` +
      `it looks like a run folder whose manifest was lost, and a run issued into it now would start a new ledger beside the old one. Nothing was written.`,
    EXIT_INPUT,
    `Restore ${MANIFEST_FILE} from a backup, or issue into another folder.`,
  );
}

/** A correction dated `date` before an earlier issue of its run (`earlier`, with their dates): refused, naming the issue and its date. */
function datedBefore(earlier: readonly { readonly issue: IssueEntry; readonly date: string | undefined }[], date: { readonly date: string; readonly given: boolean }): UsageError | undefined {
  const first = earlier.find((e) => e.date !== undefined && e.date > date.date);
  if (!first) return undefined;
  return new UsageError(
    `${date.given ? `--issue-date ${date.date}` : `today, ${date.date},`} is before ${issueName(first.issue)} was issued (${first.date}, ${MANIFEST_FILE}): a correction is not dated before the issue it corrects`,
    `Give --issue-date on or after ${first.date}.`,
  );
}

/** The run's rows as a run numbered by code states them: with the window as the period. */
function withWindows(rows: readonly InvoiceRow[], windows: IssueRequest['windows']): InvoiceRow[] {
  return rows.map((row) => {
    const window = windows.get(row.kommune_code);
    if (!window) throw new RangeError(`no window for ${row.kommune_code}`);
    return { ...row, period_from: window.from, period_to: window.to };
  });
}

/**
 * For each of the run's rows (by municipality), the row in force once `added` is issued after `documents`. An
 * invoice issued before flis recorded its type and date is given them from the manifest; what it did not state
 * (its buyer) stays empty.
 */
function inForceAfter(computed: readonly InvoiceRow[], documents: readonly IssuedDocument[], added: readonly InvoiceRow[], manifest: Manifest): InvoiceRow[] {
  const all = histories([...documents, ...added.map((row) => ({ row, source: { file: '', line: 0 } }))]);
  const issues = new Map(documents.map((d) => [d.row.invoice_number, d.issue]));
  return computed.map((row) => {
    const inForce = all.get(historyKey(row))?.inForce?.row ?? row;
    if (!isLegacyRow(inForce)) return inForce;
    const issue = issues.get(inForce.invoice_number);
    return { ...inForce, document_type: 'invoice', issue_date: (issue && issueDateOf(manifest, issue)) ?? '' };
  });
}

export async function issueRun(request: IssueRequest, ops?: FileOps): Promise<IssueOutcome> {
  const { folder, year, run } = request;
  // Under the lock, no other flis writes here: temporaries of a dead one are garbage, whatever this run does.
  if (!request.dryRun) await removeStaleTemporaries(folder, ops);
  // Every issue in the folder is checked, not only this run's: nothing is added to a ledger that is not sound.
  const { manifest, documents: everything, hasManifest, unlisted } = await readRunFolder(folder, request.shown, { requireManifest: false });
  if (!hasManifest) refuseLostManifest(request, unlisted);
  const issues = issuesOf(manifest, year, run);
  const documents = everything.filter((d) => d.issue.year === year && d.issue.run === run);
  const issued: Map<string, DocumentHistory> = histories(documents);
  // A run keeps the numbering of its first issue; a new run is numbered in series.
  const numbering: Numbering = issues.length > 0 ? numberingOf(issues[0]!) : SERIES;
  const computed = numbering === SERIES ? request.rows : withWindows(request.rows, request.windows);

  let correction = 0;
  let rows: readonly InvoiceRow[] = computed;
  let changes: Change[] = [];
  if (issues.length > 0) {
    changes = changesOf(issued, computed);
    const inForce = inForceAfter(computed, documents, [], manifest);
    if (changes.length === 0) {
      // Already issued. With e-invoices asked for, those of issues made without them are written now.
      if (!request.einvoices) return { kind: 'unchanged', files: [], leftovers: [], inForce };
      const missing = missingEInvoices(folder, manifest, issues, documents, request.einvoices, { date: request.issueDate, given: request.issueDateGiven ?? false }, request.version);
      if (missing.files.length === 0 || request.dryRun) return { kind: 'unchanged', files: request.dryRun ? missing.files.map((f) => f.path) : [], leftovers: [], inForce };
      return { kind: 'unchanged', ...(await commit(folder, manifest, missing.entries, missing.files, ops)), inForce };
    }
    if (!request.supersede) throw refusal(request, changes);
    const early = datedBefore(issues.map((issue) => ({ issue, date: issueDateOf(manifest, issue) })), { date: request.issueDate, given: request.issueDateGiven ?? false });
    if (early) throw early;
    if (request.einvoices) {
      for (const issue of issues) {
        const existing = eInvoicesOf(manifest, issue);
        if (existing && existing.format !== request.einvoices.format) throw otherFormat(issue, existing.format, request.einvoices.format);
      }
    }
    correction = Math.max(...issues.map((e) => e.correction)) + 1;
    rows = correctionDocuments(changes, issued, { year, run, numbering, issueDate: request.issueDate, lang: request.lang, buyers: request.buyers, roster: request.roster });
  }
  const inForce = inForceAfter(computed, documents, rows, manifest);

  const names = issueFileNames(year, run, correction);
  const made: { readonly name: string; readonly content: string | Uint8Array }[] = [
    { name: names.csv, content: invoiceCsv(rows, request.dialect) },
    { name: names.summary, content: request.summary(rows, correction, changes) },
    ...(request.workbook ? [{ name: names.workbook, content: await request.workbook(rows, correction, changes, names.csv) }] : []),
  ];
  const outputs: PlannedFile[] = made.map((file) => ({ path: join(folder, file.name), content: file.content }));
  const tariff = tariffRecord(request.tariff);
  const lines = linesOfDocuments(rows, request.lines, manifest);
  const xml = request.einvoices
    ? eInvoiceFiles(folder, request.einvoices, documentsToSend(rows, { issueDate: request.issueDate, tariff, lang: request.lang }, documents, manifest, lines))
    : undefined;
  // Earlier issues of the run made without e-invoices get theirs in the same commit, dated as they were issued
  // (--issue-date dates the new issue only).
  const earlier = request.einvoices ? missingEInvoices(folder, manifest, issues, documents, request.einvoices, { date: request.issueDate, given: false }, request.version) : undefined;
  const files = [...outputs, ...(xml?.planned ?? []), ...(earlier?.files ?? [])];
  if (request.dryRun) return { kind: 'dry-run', files: files.map((o) => o.path), changes, inForce, documents: rows };

  const entry: IssueEntry = {
    year,
    run,
    correction,
    flis_version: request.version,
    issue_date: request.issueDate,
    ...(request.einvoices ? { einvoice: request.einvoices.format } : {}),
    dialect: request.dialect,
    tariff,
    inputs: request.einvoices ? [...request.inputs, ...request.einvoices.inputs] : request.inputs,
    outputs: [
      ...made.map((file) => ({ file: file.name, sha256: sha256(file.content) })),
      ...(xml ? xml.planned.map((f, i) => ({ file: xml.names[i]!, sha256: sha256(f.content) }) satisfies FileRecord) : []),
    ],
    documents: rows.length,
    net_amount: totalNet(rows),
    ...(correction > 0 ? { changes: changes.map((c) => ({ kommune_code: c.code, change: describeChange(c) })) } : {}),
    lang: request.lang,
    ...(numbering === SERIES ? { numbering: SERIES } : {}),
    ...(Object.keys(lines).length > 0 ? { lines } : {}),
  };
  const written = await commit(folder, manifest, [...(earlier?.entries ?? []), entry], files, ops);
  return correction === 0 ? { kind: 'issued', ...written, inForce, documents: rows } : { kind: 'corrected', correction, changes, ...written, inForce, documents: rows };
}
