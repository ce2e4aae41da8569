// A run folder read back, verified: the one reader of every command that trusts what a run folder says was
// issued (flis invoice --out and flis einvoice before they add to it, flis exit and flis revenue --invoices,
// flis verify). Before anything in the folder is used:
// - the manifest is read and its shape checked in full (ledger/manifest.ts);
// - its entries are checked as a chain: each run's issues numbered 0, 1, 2, … without gaps, each listing the
//   files named for it (ledger/chain.ts);
// - every file it lists is there, a file, with the SHA-256 recorded;
// - the documents of every issue are read from its CSV (either layout flis has written) and checked in order:
//   numbers of their run and year, none issued twice, each series without a gap, each credit note crediting
//   the invoice in force and each replacement following it, as recorded (ledger/chain.ts); each issue's
//   e-invoices are one per document.
// Every problem is collected; a command refuses with all of them (exit 1) before it computes anything. A file
// that looks issued but that the manifest does not list was not issued: it is never read, and is reported.

import { lstat, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT_INPUT, InputError, type InputProblem, UsageError } from '../errors.js';
import { EINVOICE_FOLDER, type IssuedDocument, documentProblems, eInvoiceFile, entryProblems } from '../ledger/chain.js';
import { EMPTY_MANIFEST, MANIFEST_FILE, type Manifest, eInvoicesOf, issueFileNames, issueName, listedFiles, parseManifest } from '../ledger/manifest.js';
import { readIssuedRows } from '../readers/issued-invoices.js';
import { inOneChunk } from '../readers/text.js';
import { sha256 } from './output.js';

/** The names of the files flis issues into a run folder (relative to it). */
const ISSUED_NAME = /^((invoices|summary)-\d{4}-(H1|H2|DEC)|corrections-\d{4}-(H1|H2|DEC)-\d+)\.(csv|txt|xlsx)$|^einvoices\/[^/.][^/]*\.xml$/;

export interface RunFolder {
  readonly manifest: Manifest;
  /** Whether the folder has a manifest: a folder without one has issued nothing. */
  readonly hasManifest: boolean;
  /** Every document issued, issue by issue in the order made, each issue's in its CSV's order. */
  readonly documents: readonly IssuedDocument[];
  /** Files (relative) named as flis names issued files that the manifest does not list: not issued, never read. */
  readonly unlisted: readonly string[];
  /** How many listed files were checked. */
  readonly files: number;
  /** The bytes of the listed e-invoices that were sound, by file (relative), when asked for. */
  readonly eInvoices: ReadonlyMap<string, Buffer>;
}

export interface RunFolderOptions {
  /** A folder without a manifest is refused (reading what was issued), or is an empty ledger (issuing into it). */
  readonly requireManifest: boolean;
  /** Keep the e-invoices' bytes (flis verify compares them with their documents). */
  readonly keepEInvoices?: boolean;
}

export interface RunFolderInspection {
  /** As far as it could be read: with problems, only what was sound. */
  readonly folder: RunFolder;
  readonly problems: readonly InputProblem[];
}

/** The files in the folder and its e-invoice folder, relative to it, that are named as flis names what it issues. */
async function issuedLooking(folder: string, shown: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []; // not made yet (flis invoice --dry-run): nothing issued
    throw new UsageError(`cannot read the run folder ${shown}: ${(error as Error).message}`, 'Give the --out folder of flis invoice.');
  }
  if (names.includes(EINVOICE_FOLDER)) {
    try {
      names.push(...(await readdir(join(folder, EINVOICE_FOLDER))).map((n) => `${EINVOICE_FOLDER}/${n}`));
    } catch {
      // not a folder: each e-invoice listed is then missing, and said to be
    }
  }
  return names.filter((n) => ISSUED_NAME.test(n)).sort();
}

/** "a, b, c and 4 more". */
function some(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

const RESTORE = 'Restore it from a backup: an issued file is never changed or removed (corrections are made with --supersede). flis trusts nothing in this folder until it is sound.';

/** The manifest, or why there is none to use. Refuses at once where the folder is not a run folder at all. */
async function manifestOf(folder: string, shown: string, present: readonly string[], options: RunFolderOptions): Promise<{ manifest: Manifest; found: boolean; problems: InputProblem[] }> {
  const file = join(shown, MANIFEST_FILE);
  let text: string;
  try {
    // Only a regular file is read: a pipe put in its place would block the read for ever, a device never end.
    const info = await lstat(join(folder, MANIFEST_FILE));
    if (!info.isFile() && !info.isDirectory()) {
      return { manifest: EMPTY_MANIFEST, found: true, problems: [{ file, message: `the manifest is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a file'}, not the file flis wrote`, hint: 'The manifest records what was issued in this folder; restore it from a backup.' }] };
    }
    text = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { manifest: EMPTY_MANIFEST, found: true, problems: [{ file, message: 'the manifest is a folder, not a file', hint: 'The manifest records what was issued in this folder; restore it from a backup.' }] };
    if (code !== 'ENOENT') throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, 'Give flis permission to read the run folder.');
    if (!options.requireManifest) return { manifest: EMPTY_MANIFEST, found: false, problems: [] };
    if (present.length === 0) throw new UsageError(`${shown} is not a run folder: it has no ${MANIFEST_FILE}`, 'Give the --out folder of flis invoice; only documents its manifest lists were issued.');
    throw new InputError({
      file: shown,
      message: `the folder holds ${some(present)}, but no ${MANIFEST_FILE}: without the manifest nothing in it can be shown to have been issued, and flis reads none of it`,
      hint: `Restore ${MANIFEST_FILE} from a backup. A file no manifest lists was not issued.`,
    });
  }
  try {
    return { manifest: parseManifest(file, text), found: true, problems: [] };
  } catch (error) {
    if (error instanceof InputError) return { manifest: EMPTY_MANIFEST, found: true, problems: [...error.problems] };
    throw error;
  }
}

