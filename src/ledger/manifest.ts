// manifest.json: the record of everything issued in a run folder. One entry per issue (the first invoices of
// a run, then each correction), with the flis version, the tariff in force, the issue date, and the SHA-256 of
// every input and output file; e-invoices written with the issue are among its outputs. E-invoices written later
// for an issue (flis einvoice) get an entry of their own (kind "einvoices"). Entries are only ever added. A file
// the manifest does not list was not issued.

import { formatDate, parseIsoDate } from '../engine/dates.js';
import { formatExact } from '../engine/money.js';
import { type RunId, isRunId } from '../engine/runs.js';
import type { Tariff } from '../engine/tariff.js';
import { InputError } from '../errors.js';
import type { Dialect } from '../documents/dialect.js';
import { type EInvoiceFormat, EINVOICE_FORMATS } from '../documents/einvoice-formats.js';
import { type Lang, isLang } from '../texts/texts.js';

export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'flis-manifest/1';

export interface FileRecord {
  /** Relative to the run folder for outputs; as given on the command line for inputs. */
  readonly file: string;
  readonly sha256: string;
}

export interface InputRecord extends FileRecord {
  readonly role: 'population' | 'roster' | 'tariff' | 'config';
}

export interface ChangeRecord {
  readonly kommune_code: string;
  readonly change: string;
}

interface EntryBase {
  readonly year: number;
  readonly run: RunId;
  /** 0 for the first issue of the run, k for its k-th correction. */
  readonly correction: number;
  readonly flis_version: string;
  /** The day the documents were issued (ISO); absent in entries written before flis recorded it. */
  readonly issue_date?: string;
  /** The format of the e-invoices among the outputs, if any. */
  readonly einvoice?: EInvoiceFormat;
  readonly inputs: readonly InputRecord[];
  readonly outputs: readonly FileRecord[];
  readonly documents: number;
}

/** An issue: the first invoices of a run (correction 0) or a correction (credit notes and new invoices). */
export interface IssueEntry extends EntryBase {
  readonly kind?: undefined;
  readonly dialect: Dialect;
  readonly tariff: Readonly<Record<string, string | number>>;
  readonly net_amount: string;
  readonly changes?: readonly ChangeRecord[];
  /** The language of the documents' words (notes, e-invoice texts, summary); absent in entries written before flis recorded it: English. */
  readonly lang?: Lang;
}

/** The language an issue's documents were written in: recorded with it, or English, which flis wrote before it recorded one. */
export function languageOf(issue: IssueEntry): Lang {
  return issue.lang ?? 'en';
}

/** E-invoices written after an issue, for its documents (flis einvoice). */
export interface EInvoiceEntry extends EntryBase {
  readonly kind: 'einvoices';
  readonly einvoice: EInvoiceFormat;
  readonly issue_date: string;
}

export type ManifestEntry = IssueEntry | EInvoiceEntry;

export interface Manifest {
  readonly format: string;
  readonly entries: readonly ManifestEntry[];
}

export const EMPTY_MANIFEST: Manifest = { format: FORMAT, entries: [] };

export function tariffRecord(tariff: Tariff): Record<string, string | number> {
  return {
    name: tariff.name,
    price_per_citizen: formatExact(tariff.pricePerCitizen),
    max_price_per_citizen: formatExact(tariff.maxPricePerCitizen),
    knee_threshold: tariff.kneeThreshold,
    knee_rate: tariff.kneeRate.toString(),
    vat_rate: tariff.vatRate.toString(),
    pilot_free_months: tariff.pilotFreeMonths,
    agreement_start: formatDate(tariff.agreementStart),
    agreement_end: formatDate(tariff.agreementEnd),
  };
}

/** Every entry of a run: its issues and the e-invoices written for them. */
export function entriesOf(manifest: Manifest, year: number, run: RunId): ManifestEntry[] {
  return manifest.entries.filter((e) => e.year === year && e.run === run);
}

/** An issue for people: "H1 2025", "H1 2025 correction 2". */
export function issueName(issue: { readonly year: number; readonly run: RunId; readonly correction: number }): string {
  return issue.correction === 0 ? `${issue.run} ${issue.year}` : `${issue.run} ${issue.year} correction ${issue.correction}`;
}

/** The issues of a run (first issue and corrections), in the order they were made. */
export function issuesOf(manifest: Manifest, year: number, run: RunId): IssueEntry[] {
  return entriesOf(manifest, year, run).filter((e): e is IssueEntry => e.kind === undefined);
}

/** The e-invoices of an issue: their format, their files and the issue date they carry, if it has any. */
export function eInvoicesOf(manifest: Manifest, issue: IssueEntry): { format: EInvoiceFormat; files: readonly FileRecord[] } | undefined {
  if (issue.einvoice) return { format: issue.einvoice, files: issue.outputs.filter((o) => o.file.endsWith('.xml')) };
  const later = manifest.entries.find((e): e is EInvoiceEntry => e.kind === 'einvoices' && e.year === issue.year && e.run === issue.run && e.correction === issue.correction);
  return later ? { format: later.einvoice, files: later.outputs } : undefined;
}

/** The issue date of an issue: recorded with it, or with the e-invoices written for it later. */
export function issueDateOf(manifest: Manifest, issue: IssueEntry): string | undefined {
  if (issue.issue_date) return issue.issue_date;
  const later = manifest.entries.find((e): e is EInvoiceEntry => e.kind === 'einvoices' && e.year === issue.year && e.run === issue.run && e.correction === issue.correction);
  return later?.issue_date;
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function isFileRecord(value: unknown): value is FileRecord {
  const v = value as FileRecord;
  return typeof v === 'object' && v !== null && typeof v.file === 'string' && /^[0-9a-f]{64}$/.test(v.sha256);
}

/** Reads a manifest back; anything that is not one flis wrote is refused rather than guessed at. */
export function parseManifest(file: string, text: string): Manifest {
  const damaged = (why: string) =>
    new InputError({
      file,
      message: `the manifest is damaged: ${why}`,
      hint: 'The manifest records what was issued in this folder; restore it from a backup. flis writes nothing here until it is sound.',
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged('it is not valid JSON');
  }
  const m = json as Manifest;
  if (typeof m !== 'object' || m === null || m.format !== FORMAT || !Array.isArray(m.entries)) throw damaged(`it is not a ${FORMAT} manifest`);
  m.entries.forEach((e, i) => {
    const ok =
      typeof e === 'object' &&
      e !== null &&
      Number.isInteger(e.year) &&
      typeof e.run === 'string' &&
      isRunId(e.run) &&
      Number.isInteger(e.correction) &&
      Array.isArray(e.outputs) &&
      e.outputs.every(isFileRecord) &&
      Array.isArray(e.inputs) &&
      e.inputs.every(isFileRecord) &&
      (e.kind === undefined || e.kind === 'einvoices') &&
      (e.issue_date === undefined || (typeof e.issue_date === 'string' && parseIsoDate(e.issue_date) !== undefined)) &&
      (e.einvoice === undefined || (EINVOICE_FORMATS as readonly string[]).includes(e.einvoice)) &&
      (e.kind !== undefined || e.lang === undefined || (typeof e.lang === 'string' && isLang(e.lang))) &&
      (e.kind !== 'einvoices' || (e.einvoice !== undefined && e.issue_date !== undefined));
    if (!ok) throw damaged(`entry ${i + 1} is incomplete`);
  });
  return m;
}
