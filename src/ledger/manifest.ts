// manifest.json: the record of everything issued in a run folder. One entry per issue (the first invoices of
// a run, then each correction), with the flis version, the tariff in force, the issue date, and the SHA-256 of
// every input and output file; e-invoices written with the issue are among its outputs. E-invoices written later
// for an issue (flis einvoice) get an entry of their own (kind "einvoices"). Entries are only ever added. A file
// the manifest does not list was not issued.

import { formatDate, parseIsoDate } from '../engine/dates.js';
import { formatExact } from '../engine/money.js';
import { RUNS, type RunId, isRunId } from '../engine/runs.js';
import type { Tariff } from '../engine/tariff.js';
import { duplicateKeys, excerptAt } from '../readers/json.js';
import { InputError, type InputProblem } from '../errors.js';
import { DIALECTS, type Dialect } from '../documents/dialect.js';
import { type EInvoiceFormat, EINVOICE_FORMATS } from '../documents/einvoice-formats.js';
import type { LineRecord } from '../documents/invoice-document.js';
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
  readonly tariff: Readonly<Record<string, string | number | readonly VersionRecord[]>>;
  readonly net_amount: string;
  readonly changes?: readonly ChangeRecord[];
  /** The language of the documents' words (notes, e-invoice texts, summary); absent in entries written before flis recorded it: English. */
  readonly lang?: Lang;
  /**
   * How the run's documents are numbered: "series/1" (FLIS-2025-H1-0001…, credit notes FLIS-2025-H1-K0001…);
   * absent in the issues of runs first issued before flis numbered in series, which keep numbering by code.
   */
  readonly numbering?: 'series/1';
  /**
   * The lines of the documents issued whose window spans a change of the tariff (billing rules §11), by document
   * number: their CSV rows keep the totals, their e-invoices carry these lines. Absent where no document has two.
   */
  readonly lines?: Readonly<Record<string, readonly LineRecord[]>>;
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

/** A version of the tariff as the manifest records it: its day, the terms it gives, when and by whom it was decided. */
export type VersionRecord = Readonly<Record<string, string | number>>;

export function tariffRecord(tariff: Tariff): Record<string, string | number | readonly VersionRecord[]> {
  const versions = (tariff.versions ?? []).map((v) => ({
    from: formatDate(v.from),
    ...(v.pricePerCitizen !== undefined ? { price_per_citizen: formatExact(v.pricePerCitizen) } : {}),
    ...(v.maxPricePerCitizen !== undefined ? { max_price_per_citizen: formatExact(v.maxPricePerCitizen) } : {}),
    ...(v.kneeThreshold !== undefined ? { knee_threshold: v.kneeThreshold } : {}),
    ...(v.kneeRate !== undefined ? { knee_rate: v.kneeRate.toString() } : {}),
    ...(v.vatRate !== undefined ? { vat_rate: v.vatRate.toString() } : {}),
    ...(v.decided !== undefined ? { decided: formatDate(v.decided) } : {}),
    ...(v.decision !== undefined ? { decision: v.decision } : {}),
  }));
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
    // Only a tariff with versions records them: the record of one without is as it always was.
    ...(versions.length > 0 ? { versions } : {}),
  };
}