/** The bytes of a listed file, or the problem with it: missing, not a file, changed. */
async function listedBytes(folder: string, shown: string, output: { readonly file: string; readonly sha256: string }): Promise<Buffer | InputProblem> {
  const file = join(shown, output.file);
  let stat;
  try {
    stat = await lstat(join(folder, output.file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { file, message: `missing: ${MANIFEST_FILE} says it was issued`, hint: RESTORE };
    return { file, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, hint: 'Give flis permission to read the run folder.' };
  }
  if (!stat.isFile()) return { file, message: `${stat.isDirectory() ? 'a folder' : stat.isSymbolicLink() ? 'a symbolic link' : 'not a file'}, not the file ${MANIFEST_FILE} says was issued`, hint: RESTORE };
  let bytes: Buffer;
  try {
    bytes = await readFile(join(folder, output.file));
  } catch (error) {
    return { file, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, hint: 'Give flis permission to read the run folder.' };
  }
  if (sha256(bytes) !== output.sha256) return { file, message: `changed since it was issued (its SHA-256 is not the one in ${MANIFEST_FILE})`, hint: RESTORE };
  return bytes;
}

/** The folder read and checked, with every problem found; refuses at once only where it is not a run folder. */
export async function inspectRunFolder(folder: string, shown: string, options: RunFolderOptions): Promise<RunFolderInspection> {
  const present = await issuedLooking(folder, shown);
  const { manifest, found, problems } = await manifestOf(folder, shown, present, options);
  const listed = listedFiles(manifest);
  const result = (documents: readonly IssuedDocument[], files: number, eInvoices: ReadonlyMap<string, Buffer>): RunFolderInspection => ({
    folder: { manifest, hasManifest: found, documents, unlisted: present.filter((n) => !listed.has(n)), files, eInvoices },
    problems,
  });
  if (problems.length > 0) return result([], 0, new Map());
  problems.push(...entryProblems(manifest, join(shown, MANIFEST_FILE)));
  if ([...listed].some((n) => n.startsWith(`${EINVOICE_FOLDER}/`)) && (await lstat(join(folder, EINVOICE_FOLDER)).catch(() => undefined))?.isSymbolicLink()) {
    problems.push({ file: join(shown, EINVOICE_FOLDER), message: 'a symbolic link, not the folder of e-invoices flis made', hint: RESTORE });
  }

  const documents: IssuedDocument[] = [];
  const eInvoices = new Map<string, Buffer>();
  /** Runs ("2024 H1") with an issue whose documents could not be read: their chain is not checked. */
  const unread = new Set<string>();
  let files = 0;
  for (const entry of manifest.entries) {
    const csv = entry.kind === undefined ? issueFileNames(entry.year, entry.run, entry.correction).csv : undefined;
    if (csv !== undefined && !entry.outputs.some((o) => o.file === csv)) unread.add(`${entry.year} ${entry.run}`);
    for (const output of entry.outputs) {
      files += 1;
      const bytes = await listedBytes(folder, shown, output);
      if (!Buffer.isBuffer(bytes)) {
        problems.push(bytes);
        if (output.file === csv) unread.add(`${entry.year} ${entry.run}`);
        continue;
      }
      if (options.keepEInvoices && output.file.endsWith('.xml')) eInvoices.set(output.file, bytes);
      if (output.file !== csv || entry.kind !== undefined) continue;
      try {
        for (const issued of await readIssuedRows(join(shown, output.file), inOneChunk(bytes))) documents.push({ ...issued, issue: entry });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.problems);
        unread.add(`${entry.year} ${entry.run}`);
      }
    }
  }
  const checked = documents.filter((d) => !unread.has(`${d.issue.year} ${d.issue.run}`));
  problems.push(...documentProblems(checked), ...eInvoiceListProblems(manifest, checked, join(shown, MANIFEST_FILE)));
  return result(documents, files, eInvoices);
}

/** Each issue with e-invoices lists one per document, named for it, and no other. */
function eInvoiceListProblems(manifest: Manifest, documents: readonly IssuedDocument[], file: string): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const issue of new Set(documents.map((d) => d.issue))) {
    const xml = eInvoicesOf(manifest, issue);
    if (!xml) continue;
    const expected = documents.filter((d) => d.issue === issue).map((d) => eInvoiceFile(d.row.invoice_number));
    const listed = xml.files.map((f) => f.file);
    const missing = expected.filter((n) => !listed.includes(n));
    const extra = listed.filter((n) => !expected.includes(n));
    const name = issueName(issue);
    if (missing.length > 0) problems.push({ file, message: `the e-invoices of ${name} do not include ${some(missing)}: an issue with e-invoices has one for every document`, hint: RESTORE });
    if (extra.length > 0) problems.push({ file, message: `the e-invoices of ${name} include ${some(extra)}, which is not a document of that issue`, hint: RESTORE });
  }
  return problems;
}

/** The folder read and checked; refused (exit 1, every problem at once) unless it is sound. */
export async function readRunFolder(folder: string, shown: string, options: RunFolderOptions): Promise<RunFolder> {
  const { folder: read, problems } = await inspectRunFolder(folder, shown, options);
  if (problems.length > 0) throw new InputError(problems, EXIT_INPUT);
  return read;
}