/** The lines of every document the manifest records lines for, by document number. */
export function recordedLines(manifest: Manifest): Map<string, readonly LineRecord[]> {
  const lines = new Map<string, readonly LineRecord[]>();
  for (const entry of manifest.entries) {
    if (entry.kind === undefined && entry.lines) for (const [number, records] of Object.entries(entry.lines)) lines.set(number, records);
  }
  return lines;
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

/**
 * The names of an issue's CSV, summary and workbook (written with --xlsx only): invoices-YEAR-RUN for the first
 * issue, corrections-YEAR-RUN-K for the k-th correction.
 */
export function issueFileNames(year: number, run: RunId, correction: number): { csv: string; summary: string; workbook: string } {
  return correction === 0
    ? { csv: `invoices-${year}-${run}.csv`, summary: `summary-${year}-${run}.txt`, workbook: `invoices-${year}-${run}.xlsx` }
    : { csv: `corrections-${year}-${run}-${correction}.csv`, summary: `corrections-${year}-${run}-${correction}.txt`, workbook: `corrections-${year}-${run}-${correction}.xlsx` };
}

/** Every file the manifest lists (relative to the run folder): what was issued there. */
export function listedFiles(manifest: Manifest): Set<string> {
  return new Set(manifest.entries.flatMap((e) => e.outputs.map((o) => o.file)));
}

/** How an entry is named in messages: "entry 2 (H1 2024 correction 1, e-invoices)", as far as it can be told. */
function entryName(e: Record<string, unknown>, i: number): string {
  const issue = Number.isInteger(e.year) && typeof e.run === 'string' && isRunId(e.run) && Number.isInteger(e.correction) ? issueName(e as never) : undefined;
  const what = [issue, e.kind === 'einvoices' ? 'e-invoices' : undefined].filter((w) => w !== undefined).join(', ');
  return what === '' ? `entry ${i + 1}` : `entry ${i + 1} (${what})`;
}

const SHA256 = /^[0-9a-f]{64}$/;
const AMOUNT = /^-?\d+\.\d{2}$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const ROLES: readonly string[] = ['population', 'roster', 'tariff', 'config'];

/** A file name a manifest may list: relative, inside the run folder, no `..`, no absolute path, no backslash. */
export function isFolderPath(file: string): boolean {
  return file !== '' && !file.startsWith('/') && !/[\\\0:]/.test(file) && file.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

type Check = (value: unknown) => string | undefined;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (what: string, test: (s: string) => boolean = (s) => s !== ''): Check => (v) => (typeof v === 'string' && test(v) ? undefined : `is not ${what}`);
const whole = (what: string, min: number, max = Number.MAX_SAFE_INTEGER): Check => (v) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `is not ${what}`);
const oneOf = (values: readonly string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? undefined : `is not one of ${values.join(', ')}`);
const isoDate = text('a date (YYYY-MM-DD)', (s) => parseIsoDate(s) !== undefined);

const optionalDecimal = (what: string): Check => text(what, (s) => DECIMAL.test(s));

/** A version as tariffRecord writes it: its day, and any of the terms, the day decided and the decision. */
const VERSION: Readonly<Record<string, Check>> = {
  from: isoDate,
  price_per_citizen: optionalDecimal('a price'),
  max_price_per_citizen: optionalDecimal('a price'),
  knee_threshold: whole('a number of citizens', 0),
  knee_rate: optionalDecimal('a rate'),
  vat_rate: optionalDecimal('a rate'),
  decided: isoDate,
  decision: text('text'),
};

/** A line of a document as lineRecords writes it. */
const LINE: Readonly<Record<string, Check>> = {
  period_from: isoDate,
  period_to: isoDate,
  billable_days: whole('a number of days', 1),
  price_per_citizen: optionalDecimal('a price'),
  knee_threshold: whole('a number of citizens', 0),
  knee_rate: optionalDecimal('a rate'),
  full_rate_citizens: whole('a number of citizens', 0),
  reduced_rate_citizens: whole('a number of citizens', 0),
  annual_fee: optionalDecimal('an annual fee'),
  net_amount: text('an amount (two decimals)', (s) => AMOUNT.test(s)),
  vat_rate: optionalDecimal('a rate'),
  vat_amount: text('an amount (two decimals)', (s) => AMOUNT.test(s)),
};

/** The tariff as tariffRecord writes it: every key, each of its type. */
const TARIFF: Readonly<Record<string, Check>> = {
  name: text('a name'),
  price_per_citizen: text('a price', (s) => DECIMAL.test(s)),
  max_price_per_citizen: text('a price', (s) => DECIMAL.test(s)),
  knee_threshold: whole('a number of citizens', 0),
  knee_rate: text('a rate', (s) => DECIMAL.test(s)),
  vat_rate: text('a rate', (s) => DECIMAL.test(s)),
  pilot_free_months: whole('a number of months', 0),
  agreement_start: isoDate,
  agreement_end: isoDate,
  versions: (v) => records('a version', VERSION, ['from'])(v),
};

/** The problems of an object (`what`) against its fields (required unless listed as optional), and any field it should not have. */
function fieldProblems(value: Record<string, unknown>, fields: Readonly<Record<string, Check>>, what: string, optional: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const [key, check] of Object.entries(fields)) {
    if (!(key in value)) {
      if (!optional.includes(key)) problems.push(`"${key}" is missing`);
      continue;
    }
    const why = check(value[key]);
    if (why !== undefined) problems.push(why.startsWith(':') ? `"${key}"${why}` : `"${key}" ${why}: ${JSON.stringify(value[key])?.slice(0, 60)}`);
  }
  for (const key of Object.keys(value)) if (!(key in fields)) problems.push(`"${key}" is not a field of ${what}`);
  return problems;
}

/** An object of `fields`, each required but those listed as optional; its problems follow a colon. */
const object = (what: string, fields: Readonly<Record<string, Check>>, optional: readonly string[] = []): Check => (v) => {
  if (!isObject(v)) return 'is not an object';
  const problems = fieldProblems(v, fields, what, optional);
  return problems.length > 0 ? `: ${problems.join('; ')}` : undefined;
};

/** A list of objects of `fields` (where `required` is given, only those fields are required); the problems of each bad one follow a colon. */
const records = (what: string, fields: Readonly<Record<string, Check>>, required?: readonly string[]): Check => (v) => {
  if (!Array.isArray(v)) return 'is not a list';
  const optional = required ? Object.keys(fields).filter((k) => !required.includes(k)) : [];
  const problems = v.flatMap((item, i) => {
    const why = object(what, fields, optional)(item);
    return why === undefined ? [] : [`item ${i + 1}${why.startsWith(':') ? why : ` ${why}`}`];
  });
  return problems.length > 0 ? `: ${problems.join('; ')}` : undefined;
};

const FILE_RECORD = { sha256: text('a SHA-256 (64 hex digits)', (s) => SHA256.test(s)) };
const BASE: Readonly<Record<string, Check>> = {
  year: whole('a year', 1000, 9999),
  run: oneOf(RUNS),
  correction: whole('a correction number (0 for the first issue, 1, 2, … for its corrections)', 0),
  flis_version: text('a version'),
  issue_date: isoDate,
  einvoice: oneOf(EINVOICE_FORMATS),
  inputs: records('an input', { role: oneOf(ROLES), file: text('a file name'), ...FILE_RECORD }),
  outputs: records('an output', { file: text('a file inside the run folder (relative, no ..)', isFolderPath), ...FILE_RECORD }),
  documents: whole('a count of documents', 0),
};
const ISSUE: Readonly<Record<string, Check>> = {
  ...BASE,
  dialect: oneOf(DIALECTS),
  tariff: object('the tariff', TARIFF, ['versions']),
  net_amount: text('an amount (two decimals)', (s) => AMOUNT.test(s)),
  changes: records('a change', { kommune_code: text('a municipality code', (s) => /^\d{3}$/.test(s)), change: text('a change in words') }),
  lang: (v) => (typeof v === 'string' && isLang(v) ? undefined : 'is not a language flis writes'),
  numbering: oneOf(['series/1']),
  lines: (v) => {
    if (!isObject(v)) return 'is not an object';
    const problems = Object.entries(v).flatMap(([number, lines]) => {
      const why = records('a line', LINE)(lines);
      return why === undefined ? [] : [`${number}${why.startsWith(':') ? why : ` ${why}`}`];
    });
    return problems.length > 0 ? `: ${problems.join('; ')}` : undefined;
  },
};
const EINVOICES: Readonly<Record<string, Check>> = { ...BASE, kind: oneOf(['einvoices']) };

/**
 * Reads a manifest back; anything that is not one flis wrote is refused rather than guessed at: every field of
 * every entry is checked for its type, output files must lie inside the run folder, and no file may be listed
 * twice. Every problem is reported at once.
 */
export function parseManifest(file: string, text: string): Manifest {
  const damaged = (why: string): InputProblem => ({
    file,
    message: `the manifest is damaged: ${why}`,
    hint: 'The manifest records what was issued in this folder; restore it from a backup. flis writes nothing here until it is sound.',
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(damaged('it is not valid JSON'));
  }
  if (!isObject(json) || json.format !== FORMAT || !Array.isArray(json.entries)) throw new InputError(damaged(`it is not a ${FORMAT} manifest`));
  const problems: InputProblem[] = [];
  // JSON keeps the last of a key given twice: a manifest flis wrote never has one, so an entry edited that way is refused.
  for (const twice of duplicateKeys(text)) {
    problems.push({ ...damaged(`"${twice.path.join('.')}" is given twice (first on line ${twice.firstLine})`), line: twice.line, excerpt: excerptAt(text, twice.line) });
  }
  for (const key of Object.keys(json)) if (key !== 'format' && key !== 'entries') problems.push(damaged(`"${key}" is not a field of a manifest`));
  const seen = new Map<string, number>();
  json.entries.forEach((e: unknown, i: number) => {
    if (!isObject(e)) {
      problems.push(damaged(`entry ${i + 1} is not an object`));
      return;
    }
    const einvoices = e.kind !== undefined;
    const why = fieldProblems(e, einvoices ? EINVOICES : ISSUE, 'a manifest entry', einvoices ? [] : ['issue_date', 'einvoice', 'changes', 'lang', 'numbering', 'lines']);
    for (const w of why) problems.push(damaged(`${entryName(e, i)}: ${w}`));
    if (Array.isArray(e.outputs)) {
      for (const output of e.outputs as unknown[]) {
        const name = isObject(output) && typeof output.file === 'string' ? output.file : undefined;
        if (name === undefined) continue;
        const first = seen.get(name);
        if (first !== undefined) problems.push(damaged(`${entryName(e, i)} lists ${name}, which entry ${first + 1} lists too: a file is issued once`));
        else seen.set(name, i);
      }
    }
  });
  if (problems.length > 0) throw new InputError(problems);
  return json as unknown as Manifest;
}
